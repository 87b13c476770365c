import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/dialects.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import { sql } from 'kysely';
import { epochDaySql, executeThroughIndex, supportsRowLocks } from './dialect.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: supportsRowLocks`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(() => handle.close());

    it('is true exactly where FOR UPDATE runs', async () => {
      expect(supportsRowLocks(handle.db)).toBe(dialect === 'postgres');
      const lock = handle.db.selectFrom('accounts').select('id').forUpdate();
      if (supportsRowLocks(handle.db)) await expect(lock.execute()).resolves.toEqual([]);
      else await expect(lock.execute()).rejects.toThrow();
    });
  });

  describe(`${dialect}: executeThroughIndex`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(() => handle.close());

    const accounts = () =>
      handle.db.selectFrom('accounts as a').select('a.id').where('a.id', '<', 0);

    it('runs the query and returns its rows', async () => {
      const live = handle.db
        .selectFrom('time_entries as t')
        .select(['t.id', 't.spent_date'])
        .where('t.account_id', '=', -1)
        .where('t.deleted_at', 'is', null);
      await expect(
        executeThroughIndex(handle.db, live, {
          table: 'time_entries',
          alias: 't',
          index: 'time_entries_live_account_date_idx',
        }),
      ).resolves.toEqual([]);
    });

    it('names the index on SQLite only, and refuses a query that does not read the table', async () => {
      const missing = executeThroughIndex(handle.db, accounts(), {
        table: 'accounts',
        alias: 'a',
        index: 'no_such_index',
      });
      if (dialect === 'sqlite') await expect(missing).rejects.toThrow(/no such index/);
      else await expect(missing).resolves.toEqual([]);
      const other = executeThroughIndex(handle.db, accounts(), {
        table: 'users',
        alias: 'u',
        index: 'x',
      });
      if (dialect === 'sqlite') await expect(other).rejects.toThrow(/does not read/);
    });
  });
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: epochDaySql`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(() => handle.close());

    it('counts the days since 1970-01-01 as the calendar does, leap days included', async () => {
      const days = ['1970-01-01', '1970-01-05', '2024-02-29', '2024-03-01', '2026-12-31'];
      const rows = await sql<{ d: string; n: number | string }>`select d, ${epochDaySql(
        handle.db,
        'd',
      )} as n from (${sql.join(
        days.map((d) => sql`select ${d} as d`),
        sql` union all `,
      )}) as x order by d`.execute(handle.db);
      expect(rows.rows.map((r) => [r.d, Number(r.n)])).toEqual(
        days.map((d) => [d, Date.parse(d) / 86_400_000]),
      );
    });
  });
}
