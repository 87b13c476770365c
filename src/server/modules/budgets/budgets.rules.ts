import { DateTime } from 'luxon';

/**
 * Project budgets as Harvest defines them (`budget_by`), what is spent of them, and a burn
 * forecast Harvest does not make: at the pace of the last working days, when the budget runs
 * out, and whether that is before the project (or the month of a monthly budget) ends.
 */

export const BUDGET_BY = ['project', 'project_cost', 'task', 'task_fees', 'person'] as const;
export type BudgetBy = (typeof BUDGET_BY)[number];

/** Hours budgets count rounded time; money budgets count billable amounts (fees). */
export type BudgetUnit = 'hours' | 'money';

export interface BudgetedProject {
  budgetBy: string;
  /** Hours budget of the project, in hundredths of an hour. */
  budgetHundredths: number | null;
  /** Money budget of the project (total fees), in hundredths of the currency. */
  costBudgetCents: number | null;
}

export function budgetUnit(budgetBy: string): BudgetUnit | null {
  switch (budgetBy) {
    case 'project':
    case 'task':
    case 'person':
      return 'hours';
    case 'project_cost':
    case 'task_fees':
      return 'money';
    default:
      return null;
  }
}

/**
 * The project's budget in hundredths (of an hour or of the currency): its own for project
 * budgets, the sum of its tasks' or people's budgets otherwise; null when it has none.
 */
export function budgetAmount(
  project: BudgetedProject,
  taskBudgets: readonly (number | null)[],
  personBudgets: readonly (number | null)[],
): number | null {
  const sum = (values: readonly (number | null)[]) => {
    const set = values.filter((v): v is number => v !== null);
    return set.length === 0 ? null : set.reduce((a, b) => a + b, 0);
  };
  switch (project.budgetBy) {
    case 'project':
      return project.budgetHundredths;
    case 'project_cost':
      return project.costBudgetCents ?? project.budgetHundredths;
    case 'task':
    case 'task_fees':
      return sum(taskBudgets);
    case 'person':
      return sum(personBudgets);
    default:
      return null;
  }
}

/** The days a budget counts: all time, or this month (account's today) when it is monthly. */
export function budgetPeriod(
  isMonthly: boolean,
  today: string,
): { from: string; to: string; key: string } {
  if (!isMonthly) return { from: '0001-01-01', to: '9999-12-31', key: 'total' };
  const start = DateTime.fromISO(today, { zone: 'UTC' }).startOf('month');
  return {
    from: start.toFormat('yyyy-MM-dd'),
    to: start.endOf('month').toFormat('yyyy-MM-dd'),
    key: start.toFormat('yyyy-MM'),
  };
}

/** 0 below the alert threshold, 1 at or over it, 2 at or over the whole budget. */
export type AlertLevel = 0 | 1 | 2;

export function alertLevel(spent: number, budget: number, thresholdPercent: number): AlertLevel {
  if (budget <= 0) return spent > 0 ? 2 : 0;
  if (spent >= budget) return 2;
  // spent / budget ≥ threshold %, in integers.
  return spent * 100 >= budget * thresholdPercent ? 1 : 0;
}

const day = (text: string) => DateTime.fromISO(text, { zone: 'UTC' });
const iso = (d: DateTime) => d.toFormat('yyyy-MM-dd');

/** The `count` working days (Monday to Friday) that end on `today`, oldest first. */
export function lastWorkingDays(today: string, count: number): { from: string; to: string } {
  let cursor = day(today);
  let seen = 0;
  let from = today;
  while (seen < count) {
    if (cursor.weekday <= 5) {
      seen++;
      from = iso(cursor);
    }
    cursor = cursor.minus({ days: 1 });
  }
  return { from, to: today };
}

/** The working day `n` working days after `from` (n ≥ 1). */
export function addWorkingDays(from: string, n: number): string {
  // Whole weeks at once: five working days are seven calendar days from any day.
  const weeks = Math.max(0, Math.floor((n - 1) / 5));
  let cursor = day(from).plus({ days: weeks * 7 });
  let left = n - weeks * 5;
  while (left > 0) {
    cursor = cursor.plus({ days: 1 });
    if (cursor.weekday <= 5) left--;
  }
  return iso(cursor);
}

/** A hundred years of working days: the furthest a forecast names a day. */
export const MAX_FORECAST_WORKING_DAYS = 26_000;

export interface Forecast {
  /** Working days the pace is read over. */
  paceDays: number;
  /** What the budget burns per working day at that pace, in its hundredths. */
  pacePerDay: number;
  /** The day the budget runs out at that pace; null when nothing burns, or it already has. */
  runsOutOn: string | null;
  /** The project's end (or the month's, for a monthly budget), if it has one. */
  endsOn: string | null;
  /** Whether the run-out day comes before that end (false once the budget is spent). */
  runsOutBeforeEnd: boolean;
}

/**
 * At the pace of the last working days, the day what remains is used up. A spent budget has
 * already run out; a budget with no recent time never runs out at that pace.
 */
export function forecast(input: {
  remaining: number;
  spentInWindow: number;
  paceDays: number;
  today: string;
  endsOn: string | null;
}): Forecast {
  const pacePerDay = input.paceDays > 0 ? input.spentInWindow / input.paceDays : 0;
  let runsOutOn: string | null = null;
  const days = pacePerDay > 0 ? Math.ceil(input.remaining / pacePerDay) : Infinity;
  // Beyond a century at this pace is never, as far as anyone planning is concerned.
  if (input.remaining > 0 && days <= MAX_FORECAST_WORKING_DAYS)
    runsOutOn = addWorkingDays(input.today, days);
  // A spent budget has no run-out day ahead: its level says it is over, not the forecast.
  return {
    paceDays: input.paceDays,
    pacePerDay: Math.round(pacePerDay),
    runsOutOn,
    endsOn: input.endsOn,
    runsOutBeforeEnd: input.endsOn !== null && runsOutOn !== null && runsOutOn < input.endsOn,
  };
}

export interface BudgetState {
  period: string;
  level: AlertLevel;
  /** The run-out day last warned of in this period; null while no warning stands. */
  runsOutOn: string | null;
}

export type BudgetAlert =
  | { type: 'budget.threshold_crossed' }
  | { type: 'budget.exceeded' }
  | { type: 'budget.forecast_warning'; runsOutOn: string };

/**
 * What to tell when a budget's figures change, and the state to remember: a level reached that
 * was not reached before in the same period (the alert threshold only when the project asks
 * for alerts), and a forecast that moves before the end. A warning stands until the forecast
 * is no longer before the end, so a pace that wobbles does not repeat it; falling back below a
 * level tells nothing and lets the level be told again when it is reached again.
 */
export function budgetAlerts(
  before: BudgetState | null,
  now: { period: string; level: AlertLevel; forecast: Forecast },
  notify: boolean,
): { alerts: BudgetAlert[]; state: BudgetState } {
  const previous = before && before.period === now.period ? before : null;
  const alerts: BudgetAlert[] = [];
  const was = previous?.level ?? 0;
  if (now.level === 2 && was < 2) alerts.push({ type: 'budget.exceeded' });
  else if (now.level === 1 && was < 1 && notify) alerts.push({ type: 'budget.threshold_crossed' });
  const warns = now.forecast.runsOutBeforeEnd && now.forecast.runsOutOn !== null;
  let warned = warns ? (previous?.runsOutOn ?? null) : null;
  if (warns && warned === null && now.level < 2 && now.forecast.runsOutOn !== null) {
    warned = now.forecast.runsOutOn;
    alerts.push({ type: 'budget.forecast_warning', runsOutOn: warned });
  }
  return { alerts, state: { period: now.period, level: now.level, runsOutOn: warned } };
}
