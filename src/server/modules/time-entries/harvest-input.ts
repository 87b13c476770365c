import { parseCalendarDate, parseClockTime, secondsFromHours } from '../../../shared/time.ts';
import { BOUNDS } from '../../shared/bounds.ts';
import { wordedInvalid } from '../../shared/domain-error.ts';
import type { Actor } from '../auth/auth.rules.ts';
import type {
  CreateTimeEntry,
  ExternalReference,
  UpdateTimeEntry,
} from './time-entries.service.ts';
import type {
  CreateTimeEntryBody,
  ExternalReferenceInput,
  UpdateTimeEntryBody,
} from './time-entries.schemas.ts';

/**
 * The Harvest door's reading of a time entry body into the domain's commands: Harvest's
 * spellings (hours as number or text, "9:00am"), its defaults, and its Rails-style messages.
 */

function hoursToSeconds(hours: number | string): number {
  const seconds = secondsFromHours(hours);
  if (seconds === null) {
    throw wordedInvalid([
      typeof hours === 'number' || /^-/.test(hours.trim())
        ? 'Hours must be greater than or equal to 0'
        : 'Hours is not a number',
    ]);
  }
  // Text ("99999:00") is read here, past the schema's numeric bound: the same bound again.
  if (seconds > BOUNDS.entrySeconds) {
    throw wordedInvalid([`Hours must be less than or equal to ${BOUNDS.entryHours}`]);
  }
  return seconds;
}

function clockTime(text: string, field: 'Started time' | 'Ended time'): number {
  const seconds = parseClockTime(text);
  if (seconds === null) throw wordedInvalid([`${field} is not a valid time`]);
  return seconds;
}

/** Undefined leaves the reference alone; null, or one without an id, removes it. */
function externalReference(
  input: ExternalReferenceInput | null | undefined,
): ExternalReference | null | undefined {
  if (input === undefined) return undefined;
  const id = input?.id?.trim();
  if (!input || !id) return null;
  return {
    id,
    groupId: input.group_id ?? null,
    accountId: input.account_id ?? null,
    permalink: input.permalink ?? null,
  };
}

export function harvestCreateTimeEntry(actor: Actor, body: CreateTimeEntryBody): CreateTimeEntry {
  const problems: string[] = [];
  if (body.project_id === undefined) problems.push("Project can't be blank");
  if (body.task_id === undefined) problems.push("Task can't be blank");
  const spentDate = body.spent_date ? parseCalendarDate(body.spent_date.trim()) : null;
  if (!body.spent_date) problems.push("Spent date can't be blank");
  if (!spentDate) problems.push('Spent date is not a valid date');
  if (
    problems.length > 0 ||
    body.project_id === undefined ||
    body.task_id === undefined ||
    !spentDate
  ) {
    throw wordedInvalid(problems);
  }
  const seconds =
    body.hours === undefined || body.hours === null ? null : hoursToSeconds(body.hours);
  const startedTime = body.started_time ? clockTime(body.started_time, 'Started time') : null;
  const endedTime = body.ended_time ? clockTime(body.ended_time, 'Ended time') : null;
  return {
    userId: body.user_id,
    projectId: body.project_id,
    taskId: body.task_id,
    spentDate,
    seconds,
    startedTime,
    endedTime,
    notes: body.notes,
    externalReference: externalReference(body.external_reference),
    // Harvest starts a timer when an entry has no end (start/end accounts) or no hours.
    running: actor.settings.wantsTimestampTimers ? endedTime === null : (seconds ?? 0) === 0,
  };
}

export function harvestUpdateTimeEntry(body: UpdateTimeEntryBody): UpdateTimeEntry {
  const seconds =
    body.hours === undefined || body.hours === null ? undefined : hoursToSeconds(body.hours);
  const spentDate =
    body.spent_date === undefined ? undefined : parseCalendarDate(body.spent_date.trim());
  if (spentDate === null) throw wordedInvalid(['Spent date is not a valid date']);
  return {
    projectId: body.project_id,
    taskId: body.task_id,
    spentDate,
    seconds,
    startedTime: body.started_time ? clockTime(body.started_time, 'Started time') : undefined,
    endedTime: body.ended_time ? clockTime(body.ended_time, 'Ended time') : undefined,
    notes: body.notes,
    externalReference: externalReference(body.external_reference),
  };
}
