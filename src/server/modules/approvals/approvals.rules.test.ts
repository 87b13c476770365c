import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  periodLock,
  rejectionReason,
  weekStartOf,
  weekTransition,
  weekWarnings,
  type WeekAction,
  type WeekActor,
  type WeekFacts,
} from './approvals.rules.ts';

const owner: WeekActor = { isOwner: true, isAdministrator: false, mayApprove: false };
const approver: WeekActor = { isOwner: false, isAdministrator: false, mayApprove: true };
const admin: WeekActor = { isOwner: false, isAdministrator: true, mayApprove: true };
const week = (status: WeekFacts['status'], more: Partial<WeekFacts> = {}): WeekFacts => ({
  status,
  approvalsEnabled: true,
  timerRunning: false,
  periodLocked: false,
  ...more,
});

describe('weekTransition', () => {
  it.each<[WeekAction, WeekFacts['status'], WeekActor, string]>([
    ['submit', 'unsubmitted', owner, 'submitted'],
    ['withdraw', 'submitted', owner, 'unsubmitted'],
    ['approve', 'submitted', approver, 'approved'],
    ['reject', 'submitted', approver, 'unsubmitted'],
    ['reopen', 'approved', admin, 'unsubmitted'],
    ['submit', 'unsubmitted', admin, 'submitted'],
  ])('%s from %s by %j gives %s', (action, status, actor, next) => {
    expect(weekTransition(action, week(status), actor)).toEqual({ allowed: true, status: next });
  });

  it.each<[WeekAction, WeekFacts['status'], WeekActor, string]>([
    ['submit', 'submitted', owner, 'week_state_conflict'],
    ['submit', 'approved', owner, 'week_state_conflict'],
    ['approve', 'unsubmitted', approver, 'week_state_conflict'],
    ['reopen', 'submitted', admin, 'week_state_conflict'],
    ['approve', 'submitted', owner, 'forbidden'],
    ['reopen', 'approved', approver, 'forbidden'],
    ['submit', 'unsubmitted', approver, 'forbidden'],
    // A manager's own week is decided by someone else.
    ['approve', 'submitted', { ...approver, isOwner: true }, 'forbidden'],
  ])('refuses %s from %s by %j: %s', (action, status, actor, code) => {
    expect(weekTransition(action, week(status), actor)).toMatchObject({ allowed: false, code });
  });

  it('lets an administrator approve their own week', () => {
    const self = { ...admin, isOwner: true };
    expect(weekTransition('approve', week('submitted'), self).allowed).toBe(true);
  });

  it('blocks submitting and approving while a timer runs, not withdrawing', () => {
    const running = { timerRunning: true };
    expect(weekTransition('submit', week('unsubmitted', running), owner)).toMatchObject({
      code: 'timer_running',
    });
    expect(weekTransition('approve', week('submitted', running), approver)).toMatchObject({
      code: 'timer_running',
    });
    expect(weekTransition('withdraw', week('submitted', running), owner).allowed).toBe(true);
  });

  it('with approval switched off, lets weeks out but none in', () => {
    const off = { approvalsEnabled: false };
    expect(weekTransition('submit', week('unsubmitted', off), owner)).toMatchObject({
      code: 'approvals_disabled',
    });
    expect(weekTransition('approve', week('submitted', off), approver)).toMatchObject({
      code: 'approvals_disabled',
    });
    expect(weekTransition('withdraw', week('submitted', off), owner).allowed).toBe(true);
    expect(weekTransition('reopen', week('approved', off), admin).allowed).toBe(true);
  });

  it('does not submit a locked period', () => {
    expect(
      weekTransition('submit', week('unsubmitted', { periodLocked: true }), owner),
    ).toMatchObject({ code: 'period_locked' });
  });
});

describe('weekStartOf', () => {
  it("finds the account's week start", () => {
    expect(weekStartOf('2026-03-04', 'Monday')).toBe('2026-03-02');
    expect(weekStartOf('2026-03-02', 'Monday')).toBe('2026-03-02');
    expect(weekStartOf('2026-03-04', 'Sunday')).toBe('2026-03-01');
    expect(weekStartOf('2026-03-04', 'Saturday')).toBe('2026-02-28');
    expect(weekStartOf('2026-03-07', 'Saturday')).toBe('2026-03-07');
  });

  it('keeps the first centuries as they are', () => {
    expect(addDays('0024-02-28', 1)).toBe('0024-02-29');
    expect(weekStartOf('0099-12-31', 'Monday')).toBe('0099-12-28');
  });

  it('agrees with the calendar on every day of four years, leap days and year ends included', () => {
    // Luxon as the calendar of record: the rules do the arithmetic by hand for speed.
    const first = DateTime.fromISO('2023-12-25', { zone: 'UTC' });
    for (let i = 0; i < 4 * 366; i++) {
      const day = first.plus({ days: i });
      const iso = day.toISODate() as string;
      expect(addDays(iso, 1)).toBe(day.plus({ days: 1 }).toISODate());
      expect(addDays(iso, -7)).toBe(day.minus({ days: 7 }).toISODate());
      for (const [setting, weekday] of [
        ['Monday', 1],
        ['Saturday', 6],
        ['Sunday', 7],
      ] as const) {
        const back = (day.weekday - weekday + 7) % 7;
        expect(weekStartOf(iso, setting)).toBe(day.minus({ days: back }).toISODate());
      }
    }
  });
});

describe('periodLock', () => {
  const settings = { lockDate: null, autoLockDays: null, weekStartDay: 'Monday' };
  const now = Date.parse('2026-03-04T09:30:00Z');

  it('locks nothing by default', () => {
    expect(periodLock('2000-01-01', settings, '2026-03-04', now)).toBeNull();
  });

  it('locks on and before the lock date', () => {
    const s = { ...settings, lockDate: '2026-02-28' };
    expect(periodLock('2026-02-28', s, '2026-03-04', now)).toBe('lock_date');
    expect(periodLock('2026-03-01', s, '2026-03-04', now)).toBeNull();
  });

  it('locks a week the given number of days after it ends', () => {
    // The week of 23 February ends Sunday 1 March.
    const zero = { ...settings, autoLockDays: 0 };
    expect(periodLock('2026-02-25', zero, '2026-03-01', now)).toBeNull();
    expect(periodLock('2026-02-25', zero, '2026-03-02', now)).toBe('auto_lock');
    const three = { ...settings, autoLockDays: 3 };
    expect(periodLock('2026-02-25', three, '2026-03-04', now)).toBeNull();
    expect(periodLock('2026-02-25', three, '2026-03-05', now)).toBe('auto_lock');
    // The current week never locks by itself.
    expect(periodLock('2026-03-04', zero, '2026-03-04', now)).toBeNull();
  });

  it("lifts either lock while an administrator's unlock lasts", () => {
    const s = { ...settings, lockDate: '2026-03-31' };
    expect(periodLock('2026-03-02', s, '2026-03-04', now, now + 1)).toBeNull();
    expect(periodLock('2026-03-02', s, '2026-03-04', now, now)).toBe('lock_date');
  });
});

describe('weekWarnings', () => {
  const days = [
    '2026-03-02',
    '2026-03-03',
    '2026-03-04',
    '2026-03-05',
    '2026-03-06',
    '2026-03-07',
    '2026-03-08',
  ];

  it('names working days without time and the capacity missed', () => {
    const secondsByDay = new Map([
      ['2026-03-02', 8 * 3600],
      ['2026-03-07', 3600],
    ]);
    expect(
      weekWarnings({ days, secondsByDay, capacitySeconds: 40 * 3600, timerRunning: true }),
    ).toEqual({
      warnings: ['missing_days', 'under_capacity', 'timer_running'],
      missingDays: ['2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06'],
    });
  });

  it('warns over capacity, and of nothing for a full week', () => {
    const full = new Map(days.slice(0, 5).map((d) => [d, 8 * 3600]));
    expect(
      weekWarnings({ days, secondsByDay: full, capacitySeconds: 40 * 3600, timerRunning: false })
        .warnings,
    ).toEqual([]);
    expect(
      weekWarnings({ days, secondsByDay: full, capacitySeconds: 35 * 3600, timerRunning: false })
        .warnings,
    ).toEqual(['over_capacity']);
  });
});

describe('rejectionReason', () => {
  it('trims, requires and bounds the reason', () => {
    expect(rejectionReason('  missing Friday ')).toBe('missing Friday');
    expect(rejectionReason('   ')).toBeNull();
    expect(rejectionReason(undefined)).toBeNull();
    expect(rejectionReason('x'.repeat(3000))).toHaveLength(2000);
  });
});
