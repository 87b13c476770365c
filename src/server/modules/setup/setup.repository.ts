import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';

export async function insertSetupCode(
  db: Kysely<Database>,
  row: { code_hash: string; created_at: number; expires_at: number },
): Promise<void> {
  await db.insertInto('setup_codes').values(row).execute();
}

/**
 * Uses up a code still in force: every code goes with it, so the first account is claimed
 * once. Of two claims racing with one code, the second finds nothing to delete.
 */
export async function consumeSetupCode(
  tx: Kysely<Database>,
  codeHash: string,
  now: number,
): Promise<boolean> {
  const used = await tx
    .deleteFrom('setup_codes')
    .where('code_hash', '=', codeHash)
    .where('expires_at', '>', now)
    .returning('id')
    .execute();
  if (used.length === 0) return false;
  await tx.deleteFrom('setup_codes').execute();
  return true;
}
