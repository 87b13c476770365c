import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/dialects.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import { supportsRowLocks } from './dialect.ts';

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
}
