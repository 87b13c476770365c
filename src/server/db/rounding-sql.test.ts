import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { DIALECTS } from '../../../test/dialects.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { roundedHundredths } from '../../shared/time.ts';
import type { DatabaseHandle } from './database.ts';
import { roundedHundredthsSql } from './rounding-sql.ts';

const LAST_SECOND = 4 * 3600;

for (const dialect of DIALECTS) {
  describe(`${dialect}: roundedHundredthsSql`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(() => handle.close());

    it.each([
      ['none', 15],
      ['up', 1],
      ['up', 6],
      ['up', 15],
      ['up', 30],
      ['nearest', 5],
      ['nearest', 10],
      ['nearest', 15],
      ['nearest', 60],
    ] as const)(
      'agrees with the TypeScript rule for every second up to 4 h (%s %i)',
      async (mode, step) => {
        // A count, a sum and a position-weighted sum: any second where the two differ moves them.
        const expression = roundedHundredthsSql('n', mode, step);
        const { rows } = await sql<{
          count: string | number;
          total: string | number;
          weighted: string | number;
        }>`
        with recursive seconds(n) as (
          select 0 union all select n + 1 from seconds where n < ${sql.lit(LAST_SECOND)}
        )
        select count(*) as count, sum(${expression}) as total,
               sum(cast(${expression} as bigint) * (n + 1)) as weighted
        from seconds`.execute(handle.db);
        let total = 0;
        let weighted = 0;
        for (let n = 0; n <= LAST_SECOND; n += 1) {
          const value = roundedHundredths(n, mode, step);
          total += value;
          weighted += value * (n + 1);
        }
        const row = rows[0];
        expect(row && [Number(row.count), Number(row.total), Number(row.weighted)]).toEqual([
          LAST_SECOND + 1,
          total,
          weighted,
        ]);
      },
    );
  });
}
