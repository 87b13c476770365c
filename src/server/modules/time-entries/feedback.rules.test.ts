import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { feedbackSuggestion } from './feedback.rules.ts';
import type { StatsEntry } from './working-hours.rules.ts';

const WEEK_40H = 40 * 3600;

/** One entry on every weekday from `from` for `days` days, `seconds` each. */
function weekdays(from: string, days: number, seconds: number, projectId = 1): StatsEntry[] {
  const out: StatsEntry[] = [];
  for (let i = 0; i < days; i++) {
    const d = DateTime.fromISO(from, { zone: 'UTC' }).plus({ days: i });
    if (d.weekday <= 5) out.push({ spentDate: d.toFormat('yyyy-MM-dd'), seconds, projectId });
  }
  return out;
}

// 2024-07-28 is a Sunday: the window is Mon 2024-07-01 .. Sun 2024-07-28, 20 working days.
const DATE = '2024-07-28';

describe('feedbackSuggestion', () => {
  it('says on track for steady full weeks, with the figures it used', () => {
    const entries = [
      ...weekdays('2024-06-03', 28, 8 * 3600),
      ...weekdays('2024-07-01', 28, 8 * 3600),
    ];
    const result = feedbackSuggestion(DATE, WEEK_40H, entries);
    expect(result).toMatchObject({
      from: '2024-07-01',
      to: DATE,
      workedSeconds: 20 * 8 * 3600,
      expectedSeconds: 20 * 8 * 3600,
      balanceSeconds: 0,
      utilizationPercent: 100,
      workingDaysWithoutTime: 0,
      longDays: 0,
      trend: { from: '2024-06-03', to: '2024-06-30', changePercent: 0, direction: 'flat' },
    });
    expect(result.weeks.map((w) => [w.from, w.to, w.balanceSeconds])).toEqual([
      ['2024-07-01', '2024-07-07', 0],
      ['2024-07-08', '2024-07-14', 0],
      ['2024-07-15', '2024-07-21', 0],
      ['2024-07-22', '2024-07-28', 0],
    ]);
    expect(result.suggestions.map((s) => s.code)).toEqual(['on_track', 'single_project_focus']);
  });

  it('flags sustained overtime, long days and rising hours', () => {
    const entries = [
      ...weekdays('2024-06-03', 28, 8 * 3600),
      ...weekdays('2024-07-01', 28, 11 * 3600),
    ];
    const result = feedbackSuggestion(DATE, WEEK_40H, entries);
    expect(result.balanceSeconds).toBe(20 * 3 * 3600);
    expect(result.longDays).toBe(20);
    const codes = result.suggestions.map((s) => s.code);
    expect(codes).toEqual([
      'sustained_overtime',
      'long_days',
      'single_project_focus',
      'rising_hours',
    ]);
    expect(result.suggestions[0]?.message).toBe(
      'Worked 220.0 h against 160.0 h expected in the four weeks 2024-07-01 to 2024-07-28 (60.0 h over, 138% of capacity); consider rebalancing the workload.',
    );
    expect(result.trend).toMatchObject({ changePercent: 38, direction: 'up' });
  });

  it('notices missing days and under capacity, and spreads across projects', () => {
    const entries = [
      ...weekdays('2024-07-01', 14, 8 * 3600, 1),
      ...weekdays('2024-07-15', 7, 8 * 3600, 2),
    ];
    const result = feedbackSuggestion(DATE, WEEK_40H, entries);
    expect(result.workingDaysWithoutTime).toBe(5);
    expect(result.topProjects).toEqual([
      { projectId: 1, seconds: 10 * 8 * 3600, sharePercent: 67 },
      { projectId: 2, seconds: 5 * 8 * 3600, sharePercent: 33 },
    ]);
    expect(result.suggestions.map((s) => s.code)).toEqual(['under_capacity', 'missing_time']);
    // No earlier time: no trend to speak of.
    expect(result.trend).toMatchObject({ previousWorkedSeconds: 0, changePercent: null });
  });

  it('says so when nothing was tracked, and ignores time outside both windows', () => {
    const result = feedbackSuggestion(DATE, WEEK_40H, weekdays('2024-08-01', 5, 3600));
    expect(result.workedSeconds).toBe(0);
    expect(result.suggestions.map((s) => s.code)).toEqual(['no_time_tracked']);
    expect(feedbackSuggestion(DATE, 0, []).utilizationPercent).toBeNull();
  });
});
