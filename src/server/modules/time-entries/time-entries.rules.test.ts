import { describe, expect, it } from 'vitest';
import {
  entryLock,
  mayChange,
  type EntryChange,
  type EntryLockFacts,
  timerStartInstant,
  lockState,
  resolveBilling,
  spanSeconds,
  trackedSeconds,
  type BillingContext,
  trackingProblems,
  timeFieldsProblem,
} from './time-entries.rules.ts';
import { worded } from '../../../../test/worded.ts';

const context = (overrides: {
  project?: Partial<BillingContext['project']>;
  taskAssignment?: Partial<NonNullable<BillingContext['taskAssignment']>> | null;
  userAssignment?: Partial<NonNullable<BillingContext['userAssignment']>> | null;
  userBillableRateCents?: number | null;
  userCostRateCents?: number | null;
  projectRateCents?: number | null;
}): BillingContext => ({
  project: {
    is_billable: true,
    bill_by: 'Project',
    hourly_rate_cents: 10000,
    budget_by: 'none',
    budget_hundredths: null,
    cost_budget_cents: null,
    ...overrides.project,
  },
  taskAssignment:
    overrides.taskAssignment === null
      ? null
      : {
          billable: true,
          hourly_rate_cents: 8000,
          budget_hundredths: null,
          ...overrides.taskAssignment,
        },
  userAssignment:
    overrides.userAssignment === null
      ? null
      : {
          use_default_rates: true,
          hourly_rate_cents: 12000,
          budget_hundredths: null,
          ...overrides.userAssignment,
        },
  userBillableRateCents:
    overrides.userBillableRateCents === undefined ? 17500 : overrides.userBillableRateCents,
  userCostRateCents: overrides.userCostRateCents === undefined ? 6000 : overrides.userCostRateCents,
  projectRateCents: overrides.projectRateCents ?? null,
});

describe('resolveBilling', () => {
  it.each([
    ['Project', {}, 10000],
    ['Tasks', {}, 8000],
    ['Tasks', { taskAssignment: { hourly_rate_cents: null } }, null],
    ['People', {}, 17500],
    ['People', { userAssignment: { use_default_rates: false } }, 12000],
    ['People', { projectRateCents: 9500 }, 9500],
    ['People', { projectRateCents: 9500, userAssignment: { use_default_rates: false } }, 9500],
    ['Project', { projectRateCents: 9500 }, 10000],
    ['none', {}, null],
  ] as const)('bill_by %s %j -> rate %j', (billBy, overrides, rate) => {
    const result = resolveBilling(context({ ...overrides, project: { bill_by: billBy } }));
    expect(result).toMatchObject({ billable: true, billableRateCents: rate, costRateCents: 6000 });
  });

  it('is not billable, and has no billable rate, when the project or the task is not billable', () => {
    expect(resolveBilling(context({ project: { is_billable: false } }))).toMatchObject({
      billable: false,
      billableRateCents: null,
      costRateCents: 6000,
    });
    expect(resolveBilling(context({ taskAssignment: { billable: false } })).billable).toBe(false);
    expect(resolveBilling(context({ taskAssignment: null })).billable).toBe(false);
  });

  it.each([
    [{ project: { budget_by: 'none', budget_hundredths: 100 } }, false],
    [{ project: { budget_by: 'project', budget_hundredths: 100 } }, true],
    [{ project: { budget_by: 'project', budget_hundredths: null } }, false],
    [{ project: { budget_by: 'task' }, taskAssignment: { budget_hundredths: 500 } }, true],
    [{ project: { budget_by: 'task_fees' } }, false],
    [{ project: { budget_by: 'person' }, userAssignment: { budget_hundredths: null } }, false],
    [{ project: { budget_by: 'person' }, userAssignment: { budget_hundredths: 400 } }, true],
  ] as const)('budgeted for %j is %s', (overrides, budgeted) => {
    expect(resolveBilling(context(overrides)).budgeted).toBe(budgeted);
  });
});

describe('lockState', () => {
  it.each([
    [{ invoiced: false, approved: false, archived: false }, null],
    [{ invoiced: true, approved: false, archived: false }, 'Item Invoiced'],
    [
      { invoiced: false, approved: true, archived: false },
      'Item Approved and Locked for this Time Period',
    ],
    [{ invoiced: false, approved: false, archived: true }, 'Item Archived'],
    [
      { invoiced: true, approved: true, archived: false },
      'Item Invoiced and Approved and Locked for this Time Period',
    ],
    [{ invoiced: true, approved: false, archived: true }, 'Item Invoiced and Archived'],
  ])('%j -> %j', (facts, reason) => {
    expect(lockState(facts)).toEqual({ isLocked: reason !== null, lockedReason: reason });
  });
});

describe('trackedSeconds', () => {
  it('adds the running timer in whole seconds', () => {
    expect(trackedSeconds({ duration_seconds: 600, timer_started_at: null }, 5_000_000)).toBe(600);
    expect(trackedSeconds({ duration_seconds: 600, timer_started_at: 1_000_000 }, 1_061_999)).toBe(
      661,
    );
    expect(trackedSeconds({ duration_seconds: 0, timer_started_at: 2_000_000 }, 1_000_000)).toBe(0);
  });
});

describe('timerStartInstant', () => {
  const now = new Date('2026-03-04T09:30:00Z');
  it.each([
    // [spent date, started (s of day), zone, expected instant]
    ['2026-03-04', 7.5 * 3600, 'UTC', '2026-03-04T07:30:00.000Z'],
    ['2026-03-04', 8 * 3600, 'Europe/Warsaw', '2026-03-04T07:00:00.000Z'],
    ['2026-03-01', 7.5 * 3600, 'UTC', '2026-03-04T09:30:00.000Z'],
    ['2019-07-24', 9.5 * 3600, 'UTC', '2026-03-04T09:30:00.000Z'],
    ['2026-03-05', 7 * 3600, 'UTC', '2026-03-04T09:30:00.000Z'],
    // 09:30 UTC is already 3 March in Honolulu: the 4th is another day there.
    ['2026-03-04', 7 * 3600, 'Pacific/Honolulu', '2026-03-04T09:30:00.000Z'],
    ['2026-03-03', 23 * 3600, 'Pacific/Honolulu', '2026-03-04T09:00:00.000Z'],
  ])('%s at %ss in %s counts from %s', (date, seconds, zone, expected) => {
    expect(new Date(timerStartInstant(date, seconds, zone, now)).toISOString()).toBe(expected);
  });
});

describe('spanSeconds', () => {
  it('measures start to end and refuses an end before the start', () => {
    expect(spanSeconds(9 * 3600, 17 * 3600)).toBe(8 * 3600);
    expect(spanSeconds(9 * 3600, 9 * 3600)).toBe(0);
    expect(spanSeconds(17 * 3600, 9 * 3600)).toBeNull();
  });
});

describe('trackingProblems', () => {
  const fine = {
    projectFound: true,
    projectActive: true,
    clientActive: true,
    task: { found: true, active: true, assigned: true },
    userActive: true,
    userAssigned: true,
  };

  it('lets time on an active, assigned project and task through', () => {
    expect(trackingProblems(fine)).toEqual([]);
    expect(trackingProblems({ ...fine, task: null })).toEqual([]);
  });

  it('reports a missing project or task alone', () => {
    expect(
      worded(
        trackingProblems({
          ...fine,
          projectFound: false,
          projectActive: false,
          userAssigned: false,
          task: { found: false, active: false, assigned: false },
        }),
      ),
    ).toEqual(['Project must exist', 'Task must exist']);
  });

  it('lists every other problem at once, in Harvest order', () => {
    expect(
      worded(
        trackingProblems({
          projectFound: true,
          projectActive: false,
          clientActive: false,
          task: { found: true, active: false, assigned: false },
          userActive: false,
          userAssigned: false,
        }),
      ),
    ).toEqual([
      'Project is archived',
      'Client is archived',
      'Task is archived',
      'User is archived',
      'User is not assigned to this project',
      'Task is not assigned to this project',
    ]);
  });
});

describe('mayChange', () => {
  const live: EntryLockFacts & { user_id: number } = {
    user_id: 5,
    invoice_id: null,
    approval_status: 'unsubmitted',
    project_is_active: 1,
    client_is_active: 1,
    user_is_active: 1,
    task_id: 1,
    task_is_active: 1,
  };
  const admin = { accessLevel: 'administrator', userId: 1 };
  const member = { accessLevel: 'member', userId: 5 };
  const invoiced = { ...live, invoice_id: 7 };
  const approved = { ...live, approval_status: 'approved' };
  const archived = { ...live, task_is_active: 0 };

  it('lets anyone create: a new entry has no lock of its own', () => {
    expect(mayChange('create', null, member)).toEqual({
      allowed: true,
      lock: { isLocked: false, lockedReason: null },
      placementFrozen: false,
    });
  });

  it.each<[EntryChange, typeof live, { accessLevel: string }, boolean, boolean]>([
    // change, entry, actor, allowed, placement frozen
    ['update', live, member, true, false],
    ['update', invoiced, member, false, false],
    ['update', invoiced, admin, true, true],
    ['delete', approved, member, false, false],
    ['delete', approved, admin, true, true],
    ['unlink_reference', archived, member, false, false],
    ['stop', archived, member, true, true],
    ['restart', live, member, true, false],
    ['restart', archived, admin, true, true],
    ['restart', invoiced, admin, false, false],
    ['restart', approved, admin, false, false],
  ])('%s of %j by %j: allowed %s', (change, entry, actor, allowed, frozen) => {
    const verdict = mayChange(change, entry, actor);
    expect(verdict.allowed).toBe(allowed);
    if (verdict.allowed) expect(verdict.placementFrozen).toBe(frozen);
    else expect(verdict.code).toBe('time_entry_locked');
  });

  it('names the lock in the refusal, as presenters show it', () => {
    const verdict = mayChange('update', approved, member);
    expect(verdict.allowed).toBe(false);
    if (!verdict.allowed) {
      expect(worded([verdict])).toEqual([
        'Only an administrator can change this entry: Item Approved and Locked for this Time Period',
      ]);
    }
    expect(entryLock(approved)).toEqual(verdict.lock);
    expect(entryLock(archived).lockedReason).toBe('Item Archived');
    expect(entryLock({ ...live, task_id: null, task_is_active: null }).isLocked).toBe(false);
  });

  const open = { weekStatus: 'unsubmitted' as const, periodLocked: false };
  const submittedDay = { weekStatus: 'submitted' as const, periodLocked: false };
  const approvedDay = { weekStatus: 'approved' as const, periodLocked: false };
  const lockedDay = { weekStatus: 'unsubmitted' as const, periodLocked: true };

  it('refuses new time on a submitted, approved or locked day, to administrators too', () => {
    expect(mayChange('create', null, member, { target: open }).allowed).toBe(true);
    expect(mayChange('create', null, admin, { target: submittedDay })).toMatchObject({
      allowed: false,
      code: 'week_submitted',
    });
    expect(mayChange('create', null, admin, { target: approvedDay })).toMatchObject({
      allowed: false,
      code: 'week_approved',
    });
    expect(mayChange('create', null, admin, { target: lockedDay })).toMatchObject({
      allowed: false,
      code: 'period_locked',
    });
  });

  it('keeps a submitted entry from its own person, not from the approvers', () => {
    const submitted = { ...live, approval_status: 'submitted' };
    expect(mayChange('update', submitted, member, { current: submittedDay })).toMatchObject({
      allowed: false,
      code: 'week_submitted',
    });
    const manager = { accessLevel: 'manager', userId: 9 };
    expect(mayChange('update', submitted, manager, { current: submittedDay }).allowed).toBe(true);
    expect(mayChange('delete', submitted, admin, { current: submittedDay }).allowed).toBe(true);
    // Submitted is not Harvest's lock: the entry reads unlocked.
    expect(entryLock(submitted).isLocked).toBe(false);
  });

  it('freezes an entry in a locked period for everyone, but lets a timer stop', () => {
    for (const change of ['update', 'delete', 'restart', 'unlink_reference'] as const) {
      expect(mayChange(change, live, admin, { current: lockedDay })).toMatchObject({
        allowed: false,
        code: 'period_locked',
      });
    }
    expect(mayChange('stop', live, member, { current: lockedDay }).allowed).toBe(true);
    expect(mayChange('stop', live, member, { current: lockedDay }).lock.lockedReason).toBe(
      'Item Locked for this Time Period',
    );
  });

  it('refuses new time on a project and day an invoice covers', () => {
    expect(mayChange('create', null, admin, { target: { ...open, invoiced: true } })).toMatchObject(
      {
        allowed: false,
        code: 'period_invoiced',
      },
    );
    expect(
      mayChange('update', live, admin, { current: open, target: { ...open, invoiced: true } }),
    ).toMatchObject({ allowed: false, code: 'period_invoiced' });
  });

  it('refuses moving an entry onto a closed day', () => {
    expect(mayChange('update', live, member, { current: open, target: approvedDay })).toMatchObject(
      { allowed: false, code: 'week_approved' },
    );
    expect(mayChange('update', live, member, { current: open, target: open }).allowed).toBe(true);
  });

  it("names Harvest's reasons, the period's last", () => {
    expect(entryLock(live, true).lockedReason).toBe('Item Locked for this Time Period');
    expect(entryLock(approved, true).lockedReason).toBe(
      'Item Approved and Locked for this Time Period',
    );
    expect(entryLock({ ...live, invoice_id: 3 }, true).lockedReason).toBe('Item Invoiced');
  });
});

describe('timeFieldsProblem', () => {
  it('refuses times of day on a duration account', () => {
    expect(timeFieldsProblem(false, { seconds: 60 }, 'create')).toBeNull();
    expect(timeFieldsProblem(false, { startedTime: 3600 }, 'create')?.code).toBe(
      'times_of_day_not_tracked',
    );
  });

  it('refuses seconds that a start/end account would ignore', () => {
    expect(timeFieldsProblem(true, { seconds: 60 }, 'create')).toBeNull();
    expect(timeFieldsProblem(true, { startedTime: 1, endedTime: 2 }, 'update')).toBeNull();
    expect(timeFieldsProblem(true, { seconds: 60, startedTime: 1 }, 'create')?.code).toBe(
      'durations_not_tracked',
    );
    expect(timeFieldsProblem(true, { seconds: 60 }, 'update')?.code).toBe('durations_not_tracked');
  });
});
