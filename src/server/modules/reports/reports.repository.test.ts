import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createTestDatabase } from '../../../../test/test-database.ts';
import { compileThroughIndex } from '../../db/dialect.ts';
import type { DatabaseHandle } from '../../db/database.ts';
import { TIME_TOTALS_SOURCE, timeTotalsQuery } from './reports.repository.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: the time report's totals query`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(() => handle.close());

    const totals = () =>
      compileThroughIndex(
        handle.db,
        timeTotalsQuery(handle.db, 1, {
          from: '2026-01-01',
          to: '2026-12-31',
          periodStarts: ['2026-07-01'],
          rounding: { mode: 'up', minutes: 15 },
          visibleTo: { userIds: [1], projectIds: [2] },
        }),
        TIME_TOTALS_SOURCE,
      );

    it('runs, with rate periods, rounding and a visibility scope', async () => {
      await expect(handle.db.executeQuery(totals())).resolves.toMatchObject({ rows: [] });
    });

    // A year of entries must never be read from the table: ADR 0009, docs/performance.md.
    it.runIf(dialect === 'sqlite')('reads the covering totals index alone on SQLite', async () => {
      const query = totals();
      const { rows } = await handle.db.executeQuery<{ detail: string }>({
        ...query,
        sql: `explain query plan ${query.sql}`,
      });
      expect(rows.map((r) => r.detail).join(' | ')).toMatch(
        /SEARCH t USING COVERING INDEX time_entries_live_totals_idx/,
      );
    });
  });
}
