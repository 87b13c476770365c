import type { Selectable } from 'kysely';
import type { UserRatesTable } from '../../db/database-types.ts';
import type { RoundingMode } from '../../../shared/time.ts';
import type { AccessLevel, ManagerPermission } from '../auth/auth.rules.ts';
import type { ApprovalStatus } from '../approvals/approvals.rules.ts';
import { rateInForce, type RatePeriod } from '../project-rates/project-rates.rules.ts';
import { rateOn, seesBillableRates, visibleRates } from '../users/users.rules.ts';
import type { TimeEntryDetail } from './time-entries.repository.ts';
import { entryLock, resolveBilling, trackedSeconds, type Lock } from './time-entries.rules.ts';

export type ProjectRatePeriod = RatePeriod & { rateCents: number };

/** What reading an entry needs beyond its row: the moment, the rates, the viewer, the locks. */
export interface EntryReading {
  nowMs: number;
  /** Rate rows per person, for the rate in force on each entry's day. */
  rates: Map<number, Selectable<UserRatesTable>[]>;
  /** Per-project rates per person (Flowtly's project rates), for People-billed projects. */
  projectRates: Map<number, ProjectRatePeriod[]>;
  /** Who is looking: rates are shown only to those allowed to see them (§2.5). */
  viewer: { accessLevel: AccessLevel; managerPermissions: readonly ManagerPermission[] };
  /** Whether a person's day is in a locked period (lock date or automatic lock, not unlocked). */
  periodLocked: (userId: number, date: string) => boolean;
}

/** How the account shows time: every door formats an entry with these. */
export interface EntryDisplay {
  /** `12h` or `24h`, for start and end times. */
  clock: string;
  rounding: RoundingMode;
  roundingMinutes: number;
  /** The account's IANA zone: a WorkTime's date is midnight there. */
  timeZone: string;
}

/**
 * A time entry as the core hands it to every door: stored facts in camelCase, and what is
 * derived from them (its billing and the rates in force on its day, its lock and why, its time
 * with a running timer counted up to now) worked out once, here. Money is in minor units;
 * rates the viewer may not see are null (§2.5). Instants are epoch milliseconds, times of day
 * seconds since midnight.
 */
export interface TimeEntry {
  id: number;
  userId: number;
  user: { id: number; firstName: string; lastName: string };
  client: { id: number; name: string; currency: string };
  project: { id: number; name: string; code: string | null };
  task: { id: number; name: string } | null;
  spentDate: string;
  /** Tracked time, a running timer counted up to now. */
  seconds: number;
  /** Tracked time as stored, a running timer's elapsed time left out. */
  storedSeconds: number;
  notes: string | null;
  isRunning: boolean;
  timerStartedAt: number | null;
  startedTime: number | null;
  endedTime: number | null;
  billable: boolean;
  budgeted: boolean;
  /** The billable and cost rates in force on the entry's day, when the viewer may see them. */
  billableRateCents: number | null;
  costRateCents: number | null;
  lock: Lock;
  approvalStatus: ApprovalStatus;
  invoice: { id: number; number: string } | null;
  externalReference: {
    id: string;
    groupId: string | null;
    accountId: string | null;
    permalink: string | null;
    /** The host of the permalink ("github.com"), naming the service. */
    service: string | null;
  } | null;
  userAssignment: {
    id: number;
    isProjectManager: boolean;
    isActive: boolean;
    useDefaultRates: boolean;
    /** The person's rate on the project in force: their own on default rates (when seen). */
    hourlyRateCents: number | null;
    budgetHundredths: number | null;
    createdAt: number;
    updatedAt: number;
  } | null;
  taskAssignment: {
    id: number;
    billable: boolean;
    isActive: boolean;
    hourlyRateCents: number | null;
    budgetHundredths: number | null;
    createdAt: number;
    updatedAt: number;
  } | null;
  createdAt: number;
  updatedAt: number;
  deletedAt: number | null;
}

/** The host of a permalink names the service ("github.com"), as Harvest shows it. */
export function serviceOf(permalink: string | null): string | null {
  if (!permalink) return null;
  try {
    return new URL(permalink).host || null;
  } catch {
    return null;
  }
}

/** An entry's row read as the domain object, its derived state worked out by the rules. */
export function timeEntryOf(row: TimeEntryDetail, reading: EntryReading): TimeEntry {
  const rates = reading.rates.get(row.user_id) ?? [];
  const userBillable = rateOn(rates, 'billable', row.spent_date);
  const billing = resolveBilling({
    project: {
      is_billable: row.project_is_billable === 1,
      bill_by: row.project_bill_by,
      hourly_rate_cents: row.project_hourly_rate_cents,
      budget_by: row.project_budget_by,
      budget_hundredths: row.project_budget_hundredths,
      cost_budget_cents: row.project_cost_budget_cents,
    },
    taskAssignment:
      row.ta_id === null
        ? null
        : {
            billable: row.ta_billable === 1,
            hourly_rate_cents: row.ta_hourly_rate_cents,
            budget_hundredths: row.ta_budget_hundredths,
          },
    userAssignment:
      row.ua_id === null
        ? null
        : {
            use_default_rates: row.ua_use_default_rates === 1,
            hourly_rate_cents: row.ua_hourly_rate_cents,
            budget_hundredths: row.ua_budget_hundredths,
          },
    userBillableRateCents: userBillable,
    userCostRateCents: rateOn(rates, 'cost', row.spent_date),
    projectRateCents:
      rateInForce(reading.projectRates.get(row.user_id) ?? [], row.project_id, row.spent_date)
        ?.rateCents ?? null,
  });
  const shown = visibleRates(reading.viewer, {
    billable: billing.billableRateCents,
    cost: billing.costRateCents,
  });
  const seesBillable = seesBillableRates(reading.viewer);
  return {
    id: row.id,
    userId: row.user_id,
    user: { id: row.user_id, firstName: row.user_first_name, lastName: row.user_last_name },
    client: { id: row.client_id, name: row.client_name, currency: row.client_currency },
    project: { id: row.project_id, name: row.project_name, code: row.project_code },
    task: row.task_id === null ? null : { id: row.task_id, name: row.task_name ?? '' },
    spentDate: row.spent_date,
    seconds: trackedSeconds(row, reading.nowMs),
    storedSeconds: row.duration_seconds,
    notes: row.notes,
    isRunning: row.timer_started_at !== null,
    timerStartedAt: row.timer_started_at,
    startedTime: row.started_time,
    endedTime: row.ended_time,
    billable: billing.billable,
    budgeted: billing.budgeted,
    billableRateCents: shown.billable,
    costRateCents: shown.cost,
    lock: entryLock(row, reading.periodLocked(row.user_id, row.spent_date)),
    // The column holds only these (a CHECK constraint); the row type reads it as text.
    approvalStatus: row.approval_status as ApprovalStatus,
    invoice:
      row.invoice_id === null ? null : { id: row.invoice_id, number: row.invoice_number ?? '' },
    externalReference:
      row.external_reference_id === null
        ? null
        : {
            id: row.external_reference_id,
            groupId: row.external_reference_group_id,
            accountId: row.external_reference_account_id,
            permalink: row.external_reference_permalink,
            service: serviceOf(row.external_reference_permalink),
          },
    userAssignment:
      row.ua_id === null
        ? null
        : {
            id: row.ua_id,
            isProjectManager: row.ua_is_project_manager === 1,
            isActive: row.ua_is_active === 1,
            useDefaultRates: row.ua_use_default_rates === 1,
            hourlyRateCents: seesBillable
              ? row.ua_use_default_rates === 1
                ? userBillable
                : row.ua_hourly_rate_cents
              : null,
            budgetHundredths: row.ua_budget_hundredths,
            createdAt: row.ua_created_at ?? row.created_at,
            updatedAt: row.ua_updated_at ?? row.updated_at,
          },
    taskAssignment:
      row.ta_id === null
        ? null
        : {
            id: row.ta_id,
            billable: row.ta_billable === 1,
            isActive: row.ta_is_active === 1,
            hourlyRateCents: seesBillable ? row.ta_hourly_rate_cents : null,
            budgetHundredths: row.ta_budget_hundredths,
            createdAt: row.ta_created_at ?? row.created_at,
            updatedAt: row.ta_updated_at ?? row.updated_at,
          },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}
