import { DateTime } from 'luxon';
import { CONSTRAINT, DomainError, ViolationError, type Violation } from '../shared/domain-error.ts';
import { projectSegmentFromIri } from './flowtly-transport.ts';

/** Reading Flowtly request bodies the way API Platform's denormalizer does (flowtly.md §2.8). */

/** API Platform's datetime: RFC 3339 with the offset, e.g. 2024-07-04T00:00:00+00:00. */
export function rfc3339(ms: number, zone: string): string {
  // `ZZ` keeps UTC as "+00:00", as PHP's DATE_RFC3339 writes it, where toISO() would write "Z".
  return DateTime.fromMillis(ms, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

const typeName = (value: unknown) =>
  value === null
    ? 'NULL'
    : Array.isArray(value)
      ? 'array'
      : typeof value === 'number'
        ? Number.isInteger(value)
          ? 'int'
          : 'float'
        : typeof value;

export function wrongType(attribute: string, expected: string, value: unknown): DomainError {
  return new DomainError(
    'bad_request',
    'wrong_type',
    `The type of the "${attribute}" attribute must be "${expected}", "${typeName(value)}" given.`,
  );
}

export function relation(attribute: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null) {
    throw new DomainError(
      'bad_request',
      'nested_document',
      `Nested documents for attribute "${attribute}" are not allowed. Use IRIs instead.`,
    );
  }
  throw new DomainError(
    'bad_request',
    'wrong_type',
    `The type of the "${attribute}" attribute must be "array" (nested document) or "string" (IRI), "${typeName(value)}" given.`,
  );
}

export const invalidIri = (value: string) =>
  new DomainError('bad_request', 'invalid_iri', `Invalid IRI "${value}".`);

/** A request body must be a JSON object, and a write never names its own `@id`. */
export function readObject(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new DomainError('bad_request', 'syntax_error', 'Syntax error');
  }
  const input = body as Record<string, unknown>;
  if ('@id' in input) {
    throw new DomainError(
      'bad_request',
      'update_not_allowed',
      'Update is not allowed for this operation.',
    );
  }
  return input;
}

/** Collects the constraint violations of one payload, to answer them all in one 422. */
export function violationCollector() {
  const violations: Violation[] = [];
  return {
    add: (propertyPath: string, message: string, code: string) =>
      violations.push({ propertyPath, message, code }),
    notNull: (propertyPath: string) =>
      violations.push({
        propertyPath,
        message: 'This value should not be null.',
        code: CONSTRAINT.notNull,
      }),
    throwIfAny: () => {
      if (violations.length > 0) throw new ViolationError(violations);
    },
  };
}

/** A project relation: an IRI string naming a project (400 otherwise), as its path segment. */
export function projectRelation(value: unknown): { segment: string; iri: string } {
  const iri = relation('project', value);
  const segment = projectSegmentFromIri(iri);
  if (segment === null) throw invalidIri(iri);
  return { segment, iri };
}
