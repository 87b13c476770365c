import { DateTime } from 'luxon';

export interface StatsEntry {
  spentDate: string;
  seconds: number;
  projectId: number;
}

export interface PeriodStats {
  from: string;
  to: string;
  expectedSeconds: number;
  expectedToDateSeconds: number;
  workedSeconds: number;
  workedToDateSeconds: number;
  leaveSeconds: number;
  holidaySeconds: number;
  balanceSeconds: number;
  overtimeSeconds: number;
  undertimeSeconds: number;
  entriesCount: number;
  workingDays: number;
  workingDaysToDate: number;
}

/** A week start setting as an ISO weekday (Monday 1 … Sunday 7). */
export const WEEKDAY_OF: Record<string, number> = { Monday: 1, Saturday: 6, Sunday: 7 };

/** Expected seconds on a day: the weekly capacity spread over Monday to Friday. */
export function expectedOn(date: string, weeklyCapacitySeconds: number): number {
  const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
  return weekday <= 5 ? Math.round(weeklyCapacitySeconds / 5) : 0;
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (
    let d = DateTime.fromISO(from, { zone: 'UTC' });
    d.toFormat('yyyy-MM-dd') <= to;
    d = d.plus({ days: 1 })
  ) {
    out.push(d.toFormat('yyyy-MM-dd'));
  }
  return out;
}

/**
 * Expected against worked time for the period around `date` (flowtly.md §4.4): balance is as of
 * `date` (worked up to it minus expected up to it); overtime and undertime are its two sides.
 * Leave and holidays count as credit; Punch has no leave model yet, so they are 0.
 */
export function periodStats(
  from: string,
  to: string,
  date: string,
  weeklyCapacitySeconds: number,
  entries: readonly StatsEntry[],
): PeriodStats {
  const all = days(from, to);
  const inPeriod = entries.filter((e) => e.spentDate >= from && e.spentDate <= to);
  const toDate = inPeriod.filter((e) => e.spentDate <= date);
  const expected = all.map((d) => ({ d, s: expectedOn(d, weeklyCapacitySeconds) }));
  const expectedToDate = expected.filter((x) => x.d <= date).reduce((sum, x) => sum + x.s, 0);
  const workedToDate = toDate.reduce((sum, e) => sum + e.seconds, 0);
  const balance = workedToDate - expectedToDate;
  return {
    from,
    to,
    expectedSeconds: expected.reduce((sum, x) => sum + x.s, 0),
    expectedToDateSeconds: expectedToDate,
    workedSeconds: inPeriod.reduce((sum, e) => sum + e.seconds, 0),
    workedToDateSeconds: workedToDate,
    leaveSeconds: 0,
    holidaySeconds: 0,
    balanceSeconds: balance,
    overtimeSeconds: Math.max(0, balance),
    undertimeSeconds: Math.max(0, -balance),
    entriesCount: inPeriod.length,
    workingDays: expected.filter((x) => x.s > 0).length,
    workingDaysToDate: expected.filter((x) => x.s > 0 && x.d <= date).length,
  };
}

/** The week (starting on the account's week start) and the calendar month around a date. */
export function periodsAround(date: string, weekStartDay: string) {
  const day = DateTime.fromISO(date, { zone: 'UTC' });
  const start = WEEKDAY_OF[weekStartDay] ?? 1;
  const back = (day.weekday - start + 7) % 7;
  const weekFrom = day.minus({ days: back });
  return {
    weekStartsOn: start % 7,
    week: {
      from: weekFrom.toFormat('yyyy-MM-dd'),
      to: weekFrom.plus({ days: 6 }).toFormat('yyyy-MM-dd'),
    },
    month: {
      from: day.startOf('month').toFormat('yyyy-MM-dd'),
      to: day.endOf('month').toFormat('yyyy-MM-dd'),
    },
  };
}
