import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/dialects.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import { executeThroughIndex, supportsRowLocks } from './dialect.ts';

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
