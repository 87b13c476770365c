import type { Kysely, Selectable } from 'kysely';
import type { Database, IdempotencyKeysTable } from '../../db/database-types.ts';

export type IdempotencyRow = Selectable<IdempotencyKeysTable>;

export function findIdempotencyKey(
  db: Kysely<Database>,
  tokenId: number,
  key: string,
): Promise<IdempotencyRow | undefined> {
  return db
    .selectFrom('idempotency_keys')
    .selectAll()
    .where('token_id', '=', tokenId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Claims a key for a request; the unique constraint makes a concurrent twin fail. */
export function claimIdempotencyKey(
  db: Kysely<Database>,
  values: { token_id: number; key: string; request_hash: string; created_at: number },
): Promise<IdempotencyRow> {
  return db
    .insertInto('idempotency_keys')
    .values({ ...values, status_code: null, response_body: null, location: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function completeIdempotencyKey(
  db: Kysely<Database>,
  id: number,
  response: { status_code: number; response_body: string; location: string | null },
): Promise<void> {
  await db.updateTable('idempotency_keys').set(response).where('id', '=', id).execute();
}

export async function releaseIdempotencyKey(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('id', '=', id).execute();
}
