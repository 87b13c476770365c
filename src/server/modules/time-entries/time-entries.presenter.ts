import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import { formatClockTime, hoursFromSeconds, roundedHours } from '../../../shared/time.ts';
import type { EntryDisplay, TimeEntry } from './time-entry.rules.ts';
import type { HarvestTimeEntry } from './time-entries.schemas.ts';

const money = (cents: number | null) => (cents === null ? null : fromCents(cents));

/** An entry on Harvest's wire: hours in decimals, money in units, times as the account shows them. */
export function presentHarvestTimeEntry(entry: TimeEntry, display: EntryDisplay): HarvestTimeEntry {
  const hours = hoursFromSeconds(entry.seconds);
  const ua = entry.userAssignment;
  const ta = entry.taskAssignment;
  const reference = entry.externalReference;
  return {
    id: entry.id,
    spent_date: entry.spentDate,
    hours,
    hours_without_timer: hoursFromSeconds(entry.storedSeconds),
    rounded_hours: roundedHours(hours, display.rounding, display.roundingMinutes),
    notes: entry.notes,
    is_locked: entry.lock.isLocked,
    locked_reason: entry.lock.lockedReason,
    is_closed: entry.approvalStatus === 'approved',
    approval_status: entry.approvalStatus,
    is_billed: entry.invoice !== null,
    timer_started_at: entry.timerStartedAt === null ? null : toWireInstant(entry.timerStartedAt),
    started_time:
      entry.startedTime === null ? null : formatClockTime(entry.startedTime, display.clock),
    ended_time: entry.endedTime === null ? null : formatClockTime(entry.endedTime, display.clock),
    is_running: entry.isRunning,
    billable: entry.billable,
    budgeted: entry.budgeted,
    billable_rate: money(entry.billableRateCents),
    cost_rate: money(entry.costRateCents),
    created_at: toWireInstant(entry.createdAt),
    updated_at: toWireInstant(entry.updatedAt),
    user: { id: entry.user.id, name: `${entry.user.firstName} ${entry.user.lastName}`.trim() },
    client: entry.client,
    project: entry.project,
    task: entry.task,
    user_assignment:
      ua === null
        ? null
        : {
            id: ua.id,
            is_project_manager: ua.isProjectManager,
            is_active: ua.isActive,
            use_default_rates: ua.useDefaultRates,
            budget: money(ua.budgetHundredths),
            created_at: toWireInstant(ua.createdAt),
            updated_at: toWireInstant(ua.updatedAt),
            // Harvest shows the effective rate here even when the person's default applies.
            hourly_rate: money(ua.hourlyRateCents),
          },
    task_assignment:
      ta === null
        ? null
        : {
            id: ta.id,
            billable: ta.billable,
            is_active: ta.isActive,
            created_at: toWireInstant(ta.createdAt),
            updated_at: toWireInstant(ta.updatedAt),
            hourly_rate: money(ta.hourlyRateCents),
            budget: money(ta.budgetHundredths),
          },
    invoice: entry.invoice,
    external_reference:
      reference === null
        ? null
        : {
            id: reference.id,
            group_id: reference.groupId,
            account_id: reference.accountId,
            permalink: reference.permalink,
            service: reference.service,
            service_icon_url: null,
          },
  };
}
