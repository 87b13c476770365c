import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { roundedHundredths, type RoundingMode } from '../../../shared/time.ts';
import type { Clock } from '../../shared/clock.ts';
import { invalid } from '../../shared/domain-error.ts';
import type { Actor } from '../auth/auth.rules.ts';
import { trackedSeconds, withinScope } from '../time-entries/time-entries.rules.ts';
import { visibleTimeOf } from '../time-entries/time-entries.service.ts';
import { seesBillableRates } from '../users/users.rules.ts';
import { findReportCatalog, findRunningTimers, sumTimeByGroup } from './reports.repository.ts';
import {
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
      if ('errors' in range) throw invalid(range.errors);
      const [raw, visibleTo] = await Promise.all([
        findReportCatalog(db, actor.accountId),
        visibleTimeOf(db, actor),
      ]);
      const catalog = catalogOf(raw);
      const periodStarts = ratePeriodStarts(
        range,
        raw.userRates.map((rate) => rate.start_date),
        [...catalog.projectRates.values()].flat(),
      );
      // The settings came with the token (Actor.settings): no second read of the account.
      const rounding = {
        mode: actor.settings.timeRoundingMode as RoundingMode,
        minutes: actor.settings.timeRoundingMinutes,
      };
      const [totals, running] = await Promise.all([
        sumTimeByGroup(db, actor.accountId, { ...range, periodStarts, rounding, visibleTo }),
        findRunningTimers(db, actor.accountId),
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
      for (const timer of running) {
        if (timer.spent_date < range.from || timer.spent_date > range.to) continue;
        if (!withinScope(visibleTo, { userId: timer.user_id, projectId: timer.project_id }))
          continue;
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
