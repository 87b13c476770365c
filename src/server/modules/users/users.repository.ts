import { sql, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type { Database, UserRatesTable, UsersTable } from '../../db/database-types.ts';
import { pageNewestFirst, type Page } from '../../db/paginate.ts';
import { rateOn } from './users.rules.ts';
import type { PageRequest } from '../../shared/pagination.ts';

export type UserRow = Selectable<UsersTable>;
export type UserRateRow = Selectable<UserRatesTable>;
export type RateKind = 'billable' | 'cost';

export interface UserFilters {
  isActive?: boolean;
  updatedSince?: number;
  /** Restrict to these people (a manager's teammates). */
  onlyIds?: number[];
  /** Case-insensitive substring of first name, last name or email (Flowtly's `q`). */
  text?: string;
  /** Case-insensitive substrings per field (API Platform's `ipartial` search filter). */
  firstName?: string;
  lastName?: string;
  email?: string;
}

/** A LIKE pattern that matches `value` literally anywhere, for `escape '\\'`. */
function containsPattern(value: string): string {
  return `%${value.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export function findUserById(
  db: Kysely<Database>,
  accountId: number,
  id: number,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findUserByEmailInAccount(
  db: Kysely<Database>,
  accountId: number,
  email: string,
): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('email', '=', email)
    .executeTakeFirst();
}

export function findUsersByEmail(db: Kysely<Database>, email: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('email', '=', email).orderBy('id').execute();
}

export function listUsers(
  db: Kysely<Database>,
  accountId: number,
  filters: UserFilters,
  request: PageRequest,
): Promise<Page<UserRow>> {
  let query = db.selectFrom('users').selectAll().where('account_id', '=', accountId);
  if (filters.isActive !== undefined)
    query = query.where('is_active', '=', filters.isActive ? 1 : 0);
  if (filters.updatedSince !== undefined)
    query = query.where('updated_at', '>=', filters.updatedSince);
  if (filters.onlyIds !== undefined) {
    query =
      filters.onlyIds.length > 0
        ? query.where('id', 'in', filters.onlyIds)
        : query.where('id', '=', -1);
  }
  const contains = (column: 'first_name' | 'last_name' | 'email', value: string) =>
    sql<boolean>`lower(${sql.ref(column)}) like ${containsPattern(value)} escape '\\'`;
  if (filters.text !== undefined) {
    const text = filters.text;
    query = query.where((eb) =>
      eb.or([contains('first_name', text), contains('last_name', text), contains('email', text)]),
    );
  }
  if (filters.firstName !== undefined)
    query = query.where(contains('first_name', filters.firstName));
  if (filters.lastName !== undefined) query = query.where(contains('last_name', filters.lastName));
  if (filters.email !== undefined) query = query.where(contains('email', filters.email));
  return pageNewestFirst(query, 'id', request);
}

export function insertUser(db: Kysely<Database>, values: Insertable<UsersTable>): Promise<UserRow> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateUser(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<UsersTable>,
): Promise<UserRow> {
  return db
    .updateTable('users')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Removes a person; rates, roles, tokens and teams cascade (assignments go first, by their owner). */
export async function deleteUser(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

export async function countActiveAdministrators(
  db: Kysely<Database>,
  accountId: number,
): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', accountId)
    .where('access_level', '=', 'administrator')
    .where('is_active', '=', 1)
    .executeTakeFirstOrThrow();
  return row.n;
}

/**
 * The rate in force on `today` for each person and kind: the latest one whose start is on or
 * before that day (a rate without a start date applies since forever). One query per page.
 */
export async function findCurrentRates(
  db: Kysely<Database>,
  userIds: number[],
  today: string,
): Promise<Map<number, { billable: number | null; cost: number | null }>> {
  const current = new Map(
    userIds.map((id) => [id, { billable: null as number | null, cost: null as number | null }]),
  );
  if (userIds.length === 0) return current;
  const rows = await db
    .selectFrom('user_rates')
    .select(['user_id', 'kind', 'amount_cents', 'start_date', 'id'])
    .where('user_id', 'in', userIds)
    .execute();
  for (const [userId, entry] of current) {
    const own = rows.filter((row) => row.user_id === userId);
    entry.billable = rateOn(own, 'billable', today);
    entry.cost = rateOn(own, 'cost', today);
  }
  return current;
}

export function listUserRates(
  db: Kysely<Database>,
  userId: number,
  kind: RateKind,
): Promise<UserRateRow[]> {
  return db
    .selectFrom('user_rates')
    .selectAll()
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .execute();
}

export async function insertUserRate(
  db: Kysely<Database>,
  values: {
    user_id: number;
    kind: RateKind;
    amount_cents: number;
    start_date: string | null;
    at: number;
  },
): Promise<UserRateRow> {
  return db
    .insertInto('user_rates')
    .values({
      user_id: values.user_id,
      kind: values.kind,
      amount_cents: values.amount_cents,
      start_date: values.start_date,
      created_at: values.at,
      updated_at: values.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteUserRates(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('user_rates').where('id', 'in', ids).execute();
}

export async function findRoleNames(
  db: Kysely<Database>,
  userIds: number[],
): Promise<Map<number, string[]>> {
  const names = new Map<number, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return names;
  const rows = await db
    .selectFrom('role_users')
    .innerJoin('roles', 'roles.id', 'role_users.role_id')
    .select(['role_users.user_id', 'roles.name'])
    .where('role_users.user_id', 'in', userIds)
    .execute();
  for (const row of rows) names.get(row.user_id)?.push(row.name);
  // Sorted here, not in SQL: SQLite orders text by bytes, PostgreSQL by locale collation.
  for (const list of names.values()) list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return names;
}

export async function findTeammateIds(db: Kysely<Database>, managerId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('teammates')
    .select('teammate_id')
    .where('manager_id', '=', managerId)
    .orderBy('teammate_id')
    .execute();
  return rows.map((r) => r.teammate_id);
}

/**
 * Whether a manager manages a person (§2.5): the person is one of their teammates, or is
 * assigned to a project on which the manager is an active project manager.
 */
export async function managesPerson(
  db: Kysely<Database>,
  managerId: number,
  userId: number,
): Promise<boolean> {
  const teammate = db
    .selectFrom('teammates')
    .select('teammate_id as id')
    .where('manager_id', '=', managerId)
    .where('teammate_id', '=', userId);
  const onManagedProject = db
    .selectFrom('user_assignments as person')
    .innerJoin('user_assignments as pm', 'pm.project_id', 'person.project_id')
    .select('person.user_id as id')
    .where('pm.user_id', '=', managerId)
    .where('pm.is_project_manager', '=', 1)
    .where('pm.is_active', '=', 1)
    .where('person.user_id', '=', userId);
  const row = await teammate.unionAll(onManagedProject).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function replaceTeammates(
  db: Kysely<Database>,
  managerId: number,
  teammateIds: number[],
): Promise<void> {
  await db.deleteFrom('teammates').where('manager_id', '=', managerId).execute();
  if (teammateIds.length > 0) {
    await db
      .insertInto('teammates')
      .values(teammateIds.map((teammate_id) => ({ manager_id: managerId, teammate_id })))
      .execute();
  }
}

export async function findUsersByIds(
  db: Kysely<Database>,
  accountId: number,
  ids: number[],
): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom('users')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .orderBy('id')
    .execute();
}

/** Gives a person a login, or takes it away (`null`). */
export async function setUserIdentity(
  db: Kysely<Database>,
  userId: number,
  identityId: number | null,
  at: number,
): Promise<void> {
  await db
    .updateTable('users')
    .set({ identity_id: identityId, updated_at: at })
    .where('id', '=', userId)
    .execute();
}
