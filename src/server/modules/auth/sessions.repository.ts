import type { Kysely } from 'kysely';
import type { Database, SessionsTable } from '../../db/database-types.ts';
import type { Insertable } from 'kysely';

export async function insertSession(db: Kysely<Database>, row: Insertable<SessionsTable>) {
  return db.insertInto('sessions').values(row).returningAll().executeTakeFirstOrThrow();
}

export function findSessionByHash(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('sessions')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(
  db: Kysely<Database>,
  id: number,
  lastSeenAt: number,
  expiresAt: number,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ last_seen_at: lastSeenAt, expires_at: expiresAt })
    .where('id', '=', id)
    .execute();
}

/** A login's sessions still in force, newest first. */
export function listLiveSessions(db: Kysely<Database>, identityId: number, now: number) {
  return db
    .selectFrom('sessions')
    .select(['id', 'user_id', 'user_agent', 'address', 'created_at', 'last_seen_at', 'expires_at'])
    .where('identity_id', '=', identityId)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('id', 'desc')
    .execute();
}

/** Ends one of a login's sessions; false when it has no such live session. */
export async function revokeSession(
  db: Kysely<Database>,
  identityId: number,
  id: number,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('id', '=', id)
    .where('identity_id', '=', identityId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

export async function recordSignInFailures(
  db: Kysely<Database>,
  keys: { scope: string; key: string }[],
  at: number,
): Promise<void> {
  await db
    .insertInto('sign_in_failures')
    .values(keys.map((k) => ({ ...k, failed_at: at })))
    .execute();
}

/** Failures of one key since a time, newest first (at most `limit`, all the rules need). */
export async function signInFailuresSince(
  db: Kysely<Database>,
  scope: string,
  key: string,
  since: number,
  limit: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('sign_in_failures')
    .select('failed_at')
    .where('scope', '=', scope)
    .where('key', '=', key)
    .where('failed_at', '>', since)
    .orderBy('failed_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.failed_at);
}

/** A successful sign-in forgives the login's failures; old failures of any key are dropped. */
export async function clearSignInFailures(
  db: Kysely<Database>,
  login: { scope: string; key: string },
  olderThan: number,
): Promise<void> {
  await db
    .deleteFrom('sign_in_failures')
    .where((eb) =>
      eb.or([
        eb.and([eb('scope', '=', login.scope), eb('key', '=', login.key)]),
        eb('failed_at', '<=', olderThan),
      ]),
    )
    .execute();
}

/** Points a session at another person of the same login (switching accounts). */
export async function moveSession(
  db: Kysely<Database>,
  id: number,
  userId: number,
  at: number,
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ user_id: userId, last_seen_at: at })
    .where('id', '=', id)
    .execute();
}

/** Ends every live session of a login but one (after its password changed). */
export async function revokeOtherSessions(
  db: Kysely<Database>,
  identityId: number,
  keepId: number | null,
  at: number,
): Promise<void> {
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: at })
    .where('identity_id', '=', identityId)
    .where('revoked_at', 'is', null);
  if (keepId !== null) query = query.where('id', '!=', keepId);
  await query.execute();
}
