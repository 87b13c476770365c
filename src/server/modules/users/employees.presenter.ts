import {
  invalidIri,
  readObject,
  rfc3339,
  violationCollector,
  wrongType,
} from '../../http/flowtly-input.ts';
import { iri, projectSegmentFromIri, type Format } from '../../http/flowtly-transport.ts';
import { CONSTRAINT } from '../../shared/domain-error.ts';
import type { Person } from './person.rules.ts';
import type { WriteEmployee } from './employees.service.ts';

const MAX_WEEKLY_SECONDS = 7 * 24 * 3600;
// Deliberately loose, as Symfony's Email constraint in its default mode.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function ldKeys(id: string, type: string, context: string | null, format: Format) {
  if (format !== 'jsonld') return {};
  return { ...(context ? { '@context': context } : {}), '@id': id, '@type': type };
}

/** A person as Flowtly's Employee (the proposal of flowtly.md §1.5). Instants in UTC. */
export function presentEmployee(person: Person, format: Format, as: 'item' | 'member') {
  return {
    ...ldKeys(
      iri.employee(person.id),
      'Employee',
      as === 'item' ? '/api/contexts/Employee' : null,
      format,
    ),
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    email: person.email,
    contactEmail: person.contactEmail,
    phone: person.telephone === '' ? null : person.telephone,
    active: person.isActive,
    // Punch tracks time for every active person; there is no separate switch yet.
    timeTrackingEnabled: person.isActive,
    weeklyCapacitySeconds: person.weeklyCapacitySeconds,
    defaultProject: person.defaultProjectId === null ? null : iri.project(person.defaultProjectId),
    user: person.identityId === null ? null : `/api/users/${person.identityId}`,
    createdAt: rfc3339(person.createdAt, 'UTC'),
    updatedAt: rfc3339(person.updatedAt, 'UTC'),
  };
}

/** `/employees/preview`: the few fields a people picker needs. */
export function presentEmployeePreview(person: Person, format: Format) {
  return {
    ...ldKeys(iri.employee(person.id), 'Employee', null, format),
    id: person.id,
    firstName: person.firstName,
    lastName: person.lastName,
    active: person.isActive,
  };
}

/**
 * Reads an Employee payload as API Platform would: wrong JSON types are 400, broken
 * constraints are 422 violations, read-only and unknown keys are ignored. `required` is POST.
 */
export function decodeEmployee(body: unknown, required: boolean): WriteEmployee {
  const input = readObject(body);
  const result: WriteEmployee = {};
  const { add: violate, throwIfAny } = violationCollector();

  for (const key of ['firstName', 'lastName', 'email'] as const) {
    const value = input[key];
    if (value === undefined) {
      if (required) violate(key, 'This value should not be blank.', CONSTRAINT.notBlank);
      continue;
    }
    if (typeof value !== 'string') throw wrongType(key, 'string', value);
    const trimmed = value.trim();
    if (trimmed === '') violate(key, 'This value should not be blank.', CONSTRAINT.notBlank);
    else if (trimmed.length > 255)
      violate(
        key,
        'This value is too long. It should have 255 characters or less.',
        CONSTRAINT.length,
      );
    else if (key === 'email' && !EMAIL.test(trimmed))
      violate(key, 'This value is not a valid email address.', CONSTRAINT.email);
    else result[key] = trimmed;
  }
  if (input.contactEmail !== undefined) {
    const value = input.contactEmail;
    if (value !== null && typeof value !== 'string')
      throw wrongType('contactEmail', 'string', value);
    const trimmed = value?.trim() ?? '';
    if (trimmed !== '' && !EMAIL.test(trimmed))
      violate('contactEmail', 'This value is not a valid email address.', CONSTRAINT.email);
    else result.contactEmail = trimmed === '' ? null : trimmed;
  }
  if (input.phone !== undefined) {
    const value = input.phone;
    if (value !== null && typeof value !== 'string') throw wrongType('phone', 'string', value);
    if (value !== null && value.length > 64)
      violate(
        'phone',
        'This value is too long. It should have 64 characters or less.',
        CONSTRAINT.length,
      );
    else result.phone = value === null || value.trim() === '' ? null : value.trim();
  }
  if (input.active !== undefined) {
    if (typeof input.active !== 'boolean') throw wrongType('active', 'bool', input.active);
    result.active = input.active;
  }
  if (input.weeklyCapacitySeconds !== undefined) {
    const value = input.weeklyCapacitySeconds;
    if (typeof value !== 'number' || !Number.isInteger(value))
      throw wrongType('weeklyCapacitySeconds', 'int', value);
    if (value < 0 || value > MAX_WEEKLY_SECONDS)
      violate(
        'weeklyCapacitySeconds',
        `This value should be between 0 and ${MAX_WEEKLY_SECONDS}.`,
        CONSTRAINT.range,
      );
    else result.weeklyCapacitySeconds = value;
  }
  if (input.defaultProject !== undefined) {
    const value = input.defaultProject;
    if (value === null) result.defaultProject = null;
    else {
      if (typeof value !== 'string') throw wrongType('defaultProject', 'string', value);
      const segment = projectSegmentFromIri(value);
      if (segment === null) throw invalidIri(value);
      result.defaultProject = { segment, iri: value };
    }
  }
  throwIfAny();
  return result;
}

/** POST /employees/{id}/user: an optional password. */
export function decodeLoginGrant(body: unknown): { password: string | null } {
  const input = body === undefined || body === null ? {} : readObject(body);
  const value = input.password;
  if (value === undefined || value === null) return { password: null };
  if (typeof value !== 'string') throw wrongType('password', 'string', value);
  return { password: value };
}
