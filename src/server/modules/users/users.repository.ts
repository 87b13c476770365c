import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../../db/database-types.ts';

export type UserRow = Selectable<UsersTable>;

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

export function findUsersByEmail(db: Kysely<Database>, email: string): Promise<UserRow[]> {
  return db.selectFrom('users').selectAll().where('email', '=', email).orderBy('id').execute();
}

export function insertUser(db: Kysely<Database>, values: Insertable<UsersTable>): Promise<UserRow> {
  return db.insertInto('users').values(values).returningAll().executeTakeFirstOrThrow();
}

/**
 * The rate in force on `today` for each kind: the latest one whose start is on or before that
 * day (a rate without a start date applies since forever). Effective dating lives in the rows,
 * so the history is never rewritten to answer "what is the rate now".
 */
export async function findCurrentRates(
  db: Kysely<Database>,
  userId: number,
  today: string,
): Promise<{ billable: number | null; cost: number | null }> {
  const rows = await db
    .selectFrom('user_rates')
    .select(['kind', 'amount_cents', 'start_date', 'id'])
    .where('user_id', '=', userId)
    .where((eb) => eb.or([eb('start_date', 'is', null), eb('start_date', '<=', today)]))
    .execute();
  return { billable: pickCurrent(rows, 'billable'), cost: pickCurrent(rows, 'cost') };
}

function pickCurrent(
  rows: { kind: string; amount_cents: number; start_date: string | null; id: number }[],
  kind: 'billable' | 'cost',
): number | null {
  let best: (typeof rows)[number] | undefined;
  for (const row of rows) {
    if (row.kind !== kind) continue;
    if (
      !best ||
      (row.start_date ?? '') > (best.start_date ?? '') ||
      ((row.start_date ?? '') === (best.start_date ?? '') && row.id > best.id)
    ) {
      best = row;
    }
  }
  return best ? best.amount_cents : null;
}

export async function insertUserRate(
  db: Kysely<Database>,
  values: {
    user_id: number;
    kind: 'billable' | 'cost';
    amount_cents: number;
    start_date: string | null;
    at: number;
  },
): Promise<void> {
  await db
    .insertInto('user_rates')
    .values({
      user_id: values.user_id,
      kind: values.kind,
      amount_cents: values.amount_cents,
      start_date: values.start_date,
      created_at: values.at,
      updated_at: values.at,
    })
    .execute();
}

export async function findRoleNames(db: Kysely<Database>, userId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('role_users')
    .innerJoin('roles', 'roles.id', 'role_users.role_id')
    .select('roles.name')
    .where('role_users.user_id', '=', userId)
    .execute();
  // Sorted here, not in SQL: SQLite orders text by bytes, PostgreSQL by locale collation.
  return rows.map((r) => r.name).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
