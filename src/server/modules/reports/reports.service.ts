import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { roundedHundredths, type RoundingMode } from '../../../shared/time.ts';
import type { Clock } from '../../shared/clock.ts';
import { invalidAll } from '../../shared/domain-error.ts';
import { REPORT_ERRORS } from './reports.errors.ts';
import type { Actor } from '../auth/auth.rules.ts';
import { trackedSeconds } from '../time-entries/time-entries.rules.ts';
import { visibleTimeOf } from '../time-entries/time-entries.service.ts';
import { seesBillableRates } from '../users/users.rules.ts';
import {
  findReportCatalog,
  findRunningReportTimers,
  sumReportFacts,
  sumTimeByGroup,
} from './reports.repository.ts';
import {
  billingOfGroup,
  buildTimeReport,
  parseReportRange,
  periodOf,
  periodStartOf,
  ratePeriodStarts,
  type ReportCatalog,
  type ReportKind,
  type TimeGroup,
  type TimeReportRow,
} from './reports.rules.ts';

export interface TimeReportQuery {
  from?: string;
  to?: string;
  includeFixedFee: boolean;
}

export interface TimeReport {
  rows: TimeReportRow[];
  /** Whether the viewer may see money (§7: admins, managers allowed to see billable rates). */
  showsAmounts: boolean;
}

export interface ReportsService {
  timeReport(actor: Actor, kind: ReportKind, query: TimeReportQuery): Promise<TimeReport>;
}

export function createReportsService(deps: { db: Kysely<Database>; clock: Clock }): ReportsService {
  const { db, clock } = deps;

  return {
    async timeReport(actor, kind, query) {
      const range = parseReportRange(query.from, query.to);
      if ('errors' in range) throw invalidAll(REPORT_ERRORS.invalidPeriod, range.errors);
      const [raw, visibleTo] = await Promise.all([
        findReportCatalog(db, actor.accountId),
        visibleTimeOf(db, actor),
      ]);
      const catalog = catalogOf(raw);
      // Harvest's report prices billable time only: cost rates start no period of their own.
      const periodStarts = ratePeriodStarts(
        range,
        raw.userRates.filter((rate) => rate.kind === 'billable').map((rate) => rate.start_date),
        [...catalog.projectRates.values()].flat(),
      );
      // The settings came with the token (Actor.settings): no second read of the account.
      const rounding = {
        mode: actor.settings.timeRoundingMode as RoundingMode,
        minutes: actor.settings.timeRoundingMinutes,
      };
      const [totals, running] = await Promise.all([
        sumTimeByGroup(db, actor.accountId, { ...range, periodStarts, rounding, visibleTo }),
        findRunningReportTimers(db, actor.accountId, {
          ...range,
          projectIds: null,
          taskIds: null,
          userIds: null,
          approvalStatuses: null,
          invoiced: null,
          ...(visibleTo ? { visibleTo } : {}),
        }),
      ]);
      const groups: TimeGroup[] = totals.map((row) => ({
        projectId: row.project_id,
        taskId: row.task_id,
        userId: row.user_id,
        periodStart: periodStartOf(range, periodStarts, row.period),
        hundredths: row.hundredths,
      }));
      // A running timer was summed at its stored seconds; it counts up to now, as its entry shows.
      const nowMs = clock.now().getTime();
      // The query kept to the period and the caller's scope.
      for (const timer of running) {
        const extra =
          roundedHundredths(trackedSeconds(timer, nowMs), rounding.mode, rounding.minutes) -
          roundedHundredths(timer.duration_seconds, rounding.mode, rounding.minutes);
        groups.push({
          projectId: timer.project_id,
          taskId: timer.task_id,
          userId: timer.user_id,
          periodStart: periodStartOf(range, periodStarts, periodOf(periodStarts, timer.spent_date)),
          hundredths: extra,
        });
      }
      return {
        rows: buildTimeReport(kind, groups, catalog, { includeFixedFee: query.includeFixedFee }),
        showsAmounts: seesBillableRates(actor),
      };
    },
  };
}

export function catalogOf(raw: Awaited<ReturnType<typeof findReportCatalog>>): ReportCatalog {
  const groupBy = <T, K>(items: readonly T[], key: (item: T) => K) => {
    const map = new Map<K, T[]>();
    for (const item of items) {
      const list = map.get(key(item)) ?? [];
      list.push(item);
      map.set(key(item), list);
    }
    return map;
  };
  return {
    projects: new Map(
      raw.projects.map((p) => [
        p.id,
        {
          id: p.id,
          name: p.name,
          code: p.code,
          clientId: p.client_id,
          clientName: p.client_name,
          currency: p.currency,
          isFixedFee: p.is_fixed_fee === 1,
          billing: {
            is_billable: p.is_billable === 1,
            bill_by: p.bill_by,
            hourly_rate_cents: p.hourly_rate_cents,
            budget_by: p.budget_by,
            budget_hundredths: p.budget_hundredths,
            cost_budget_cents: p.cost_budget_cents,
          },
        },
      ]),
    ),
    tasks: new Map(raw.tasks.map((t) => [t.id, t.name])),
    users: new Map(
      raw.users.map((u) => [
        u.id,
        {
          name: `${u.first_name} ${u.last_name}`.trim(),
          isContractor: u.is_contractor === 1,
          weeklyCapacity: u.weekly_capacity,
          avatarUrl: u.avatar_url,
          isActive: u.is_active === 1,
        },
      ]),
    ),
    taskAssignments: new Map(
      raw.taskAssignments.map((a) => [
        `${String(a.project_id)}:${String(a.task_id)}`,
        {
          billable: a.billable === 1,
          hourly_rate_cents: a.hourly_rate_cents,
          budget_hundredths: a.budget_hundredths,
        },
      ]),
    ),
    userAssignments: new Map(
      raw.userAssignments.map((a) => [
        `${String(a.project_id)}:${String(a.user_id)}`,
        {
          use_default_rates: a.use_default_rates === 1,
          hourly_rate_cents: a.hourly_rate_cents,
          budget_hundredths: a.budget_hundredths,
        },
      ]),
    ),
    userRates: groupBy(raw.userRates, (r) => r.user_id),
    projectRates: new Map(
      [...groupBy(raw.projectRates, (r) => r.user_id)].map(([userId, rates]) => [
        userId,
        rates.map((r) => ({
          id: r.id,
          projectId: r.project_id,
          dateFrom: r.date_from,
          dateTo: r.date_to,
          rateCents: r.rate_cents,
        })),
      ]),
    ),
  };
}

/** The rates and assignments that price time, read once for several sums. */
export interface Pricing {
  raw: Awaited<ReturnType<typeof findReportCatalog>>;
  catalog: ReportCatalog;
}

export async function loadPricing(
  db: Kysely<Database>,
  accountId: number,
  only?: { projectIds: readonly number[] },
): Promise<Pricing> {
  const raw = await findReportCatalog(db, accountId, only);
  return { raw, catalog: catalogOf(raw) };
}

/** What a project's budget has used: rounded hours and billable fees of its budgeted time. */
export interface ProjectSpend {
  /** Hundredths of an hour. */
  hundredths: number;
  /** Billable fees, in 1/10 000 of the project's currency. */
  feesMicro: bigint;
}

/**
 * The budgeted time of some projects over a period, each entry rounded and priced as a report
 * prices it: what budgets are spent on. Takes the caller's transaction, so a write can weigh
 * the budget it just changed.
 */
export async function budgetSpend(
  db: Kysely<Database>,
  accountId: number,
  query: {
    projectIds: readonly number[];
    from: string;
    to: string;
    rounding: { mode: RoundingMode; minutes: number };
  },
  pricing?: Pricing,
): Promise<Map<number, ProjectSpend>> {
  const spend = new Map<number, ProjectSpend>();
  if (query.projectIds.length === 0) return spend;
  const { raw, catalog } = pricing ?? (await loadPricing(db, accountId));
  const range = { from: query.from, to: query.to };
  const periodStarts = ratePeriodStarts(
    range,
    raw.userRates.map((rate) => rate.start_date),
    [...catalog.projectRates.values()].flat(),
  );
  const rows = await sumReportFacts(db, accountId, {
    ...range,
    projectIds: query.projectIds,
    taskIds: null,
    userIds: null,
    approvalStatuses: null,
    invoiced: null,
    periodStarts,
    rounding: query.rounding,
    keys: { task: true, user: true, period: true },
    bucket: null,
    weekStart: 1,
  });
  for (const row of rows) {
    const project = catalog.projects.get(row.project_id);
    if (!project) continue;
    const group = {
      projectId: row.project_id,
      taskId: row.task_id,
      userId: row.user_id,
      periodStart: periodStartOf(range, periodStarts, row.period),
    };
    const billing = billingOfGroup(group, project, catalog);
    if (!billing.budgeted) continue;
    const entry = spend.get(row.project_id) ?? { hundredths: 0, feesMicro: 0n };
    entry.hundredths += row.hundredths;
    if (billing.billable)
      entry.feesMicro += BigInt(row.hundredths) * BigInt(billing.billableRateCents ?? 0);
    spend.set(row.project_id, entry);
  }
  return spend;
}
