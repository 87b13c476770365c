import { DateTime } from 'luxon';
import { expectedOn, type StatsEntry } from './working-hours.rules.ts';

/**
 * A feedback suggestion for a person from their recent tracked time (Flowtly's
 * `/employees/{id}/feedback-suggestion`, shape ours): the four weeks ending on a date against
 * their weekly capacity and against the four weeks before. Deterministic: the same entries
 * always give the same words, and every suggestion states the figures it rests on.
 */
export const FEEDBACK_WINDOW_DAYS = 28;
/** Hours above this on one day count as a long day. */
export const LONG_DAY_SECONDS = 10 * 3600;
/** Balance beyond this share of expected time is worth a word; within it, "on track". */
export const BALANCE_TOLERANCE = 0.1;
/** A change in hours against the previous window beyond this share is a trend. */
export const TREND_THRESHOLD = 0.2;
/** One project holding more than this share of the time is a concentration. */
export const FOCUS_SHARE = 0.8;

export type Severity = 'praise' | 'info' | 'attention';

export interface Suggestion {
  code:
    | 'on_track'
    | 'sustained_overtime'
    | 'under_capacity'
    | 'missing_time'
    | 'long_days'
    | 'single_project_focus'
    | 'rising_hours'
    | 'falling_hours'
    | 'no_time_tracked';
  severity: Severity;
  message: string;
}

export interface WeekFigures {
  from: string;
  to: string;
  workedSeconds: number;
  expectedSeconds: number;
  balanceSeconds: number;
}

export interface Feedback {
  from: string;
  to: string;
  workedSeconds: number;
  expectedSeconds: number;
  balanceSeconds: number;
  /** Worked over expected, in whole percent; null when nothing was expected. */
  utilizationPercent: number | null;
  weeks: WeekFigures[];
  topProjects: { projectId: number; seconds: number; sharePercent: number }[];
  trend: {
    from: string;
    to: string;
    previousWorkedSeconds: number;
    changePercent: number | null;
    direction: 'up' | 'down' | 'flat';
  };
  workingDaysWithoutTime: number;
  longDays: number;
  suggestions: Suggestion[];
  summary: string;
}

const day = (d: DateTime) => d.toFormat('yyyy-MM-dd');
const hours = (seconds: number) => `${(Math.round(seconds / 360) / 10).toFixed(1)} h`;
const percent = (ratio: number) => Math.round(ratio * 100);

function range(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = DateTime.fromISO(from, { zone: 'UTC' }); day(d) <= to; d = d.plus({ days: 1 })) {
    out.push(day(d));
  }
  return out;
}

export function feedbackSuggestion(
  date: string,
  weeklyCapacitySeconds: number,
  entries: readonly StatsEntry[],
): Feedback {
  const end = DateTime.fromISO(date, { zone: 'UTC' });
  const from = day(end.minus({ days: FEEDBACK_WINDOW_DAYS - 1 }));
  const previousTo = day(end.minus({ days: FEEDBACK_WINDOW_DAYS }));
  const previousFrom = day(end.minus({ days: 2 * FEEDBACK_WINDOW_DAYS - 1 }));

  const perDay = new Map<string, number>();
  const perProject = new Map<number, number>();
  let previousWorked = 0;
  for (const entry of entries) {
    if (entry.spentDate >= from && entry.spentDate <= date) {
      perDay.set(entry.spentDate, (perDay.get(entry.spentDate) ?? 0) + entry.seconds);
      perProject.set(entry.projectId, (perProject.get(entry.projectId) ?? 0) + entry.seconds);
    } else if (entry.spentDate >= previousFrom && entry.spentDate <= previousTo) {
      previousWorked += entry.seconds;
    }
  }

  const days = range(from, date);
  const worked = days.reduce((sum, d) => sum + (perDay.get(d) ?? 0), 0);
  const expected = days.reduce((sum, d) => sum + expectedOn(d, weeklyCapacitySeconds), 0);
  const balance = worked - expected;
  const weeks: WeekFigures[] = [0, 1, 2, 3].map((i) => {
    const weekDays = days.slice(i * 7, i * 7 + 7);
    const w = weekDays.reduce((sum, d) => sum + (perDay.get(d) ?? 0), 0);
    const e = weekDays.reduce((sum, d) => sum + expectedOn(d, weeklyCapacitySeconds), 0);
    return {
      from: weekDays[0] ?? from,
      to: weekDays[weekDays.length - 1] ?? date,
      workedSeconds: w,
      expectedSeconds: e,
      balanceSeconds: w - e,
    };
  });
  const topProjects = [...perProject.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, 3)
    .map(([projectId, seconds]) => ({
      projectId,
      seconds,
      sharePercent: worked > 0 ? percent(seconds / worked) : 0,
    }));
  const missing = days.filter(
    (d) => expectedOn(d, weeklyCapacitySeconds) > 0 && (perDay.get(d) ?? 0) === 0,
  ).length;
  const longDays = days.filter((d) => (perDay.get(d) ?? 0) > LONG_DAY_SECONDS).length;
  const change = previousWorked > 0 ? (worked - previousWorked) / previousWorked : null;
  const direction =
    change === null || Math.abs(change) <= TREND_THRESHOLD ? 'flat' : change > 0 ? 'up' : 'down';

  const suggestions: Suggestion[] = [];
  const window = `the four weeks ${from} to ${date}`;
  if (worked === 0) {
    suggestions.push({
      code: 'no_time_tracked',
      severity: 'attention',
      message: `No time was tracked in ${window}; check whether time is being recorded at all.`,
    });
  } else if (expected > 0 && balance > BALANCE_TOLERANCE * expected) {
    suggestions.push({
      code: 'sustained_overtime',
      severity: 'attention',
      message: `Worked ${hours(worked)} against ${hours(expected)} expected in ${window} (${hours(balance)} over, ${percent(worked / expected)}% of capacity); consider rebalancing the workload.`,
    });
  } else if (expected > 0 && -balance > BALANCE_TOLERANCE * expected) {
    suggestions.push({
      code: 'under_capacity',
      severity: 'info',
      message: `Tracked ${hours(worked)} against ${hours(expected)} expected in ${window} (${hours(-balance)} under); check for untracked time or spare capacity.`,
    });
  }
  if (worked > 0 && missing >= 2) {
    suggestions.push({
      code: 'missing_time',
      severity: 'info',
      message: `${missing} working days in ${window} have no time tracked; a reminder may help.`,
    });
  }
  if (longDays >= 3) {
    suggestions.push({
      code: 'long_days',
      severity: 'attention',
      message: `${longDays} days in ${window} were longer than ${hours(LONG_DAY_SECONDS)}; watch for fatigue.`,
    });
  }
  const top = topProjects[0];
  if (top && perProject.size > 0 && top.seconds > FOCUS_SHARE * worked && worked > 0) {
    suggestions.push({
      code: 'single_project_focus',
      severity: 'info',
      message: `${top.sharePercent}% of the time went to one project; make sure knowledge of it is shared.`,
    });
  }
  if (direction !== 'flat' && change !== null) {
    suggestions.push({
      code: direction === 'up' ? 'rising_hours' : 'falling_hours',
      severity: direction === 'up' ? 'attention' : 'info',
      message: `Hours ${direction === 'up' ? 'rose' : 'fell'} ${Math.abs(percent(change))}% against the four weeks before (${hours(previousWorked)} → ${hours(worked)}).`,
    });
  }
  // Where a project focus is the only remark, the workload itself is still on track.
  if (worked > 0 && suggestions.every((s) => s.code === 'single_project_focus')) {
    suggestions.unshift({
      code: 'on_track',
      severity: 'praise',
      message: `Worked ${hours(worked)} against ${hours(expected)} expected in ${window}, steady and within ${percent(BALANCE_TOLERANCE)}% of capacity: on track.`,
    });
  }

  return {
    from,
    to: date,
    workedSeconds: worked,
    expectedSeconds: expected,
    balanceSeconds: balance,
    utilizationPercent: expected > 0 ? percent(worked / expected) : null,
    weeks,
    topProjects,
    trend: {
      from: previousFrom,
      to: previousTo,
      previousWorkedSeconds: previousWorked,
      changePercent: change === null ? null : percent(change),
      direction,
    },
    workingDaysWithoutTime: missing,
    longDays,
    suggestions,
    summary: suggestions.map((s) => s.message).join(' '),
  };
}
