import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/dialects.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { FixedClock } from '../shared/clock.ts';
import { createAccount } from '../../../test/factories.ts';
import { compiledForRows, compiledOnce } from './compiled-once.ts';
import type { DatabaseHandle } from './database.ts';

const accountsNamed = compiledOnce((db, args: { name: string; after: number }) =>
  db
    .selectFrom('accounts')
    .select(['id', 'name'])
    .where('name', '=', args.name)
    .where('id', '>', args.after)
    .orderBy('id')
    .limit(5),
);

type Record_ = {
  account_id: number;
  external_id: string;
  time_entry_id: number | null;
  created_at: number;
};
const insertRecords = compiledForRows((db, rows: Record_[]) =>
  db
    .insertInto('import_records')
    .values(
      rows.map((r) => ({
        account_id: r.account_id,
        external_id: r.external_id,
        time_entry_id: r.time_entry_id,
        created_at: r.created_at,
      })),
    )
    .returning(['external_id', 'created_at']),
);

for (const dialect of DIALECTS) {
  describe(`${dialect}: compiledOnce`, () => {
    let handle: DatabaseHandle;
    const clock = new FixedClock('2026-01-01T00:00:00Z');
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(() => handle.close());

    it('binds each call its own values, constants kept, inside and outside transactions', async () => {
      const a = await createAccount(handle.db, clock, { name: 'Alpha' });
      const b = await createAccount(handle.db, clock, { name: 'Beta' });
      expect(await accountsNamed(handle.db, { name: 'Alpha', after: 0 })).toEqual([
        { id: a.id, name: 'Alpha' },
      ]);
      expect(await accountsNamed(handle.db, { name: 'Beta', after: 0 })).toEqual([
        { id: b.id, name: 'Beta' },
      ]);
      expect(await accountsNamed(handle.db, { name: 'Beta', after: b.id })).toEqual([]);
      await handle.db.transaction().execute(async (tx) => {
        expect(await accountsNamed(tx, { name: 'Alpha', after: 0 })).toEqual([
          { id: a.id, name: 'Alpha' },
        ]);
      });
    });

    it('binds every row of a multi-row statement its own values, for each row count', async () => {
      const account = await createAccount(handle.db, clock, { name: 'Rows' });
      const rows = (n: number, tag: string) =>
        Array.from({ length: n }, (_, i) => ({
          account_id: account.id,
          external_id: `${tag}-${i}`,
          time_entry_id: i % 2 === 0 ? null : i,
          created_at: i,
        }));
      for (const [n, tag] of [
        [3, 'a'],
        [3, 'b'],
        [1, 'c'],
        [0, 'd'],
      ] as const) {
        const made = await insertRecords(handle.db, rows(n, tag));
        expect(made.map((r) => r.external_id).sort()).toEqual(
          rows(n, tag)
            .map((r) => r.external_id)
            .sort(),
        );
      }
      const stored = await handle.db
        .selectFrom('import_records')
        .select(['external_id', 'time_entry_id'])
        .where('account_id', '=', account.id)
        .orderBy('id')
        .execute();
      expect(stored.map((r) => [r.external_id, r.time_entry_id])).toEqual([
        ['a-0', null],
        ['a-1', 1],
        ['a-2', null],
        ['b-0', null],
        ['b-1', 1],
        ['b-2', null],
        ['c-0', null],
      ]);
    });
  });
}
