import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, RolesTable } from '../../db/database-types.ts';
import { pageNewestFirst, type Page } from '../../db/paginate.ts';
import type { PageRequest } from '../../shared/pagination.ts';

export type RoleRow = Selectable<RolesTable>;

export function findRole(
  db: Kysely<Database>,
  accountId: number,
  id: number,
): Promise<RoleRow | undefined> {
  return db
    .selectFrom('roles')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function findRoleByName(
  db: Kysely<Database>,
  accountId: number,
  name: string,
): Promise<RoleRow | undefined> {
  return db
    .selectFrom('roles')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('name', '=', name)
    .executeTakeFirst();
}

export function listRoles(
  db: Kysely<Database>,
  accountId: number,
  request: PageRequest,
): Promise<Page<RoleRow>> {
  return pageNewestFirst(
    db.selectFrom('roles').selectAll().where('account_id', '=', accountId),
    'id',
    request,
  );
}

/** Member ids per role, for a page of roles in one query. */
export async function findRoleUserIds(
  db: Kysely<Database>,
  roleIds: number[],
): Promise<Map<number, number[]>> {
  const byRole = new Map<number, number[]>(roleIds.map((id) => [id, []]));
  if (roleIds.length === 0) return byRole;
  const rows = await db
    .selectFrom('role_users')
    .select(['role_id', 'user_id'])
    .where('role_id', 'in', roleIds)
    .orderBy('user_id')
    .execute();
  for (const row of rows) byRole.get(row.role_id)?.push(row.user_id);
  return byRole;
}

export function insertRole(
  db: Kysely<Database>,
  values: { account_id: number; name: string; at: number },
): Promise<RoleRow> {
  return db
    .insertInto('roles')
    .values({
      account_id: values.account_id,
      name: values.name,
      created_at: values.at,
      updated_at: values.at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function updateRole(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<RolesTable>,
): Promise<RoleRow> {
  return db
    .updateTable('roles')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Replaces the role's members with exactly `userIds`. */
export async function replaceRoleUsers(
  db: Kysely<Database>,
  roleId: number,
  userIds: number[],
): Promise<void> {
  await db.deleteFrom('role_users').where('role_id', '=', roleId).execute();
  if (userIds.length > 0) {
    await db
      .insertInto('role_users')
      .values(userIds.map((user_id) => ({ role_id: roleId, user_id })))
      .execute();
  }
}

export async function deleteRole(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('role_users').where('role_id', '=', id).execute();
  await db.deleteFrom('roles').where('id', '=', id).execute();
}

/** Which of `ids` are people of the account (archived ones included). */
export async function findAccountUserIds(
  db: Kysely<Database>,
  accountId: number,
  ids: number[],
): Promise<Set<number>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('account_id', '=', accountId)
    .where('id', 'in', ids)
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Links the person to exactly these role names, creating roles that do not exist yet. */
export async function setRoleNames(
  db: Kysely<Database>,
  accountId: number,
  userId: number,
  names: string[],
  at: number,
): Promise<void> {
  await db.deleteFrom('role_users').where('user_id', '=', userId).execute();
  for (const name of new Set(names.map((n) => n.trim()).filter(Boolean))) {
    const existing = await db
      .selectFrom('roles')
      .select('id')
      .where('account_id', '=', accountId)
      .where('name', '=', name)
      .executeTakeFirst();
    const roleId =
      existing?.id ??
      (
        await db
          .insertInto('roles')
          .values({ account_id: accountId, name, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    await db.insertInto('role_users').values({ role_id: roleId, user_id: userId }).execute();
  }
}
