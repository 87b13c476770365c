import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/dialects.ts';
import { createTestDatabase } from '../../../test/test-database.ts';
import type { DatabaseHandle } from './database.ts';
import { isUniqueViolation } from './errors.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: isUniqueViolation`, () => {
    let handle: DatabaseHandle;
    beforeAll(async () => {
      handle = await createTestDatabase(dialect);
    });
    afterAll(() => handle.close());

    const insert = (email: string) =>
      handle.db
        .insertInto('identities')
        .values({ email, password_hash: null, created_at: 0, updated_at: 0 })
        .execute();

    it('recognises a duplicate key and nothing else', async () => {
      await insert('dup@example.com');
      const duplicate = await insert('dup@example.com').catch((e: unknown) => e);
      expect(isUniqueViolation(duplicate)).toBe(true);

      const notNull = await handle.db
        .insertInto('identities')
        .values({
          email: null as unknown as string,
          password_hash: null,
          created_at: 0,
          updated_at: 0,
        })
        .execute()
        .catch((e: unknown) => e);
      expect(notNull).toBeInstanceOf(Error);
      expect(isUniqueViolation(notNull)).toBe(false);
      expect(isUniqueViolation(new Error('x'))).toBe(false);
      expect(isUniqueViolation(null)).toBe(false);
    });
  });
}
