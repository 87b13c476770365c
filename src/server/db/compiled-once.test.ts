import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/dialects.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import { FixedClock } from '../shared/clock.ts';
import { createAccount } from '../../../test/factories.ts';
import { compiledOnce } from './compiled-once.ts';
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
  });
}
