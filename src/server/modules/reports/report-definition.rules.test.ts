import { describe, expect, it } from 'vitest';
import {
  autoInterval,
  bucketOf,
  bucketRange,
  bucketsOf,
  capacitySeconds,
  dayOfEpochDay,
  groupingProblems,
  resolveRange,
  workingDays,
} from './report-definition.rules.ts';
import { buildSeries, microToMinor, MAX_SERIES, stackDimension } from './grouped-report.rules.ts';
import type { ReportCatalog } from './reports.rules.ts';

const at = (period: Parameters<typeof resolveRange>[0]['period'], today = '2026-03-04') =>
  resolveRange({ period, from: null, to: null }, today, 'Monday');

describe('resolveRange', () => {
  it('moves relative periods with today, weeks from the account week start', () => {
    expect(at('this_week')).toEqual({ from: '2026-03-02', to: '2026-03-08' });
    expect(at('last_week')).toEqual({ from: '2026-02-23', to: '2026-03-01' });
    expect(
      resolveRange({ period: 'this_week', from: null, to: null }, '2026-03-04', 'Sunday'),
    ).toEqual({
      from: '2026-03-01',
      to: '2026-03-07',
    });
    expect(at('this_month')).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    expect(at('last_month')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(at('this_quarter')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
    expect(at('last_quarter')).toEqual({ from: '2025-10-01', to: '2025-12-31' });
    expect(at('this_year')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
    expect(at('last_year', '2025-01-01')).toEqual({ from: '2024-01-01', to: '2024-12-31' });
  });

  it('takes a custom range of up to 731 days, and names what is wrong otherwise', () => {
    const custom = (from: string | null, to: string | null) =>
      resolveRange({ period: 'custom', from, to }, '2026-03-04', 'Monday');
    expect(custom('2025-01-01', '2026-12-31')).toEqual({ from: '2025-01-01', to: '2026-12-31' });
    expect(custom('2025-01-01', '2027-01-01')).toEqual({ from: '2025-01-01', to: '2027-01-01' });
    expect(custom('2025-01-01', '2027-01-02')).toMatchObject({
      problems: [{ field: 'to', code: 'range_too_long' }],
    });
    expect(custom('2026-03-02', '2026-03-01')).toMatchObject({
      problems: [{ code: 'invalid_range' }],
    });
    expect(custom(null, null)).toMatchObject({
      problems: [{ field: 'from' }, { field: 'to' }],
    });
  });
});

describe('grouping', () => {
  it('allows each dimension once and one time dimension at most', () => {
    expect(groupingProblems(['project', 'week'])).toEqual([]);
    expect(groupingProblems(['task', 'task'])[0]?.code).toBe('duplicate_dimension');
    expect(groupingProblems(['day', 'month'])[0]?.code).toBe('not_allowed');
    expect(stackDimension(['week', 'person'])).toBe('person');
    expect(stackDimension(['month'])).toBeNull();
  });
});

describe('buckets', () => {
  it('steps by day up to a month, by week up to half a year, then by month', () => {
    expect(autoInterval({ from: '2026-03-01', to: '2026-03-31' })).toBe('day');
    expect(autoInterval({ from: '2026-01-01', to: '2026-06-30' })).toBe('week');
    expect(autoInterval({ from: '2026-01-01', to: '2026-12-31' })).toBe('month');
  });

  it('lists every bucket a range touches, and clips a bucket to the range', () => {
    const range = { from: '2026-02-26', to: '2026-03-10' };
    expect(bucketsOf(range, 'week', 'Monday')).toEqual(['2026-02-23', '2026-03-02', '2026-03-09']);
    expect(bucketsOf(range, 'month', 'Monday')).toEqual(['2026-02', '2026-03']);
    expect(bucketsOf(range, 'day', 'Monday')).toHaveLength(13);
    expect(bucketOf('week', '2026-03-01', 'Sunday')).toBe('2026-03-01');
    expect(bucketRange('2026-02-23', 'week', range, 'Monday')).toEqual({
      from: '2026-02-26',
      to: '2026-03-01',
    });
    expect(bucketRange('2026-03', 'month', range, 'Monday')).toEqual({
      from: '2026-03-01',
      to: '2026-03-10',
    });
  });

  it('reads the SQL week key (an epoch day) back as a date', () => {
    expect(dayOfEpochDay(0)).toBe('1970-01-01');
    expect(dayOfEpochDay(Date.parse('2026-03-02') / 86_400_000)).toBe('2026-03-02');
  });
});

describe('capacity', () => {
  it('spreads a weekly capacity over the working days of a range', () => {
    expect(workingDays({ from: '2026-03-01', to: '2026-03-31' })).toBe(22);
    expect(workingDays({ from: '2026-03-07', to: '2026-03-08' })).toBe(0);
    expect(workingDays({ from: '2026-03-02', to: '2026-03-02' })).toBe(1);
    expect(capacitySeconds(35 * 3600, { from: '2026-03-02', to: '2026-03-08' })).toBe(35 * 3600);
    expect(capacitySeconds(35 * 3600, { from: '2026-03-01', to: '2026-03-31' })).toBe(
      22 * 7 * 3600,
    );
  });
});

describe('money', () => {
  it('rounds 1/10 000 of a unit to minor units once, halves away from zero', () => {
    expect(microToMinor(12_345n, 2)).toBe(123);
    expect(microToMinor(12_350n, 2)).toBe(124);
    expect(microToMinor(-12_350n, 2)).toBe(-124);
    expect(microToMinor(15_000n, 0)).toBe(2);
    expect(microToMinor(12_345n, 3)).toBe(1235);
    // Sums beyond what a double adds exactly are added as integers.
    expect(microToMinor(10n ** 18n + 50n, 2)).toBe(10 ** 16 + 1);
  });
});

describe('buildSeries', () => {
  const catalog: ReportCatalog = {
    projects: new Map(
      Array.from({ length: 12 }, (_, i) => [
        i + 1,
        {
          id: i + 1,
          name: `P${i + 1}`,
          code: null,
          clientId: 1,
          clientName: 'Acme',
          currency: 'USD',
          isFixedFee: false,
          billing: {
            is_billable: true,
            bill_by: 'Project',
            hourly_rate_cents: 100,
            budget_by: 'none',
            budget_hundredths: null,
            cost_budget_cents: null,
          },
        },
      ]),
    ),
    tasks: new Map(),
    users: new Map(),
    taskAssignments: new Map(),
    userAssignments: new Map(),
    userRates: new Map(),
    projectRates: new Map(),
  };

  it('keeps the nine largest stacks and sums the rest as one, so stacks still add up', () => {
    const groups = Array.from({ length: 12 }, (_, i) => ({
      projectId: i + 1,
      taskId: null,
      userId: 1,
      periodStart: '2026-03-01',
      bucket: i % 2 === 0 ? '2026-03-02' : '2026-03-03',
      seconds: (i + 1) * 3600,
      hundredths: (i + 1) * 100,
    }));
    const series = buildSeries(groups, ['2026-03-02', '2026-03-03'], 'project', {
      catalog,
      includeFixedFee: false,
      billable: null,
    });
    expect(series).toHaveLength(MAX_SERIES + 1);
    expect(series[0]?.key?.name).toBe('P12');
    expect(series.at(-1)).toMatchObject({ key: null, other: true });
    const sum = series.flatMap((s) => s.roundedSeconds).reduce((a, b) => a + b, 0);
    expect(sum).toBe(78 * 3600);
  });
});
