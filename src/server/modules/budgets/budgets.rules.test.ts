import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  alertLevel,
  budgetAlerts,
  budgetAmount,
  budgetPeriod,
  budgetUnit,
  forecast,
  lastWorkingDays,
  type Forecast,
} from './budgets.rules.ts';

describe('budget amounts', () => {
  it('reads the project budget, or sums its tasks or people', () => {
    const project = { budgetHundredths: 1000, costBudgetCents: 50_000 };
    expect(budgetAmount({ ...project, budgetBy: 'project' }, [], [])).toBe(1000);
    expect(budgetAmount({ ...project, budgetBy: 'project_cost' }, [], [])).toBe(50_000);
    expect(budgetAmount({ ...project, budgetBy: 'task' }, [100, null, 250], [])).toBe(350);
    expect(budgetAmount({ ...project, budgetBy: 'person' }, [], [null])).toBeNull();
    expect(budgetAmount({ ...project, budgetBy: 'none' }, [], [])).toBeNull();
    expect(budgetUnit('task_fees')).toBe('money');
    expect(budgetUnit('person')).toBe('hours');
  });

  it('counts a monthly budget over the current month only', () => {
    expect(budgetPeriod(true, '2026-02-14')).toEqual({
      from: '2026-02-01',
      to: '2026-02-28',
      key: '2026-02',
    });
    expect(budgetPeriod(false, '2026-02-14').key).toBe('total');
  });

  it('levels: below the threshold, at or over it, at or over the budget', () => {
    expect(alertLevel(79, 100, 80)).toBe(0);
    expect(alertLevel(80, 100, 80)).toBe(1);
    expect(alertLevel(100, 100, 80)).toBe(2);
    expect(alertLevel(0, 0, 80)).toBe(0);
  });
});

describe('forecast', () => {
  it('reads the pace over working days and counts working days ahead', () => {
    expect(lastWorkingDays('2026-03-04', 10)).toEqual({ from: '2026-02-19', to: '2026-03-04' });
    expect(lastWorkingDays('2026-03-08', 1)).toEqual({ from: '2026-03-06', to: '2026-03-08' });
    expect(addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(addWorkingDays('2026-03-04', 10)).toBe('2026-03-18');
    expect(addWorkingDays('2026-03-07', 5)).toBe('2026-03-13');
    expect(addWorkingDays('2026-03-06', 6)).toBe('2026-03-16');
    // Whole weeks are counted at once: a long way ahead costs no more than a short one.
    expect(addWorkingDays('2026-03-04', 26_000)).toBe('2125-10-31');
  });

  it('runs out when the remainder is burnt at the pace, and compares with the end', () => {
    const at = (remaining: number, spentInWindow: number, endsOn: string | null) =>
      forecast({ remaining, spentInWindow, paceDays: 10, today: '2026-03-04', endsOn });
    expect(at(2000, 2000, '2026-03-31')).toMatchObject({
      pacePerDay: 200,
      runsOutOn: '2026-03-18',
      runsOutBeforeEnd: true,
    });
    expect(at(2000, 0, '2026-03-31')).toMatchObject({ runsOutOn: null, runsOutBeforeEnd: false });
    // A crawl that would take beyond a century names no day.
    expect(at(10_000_000, 1, '2026-03-31').runsOutOn).toBeNull();
    expect(at(2000, 2000, null).runsOutBeforeEnd).toBe(false);
    // Already spent: no day ahead, with an end date or without (the level says it is over).
    expect(at(-5, 2000, '2026-03-31')).toMatchObject({ runsOutOn: null, runsOutBeforeEnd: false });
    expect(at(-5, 2000, null)).toMatchObject({ runsOutOn: null, runsOutBeforeEnd: false });
  });
});

describe('budgetAlerts', () => {
  const calm: Forecast = {
    paceDays: 10,
    pacePerDay: 0,
    runsOutOn: null,
    endsOn: null,
    runsOutBeforeEnd: false,
  };
  const early: Forecast = { ...calm, runsOutOn: '2026-03-18', runsOutBeforeEnd: true };

  it('tells each level once a period, the threshold only when asked', () => {
    const first = budgetAlerts(null, { period: 'total', level: 1, forecast: calm }, true);
    expect(first.alerts).toEqual([{ type: 'budget.threshold_crossed' }]);
    expect(
      budgetAlerts(first.state, { period: 'total', level: 1, forecast: calm }, true).alerts,
    ).toEqual([]);
    expect(budgetAlerts(null, { period: 'total', level: 1, forecast: calm }, false).alerts).toEqual(
      [],
    );
    expect(
      budgetAlerts(first.state, { period: 'total', level: 2, forecast: calm }, true).alerts,
    ).toEqual([{ type: 'budget.exceeded' }]);
    // A new month starts afresh.
    const march = { period: '2026-03', level: 2 as const, runsOutOn: null };
    expect(
      budgetAlerts(march, { period: '2026-04', level: 1, forecast: calm }, true).alerts,
    ).toEqual([{ type: 'budget.threshold_crossed' }]);
  });

  it('warns once while the forecast stays before the end, and again after it recovered', () => {
    const warned = budgetAlerts(null, { period: 'total', level: 0, forecast: early }, false);
    expect(warned.alerts).toEqual([{ type: 'budget.forecast_warning', runsOutOn: '2026-03-18' }]);
    const still = budgetAlerts(
      warned.state,
      { period: 'total', level: 0, forecast: { ...early, runsOutOn: '2026-03-16' } },
      false,
    );
    expect(still.alerts).toEqual([]);
    const recovered = budgetAlerts(
      still.state,
      { period: 'total', level: 0, forecast: calm },
      false,
    );
    expect(recovered.state.runsOutOn).toBeNull();
    expect(
      budgetAlerts(recovered.state, { period: 'total', level: 0, forecast: early }, false).alerts,
    ).toHaveLength(1);
  });
});
