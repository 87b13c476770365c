import { parseCalendarDate } from '../../../shared/time.ts';
import { refusal, type Refusal } from '../../shared/domain-error.ts';
import { rateInForce } from '../project-rates/project-rates.rules.ts';
import { rateOn } from '../users/users.rules.ts';
import {
  resolveBilling,
  type Billing,
  type BillingContext,
} from '../time-entries/time-entries.rules.ts';
import { REPORT_ERRORS } from './reports.errors.ts';

export const REPORT_KINDS = ['clients', 'projects', 'tasks', 'team'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Harvest §7: a report covers at most a year; 365 days apart lets a leap year through whole. */
export const MAX_REPORT_DAYS = 365;

const DAY_MS = 86_400_000;

/**
 * The report's required `from`/`to` (YYYY-MM-DD or YYYYMMDD): returns the ISO days, or the
 * coded problems.
 */
export function parseReportRange(
  fromText: string | undefined,
  toText: string | undefined,
): { from: string; to: string } | { errors: Refusal[] } {
  const errors: Refusal[] = [];
  const read = (text: string | undefined, field: string) => {
    if (text === undefined || text === '') {
      errors.push(refusal(REPORT_ERRORS.dateRequired, { field }));
      return null;
    }
    const day = parseCalendarDate(text);
    if (!day) errors.push(refusal(REPORT_ERRORS.notADate, { field }));
    return day;
  };
  const from = read(fromText, 'from');
  const to = read(toText, 'to');
  if (from && to) {
    const days = (Date.parse(to) - Date.parse(from)) / DAY_MS;
    if (days < 0) errors.push(refusal(REPORT_ERRORS.toBeforeFrom));
    else if (days > MAX_REPORT_DAYS) errors.push(refusal(REPORT_ERRORS.periodTooLong));
  }
  return from && to && errors.length === 0 ? { from, to } : { errors };
}

function nextDay(day: string): string {
  return new Date(Date.parse(day) + DAY_MS).toISOString().slice(0, 10);
}

/**
 * The days inside (from, to] on which some billable rate changes: a person's default rate
 * starts, or a person's project rate starts or ends. Between two of them every entry of a
 * person on a project is priced alike, so a report sums each stretch in one group.
 */
export function ratePeriodStarts(
  range: { from: string; to: string },
  userRateStarts: readonly (string | null)[],
  projectRates: readonly { dateFrom: string; dateTo: string | null }[],
): string[] {
  const days = new Set<string>();
  const add = (day: string | null) => {
    if (day !== null && day > range.from && day <= range.to) days.add(day);
  };
  userRateStarts.forEach(add);
  for (const rate of projectRates) {
    add(rate.dateFrom);
    if (rate.dateTo !== null) add(nextDay(rate.dateTo));
  }
  return [...days].sort();
}

/** The number of the rate period a day falls in: the SQL `CASE` of the totals, in TypeScript. */
export function periodOf(periodStarts: readonly string[], day: string): number {
  return periodStarts.filter((start) => start <= day).length;
}

/** The first day of a numbered rate period. */
export function periodStartOf(
  range: { from: string },
  periodStarts: readonly string[],
  period: number,
): string {
  return period === 0 ? range.from : (periodStarts[period - 1] ?? range.from);
}

/** Rounded time of one project, task and person in one rate period, as the database summed it. */
export interface TimeGroup {
  projectId: number;
  taskId: number | null;
  userId: number;
  /** First day of the rate period: every rate in force that day holds for the whole group. */
  periodStart: string;
  /** Σ of the entries' rounded hours, in hundredths. */
  hundredths: number;
}

export interface ReportProject {
  id: number;
  name: string;
  code: string | null;
  clientId: number;
  clientName: string;
  currency: string;
  isFixedFee: boolean;
  billing: BillingContext['project'];
}

export interface ReportCatalog {
  projects: ReadonlyMap<number, ReportProject>;
  tasks: ReadonlyMap<number, string>;
  users: ReadonlyMap<
    number,
    {
      name: string;
      isContractor: boolean;
      weeklyCapacity: number;
      avatarUrl: string | null;
      isActive?: boolean;
    }
  >;
  /** Keyed `${projectId}:${taskId}` and `${projectId}:${userId}`. */
  taskAssignments: ReadonlyMap<string, NonNullable<BillingContext['taskAssignment']>>;
  userAssignments: ReadonlyMap<string, NonNullable<BillingContext['userAssignment']>>;
  userRates: ReadonlyMap<
    number,
    readonly { id: number; kind: string; amount_cents: number; start_date: string | null }[]
  >;
  projectRates: ReadonlyMap<
    number,
    readonly {
      id: number;
      projectId: number;
      dateFrom: string;
      dateTo: string | null;
      rateCents: number;
    }[]
  >;
}

export interface TimeReportRow {
  subjectId: number | null;
  subjectName: string;
  /** Clients' id and name, on project rows. */
  clientId: number | null;
  clientName: string | null;
  currency: string;
  totalHundredths: number;
  billableHundredths: number;
  /** Σ rounded hundredths × rate in cents: hundredths of a cent, exact. */
  billableAmountMicro: number;
  user?: { isContractor: boolean; weeklyCapacity: number; avatarUrl: string | null };
}

/**
 * Harvest §7.1: one row per subject and currency. Hours are the entries' rounded hours;
 * billable hours those of billable entries; the amount prices each group at the rate that
 * the entry would show (§5.8) for the period's first day. Fixed-fee projects bring no amount
 * unless asked for (`include_fixed_fee`).
 */
export function buildTimeReport(
  kind: ReportKind,
  groups: readonly TimeGroup[],
  catalog: ReportCatalog,
  options: { includeFixedFee: boolean },
): TimeReportRow[] {
  const rows = new Map<string, TimeReportRow>();
  for (const group of groups) {
    const project = catalog.projects.get(group.projectId);
    if (!project) continue;
    const user = catalog.users.get(group.userId);
    const billing = billingOfGroup(group, project, catalog);
    const subject = subjectOf(kind, group, project, catalog, user?.name);
    const key = `${String(subject.id)}:${project.currency}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        subjectId: subject.id,
        subjectName: subject.name,
        clientId: kind === 'projects' ? project.clientId : null,
        clientName: kind === 'projects' ? project.clientName : null,
        currency: project.currency,
        totalHundredths: 0,
        billableHundredths: 0,
        billableAmountMicro: 0,
        ...(kind === 'team' && user
          ? {
              user: {
                isContractor: user.isContractor,
                weeklyCapacity: user.weeklyCapacity,
                avatarUrl: user.avatarUrl,
              },
            }
          : {}),
      };
      rows.set(key, row);
    }
    row.totalHundredths += group.hundredths;
    if (billing.billable) {
      row.billableHundredths += group.hundredths;
      if (!project.isFixedFee || options.includeFixedFee)
        row.billableAmountMicro += group.hundredths * (billing.billableRateCents ?? 0);
    }
  }
  return [...rows.values()].sort(
    (a, b) =>
      a.subjectName.localeCompare(b.subjectName, 'en') ||
      (a.subjectId ?? 0) - (b.subjectId ?? 0) ||
      a.currency.localeCompare(b.currency, 'en'),
  );
}

/**
 * How a group of time is billed: the rules an entry of that project, task and person would
 * show (§5.8), with the rates in force on the first day of the group's rate period.
 */
export function billingOfGroup(
  group: Pick<TimeGroup, 'projectId' | 'taskId' | 'userId' | 'periodStart'>,
  project: ReportProject,
  catalog: ReportCatalog,
): Billing {
  const taskAssignment =
    group.taskId === null
      ? null
      : (catalog.taskAssignments.get(`${group.projectId}:${group.taskId}`) ?? null);
  const rates = catalog.userRates.get(group.userId) ?? [];
  return resolveBilling({
    project: project.billing,
    taskAssignment,
    userAssignment: catalog.userAssignments.get(`${group.projectId}:${group.userId}`) ?? null,
    userBillableRateCents: rateOn(rates, 'billable', group.periodStart),
    userCostRateCents: rateOn(rates, 'cost', group.periodStart),
    projectRateCents:
      rateInForce(catalog.projectRates.get(group.userId) ?? [], group.projectId, group.periodStart)
        ?.rateCents ?? null,
  });
}

function subjectOf(
  kind: ReportKind,
  group: TimeGroup,
  project: ReportProject,
  catalog: ReportCatalog,
  userName: string | undefined,
): { id: number | null; name: string } {
  switch (kind) {
    case 'clients':
      return { id: project.clientId, name: project.clientName };
    case 'projects':
      // Harvest prefixes the code on this report only (§6.5).
      return {
        id: project.id,
        name: project.code ? `[${project.code}] ${project.name}` : project.name,
      };
    case 'tasks':
      return group.taskId === null
        ? { id: null, name: 'No task' }
        : { id: group.taskId, name: catalog.tasks.get(group.taskId) ?? '' };
    case 'team':
      return { id: group.userId, name: userName ?? '' };
  }
}

/** Hundredths of a cent to currency units with two decimals, half away from zero. */
export function amountFromMicro(micro: number): number {
  return Math.round(micro / 100) / 100;
}
