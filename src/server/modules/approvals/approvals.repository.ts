import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, TimesheetWeeksTable } from '../../db/database-types.ts';
import { supportsRowLocks } from '../../db/dialect.ts';

export type WeekRow = Selectable<TimesheetWeeksTable>;

/**
 * Serialises a person's week transitions with their time entry writes across server processes:
 * both take the person's row first, so an edit never lands between an approval's read and its
 * write. SQLite needs no lock (one writer at a time).
 */
export async function lockPersonWeeks(
  db: Kysely<Database>,
  userId: number,
  mode: 'exclusive' | 'shared' = 'exclusive',
): Promise<void> {
  if (!supportsRowLocks(db)) return;
  const person = db.selectFrom('users').select('id').where('id', '=', userId);
  await (mode === 'shared' ? person.forShare() : person.forUpdate()).execute();
}

export function findWeeks(
  db: Kysely<Database>,
  accountId: number,
  userId: number,
  weekStarts: readonly string[],
): Promise<WeekRow[]> {
  if (weekStarts.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('timesheet_weeks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('user_id', '=', userId)
    .where('week_start', 'in', [...weekStarts])
    .execute();
}

export async function findWeek(
  db: Kysely<Database>,
  accountId: number,
  userId: number,
  weekStart: string,
): Promise<WeekRow | undefined> {
  return (await findWeeks(db, accountId, userId, [weekStart]))[0];
}

/** Writes a person's week: the row is created the first time anything happens to the week. */
export async function saveWeek(
  db: Kysely<Database>,
  existing: WeekRow | undefined,
  values: Omit<Insertable<TimesheetWeeksTable>, 'id' | 'created_at'> & { updated_at: number },
): Promise<WeekRow> {
  if (existing) {
    const changes: Updateable<TimesheetWeeksTable> = { ...values };
    return db
      .updateTable('timesheet_weeks')
      .set(changes)
      .where('id', '=', existing.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  }
  return db
    .insertInto('timesheet_weeks')
    .values({ ...values, created_at: values.updated_at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export interface WeekListFilters {
  statuses?: readonly string[];
  userIds?: readonly number[];
  from?: string;
  to?: string;
}

/** Weeks with a state, newest first, for the approver's queue and a person's history. */
export function listWeeks(
  db: Kysely<Database>,
  accountId: number,
  filters: WeekListFilters,
  limit: number,
): Promise<WeekRow[]> {
  let query = db.selectFrom('timesheet_weeks').selectAll().where('account_id', '=', accountId);
  if (filters.statuses) query = query.where('status', 'in', [...filters.statuses]);
  if (filters.userIds) query = query.where('user_id', 'in', [...filters.userIds]);
  if (filters.from) query = query.where('week_start', '>=', filters.from);
  if (filters.to) query = query.where('week_start', '<=', filters.to);
  return query.orderBy('week_start', 'desc').orderBy('user_id').limit(limit).execute();
}

/** People's weeks unlocked by an administrator until a moment after `nowMs`. */
export function findActiveUnlocks(
  db: Kysely<Database>,
  accountId: number,
  userIds: readonly number[],
  nowMs: number,
): Promise<Pick<WeekRow, 'user_id' | 'week_start' | 'unlocked_until'>[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('timesheet_weeks')
    .select(['user_id', 'week_start', 'unlocked_until'])
    .where('account_id', '=', accountId)
    .where('user_id', 'in', [...new Set(userIds)])
    .where('unlocked_until', '>', nowMs)
    .execute();
}

/** The people of the account among these ids, with what a week's view shows of them. */
export function findPeople(db: Kysely<Database>, accountId: number, userIds: readonly number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('users')
    .select(['id', 'first_name', 'last_name', 'weekly_capacity'])
    .where('account_id', '=', accountId)
    .where('id', 'in', [...new Set(userIds)])
    .execute();
}

/** How many of the account's weeks are submitted or approved. */
export async function countWeeksInWorkflow(
  db: Kysely<Database>,
  accountId: number,
): Promise<number> {
  const row = await db
    .selectFrom('timesheet_weeks')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('account_id', '=', accountId)
    .where('status', 'in', ['submitted', 'approved'])
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
