import { rateInForce, type RatePeriod } from '../project-rates/project-rates.rules.ts';
import type { Selectable } from 'kysely';
import type { UserRatesTable } from '../../db/database-types.ts';
import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import {
  formatClockTime,
  hoursFromSeconds,
  roundedHours,
  type RoundingMode,
} from '../../../shared/time.ts';
import type { AccessLevel, ManagerPermission } from '../auth/auth.rules.ts';
import { rateOn, seesBillableRates, visibleRates } from '../users/users.rules.ts';
import type { TimeEntryDetail } from './time-entries.repository.ts';
import { entryLock, resolveBilling, trackedSeconds } from './time-entries.rules.ts';
import type { HarvestTimeEntry } from './time-entries.schemas.ts';

/** What presenting needs beyond the row: the moment, the account's display settings, rates. */
export type ProjectRatePeriod = RatePeriod & { rateCents: number };

export interface PresentContext {
  nowMs: number;
  clock: string;
  rounding: RoundingMode;
  roundingMinutes: number;
  /** Rate rows per person, for the rate in force on each entry's day. */
  rates: Map<number, Selectable<UserRatesTable>[]>;
  /** Per-project rates per person (Flowtly's project rates), for People-billed projects. */
  projectRates: Map<number, ProjectRatePeriod[]>;
  /** Who is looking: rates are shown only to those allowed to see them (§2.5). */
  viewer: { accessLevel: AccessLevel; managerPermissions: readonly ManagerPermission[] };
  /** The account's IANA zone: a WorkTime's date is midnight there. */
  timeZone: string;
  /** Whether a person's day is in a locked period (lock date or automatic lock, not unlocked). */
  periodLocked: (userId: number, date: string) => boolean;
}

const money = (cents: number | null) => (cents === null ? null : fromCents(cents));

/** The host of a permalink names the service ("github.com"), as Harvest shows it. */
function serviceOf(permalink: string | null): string | null {
  if (!permalink) return null;
  try {
    return new URL(permalink).host || null;
  } catch {
    return null;
  }
}

/**
 * What every door shows of an entry beyond its stored fields, worked out once by the rules:
 * its billing (rates in force on its day), its lock, its time with a running timer counted up
 * to now, and which rates the viewer may see.
 */
export function entryFigures(row: TimeEntryDetail, ctx: PresentContext) {
  const rates = ctx.rates.get(row.user_id) ?? [];
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
    userBillableRateCents: rateOn(rates, 'billable', row.spent_date),
    userCostRateCents: rateOn(rates, 'cost', row.spent_date),
    projectRateCents:
      rateInForce(ctx.projectRates.get(row.user_id) ?? [], row.project_id, row.spent_date)
        ?.rateCents ?? null,
  });
  return {
    billing,
    lock: entryLock(row, ctx.periodLocked(row.user_id, row.spent_date)),
    seconds: trackedSeconds(row, ctx.nowMs),
    userBillable: rateOn(rates, 'billable', row.spent_date),
    shown: visibleRates(ctx.viewer, {
      billable: billing.billableRateCents,
      cost: billing.costRateCents,
    }),
    seesBillable: seesBillableRates(ctx.viewer),
  };
}

export function presentHarvestTimeEntry(
  row: TimeEntryDetail,
  ctx: PresentContext,
): HarvestTimeEntry {
  const { billing, lock, seconds, userBillable, shown, seesBillable } = entryFigures(row, ctx);
  const hours = hoursFromSeconds(seconds);
  return {
    id: row.id,
    spent_date: row.spent_date,
    hours,
    hours_without_timer: hoursFromSeconds(row.duration_seconds),
    rounded_hours: roundedHours(hours, ctx.rounding, ctx.roundingMinutes),
    notes: row.notes,
    is_locked: lock.isLocked,
    locked_reason: lock.lockedReason,
    is_closed: row.approval_status === 'approved',
    approval_status: row.approval_status,
    is_billed: row.invoice_id !== null,
    timer_started_at: row.timer_started_at === null ? null : toWireInstant(row.timer_started_at),
    started_time: row.started_time === null ? null : formatClockTime(row.started_time, ctx.clock),
    ended_time: row.ended_time === null ? null : formatClockTime(row.ended_time, ctx.clock),
    is_running: row.timer_started_at !== null,
    billable: billing.billable,
    budgeted: billing.budgeted,
    billable_rate: money(shown.billable),
    cost_rate: money(shown.cost),
    created_at: toWireInstant(row.created_at),
    updated_at: toWireInstant(row.updated_at),
    user: { id: row.user_id, name: `${row.user_first_name} ${row.user_last_name}`.trim() },
    client: { id: row.client_id, name: row.client_name, currency: row.client_currency },
    project: { id: row.project_id, name: row.project_name, code: row.project_code },
    task: row.task_id === null ? null : { id: row.task_id, name: row.task_name ?? '' },
    user_assignment:
      row.ua_id === null
        ? null
        : {
            id: row.ua_id,
            is_project_manager: row.ua_is_project_manager === 1,
            is_active: row.ua_is_active === 1,
            use_default_rates: row.ua_use_default_rates === 1,
            budget: money(row.ua_budget_hundredths),
            created_at: toWireInstant(row.ua_created_at ?? row.created_at),
            updated_at: toWireInstant(row.ua_updated_at ?? row.updated_at),
            // Harvest shows the effective rate here even when the person's default applies.
            hourly_rate: seesBillable
              ? money(row.ua_use_default_rates === 1 ? userBillable : row.ua_hourly_rate_cents)
              : null,
          },
    task_assignment:
      row.ta_id === null
        ? null
        : {
            id: row.ta_id,
            billable: row.ta_billable === 1,
            is_active: row.ta_is_active === 1,
            created_at: toWireInstant(row.ta_created_at ?? row.created_at),
            updated_at: toWireInstant(row.ta_updated_at ?? row.updated_at),
            hourly_rate: seesBillable ? money(row.ta_hourly_rate_cents) : null,
            budget: money(row.ta_budget_hundredths),
          },
    invoice:
      row.invoice_id === null ? null : { id: row.invoice_id, number: row.invoice_number ?? '' },
    external_reference:
      row.external_reference_id === null
        ? null
        : {
            id: row.external_reference_id,
            group_id: row.external_reference_group_id,
            account_id: row.external_reference_account_id,
            permalink: row.external_reference_permalink,
            service: serviceOf(row.external_reference_permalink),
            service_icon_url: null,
          },
  };
}
