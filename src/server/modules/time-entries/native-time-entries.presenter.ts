import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import { formatClockTime, roundedHours } from '../../../shared/time.ts';
import type { EntryDisplay, TimeEntry } from './time-entry.rules.ts';
import type { NativeTimeEntry } from './native-time-entries.schemas.ts';
import type { Static } from 'typebox';

/** An entry on the native API: the domain object in seconds, money in units, times in 24h. */
export function presentNativeTimeEntry(
  entry: TimeEntry,
  display: EntryDisplay,
): Static<typeof NativeTimeEntry> {
  const rounded = roundedHours(entry.seconds / 3600, display.rounding, display.roundingMinutes);
  const reference = entry.externalReference;
  return {
    id: entry.id,
    userId: entry.userId,
    spentDate: entry.spentDate,
    seconds: entry.seconds,
    roundedSeconds: Math.round(rounded * 3600),
    isRunning: entry.isRunning,
    timerStartedAt: entry.timerStartedAt === null ? null : toWireInstant(entry.timerStartedAt),
    startedTime: entry.startedTime === null ? null : formatClockTime(entry.startedTime, '24h'),
    endedTime: entry.endedTime === null ? null : formatClockTime(entry.endedTime, '24h'),
    notes: entry.notes,
    billable: entry.billable,
    billableRate: entry.billableRateCents === null ? null : fromCents(entry.billableRateCents),
    isLocked: entry.lock.isLocked,
    lockedReason: entry.lock.lockedReason,
    approvalStatus: entry.approvalStatus,
    client: { id: entry.client.id, name: entry.client.name },
    project: entry.project,
    task: entry.task,
    externalReference:
      reference === null
        ? null
        : {
            id: reference.id,
            groupId: reference.groupId,
            accountId: reference.accountId,
            permalink: reference.permalink,
          },
    createdAt: toWireInstant(entry.createdAt),
    updatedAt: toWireInstant(entry.updatedAt),
  };
}
