import { describe, expect, it } from 'vitest';
import { expectedOn, periodStats, periodsAround } from './working-hours.rules.ts';

const FORTY_HOURS = 40 * 3600;

describe('expectedOn', () => {
  it('spreads the weekly capacity over Monday to Friday', () => {
    expect(expectedOn('2024-07-04', FORTY_HOURS)).toBe(28800); // Thursday
    expect(expectedOn('2024-07-06', FORTY_HOURS)).toBe(0); // Saturday
  });
});

describe('periodsAround', () => {
  it('finds the ISO week and the calendar month', () => {
    expect(periodsAround('2024-07-04', 'Monday')).toEqual({
      weekStartsOn: 1,
      week: { from: '2024-07-01', to: '2024-07-07' },
      month: { from: '2024-07-01', to: '2024-07-31' },
    });
  });

  it('honours a Sunday or Saturday week start', () => {
    expect(periodsAround('2024-07-04', 'Sunday').week).toEqual({
      from: '2024-06-30',
      to: '2024-07-06',
    });
    expect(periodsAround('2024-07-04', 'Saturday').week).toEqual({
      from: '2024-06-29',
      to: '2024-07-05',
    });
  });
});

describe('periodStats', () => {
  // The proposal's own check: July 2024, 40 h/week, Monday 1 to Thursday 4.
  const entries = [
    { spentDate: '2024-07-01', seconds: 28800, projectId: 1 },
    { spentDate: '2024-07-02', seconds: 28800, projectId: 1 },
    { spentDate: '2024-07-03', seconds: 28100, projectId: 2 },
    { spentDate: '2024-07-04', seconds: 27000, projectId: 1 },
    { spentDate: '2024-07-05', seconds: 3600, projectId: 1 },
  ];

  it('balances the week as of the date', () => {
    const week = periodStats('2024-07-01', '2024-07-07', '2024-07-04', FORTY_HOURS, entries);
    expect(week).toMatchObject({
      expectedSeconds: 144000,
      expectedToDateSeconds: 115200,
      workedSeconds: 116300,
      workedToDateSeconds: 112700,
      balanceSeconds: -2500,
      overtimeSeconds: 0,
      undertimeSeconds: 2500,
      entriesCount: 5,
      workingDays: 5,
      workingDaysToDate: 4,
    });
  });

  it("counts a month's working days and a day on its own", () => {
    expect(
      periodStats('2024-07-01', '2024-07-31', '2024-07-04', FORTY_HOURS, entries),
    ).toMatchObject({
      expectedSeconds: 23 * 28800,
      workingDays: 23,
    });
    expect(
      periodStats('2024-07-04', '2024-07-04', '2024-07-04', FORTY_HOURS, entries),
    ).toMatchObject({
      expectedSeconds: 28800,
      workedSeconds: 27000,
      balanceSeconds: -1800,
      undertimeSeconds: 1800,
    });
  });
});
