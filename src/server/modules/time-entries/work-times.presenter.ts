import { DateTime } from 'luxon';
import type { Format } from '../../http/flowtly-transport.ts';
import { idFromIri, iri } from '../../http/flowtly-transport.ts';
import {
  invalidIri,
  projectRelation,
  readObject,
  relation,
  rfc3339,
  violationCollector,
  wrongType,
} from '../../http/flowtly-input.ts';
import { CONSTRAINT, DomainError } from '../../shared/domain-error.ts';
import type { EntryDisplay, TimeEntry } from './time-entry.rules.ts';
import type { WriteWorkTime } from './work-times.service.ts';
import { BOUNDS } from '../../shared/bounds.ts';

/**
 * A WorkTime's date: midnight of the entry's day in the account's zone, written as every other
 * instant of the API is (`rfc3339`: UTC as "+00:00", never "Z").
 */
function midnight(date: string, zone: string): string {
  const dt = DateTime.fromISO(date, { zone });
  return dt.isValid ? rfc3339(dt.toMillis(), zone) : `${date}T00:00:00+00:00`;
}

export interface WorkTimeWire {
  '@context'?: string;
  '@id'?: string;
  '@type'?: string;
  id: number;
  employee: string;
  project: string;
  date: string;
  seconds: number;
  description: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  deleted: boolean;
}

/**
 * A time entry as Flowtly's WorkTime: the same row, `seconds` its tracked time, `date` its
 * day, `description` its notes. JSON-LD adds `@id`/`@type` (and `@context` on items).
 */
export function presentWorkTime(
  entry: TimeEntry,
  display: EntryDisplay,
  format: Format,
  as: 'item' | 'member',
): WorkTimeWire {
  const zone = display.timeZone;
  return {
    ...(format === 'jsonld'
      ? {
          ...(as === 'item' ? { '@context': '/api/contexts/WorkTime' } : {}),
          '@id': iri.workTime(entry.id),
          '@type': 'WorkTime',
        }
      : {}),
    id: entry.id,
    employee: iri.employee(entry.userId),
    project: iri.project(entry.project.id),
    date: midnight(entry.spentDate, zone),
    seconds: entry.seconds,
    description: entry.notes,
    createdAt: rfc3339(entry.createdAt, zone),
    updatedAt: rfc3339(entry.updatedAt, zone),
    deletedAt: entry.deletedAt === null ? null : rfc3339(entry.deletedAt, zone),
    deleted: entry.deletedAt !== null,
  };
}

/**
 * Reads a WorkTime payload the way API Platform denormalizes it (§2.8): relations must be IRIs,
 * types are strict (400), missing required values are violations (422), unknown and read-only
 * keys are ignored. `zone` reads the date as a day of the account.
 */
export function decodeWorkTime(body: unknown, zone: string, required: boolean): WriteWorkTime {
  const input = readObject(body);
  const result: WriteWorkTime = {};
  const { add, notNull, throwIfAny } = violationCollector();

  if (input.employee === undefined || input.employee === null) {
    if (required || input.employee === null) notNull('employee');
  } else {
    const value = relation('employee', input.employee);
    const id = idFromIri(value, 'employees', 'emp');
    if (id === null) throw invalidIri(value);
    result.employeeId = id;
    result.employeeIri = value;
  }
  if (input.project === undefined || input.project === null) {
    if (required || input.project === null) notNull('project');
  } else {
    const project = projectRelation(input.project);
    result.projectSegment = project.segment;
    result.projectIri = project.iri;
  }
  if (input.date === undefined) {
    // Never sent: the property stays null, which validation reports.
    if (required) notNull('date');
  } else if (input.date === null || input.date === '') {
    throw new DomainError(
      'bad_request',
      'invalid_date',
      'The data is either not an string, an empty string, or null; you should pass a string that can be parsed with the passed format or a valid DateTime string.',
    );
  } else {
    if (typeof input.date !== 'string') throw wrongType('date', 'string', input.date);
    const parsed = DateTime.fromISO(input.date, { zone, setZone: false });
    if (!parsed.isValid) {
      throw new DomainError(
        'bad_request',
        'invalid_date',
        `Failed to parse time string (${input.date}) at position 0 (${input.date.charAt(0)}): The timezone could not be found in the database`,
      );
    }
    result.spentDate = parsed.setZone(zone).toISODate() ?? undefined;
  }
  if (input.seconds === undefined || input.seconds === null) {
    if (required || input.seconds === null) notNull('seconds');
  } else if (typeof input.seconds !== 'number' || !Number.isInteger(input.seconds)) {
    throw wrongType('seconds', 'int', input.seconds);
  } else if (input.seconds < 0) {
    add('seconds', 'This value should be greater than or equal to 0.', CONSTRAINT.positiveOrZero);
  } else if (input.seconds > BOUNDS.entrySeconds) {
    add(
      'seconds',
      `This value should be less than or equal to ${BOUNDS.entrySeconds}.`,
      CONSTRAINT.lessThanOrEqual,
    );
  } else {
    result.seconds = input.seconds;
  }
  if (input.description !== undefined) {
    if (input.description !== null && typeof input.description !== 'string') {
      throw wrongType('description', 'string', input.description);
    }
    if (input.description !== null && input.description.length > BOUNDS.text) {
      add(
        'description',
        `This value is too long. It should have ${BOUNDS.text} characters or less.`,
        CONSTRAINT.length,
      );
    }
    result.description = input.description;
  }
  throwIfAny();
  return result;
}
