import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import { formatClockTime, roundedHours } from '../../../shared/time.ts';
import { entryFigures, type PresentContext } from './time-entries.presenter.ts';
import type { TimeEntryDetail } from './time-entries.repository.ts';
import type { NativeTimeEntry } from './native-time-entries.schemas.ts';
import type { Static } from 'typebox';

/** An entry on the native API: the same figures as every door, in camelCase and seconds. */
export function presentNativeTimeEntry(
  row: TimeEntryDetail,
  ctx: PresentContext,
): Static<typeof NativeTimeEntry> {
  const { billing, lock, seconds, shown } = entryFigures(row, ctx);
  const rounded = roundedHours(seconds / 3600, ctx.rounding, ctx.roundingMinutes);
  return {
    id: row.id,
    userId: row.user_id,
    spentDate: row.spent_date,
    seconds,
    roundedSeconds: Math.round(rounded * 3600),
    isRunning: row.timer_started_at !== null,
    timerStartedAt: row.timer_started_at === null ? null : toWireInstant(row.timer_started_at),
    startedTime: row.started_time === null ? null : formatClockTime(row.started_time, '24h'),
    endedTime: row.ended_time === null ? null : formatClockTime(row.ended_time, '24h'),
    notes: row.notes,
    billable: billing.billable,
    billableRate: shown.billable === null ? null : fromCents(shown.billable),
    isLocked: lock.isLocked,
    lockedReason: lock.lockedReason,
    approvalStatus: row.approval_status,
    client: { id: row.client_id, name: row.client_name },
    project: { id: row.project_id, name: row.project_name, code: row.project_code },
    task: row.task_id === null ? null : { id: row.task_id, name: row.task_name ?? '' },
    externalReference:
      row.external_reference_id === null
        ? null
        : {
            id: row.external_reference_id,
            groupId: row.external_reference_group_id,
            accountId: row.external_reference_account_id,
            permalink: row.external_reference_permalink,
          },
    createdAt: toWireInstant(row.created_at),
    updatedAt: toWireInstant(row.updated_at),
  };
}
