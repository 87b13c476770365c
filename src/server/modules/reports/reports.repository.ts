import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { executeThroughIndex } from '../../db/dialect.ts';
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

/** The account's running timers: few (one per person), found through their own index. */
export function findRunningTimers(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('time_entries')
    .select([
      'id',
      'user_id',
      'project_id',
      'task_id',
      'spent_date',
      'duration_seconds',
      'timer_started_at',
    ])
    .where('account_id', '=', accountId)
    .where('timer_started_at', 'is not', null)
    .where('deleted_at', 'is', null)
    .execute();
}

/** Everything a report prices and names its groups with; bounded by the account, not its time. */
export async function findReportCatalog(db: Kysely<Database>, accountId: number) {
  const [projects, tasks, users, taskAssignments, userAssignments, userRates, projectRates] =
    await Promise.all([
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
        .execute(),
      db.selectFrom('tasks').select(['id', 'name']).where('account_id', '=', accountId).execute(),
      db
        .selectFrom('users')
        .select(['id', 'first_name', 'last_name', 'is_contractor', 'weekly_capacity', 'avatar_url'])
        .where('account_id', '=', accountId)
        .execute(),
      db
        .selectFrom('task_assignments')
        .select(['project_id', 'task_id', 'billable', 'hourly_rate_cents', 'budget_hundredths'])
        .where('account_id', '=', accountId)
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
        .execute(),
      db
        .selectFrom('user_rates as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select(['r.id', 'r.user_id', 'r.kind', 'r.amount_cents', 'r.start_date'])
        .where('u.account_id', '=', accountId)
        .where('r.kind', '=', 'billable')
        .execute(),
      db
        .selectFrom('project_rates as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select(['r.id', 'r.user_id', 'r.project_id', 'r.date_from', 'r.date_to', 'r.rate_cents'])
        .where('u.account_id', '=', accountId)
        .execute(),
    ]);
  return { projects, tasks, users, taskAssignments, userAssignments, userRates, projectRates };
}
