import { describe, expect, it } from 'vitest';
import {
  amountFromMicro,
  buildTimeReport,
  parseReportRange,
  periodOf,
  periodStartOf,
  ratePeriodStarts,
  type ReportCatalog,
  type ReportProject,
} from './reports.rules.ts';
import { worded } from '../../../../test/worded.ts';

describe('parseReportRange', () => {
  it('reads both date forms', () => {
    expect(parseReportRange('20260101', '2026-12-31')).toEqual({
      from: '2026-01-01',
      to: '2026-12-31',
    });
  });

  it('lists every problem at once', () => {
    const range = parseReportRange(undefined, 'x');
    expect('errors' in range && worded(range.errors)).toEqual([
      'From is required',
      'To is not a valid date',
    ]);
  });

  it('takes one day and a leap year, not a day more', () => {
    expect(parseReportRange('2026-05-05', '2026-05-05')).toEqual({
      from: '2026-05-05',
      to: '2026-05-05',
    });
    expect(parseReportRange('2024-01-01', '2024-12-31')).toHaveProperty('from');
    const tooLong = parseReportRange('2025-01-01', '2026-01-02');
    expect('errors' in tooLong && worded(tooLong.errors)).toEqual([
      'The timeframe may not be longer than one year',
    ]);
  });
});

describe('ratePeriodStarts', () => {
  const range = { from: '2026-01-01', to: '2026-06-30' };

  it('keeps the days inside the range after its first, once, in order', () => {
    expect(
      ratePeriodStarts(range, ['2026-03-01', null, '2025-06-01', '2026-01-01', '2026-03-01'], []),
    ).toEqual(['2026-03-01']);
  });

  it('starts a period the day after a project rate ends', () => {
    expect(
      ratePeriodStarts(
        range,
        [],
        [
          { dateFrom: '2026-02-10', dateTo: '2026-04-30' },
          { dateFrom: '2025-01-01', dateTo: '2026-06-30' },
        ],
      ),
    ).toEqual(['2026-02-10', '2026-05-01']);
  });
});

describe('periodOf and periodStartOf', () => {
  const range = { from: '2026-01-01' };
  const starts = ['2026-02-01', '2026-03-15'];

  it('number a day by the period starts on or before it, as the totals query does', () => {
    expect(
      ['2026-01-01', '2026-01-31', '2026-02-01', '2026-03-14', '2026-03-15', '2026-06-30'].map(
        (day) => periodStartOf(range, starts, periodOf(starts, day)),
      ),
    ).toEqual(['2026-01-01', '2026-01-01', '2026-02-01', '2026-02-01', '2026-03-15', '2026-03-15']);
  });
});

function project(id: number, overrides: Partial<ReportProject> = {}): ReportProject {
  return {
    id,
    name: `P${id}`,
    code: null,
    clientId: 1,
    clientName: 'Acme',
    currency: 'USD',
    isFixedFee: false,
    billing: {
      is_billable: true,
      bill_by: 'People',
      hourly_rate_cents: null,
      budget_by: 'none',
      budget_hundredths: null,
      cost_budget_cents: null,
    },
    ...overrides,
  };
}

const catalog: ReportCatalog = {
  projects: new Map([
    [1, project(1)],
    [2, project(2, { currency: 'EUR', clientId: 2, clientName: 'Beta', code: 'B2' })],
    [3, project(3, { isFixedFee: true })],
  ]),
  tasks: new Map([[7, 'Build']]),
  users: new Map([[5, { name: 'Ada', isContractor: true, weeklyCapacity: 3600, avatarUrl: null }]]),
  taskAssignments: new Map(
    [1, 2, 3].map((p) => [
      `${p}:7`,
      { billable: true, hourly_rate_cents: null, budget_hundredths: null },
    ]),
  ),
  userAssignments: new Map(),
  userRates: new Map([
    [
      5,
      [
        { id: 1, kind: 'billable', amount_cents: 10_000, start_date: null },
        { id: 2, kind: 'billable', amount_cents: 12_000, start_date: '2026-03-01' },
      ],
    ],
  ]),
  projectRates: new Map([
    [5, [{ id: 9, projectId: 2, dateFrom: '2026-02-01', dateTo: null, rateCents: 15_050 }]],
  ]),
};

describe('buildTimeReport', () => {
  const groups = [
    { projectId: 1, taskId: 7, userId: 5, periodStart: '2026-01-01', hundredths: 100 },
    { projectId: 1, taskId: 7, userId: 5, periodStart: '2026-03-01', hundredths: 50 },
    { projectId: 2, taskId: 7, userId: 5, periodStart: '2026-02-01', hundredths: 200 },
    { projectId: 2, taskId: null, userId: 5, periodStart: '2026-01-01', hundredths: 25 },
    { projectId: 3, taskId: 7, userId: 5, periodStart: '2026-01-01', hundredths: 100 },
  ];

  it('prices each group at the rate of its period and keeps currencies apart', () => {
    const rows = buildTimeReport('team', groups, catalog, { includeFixedFee: false });
    expect(
      rows.map((r) => [
        r.currency,
        r.totalHundredths,
        r.billableHundredths,
        amountFromMicro(r.billableAmountMicro),
      ]),
    ).toEqual([
      // Project rate 150.50 for two hours; the quarter hour without a task is not billable.
      ['EUR', 225, 200, 301],
      // 1 h at 100, 0.5 h at 120 after the raise; the fixed-fee hour is billable but unpriced.
      ['USD', 250, 250, 160],
    ]);
    expect(rows[0]?.user).toEqual({ isContractor: true, weeklyCapacity: 3600, avatarUrl: null });
  });

  it('prices fixed-fee time when asked to', () => {
    const rows = buildTimeReport('clients', groups, catalog, { includeFixedFee: true });
    expect(rows.map((r) => [r.subjectName, amountFromMicro(r.billableAmountMicro)])).toEqual([
      ['Acme', 260],
      ['Beta', 301],
    ]);
  });

  it('names projects with their code and tasks without one as such', () => {
    expect(
      buildTimeReport('projects', groups, catalog, { includeFixedFee: false }).map(
        (r) => r.subjectName,
      ),
    ).toEqual(['[B2] P2', 'P1', 'P3']);
    expect(
      buildTimeReport('tasks', groups, catalog, { includeFixedFee: false }).map((r) => [
        r.subjectId,
        r.currency,
      ]),
    ).toEqual([
      [7, 'EUR'],
      [7, 'USD'],
      [null, 'EUR'],
    ]);
  });
});
