import { DateTime } from 'luxon';
import { weekDays } from '../time-entries/timesheet.rules.ts';
import type { ApprovalStatus } from '../approvals/approvals.rules.ts';

/**
 * What a native report asks for, as plain data: the web app builds it, saved reports and share
 * links store it, exports replay it. Everything here is pure, so the same definition read on
 * the same day gives the same figures wherever it is run.
 */

export const DIMENSIONS = ['client', 'project', 'task', 'person', 'day', 'week', 'month'] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const INTERVALS = ['day', 'week', 'month'] as const;
export type Interval = (typeof INTERVALS)[number];

export const PERIODS = [
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'custom',
] as const;
export type Period = (typeof PERIODS)[number];

/** The days a report may name: wide enough for any tracked time, narrow enough to be real. */
export const EARLIEST_DAY = '1900-01-01';
export const LATEST_DAY = '2999-12-31';

/** Two years and a day: a year's report compared with the year before fits whole. */
export const MAX_RANGE_DAYS = 731;

export interface ReportFilters {
  clientIds: readonly number[];
  projectIds: readonly number[];
  taskIds: readonly number[];
  personIds: readonly number[];
  /** Only billable (true) or only non-billable (false) time; null: both. */
  billable: boolean | null;
  approvalStatuses: readonly ApprovalStatus[];
  /** Only invoiced (true) or only uninvoiced (false) time; null: both. */
  invoiced: boolean | null;
}

export interface ReportDefinition {
  period: Period;
  /** Only with `custom`. */
  from: string | null;
  to: string | null;
  /** One or two dimensions, outer first. */
  groupBy: readonly Dimension[];
  /** The chart's step; null picks one from the range's length. */
  interval: Interval | null;
  /** Whether fixed-fee projects bring billable amounts (Harvest's `include_fixed_fee`). */
  includeFixedFee: boolean;
  filters: ReportFilters;
}

export interface DateRange {
  from: string;
  to: string;
}

/** Why a definition cannot be run, per field: the native API puts these in `details`. */
export interface DefinitionProblem {
  field: string;
  code: 'required' | 'invalid_range' | 'range_too_long' | 'duplicate_dimension' | 'not_allowed';
  message: string;
}

/** A saved report's name left blank. */
export const BLANK_NAME: DefinitionProblem = {
  field: 'name',
  code: 'required',
  message: "can't be blank",
};

const iso = (d: DateTime) => d.toFormat('yyyy-MM-dd');
const day = (text: string) => DateTime.fromISO(text, { zone: 'UTC' });

/**
 * The days a definition covers on `today` (the account's today): relative periods move with the
 * calendar, so a saved "last month" is always last month. Weeks start on the account's day.
 */
export function resolveRange(
  definition: Pick<ReportDefinition, 'period' | 'from' | 'to'>,
  today: string,
  weekStartDay: string,
): DateRange | { problems: DefinitionProblem[] } {
  const t = day(today);
  const week = (offset: number) => {
    const days = weekDays(iso(t.plus({ weeks: offset })), weekStartDay);
    return { from: days[0] ?? today, to: days[6] ?? today };
  };
  const unit = (name: 'month' | 'quarter' | 'year', offset: number) => {
    const start = t.plus({ [`${name}s`]: offset }).startOf(name);
    return { from: iso(start), to: iso(start.endOf(name)) };
  };
  switch (definition.period) {
    case 'this_week':
      return week(0);
    case 'last_week':
      return week(-1);
    case 'this_month':
      return unit('month', 0);
    case 'last_month':
      return unit('month', -1);
    case 'this_quarter':
      return unit('quarter', 0);
    case 'last_quarter':
      return unit('quarter', -1);
    case 'this_year':
      return unit('year', 0);
    case 'last_year':
      return unit('year', -1);
    case 'custom':
      return customRange(definition.from, definition.to);
  }
}

/** Days only go with a custom period: a relative one with days of its own is a contradiction. */
export function periodProblems(
  definition: Pick<ReportDefinition, 'period' | 'from' | 'to'>,
): DefinitionProblem[] {
  if (definition.period === 'custom' || (definition.from === null && definition.to === null))
    return [];
  return [
    {
      field: 'from',
      code: 'not_allowed',
      message: `from and to go with the custom period only, not ${definition.period}`,
    },
  ];
}

function customRange(from: string | null, to: string | null) {
  const problems: DefinitionProblem[] = [];
  if (from === null)
    problems.push({ field: 'from', code: 'required', message: 'from is required' });
  if (to === null) problems.push({ field: 'to', code: 'required', message: 'to is required' });
  for (const [field, value] of [
    ['from', from],
    ['to', to],
  ] as const)
    if (value !== null && (value < EARLIEST_DAY || value > LATEST_DAY))
      problems.push({
        field,
        code: 'invalid_range',
        message: `${field} must be between ${EARLIEST_DAY} and ${LATEST_DAY}`,
      });
  if (from !== null && to !== null && problems.length === 0) {
    const days = day(to).diff(day(from), 'days').days;
    if (days < 0)
      problems.push({ field: 'to', code: 'invalid_range', message: 'to is before from' });
    else if (days + 1 > MAX_RANGE_DAYS)
      problems.push({
        field: 'to',
        code: 'range_too_long',
        message: `a report covers at most ${MAX_RANGE_DAYS} days`,
      });
  }
  return from !== null && to !== null && problems.length === 0 ? { from, to } : { problems };
}

/** Problems of the grouping: at most two dimensions, each once, at most one of them a time. */
export function groupingProblems(groupBy: readonly Dimension[]): DefinitionProblem[] {
  const problems: DefinitionProblem[] = [];
  if (new Set(groupBy).size !== groupBy.length)
    problems.push({
      field: 'groupBy',
      code: 'duplicate_dimension',
      message: 'groupBy names a dimension twice',
    });
  if (groupBy.filter(isTimeDimension).length > 1)
    problems.push({
      field: 'groupBy',
      code: 'not_allowed',
      message: 'groupBy takes at most one of day, week and month',
    });
  return problems;
}

export function isTimeDimension(dimension: Dimension): dimension is Interval {
  return dimension === 'day' || dimension === 'week' || dimension === 'month';
}

/** The chart's step when none is asked for: a day up to a month, a week up to half a year. */
export function autoInterval(range: DateRange): Interval {
  const days = day(range.to).diff(day(range.from), 'days').days + 1;
  if (days <= 31) return 'day';
  if (days <= 183) return 'week';
  return 'month';
}

/** The bucket a day falls in: the day, its week's first day, or its month (YYYY-MM). */
export function bucketOf(interval: Interval, date: string, weekStartDay: string): string {
  switch (interval) {
    case 'day':
      return date;
    case 'week':
      return weekDays(date, weekStartDay)[0] ?? date;
    case 'month':
      return date.slice(0, 7);
  }
}

/** Every bucket the range touches, in order, empty ones included (a chart's x axis). */
export function bucketsOf(range: DateRange, interval: Interval, weekStartDay: string): string[] {
  const buckets: string[] = [];
  let cursor = day(bucketOf(interval, range.from, weekStartDay).padEnd(10, '-01'));
  const end = range.to;
  const step =
    interval === 'day' ? { days: 1 } : interval === 'week' ? { weeks: 1 } : { months: 1 };
  while (iso(cursor) <= end) {
    buckets.push(interval === 'month' ? iso(cursor).slice(0, 7) : iso(cursor));
    cursor = cursor.plus(step);
  }
  return buckets;
}

/** The days of a bucket that lie inside the range. */
export function bucketRange(
  bucket: string,
  interval: Interval,
  range: DateRange,
  weekStartDay: string,
): DateRange {
  let from: string;
  let to: string;
  if (interval === 'day') from = to = bucket;
  else if (interval === 'week') {
    const days = weekDays(bucket, weekStartDay);
    from = days[0] ?? bucket;
    to = days[6] ?? bucket;
  } else {
    const start = day(`${bucket}-01`);
    from = iso(start);
    to = iso(start.endOf('month'));
  }
  return { from: from < range.from ? range.from : from, to: to > range.to ? range.to : to };
}

/** Monday to Friday days in a range: the days a weekly capacity is spread over. */
export function workingDays(range: DateRange): number {
  const from = day(range.from);
  const total = day(range.to).diff(from, 'days').days + 1;
  if (total <= 0) return 0;
  const fullWeeks = Math.floor(total / 7);
  let count = fullWeeks * 5;
  for (let i = fullWeeks * 7; i < total; i++) {
    const weekday = from.plus({ days: i }).weekday; // 1 Monday … 7 Sunday
    if (weekday <= 5) count++;
  }
  return count;
}

/** A person's capacity over a range: their weekly capacity spread over its working days. */
export function capacitySeconds(weeklyCapacitySeconds: number, range: DateRange): number {
  return Math.round((weeklyCapacitySeconds * workingDays(range)) / 5);
}

/** The first day of the week that starts at epoch day `n`, as the SQL week key reports it. */
export function dayOfEpochDay(n: number): string {
  return iso(DateTime.fromMillis(n * 86_400_000, { zone: 'UTC' }));
}

/** Sunday 0 … Saturday 6, as the SQL week key counts the account's week start. */
export function weekStartIndex(weekStartDay: string): number {
  switch (weekStartDay) {
    case 'Sunday':
      return 0;
    case 'Saturday':
      return 6;
    default:
      return 1;
  }
}
