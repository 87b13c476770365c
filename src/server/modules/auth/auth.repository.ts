import type { Kysely, Selectable } from 'kysely';
import { compiledOnce } from '../../db/compiled-once.ts';
import type {
  Database,
  IdentitiesTable,
  PersonalAccessTokensTable,
} from '../../db/database-types.ts';

export type IdentityRow = Selectable<IdentitiesTable>;
export type TokenRow = Selectable<PersonalAccessTokensTable>;

export interface PersonRow {
  user_id: number;
  identity_id: number | null;
  account_id: number;
  access_level: string;
  manager_permissions: string;
  user_is_active: number;
  account_is_active: number;
  account_timezone: string;
  account_clock: string;
  account_time_rounding_mode: string;
  account_time_rounding_minutes: number;
  account_wants_timestamp_timers: number;
  account_week_start_day: string;
  account_approval_feature: number;
  account_lock_date: string | null;
  account_auto_lock_days: number | null;
}

export interface TokenPrincipalRow extends PersonRow {
  token_id: number;
  last_used_at: number | null;
  expires_at: number | null;
  revoked_at: number | null;
}

const PERSON_COLUMNS = [
  'u.id as user_id',
  'u.identity_id',
  'u.account_id',
  'u.access_level',
  'u.manager_permissions',
  'u.is_active as user_is_active',
  'a.is_active as account_is_active',
  'a.timezone as account_timezone',
  'a.clock as account_clock',
  'a.time_rounding_mode as account_time_rounding_mode',
  'a.time_rounding_minutes as account_time_rounding_minutes',
  'a.wants_timestamp_timers as account_wants_timestamp_timers',
  'a.week_start_day as account_week_start_day',
  'a.approval_feature as account_approval_feature',
  'a.lock_date as account_lock_date',
  'a.auto_lock_days as account_auto_lock_days',
] as const;

/**
 * One indexed lookup per authenticated request: token, its person, and their account with
 * the settings requests present with. Every Harvest request starts here: compiled once.
 */
const tokenPrincipal = compiledOnce((db, args: { tokenHash: string }) =>
  db
    .selectFrom('personal_access_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .innerJoin('accounts as a', 'a.id', 'u.account_id')
    .select([
      't.id as token_id',
      't.last_used_at',
      't.expires_at',
      't.revoked_at',
      ...PERSON_COLUMNS,
    ])
    .where('t.token_hash', '=', args.tokenHash),
);

export async function findTokenPrincipal(
  db: Kysely<Database>,
  tokenHash: string,
): Promise<TokenPrincipalRow | undefined> {
  return (await tokenPrincipal(db, { tokenHash }))[0];
}

/** A person with what authentication checks, by id (JWTs name the person directly). */
export function findPersonById(
  db: Kysely<Database>,
  userId: number,
): Promise<(PersonRow & { login_changed_at: number | null }) | undefined> {
  return (
    db
      .selectFrom('users as u')
      .innerJoin('accounts as a', 'a.id', 'u.account_id')
      .leftJoin('identities as i', 'i.id', 'u.identity_id')
      .select([...PERSON_COLUMNS])
      // When the login's password last changed: JWTs signed before it end (auth.service).
      .select('i.updated_at as login_changed_at')
      .where('u.id', '=', userId)
      .executeTakeFirst()
  );
}

/** The person a login is in another account, for tokens used across a login's accounts. */
export function findPersonInAccount(
  db: Kysely<Database>,
  identityId: number,
  accountId: number,
): Promise<PersonRow | undefined> {
  return db
    .selectFrom('users as u')
    .innerJoin('accounts as a', 'a.id', 'u.account_id')
    .select([...PERSON_COLUMNS])
    .where('u.identity_id', '=', identityId)
    .where('u.account_id', '=', accountId)
    .executeTakeFirst();
}

export async function touchTokenLastUsed(
  db: Kysely<Database>,
  tokenId: number,
  at: number,
): Promise<void> {
  await db
    .updateTable('personal_access_tokens')
    .set({ last_used_at: at })
    .where('id', '=', tokenId)
    .execute();
}

export function insertToken(
  db: Kysely<Database>,
  values: {
    user_id: number;
    name: string;
    token_hash: string;
    token_hint: string;
    created_at: number;
    expires_at: number | null;
  },
): Promise<TokenRow> {
  return db
    .insertInto('personal_access_tokens')
    .values({ ...values, last_used_at: null, revoked_at: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function listTokens(db: Kysely<Database>, userId: number): Promise<TokenRow[]> {
  return db
    .selectFrom('personal_access_tokens')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

/** Returns whether a live token was revoked; revoking twice is a no-op. */
export async function revokeToken(
  db: Kysely<Database>,
  userId: number,
  tokenId: number,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('personal_access_tokens')
    .set({ revoked_at: at })
    .where('id', '=', tokenId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export function findIdentityByEmail(
  db: Kysely<Database>,
  email: string,
): Promise<IdentityRow | undefined> {
  return db.selectFrom('identities').selectAll().where('email', '=', email).executeTakeFirst();
}

export function insertIdentity(
  db: Kysely<Database>,
  values: { email: string; password_hash: string | null; at: number },
): Promise<IdentityRow> {
  return db
    .insertInto('identities')
    .values({
      email: values.email,
      password_hash: values.password_hash,
      created_at: values.at,
      updated_at: values.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/**
 * A named secret shared by all server processes, created on first use. Two processes racing
 * both insert-or-ignore and then read the one that won.
 */
export async function sharedSecret(
  db: Kysely<Database>,
  name: string,
  make: () => string,
  at: number,
): Promise<string> {
  await db
    .insertInto('server_secrets')
    .values({ name, value: make(), created_at: at })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const row = await db
    .selectFrom('server_secrets')
    .select('value')
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.value;
}

/**
 * The accounts in which a login is an active person, in an active account: the choices a
 * password login offers (ADR 0011).
 */
export function listAccountsOfIdentity(db: Kysely<Database>, identityId: number) {
  return db
    .selectFrom('users as u')
    .innerJoin('accounts as a', 'a.id', 'u.account_id')
    .select(['u.id as user_id', 'u.account_id', 'a.name as account_name'])
    .where('u.identity_id', '=', identityId)
    .where('u.is_active', '=', 1)
    .where('a.is_active', '=', 1)
    .orderBy('a.name')
    .orderBy('u.account_id')
    .execute();
}

/** Every still-valid personal access token of a person, revoked at once. */
export async function revokeTokensOfUser(
  db: Kysely<Database>,
  userId: number,
  at: number,
): Promise<void> {
  await db
    .updateTable('personal_access_tokens')
    .set({ revoked_at: at })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .execute();
}

export function insertInvitation(
  db: Kysely<Database>,
  values: { user_id: number; token_hash: string; created_at: number; expires_at: number },
): Promise<void> {
  return db
    .insertInto('invitations')
    .values(values)
    .execute()
    .then(() => undefined);
}

/**
 * An invitation that can still be accepted, with its person. A person who got a login since
 * (another invitation, a grant with a password) cannot be reached through an old one.
 */
export function findOpenInvitation(db: Kysely<Database>, tokenHash: string, now: number) {
  return db
    .selectFrom('invitations as i')
    .innerJoin('users as u', 'u.id', 'i.user_id')
    .select(['i.id', 'i.user_id', 'u.account_id', 'u.email'])
    .where('i.token_hash', '=', tokenHash)
    .where('i.accepted_at', 'is', null)
    .where('i.expires_at', '>', now)
    .where('u.identity_id', 'is', null)
    .executeTakeFirst();
}

export async function markInvitationAccepted(
  db: Kysely<Database>,
  id: number,
  at: number,
): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ accepted_at: at })
    .where('id', '=', id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function deleteInvitationsOfUser(db: Kysely<Database>, userId: number) {
  await db.deleteFrom('invitations').where('user_id', '=', userId).execute();
}

/** Whether a login already is a person in an account (one person per login and account). */
export async function identityHasPersonInAccount(
  db: Kysely<Database>,
  identityId: number,
  accountId: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('identity_id', '=', identityId)
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  return row !== undefined;
}

export function findIdentityById(
  db: Kysely<Database>,
  id: number,
): Promise<IdentityRow | undefined> {
  return db.selectFrom('identities').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function setIdentityPassword(
  db: Kysely<Database>,
  id: number,
  passwordHash: string,
  at: number,
): Promise<void> {
  await db
    .updateTable('identities')
    .set({ password_hash: passwordHash, updated_at: at })
    .where('id', '=', id)
    .execute();
}
