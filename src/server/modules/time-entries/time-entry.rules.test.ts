import { describe, expect, it } from 'vitest';
import type { TimeEntryDetail } from './time-entries.repository.ts';
import { serviceOf, timeEntryOf, type EntryReading } from './time-entry.rules.ts';

const NOW = Date.UTC(2026, 2, 10, 12, 0, 0);

/** A billable entry of person 7 on a People-billed project, assigned on default rates. */
function rowOf(changes: Partial<TimeEntryDetail> = {}): TimeEntryDetail {
  return {
    id: 1,
    account_id: 1,
    user_id: 7,
    project_id: 3,
    task_id: 5,
    spent_date: '2026-03-10',
    duration_seconds: 3600,
    timer_started_at: null,
    started_time: null,
    ended_time: null,
    notes: 'Standup',
    external_reference_id: null,
    external_reference_group_id: null,
    external_reference_account_id: null,
    external_reference_permalink: null,
    approval_status: 'unsubmitted',
    invoice_id: null,
    invoice_number: null,
    invoice_line_item_id: null,
    created_at: NOW - 86_400_000,
    updated_at: NOW - 3_600_000,
    deleted_at: null,
    user_first_name: 'Ada',
    user_last_name: 'Lovelace',
    user_is_active: 1,
    user_timezone: 'UTC',
    project_name: 'Engine',
    project_code: 'ENG',
    project_is_active: 1,
    project_is_billable: 1,
    project_bill_by: 'People',
    project_hourly_rate_cents: 9_000,
    project_budget_by: 'person',
    project_budget_hundredths: null,
    project_cost_budget_cents: null,
    client_id: 2,
    client_name: 'Babbage Ltd',
    client_currency: 'GBP',
    client_is_active: 1,
    task_name: 'Design',
    task_is_active: 1,
    ua_id: 11,
    ua_is_project_manager: 0,
    ua_is_active: 1,
    ua_use_default_rates: 1,
    ua_hourly_rate_cents: 5_000,
    ua_budget_hundredths: 1_000,
    ua_created_at: null,
    ua_updated_at: null,
    ta_id: 12,
    ta_billable: 1,
    ta_is_active: 1,
    ta_hourly_rate_cents: 7_000,
    ta_budget_hundredths: null,
    ta_created_at: NOW - 5,
    ta_updated_at: NOW - 4,
    ...changes,
  };
}

const rate = (id: number, kind: 'billable' | 'cost', cents: number, start: string | null) => ({
  id,
  user_id: 7,
  kind,
  amount_cents: cents,
  start_date: start,
  created_at: 0,
  updated_at: 0,
});

function readingOf(changes: Partial<EntryReading> = {}): EntryReading {
  return {
    nowMs: NOW,
    rates: new Map([
      [
        7,
        [
          rate(1, 'billable', 10_000, null),
          rate(2, 'billable', 12_000, '2026-03-01'),
          rate(3, 'cost', 4_000, null),
        ],
      ],
    ]),
    projectRates: new Map(),
    viewer: { accessLevel: 'administrator', managerPermissions: [] },
    periodLocked: () => false,
    ...changes,
  };
}

describe('timeEntryOf', () => {
  it('bills at the person’s rate in force on the day, and says so once for every door', () => {
    const entry = timeEntryOf(rowOf(), readingOf());
    expect(entry).toMatchObject({
      billable: true,
      budgeted: true,
      billableRateCents: 12_000,
      costRateCents: 4_000,
      lock: { isLocked: false, lockedReason: null },
      user: { id: 7, firstName: 'Ada', lastName: 'Lovelace' },
      client: { id: 2, name: 'Babbage Ltd', currency: 'GBP' },
      project: { id: 3, name: 'Engine', code: 'ENG' },
      task: { id: 5, name: 'Design' },
    });
    // On default rates the assignment shows the rate that applies, the person's own.
    expect(entry.userAssignment).toMatchObject({ useDefaultRates: true, hourlyRateCents: 12_000 });
    // An assignment never written since the join falls back to the entry's instants.
    expect(entry.userAssignment?.createdAt).toBe(NOW - 86_400_000);
  });

  it('takes an earlier rate for an earlier day, and the project rate of a person first', () => {
    expect(timeEntryOf(rowOf({ spent_date: '2026-02-20' }), readingOf()).billableRateCents).toBe(
      10_000,
    );
    const withProjectRate = readingOf({
      projectRates: new Map([
        [7, [{ id: 1, projectId: 3, dateFrom: '2026-03-01', dateTo: null, rateCents: 15_000 }]],
      ]),
    });
    expect(timeEntryOf(rowOf(), withProjectRate).billableRateCents).toBe(15_000);
  });

  it('counts a running timer up to now and keeps the stored time apart', () => {
    const entry = timeEntryOf(rowOf({ timer_started_at: NOW - 1_800_000 }), readingOf());
    expect(entry).toMatchObject({ isRunning: true, seconds: 5_400, storedSeconds: 3_600 });
  });

  it('hides the rates a viewer may not see (§2.5)', () => {
    const member = readingOf({ viewer: { accessLevel: 'member', managerPermissions: [] } });
    const entry = timeEntryOf(rowOf(), member);
    expect(entry).toMatchObject({ billable: true, billableRateCents: null, costRateCents: null });
    expect(entry.userAssignment?.hourlyRateCents).toBeNull();
    expect(entry.taskAssignment?.hourlyRateCents).toBeNull();
    const rater = readingOf({
      viewer: { accessLevel: 'manager', managerPermissions: ['billable_rates_manager'] },
    });
    expect(timeEntryOf(rowOf(), rater)).toMatchObject({
      billableRateCents: 12_000,
      costRateCents: null,
    });
  });

  it('is locked, with the reason, by its invoice, its approval, archived work or a locked period', () => {
    expect(
      timeEntryOf(rowOf({ invoice_id: 4, invoice_number: '2026-004' }), readingOf()),
    ).toMatchObject({
      lock: { isLocked: true },
      invoice: { id: 4, number: '2026-004' },
    });
    expect(timeEntryOf(rowOf({ approval_status: 'approved' }), readingOf())).toMatchObject({
      lock: { isLocked: true },
      approvalStatus: 'approved',
    });
    expect(timeEntryOf(rowOf({ project_is_active: 0 }), readingOf()).lock.isLocked).toBe(true);
    const locked = readingOf({
      periodLocked: (userId, date) => userId === 7 && date <= '2026-03-10',
    });
    expect(timeEntryOf(rowOf(), locked).lock.isLocked).toBe(true);
    expect(timeEntryOf(rowOf({ spent_date: '2026-03-11' }), locked).lock.isLocked).toBe(false);
  });

  it('is not billable on a non-billable task, and has no rate then', () => {
    expect(timeEntryOf(rowOf({ ta_billable: 0 }), readingOf())).toMatchObject({
      billable: false,
      billableRateCents: null,
    });
  });

  it('names the service of an external reference by its permalink’s host', () => {
    const entry = timeEntryOf(
      rowOf({
        external_reference_id: 'PR-9',
        external_reference_permalink: 'https://github.com/acme/engine/pull/9',
      }),
      readingOf(),
    );
    expect(entry.externalReference).toEqual({
      id: 'PR-9',
      groupId: null,
      accountId: null,
      permalink: 'https://github.com/acme/engine/pull/9',
      service: 'github.com',
    });
    expect(serviceOf('not a url')).toBeNull();
    expect(serviceOf(null)).toBeNull();
  });
});
