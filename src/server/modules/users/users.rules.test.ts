import { describe, expect, it } from 'vitest';
import type { AccessLevel, ManagerPermission } from '../auth/auth.rules.ts';
import {
  isCalendarDate,
  profileProblems,
  managerEditProblem,
  maySetRates,
  parseAccessRoles,
  rateEndDates,
  rateOn,
  ratesReplacedBy,
  visibleRates,
} from './users.rules.ts';
import { worded } from '../../../../test/worded.ts';

describe('visibleRates', () => {
  const rates = { billable: 10000, cost: 6000 };
  it.each<[AccessLevel, ManagerPermission[], { billable: number | null; cost: number | null }]>([
    ['administrator', [], { billable: 10000, cost: 6000 }],
    ['manager', ['billable_rates_manager'], { billable: 10000, cost: null }],
    ['manager', ['project_creator'], { billable: null, cost: null }],
    ['member', ['billable_rates_manager'], { billable: null, cost: null }],
  ])('%s %j sees %j', (accessLevel, managerPermissions, expected) => {
    expect(visibleRates({ accessLevel, managerPermissions }, rates)).toEqual(expected);
  });
});

describe('maySetRates', () => {
  it.each<[AccessLevel, ManagerPermission[], unknown[], boolean]>([
    ['administrator', [], [100, 5], true],
    ['manager', ['billable_rates_manager'], [100], true],
    ['manager', ['project_creator'], [100], false],
    ['manager', ['project_creator'], [null], false],
    ['manager', ['project_creator'], [undefined, undefined], true],
    ['member', [], [undefined], true],
    ['member', ['billable_rates_manager'], [1], false],
  ])('%s %j setting %j: %s', (accessLevel, managerPermissions, values, expected) => {
    expect(maySetRates({ accessLevel, managerPermissions }, values)).toBe(expected);
  });
});

describe('parseAccessRoles', () => {
  it.each<[string[], unknown]>([
    [['administrator'], { level: 'administrator', permissions: [] }],
    [['member'], { level: 'member', permissions: [] }],
    [
      ['manager', 'project_creator', 'project_creator'],
      { level: 'manager', permissions: ['project_creator'] },
    ],
  ])('%j is valid', (input, expected) => {
    expect(parseAccessRoles(input)).toEqual(expected);
  });

  it.each<[string[], string]>([
    [[], 'Access roles must include administrator, manager or member'],
    [
      ['administrator', 'member'],
      'Access roles can include only one of administrator, manager or member',
    ],
    [['member', 'project_creator'], 'Access roles other than manager take no manager permissions'],
    [['manager', 'root'], 'Access roles root are not valid'],
  ])('%j is refused', (input, message) => {
    const parsed = parseAccessRoles(input);
    expect('errors' in parsed && worded(parsed.errors)).toEqual(expect.arrayContaining([message]));
  });
});

describe('ratesReplacedBy', () => {
  const rates = [
    { id: 1, startDate: null },
    { id: 2, startDate: '2026-01-01' },
    { id: 3, startDate: '2026-03-01' },
  ];
  it('replaces everything when the new rate has no start date', () => {
    expect(ratesReplacedBy(rates, null)).toEqual([1, 2, 3]);
  });
  it('replaces the rates starting on or after the new start date', () => {
    expect(ratesReplacedBy(rates, '2026-03-01')).toEqual([3]);
    expect(ratesReplacedBy(rates, '2025-12-31')).toEqual([2, 3]);
    expect(ratesReplacedBy(rates, '2026-06-01')).toEqual([]);
  });
});

describe('rateEndDates', () => {
  it('ends each rate the day before the next one starts', () => {
    const ends = rateEndDates([
      { id: 3, startDate: '2026-03-01' },
      { id: 1, startDate: null },
      { id: 2, startDate: '2024-03-01' },
    ]);
    expect(Object.fromEntries(ends)).toEqual({ 1: '2024-02-29', 2: '2026-02-28', 3: null });
  });
});

describe('isCalendarDate', () => {
  it.each([
    ['2026-02-28', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['20260101', false],
    ['2026-1-1', false],
  ])('%s -> %s', (text, ok) => {
    expect(isCalendarDate(text)).toBe(ok);
  });
});

describe('rateOn', () => {
  const rates = [
    { id: 1, kind: 'billable', amount_cents: 100, start_date: null },
    { id: 2, kind: 'billable', amount_cents: 200, start_date: '2026-02-01' },
    { id: 3, kind: 'cost', amount_cents: 50, start_date: '2026-01-15' },
  ];
  it.each([
    ['billable', '2026-01-31', 100],
    ['billable', '2026-02-01', 200],
    ['cost', '2026-01-14', null],
    ['cost', '2026-03-01', 50],
  ] as const)('%s on %s is %j', (kind, date, amount) => {
    expect(rateOn(rates, kind, date)).toBe(amount);
  });
});

describe('managerEditProblem', () => {
  const people = {
    accessLevel: 'manager' as const,
    managerPermissions: ['people_manager' as const],
  };
  it.each<[object, Record<string, unknown>, string | null]>([
    [people, { first_name: 'A', weekly_capacity: 3600 }, null],
    [people, { email: 'x@example.com' }, 'Only administrators can change email'],
    [
      people,
      { is_active: false, access_roles: ['member'] },
      'Only administrators can change is_active, access_roles',
    ],
    [
      people,
      { default_hourly_rate: 10 },
      'Only administrators and billable-rate managers can change default_hourly_rate',
    ],
    [
      { accessLevel: 'manager', managerPermissions: ['people_manager', 'billable_rates_manager'] },
      { default_hourly_rate: 10 },
      null,
    ],
    [{ accessLevel: 'manager', managerPermissions: [] }, { first_name: 'A' }, 'Not authorized!'],
    [{ accessLevel: 'member', managerPermissions: [] }, { first_name: 'A' }, 'Not authorized!'],
  ])('%j editing %j -> %j', (actor, body, problem) => {
    const refused = managerEditProblem(actor as Parameters<typeof managerEditProblem>[0], body);
    expect(refused === null ? null : worded([refused])[0]).toBe(problem);
  });
});

describe('profileProblems', () => {
  it('accepts a name, a known language or none', () => {
    expect(profileProblems({ firstName: 'Olena', locale: 'uk' })).toEqual([]);
    expect(profileProblems({ locale: null })).toEqual([]);
  });

  it('names a blank name and an unknown language', () => {
    expect(worded(profileProblems({ firstName: ' ', lastName: '', locale: 'fr' }))).toEqual([
      "First name can't be blank",
      "Last name can't be blank",
      'Locale must be one of en, uk, zh',
    ]);
  });
});
