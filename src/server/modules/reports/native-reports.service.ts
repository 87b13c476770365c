import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { localDate } from '../../../shared/dates.ts';
import { roundedHundredths, type RoundingMode } from '../../../shared/time.ts';
import type { Clock } from '../../shared/clock.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import type { ApprovalStatus } from '../approvals/approvals.rules.ts';
import { minorDigits } from '../invoices/invoices.rules.ts';
import { trackedSeconds } from '../time-entries/time-entries.rules.ts';
import { visibleTimeOf } from '../time-entries/time-entries.service.ts';
import { seesBillableRates } from '../users/users.rules.ts';
import {
  buildGroupedReport,
  buildSeries,
  microToMinor,
  stackDimension,
  type FactGroup,
  type Figures,
  type GroupedRow,
  type ReportPerson,
  type Series,
} from './grouped-report.rules.ts';
import {
  autoInterval,
  bucketOf,
  bucketsOf,
  dayOfEpochDay,
  groupingProblems,
  isTimeDimension,
  periodProblems,
  resolveRange,
  weekStartIndex,
  type DateRange,
  type Dimension,
  type Interval,
  type ReportDefinition,
} from './report-definition.rules.ts';
import { definitionRefused } from './reports.errors.ts';
import {
  findReportCatalog,
  findReportEntries,
  findRunningReportTimers,
  sumReportFacts,
  type FactFilters,
  type FactRow,
} from './reports.repository.ts';
import { billingOfGroup, periodOf, periodStartOf, ratePeriodStarts } from './reports.rules.ts';
import { catalogOf } from './reports.service.ts';

export interface NativeReport {
  range: DateRange;
  groupBy: readonly Dimension[];
  rows: GroupedRow[];
  totals: Figures;
  chart: { interval: Interval; buckets: string[]; stackedBy: Dimension | null; series: Series[] };
  /** The account's currency: what costs are counted in. */
  costCurrency: string;
  showsAmounts: boolean;
  showsCosts: boolean;
}

/** One entry behind a report, with the figures the report counted for it. */
export interface ReportEntry {
  id: number;
  spentDate: string;
  person: { id: number; name: string };
  client: { id: number; name: string };
  project: { id: number; name: string; code: string | null };
  task: { id: number; name: string } | null;
  notes: string | null;
  startedTime: number | null;
  endedTime: number | null;
  seconds: number;
  roundedSeconds: number;
  isRunning: boolean;
  billable: boolean;
  currency: string;
  /** Minor units; null when the viewer may not see money or no rate applies. */
  billableAmountMinor: number | null;
  costAmountMinor: number | null;
  approvalStatus: ApprovalStatus;
  invoice: { id: number; number: string | null } | null;
}

export interface ReportEntriesPage {
  entries: ReportEntry[];
  next: { date: string; id: number } | null;
  range: DateRange;
  costCurrency: string;
}

export interface NativeReportsService {
  run(actor: Actor, definition: ReportDefinition): Promise<NativeReport>;
  entries(
    actor: Actor,
    definition: ReportDefinition,
    page: { after: { date: string; id: number } | null; limit: number },
  ): Promise<ReportEntriesPage>;
  /**
   * Every entry behind a report, a page at a time, in constant memory (exports). Planned once,
   * without running the grouped report: a file of entries needs none of its sums.
   */
  allEntries(actor: Actor, definition: ReportDefinition, pageSize?: number): Promise<EntriesExport>;
}

export interface EntriesExport {
  range: DateRange;
  costCurrency: string;
  showsAmounts: boolean;
  showsCosts: boolean;
  pages: AsyncIterable<ReportEntry[]>;
}

const HUNDREDTH_SECONDS = 36;

export function createNativeReportsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
}): NativeReportsService {
  const { db, clock } = deps;

  /** Everything a run needs before it reads time: the days, the filters in SQL, the catalog. */
  async function plan(actor: Actor, definition: ReportDefinition) {
    const today = localDate(clock.now(), actor.settings.timezone);
    const range = resolveRange(definition, today, actor.settings.weekStartDay);
    const problems = [
      ...('problems' in range ? range.problems : []),
      ...groupingProblems(definition.groupBy),
      ...periodProblems(definition),
    ];
    if (problems.length > 0 || 'problems' in range) throw definitionRefused(problems);
    const [raw, visibleTo] = await Promise.all([
      findReportCatalog(db, actor.accountId),
      visibleTimeOf(db, actor),
    ]);
    const catalog = catalogOf(raw);
    const f = definition.filters;
    let projectIds: number[] | null = f.projectIds.length > 0 ? [...f.projectIds] : null;
    if (f.clientIds.length > 0) {
      const clients = new Set(f.clientIds);
      const ofClients = raw.projects.filter((p) => clients.has(p.client_id)).map((p) => p.id);
      projectIds = projectIds ? projectIds.filter((id) => ofClients.includes(id)) : ofClients;
    }
    const filters: FactFilters = {
      ...range,
      projectIds,
      taskIds: f.taskIds.length > 0 ? f.taskIds : null,
      userIds: f.personIds.length > 0 ? f.personIds : null,
      approvalStatuses: f.approvalStatuses.length > 0 ? f.approvalStatuses : null,
      invoiced: f.invoiced,
      ...(visibleTo ? { visibleTo } : {}),
    };
    const periodStarts = ratePeriodStarts(
      range,
      raw.userRates.map((rate) => rate.start_date),
      [...catalog.projectRates.values()].flat(),
    );
    const rounding = {
      mode: actor.settings.timeRoundingMode as RoundingMode,
      minutes: actor.settings.timeRoundingMinutes,
    };
    return { range, raw, catalog, visibleTo, filters, periodStarts, rounding };
  }

  type Plan = Awaited<ReturnType<typeof plan>>;

  /** The database's groups as the rules read them: rate periods and buckets named. */
  function factGroups(rows: readonly FactRow[], p: Plan, interval: Interval | null): FactGroup[] {
    return rows.map((row) => ({
      projectId: row.project_id,
      taskId: row.task_id,
      userId: row.user_id,
      periodStart: periodStartOf(p.range, p.periodStarts, row.period),
      bucket:
        row.bucket === null
          ? null
          : interval === 'week'
            ? dayOfEpochDay(Number(row.bucket))
            : row.bucket,
      seconds: row.seconds,
      hundredths: row.hundredths,
    }));
  }

  /** A running timer was summed at its stored seconds; it counts up to now, as its entry shows. */
  function timerGroups(
    timers: Awaited<ReturnType<typeof findRunningReportTimers>>,
    p: Plan,
    interval: Interval | null,
    weekStartDay: string,
  ): FactGroup[] {
    const nowMs = clock.now().getTime();
    // The query already kept to the report's days, filters and the caller's scope.
    return timers.map((timer) => {
      const seconds = trackedSeconds(timer, nowMs);
      return {
        projectId: timer.project_id,
        taskId: timer.task_id,
        userId: timer.user_id,
        periodStart: periodStartOf(
          p.range,
          p.periodStarts,
          periodOf(p.periodStarts, timer.spent_date),
        ),
        bucket: interval ? bucketOf(interval, timer.spent_date, weekStartDay) : null,
        seconds: seconds - timer.duration_seconds,
        hundredths:
          roundedHundredths(seconds, p.rounding.mode, p.rounding.minutes) -
          roundedHundredths(timer.duration_seconds, p.rounding.mode, p.rounding.minutes),
      };
    });
  }

  function people(p: Plan, groups: readonly FactGroup[]): ReportPerson[] {
    const named = new Set(p.filters.userIds ?? []);
    const visible = p.visibleTo ? new Set(p.visibleTo.userIds) : null;
    const tracked = new Set(groups.map((g) => g.userId));
    return p.raw.users
      .filter(
        (u) =>
          (named.size === 0 || named.has(u.id)) &&
          (tracked.has(u.id) || (u.is_active === 1 && (!visible || visible.has(u.id)))),
      )
      .map((u) => ({ id: u.id, weeklyCapacitySeconds: u.weekly_capacity }));
  }

  function present(
    entry: Awaited<ReturnType<typeof findReportEntries>>[number],
    p: Plan,
    nowMs: number,
    money: { billable: boolean; cost: boolean; costCurrency: string; includeFixedFee: boolean },
  ): ReportEntry | null {
    const project = p.catalog.projects.get(entry.project_id);
    if (!project) return null;
    const billing = billingOfGroup(
      {
        projectId: entry.project_id,
        taskId: entry.task_id,
        userId: entry.user_id,
        periodStart: entry.spent_date,
      },
      project,
      p.catalog,
    );
    const seconds = trackedSeconds(entry, nowMs);
    const hundredths = roundedHundredths(seconds, p.rounding.mode, p.rounding.minutes);
    const user = p.catalog.users.get(entry.user_id);
    // As the report counts it: a fixed-fee project's time brings no amount unless asked for.
    const billableRate = !billing.billable
      ? null
      : project.isFixedFee && !money.includeFixedFee
        ? 0
        : billing.billableRateCents;
    return {
      id: entry.id,
      spentDate: entry.spent_date,
      person: { id: entry.user_id, name: user?.name ?? '' },
      client: { id: project.clientId, name: project.clientName },
      project: { id: project.id, name: project.name, code: project.code },
      task:
        entry.task_id === null
          ? null
          : { id: entry.task_id, name: p.catalog.tasks.get(entry.task_id) ?? '' },
      notes: entry.notes,
      startedTime: entry.started_time,
      endedTime: entry.ended_time,
      seconds,
      roundedSeconds: hundredths * HUNDREDTH_SECONDS,
      isRunning: entry.timer_started_at !== null,
      billable: billing.billable,
      currency: project.currency,
      billableAmountMinor:
        money.billable && billableRate !== null
          ? microToMinor(BigInt(hundredths) * BigInt(billableRate), minorDigits(project.currency))
          : null,
      costAmountMinor:
        money.cost && billing.costRateCents !== null
          ? microToMinor(
              BigInt(hundredths) * BigInt(billing.costRateCents),
              minorDigits(money.costCurrency),
            )
          : null,
      approvalStatus: entry.approval_status as ApprovalStatus,
      invoice:
        entry.invoice_id === null ? null : { id: entry.invoice_id, number: entry.invoice_number },
    };
  }

  async function entriesPage(
    actor: Actor,
    p: Plan,
    definition: ReportDefinition,
    after: { date: string; id: number } | null,
    limit: number,
  ): Promise<{ entries: ReportEntry[]; next: { date: string; id: number } | null }> {
    const nowMs = clock.now().getTime();
    const money = {
      billable: seesBillableRates(actor),
      cost: isAdministrator(actor),
      costCurrency: p.raw.account.currency,
      includeFixedFee: definition.includeFixedFee,
    };
    const wanted = definition.filters.billable;
    const entries: ReportEntry[] = [];
    let cursor = after;
    // The billable filter is a rule, not a column: read on until the page is full or time ends.
    for (;;) {
      const batch = await findReportEntries(db, actor.accountId, p.filters, cursor, limit);
      for (const row of batch) {
        cursor = { date: row.spent_date, id: row.id };
        const entry = present(row, p, nowMs, money);
        if (!entry || (wanted !== null && entry.billable !== wanted)) continue;
        entries.push(entry);
        if (entries.length === limit) return { entries, next: cursor };
      }
      if (batch.length < limit) return { entries, next: null };
    }
  }

  return {
    async run(actor, definition) {
      const p = await plan(actor, definition);
      const weekStartDay = actor.settings.weekStartDay;
      const timeDimension = definition.groupBy.find(isTimeDimension) ?? null;
      const interval = definition.interval ?? autoInterval(p.range);
      const stack = stackDimension(definition.groupBy);
      const weekStart = weekStartIndex(weekStartDay);
      const [facts, series, timers] = await Promise.all([
        sumReportFacts(db, actor.accountId, {
          ...p.filters,
          periodStarts: p.periodStarts,
          rounding: p.rounding,
          keys: { task: true, user: true, period: true },
          bucket: timeDimension,
          weekStart,
        }),
        // The chart needs hours only: the fewest keys that still tell its stacks apart.
        sumReportFacts(db, actor.accountId, {
          ...p.filters,
          periodStarts: [],
          rounding: p.rounding,
          keys: {
            task: stack === 'task' || definition.filters.billable !== null,
            user: stack === 'person',
            period: false,
          },
          bucket: interval,
          weekStart,
        }),
        findRunningReportTimers(db, actor.accountId, p.filters),
      ]);
      const groups = [
        ...factGroups(facts, p, timeDimension),
        ...timerGroups(timers, p, timeDimension, weekStartDay),
      ];
      const context = {
        range: p.range,
        groupBy: definition.groupBy,
        weekStartDay,
        catalog: p.catalog,
        includeFixedFee: definition.includeFixedFee,
        billable: definition.filters.billable,
        // Capacity is people's, not projects': a report narrowed to some clients, projects or
        // tasks weighs against no one's capacity (and shows no one's beyond its filters).
        people:
          definition.filters.clientIds.length +
            definition.filters.projectIds.length +
            definition.filters.taskIds.length ===
          0
            ? people(p, groups)
            : null,
      };
      const report = buildGroupedReport(groups, context);
      const buckets = bucketsOf(p.range, interval, weekStartDay);
      return {
        range: p.range,
        groupBy: definition.groupBy,
        rows: report.rows,
        totals: report.totals,
        chart: {
          interval,
          buckets,
          stackedBy: stack,
          series: buildSeries(
            [...factGroups(series, p, interval), ...timerGroups(timers, p, interval, weekStartDay)],
            buckets,
            stack,
            context,
          ),
        },
        costCurrency: p.raw.account.currency,
        showsAmounts: seesBillableRates(actor),
        showsCosts: isAdministrator(actor),
      };
    },

    async entries(actor, definition, page) {
      const p = await plan(actor, definition);
      const result = await entriesPage(actor, p, definition, page.after, page.limit);
      return { ...result, range: p.range, costCurrency: p.raw.account.currency };
    },

    async allEntries(actor, definition, pageSize = 1000) {
      const p = await plan(actor, definition);
      async function* pages() {
        let after: { date: string; id: number } | null = null;
        for (;;) {
          const page = await entriesPage(actor, p, definition, after, pageSize);
          if (page.entries.length > 0) yield page.entries;
          if (!page.next) return;
          after = page.next;
          // A long export gives other requests their turn between pages.
          await new Promise((resolve) => setImmediate(resolve));
        }
      }
      return {
        range: p.range,
        costCurrency: p.raw.account.currency,
        showsAmounts: seesBillableRates(actor),
        showsCosts: isAdministrator(actor),
        pages: pages(),
      };
    },
  };
}
