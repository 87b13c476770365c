import { sql, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Database, TimeEntriesTable } from '../../db/database-types.ts';
import { epochDaySql, executeThroughIndex } from '../../db/dialect.ts';
import { roundedHundredthsSql } from '../../db/rounding-sql.ts';
import type { RoundingMode } from '../../../shared/time.ts';

export interface TimeTotalsQuery {
  from: string;
  to: string;
  /** Sorted days inside (from, to] where a rate period begins; each starts a new group. */
  periodStarts: readonly string[];
  rounding: { mode: RoundingMode; minutes: number };
  /** Non-administrators: entries of these people or on these projects only. */
  visibleTo?: { userIds: number[]; projectIds: number[] };
}

export interface TimeTotalRow {
  project_id: number;
  task_id: number | null;
  user_id: number;
  period: number;
  hundredths: number;
}

/** Where the totals are read from; on SQLite the index is named (see executeThroughIndex). */
export const TIME_TOTALS_SOURCE = {
  table: 'time_entries',
  alias: 't',
  index: 'time_entries_live_totals_idx',
} as const;

/**
 * A period's live time summed per project, task, person and rate period, each entry rounded
 * before it is added: one GROUP BY that reads the covering totals index, never the table. The
 * period is the count of period starts on or before the entry's day. Exported for the
 * benchmark's raw baseline, which runs this very SQL.
 */
export function timeTotalsQuery(db: Kysely<Database>, accountId: number, query: TimeTotalsQuery) {
  const period =
    query.periodStarts.length === 0
      ? sql<number | string>`0`
      : sql<number | string>`case ${sql.join(
          query.periodStarts.map(
            (day, index) => sql`when ${sql.ref('t.spent_date')} < ${day} then ${sql.lit(index)}`,
          ),
          sql` `,
        )} else ${sql.lit(query.periodStarts.length)} end`;
  const rounded = roundedHundredthsSql(
    't.duration_seconds',
    query.rounding.mode,
    query.rounding.minutes,
  );
  let select = db
    .selectFrom('time_entries as t')
    .select([
      't.project_id',
      't.task_id',
      't.user_id',
      period.as('period'),
      sql<number | string>`sum(${rounded})`.as('hundredths'),
    ])
    .where('t.account_id', '=', accountId)
    .where('t.deleted_at', 'is', null)
    .where('t.spent_date', '>=', query.from)
    .where('t.spent_date', '<=', query.to)
    .groupBy(['t.project_id', 't.task_id', 't.user_id', sql`4`]);
  const scope = query.visibleTo;
  if (scope) {
    select = select.where((eb) =>
      eb.or([
        ...(scope.userIds.length > 0 ? [eb('t.user_id', 'in', scope.userIds)] : []),
        ...(scope.projectIds.length > 0 ? [eb('t.project_id', 'in', scope.projectIds)] : []),
        ...(scope.userIds.length + scope.projectIds.length === 0 ? [sql<boolean>`1 = 0`] : []),
      ]),
    );
  }
  return select;
}

export async function sumTimeByGroup(
  db: Kysely<Database>,
  accountId: number,
  query: TimeTotalsQuery,
): Promise<TimeTotalRow[]> {
  const rows = await executeThroughIndex(
    db,
    timeTotalsQuery(db, accountId, query),
    TIME_TOTALS_SOURCE,
  );
  // PostgreSQL sums integers as bigint, which the driver hands over as text.
  return rows.map((row) => ({
    ...row,
    period: Number(row.period),
    hundredths: Number(row.hundredths),
  }));
}

/** Everything a report prices and names its groups with; bounded by the account, not its time. */
export async function findReportCatalog(
  db: Kysely<Database>,
  accountId: number,
  only?: { projectIds: readonly number[] },
) {
  // Pricing a few projects (a write's budget check) needs their rows only.
  const ids = only ? [...only.projectIds, -1] : [];
  const [
    projects,
    tasks,
    users,
    taskAssignments,
    userAssignments,
    userRates,
    projectRates,
    account,
  ] = await Promise.all([
    db
      .selectFrom('projects as p')
      .innerJoin('clients as c', 'c.id', 'p.client_id')
      .select([
        'p.id',
        'p.name',
        'p.code',
        'p.is_billable',
        'p.is_fixed_fee',
        'p.bill_by',
        'p.hourly_rate_cents',
        'p.budget_by',
        'p.budget_hundredths',
        'p.cost_budget_cents',
        'c.id as client_id',
        'c.name as client_name',
        'c.currency',
      ])
      .where('p.account_id', '=', accountId)
      .$if(only !== undefined, (q) => q.where('p.id', 'in', ids))
      .execute(),
    db.selectFrom('tasks').select(['id', 'name']).where('account_id', '=', accountId).execute(),
    db
      .selectFrom('users')
      .select([
        'id',
        'first_name',
        'last_name',
        'is_contractor',
        'weekly_capacity',
        'avatar_url',
        'is_active',
      ])
      .where('account_id', '=', accountId)
      .execute(),
    db
      .selectFrom('task_assignments')
      .select(['project_id', 'task_id', 'billable', 'hourly_rate_cents', 'budget_hundredths'])
      .where('account_id', '=', accountId)
      .$if(only !== undefined, (q) => q.where('project_id', 'in', ids))
      .execute(),
    db
      .selectFrom('user_assignments')
      .select([
        'project_id',
        'user_id',
        'use_default_rates',
        'hourly_rate_cents',
        'budget_hundredths',
      ])
      .where('account_id', '=', accountId)
      .$if(only !== undefined, (q) => q.where('project_id', 'in', ids))
      .execute(),
    db
      .selectFrom('user_rates as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.id', 'r.user_id', 'r.kind', 'r.amount_cents', 'r.start_date'])
      .where('u.account_id', '=', accountId)
      .execute(),
    db
      .selectFrom('project_rates as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.id', 'r.user_id', 'r.project_id', 'r.date_from', 'r.date_to', 'r.rate_cents'])
      .where('u.account_id', '=', accountId)
      .$if(only !== undefined, (q) => q.where('r.project_id', 'in', ids))
      .execute(),
    db
      .selectFrom('accounts')
      .select(['currency'])
      .where('id', '=', accountId)
      .executeTakeFirstOrThrow(),
  ]);
  return {
    projects,
    tasks,
    users,
    taskAssignments,
    userAssignments,
    userRates,
    projectRates,
    account,
  };
}

/** What a native report narrows time to in SQL; the billable filter is applied to groups. */
export interface FactFilters {
  from: string;
  to: string;
  projectIds: readonly number[] | null;
  taskIds: readonly number[] | null;
  userIds: readonly number[] | null;
  approvalStatuses: readonly string[] | null;
  invoiced: boolean | null;
  visibleTo?: { userIds: number[]; projectIds: number[] };
}

export interface FactQuery extends FactFilters {
  periodStarts: readonly string[];
  rounding: { mode: RoundingMode; minutes: number };
  /** The columns to group by beside the project; a bucket adds the time key. */
  keys: { task: boolean; user: boolean; period: boolean };
  bucket: 'day' | 'week' | 'month' | null;
  /** The account's week start, Sunday 0 … Saturday 6 (weekly buckets). */
  weekStart: number;
}

export interface FactRow {
  project_id: number;
  task_id: number | null;
  user_id: number;
  period: number;
  bucket: string | null;
  seconds: number;
  hundredths: number;
}

/** The WHERE of every native report query: the account, live time, the range and filters. */
type EntriesDb = Database & { t: TimeEntriesTable };

function whereFacts<O>(
  select: SelectQueryBuilder<EntriesDb, 't', O>,
  accountId: number,
  f: FactFilters,
): SelectQueryBuilder<EntriesDb, 't', O> {
  let q = select
    .where('t.account_id', '=', accountId)
    .where('t.deleted_at', 'is', null)
    .where('t.spent_date', '>=', f.from)
    .where('t.spent_date', '<=', f.to);
  const none = sql<boolean>`1 = 0`;
  const within = (column: 't.project_id' | 't.task_id' | 't.user_id', ids: readonly number[]) =>
    ids.length === 0 ? q.where(none) : q.where(column, 'in', [...ids]);
  if (f.projectIds) q = within('t.project_id', f.projectIds);
  if (f.taskIds) q = within('t.task_id', f.taskIds);
  if (f.userIds) q = within('t.user_id', f.userIds);
  if (f.approvalStatuses)
    q =
      f.approvalStatuses.length === 0
        ? q.where(none)
        : q.where('t.approval_status', 'in', [...f.approvalStatuses]);
  if (f.invoiced !== null) q = q.where('t.invoice_id', f.invoiced ? 'is not' : 'is', null);
  const scope = f.visibleTo;
  if (scope) {
    q = q.where((eb) =>
      eb.or([
        ...(scope.userIds.length > 0 ? [eb('t.user_id', 'in', scope.userIds)] : []),
        ...(scope.projectIds.length > 0 ? [eb('t.project_id', 'in', scope.projectIds)] : []),
        ...(scope.userIds.length + scope.projectIds.length === 0 ? [none] : []),
      ]),
    );
  }
  return q;
}

/**
 * A native report's time in one GROUP BY: each entry rounded before it is added, grouped by
 * project and whichever of task, person, rate period and time bucket the report needs (fewer
 * keys, fewer groups). Exported for the benchmark's raw baseline, which runs this very SQL.
 */
export function reportFactsQuery(db: Kysely<Database>, accountId: number, q: FactQuery) {
  const period =
    !q.keys.period || q.periodStarts.length === 0
      ? sql<number | string>`0`
      : sql<number | string>`case ${sql.join(
          q.periodStarts.map(
            (day, index) => sql`when ${sql.ref('t.spent_date')} < ${day} then ${sql.lit(index)}`,
          ),
          sql` `,
        )} else ${sql.lit(q.periodStarts.length)} end`;
  const rounded = roundedHundredthsSql('t.duration_seconds', q.rounding.mode, q.rounding.minutes);
  // A week's key is its first day as an epoch day: whole numbers, the same on both databases.
  const day = epochDaySql(db, 't.spent_date');
  const bucket =
    q.bucket === 'day'
      ? sql<string | number | null>`${sql.ref('t.spent_date')}`
      : q.bucket === 'month'
        ? sql<string | number | null>`substr(${sql.ref('t.spent_date')}, 1, 7)`
        : q.bucket === 'week'
          ? sql<string | number | null>`(${day} - ((${day} + ${sql.lit(11 - q.weekStart)}) % 7))`
          : sql<string | number | null>`null`;
  const select = db
    .selectFrom('time_entries as t')
    .select([
      't.project_id',
      (q.keys.task ? sql<number | null>`${sql.ref('t.task_id')}` : sql<null>`null`).as('task_id'),
      (q.keys.user ? sql<number>`${sql.ref('t.user_id')}` : sql<number>`0`).as('user_id'),
      period.as('period'),
      bucket.as('bucket'),
      sql<number | string>`sum(${sql.ref('t.duration_seconds')})`.as('seconds'),
      sql<number | string>`sum(${rounded})`.as('hundredths'),
    ])
    .groupBy([
      't.project_id',
      ...(q.keys.task ? (['t.task_id'] as const) : []),
      ...(q.keys.user ? (['t.user_id'] as const) : []),
      ...(q.keys.period ? [sql`4`] : []),
      ...(q.bucket ? [sql`5`] : []),
    ]);
  return whereFacts(select, accountId, q);
}

/** Up to this many projects, a query of their time goes through the project index. */
const FEW_PROJECTS = 20;

export async function sumReportFacts(
  db: Kysely<Database>,
  accountId: number,
  q: FactQuery,
): Promise<FactRow[]> {
  const query = reportFactsQuery(db, accountId, q);
  // A few projects' time over a long stretch (a budget's) is found by project, not by
  // reading the account's days: SQLite then picks the project index itself.
  const byProject = q.projectIds !== null && q.projectIds.length <= FEW_PROJECTS;
  const rows = byProject
    ? await query.execute()
    : await executeThroughIndex(db, query, TIME_TOTALS_SOURCE);
  return rows.map((row) => ({
    project_id: row.project_id,
    task_id: row.task_id,
    user_id: row.user_id,
    period: Number(row.period),
    bucket: row.bucket === null ? null : String(row.bucket),
    seconds: Number(row.seconds),
    hundredths: Number(row.hundredths),
  }));
}

/** What a report reads of an entry to count it: a running timer's time counts up to now. */
const COUNTED_COLUMNS = [
  't.id',
  't.user_id',
  't.project_id',
  't.task_id',
  't.spent_date',
  't.duration_seconds',
  't.timer_started_at',
] as const;

/**
 * The running timers a report's filters let through (their time counts up to now): read
 * through the running-timer index, a row per person at most. Left to itself, SQLite walks a
 * year of the account's days to find them (0.3 s on a million entries, against 0.2 ms).
 */
export async function findRunningReportTimers(
  db: Kysely<Database>,
  accountId: number,
  f: FactFilters,
) {
  return executeThroughIndex(
    db,
    whereFacts(
      db
        .selectFrom('time_entries as t')
        .select(COUNTED_COLUMNS)
        .where('t.timer_started_at', 'is not', null),
      accountId,
      f,
    ),
    { table: 'time_entries', alias: 't', index: 'time_entries_one_running_timer' },
  );
}

/** Entries behind a report, in date then id order, after a keyset position. */
export function findReportEntries(
  db: Kysely<Database>,
  accountId: number,
  f: FactFilters,
  after: { date: string; id: number } | null,
  limit: number,
) {
  let q = whereFacts(
    db
      .selectFrom('time_entries as t')
      .select([
        ...COUNTED_COLUMNS,
        't.started_time',
        't.ended_time',
        't.notes',
        't.approval_status',
        't.invoice_id',
        't.invoice_number',
      ]),
    accountId,
    f,
  );
  // A row value, so both databases seek the (account, day, id) index to the page's start
  // instead of reading every earlier entry again on each page.
  if (after)
    q = q.where((eb) =>
      eb(eb.refTuple('t.spent_date', 't.id'), '>', eb.tuple(after.date, after.id)),
    );
  return q.orderBy('t.spent_date').orderBy('t.id').limit(limit).execute();
}
