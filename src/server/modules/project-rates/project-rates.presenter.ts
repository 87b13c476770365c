import { DateTime } from 'luxon';
import {
  projectRelation,
  readObject,
  violationCollector,
  wrongType,
} from '../../http/flowtly-input.ts';
import { iri, type Format } from '../../http/flowtly-transport.ts';
import { CONSTRAINT, DomainError } from '../../shared/domain-error.ts';
import { toCents } from '../../shared/money.ts';
import type { ProjectRatesView, ProjectRateRequest } from './project-rates.service.ts';

export const projectRatesIri = (userId: number) => `${iri.employee(userId)}/project-rates`;

/** Cents as API Platform prints a Doctrine decimal: a string with two decimals. */
function decimal(cents: number): string {
  return `${Math.trunc(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** The proposal of flowtly.md §1.5, with an `@id` and `id` per rate so one can be edited. */
export function presentProjectRates(view: ProjectRatesView, format: Format) {
  const base = projectRatesIri(view.userId);
  const ld = format === 'jsonld';
  return {
    ...(ld
      ? {
          '@context': '/api/contexts/EmployeeProjectRates',
          '@id': base,
          '@type': 'EmployeeProjectRates',
        }
      : {}),
    employee: iri.employee(view.userId),
    rates: view.rates.map((rate) => ({
      ...(ld ? { '@id': `${base}/${rate.id}`, '@type': 'EmployeeProjectRate' } : {}),
      id: rate.id,
      project: iri.project(rate.projectId),
      position: rate.position,
      ratePerHour: decimal(rate.rateCents),
      currency: rate.currency,
      dateFrom: rate.dateFrom,
      dateTo: rate.dateTo,
    })),
  };
}

function day(attribute: string, value: unknown): string {
  if (typeof value !== 'string') throw wrongType(attribute, 'string', value);
  const parsed = DateTime.fromISO(value.trim(), { setZone: true });
  if (!parsed.isValid) {
    throw new DomainError(
      'bad_request',
      'invalid_date',
      `Invalid date "${value}"; expected YYYY-MM-DD.`,
    );
  }
  return parsed.toISODate();
}

/** A rate payload (POST: project and ratePerHour required; PATCH: any subset). */
export function decodeProjectRate(body: unknown, required: boolean): ProjectRateRequest {
  const input = readObject(body);
  const result: ProjectRateRequest = {};
  const { add, notNull, throwIfAny } = violationCollector();

  if (input.project === undefined || input.project === null) {
    if (required || input.project === null) notNull('project');
  } else {
    result.project = projectRelation(input.project);
  }
  if (input.ratePerHour === undefined || input.ratePerHour === null) {
    if (required || input.ratePerHour === null) notNull('ratePerHour');
  } else {
    const value = input.ratePerHour;
    if (typeof value !== 'string' && typeof value !== 'number')
      throw wrongType('ratePerHour', 'string', value);
    const cents = toCents(value);
    if (cents === null)
      add(
        'ratePerHour',
        'This value should be a positive decimal with at most two decimals.',
        CONSTRAINT.invalid,
      );
    else result.rateCents = cents;
  }
  if (input.position !== undefined && input.position !== null) {
    if (typeof input.position !== 'string') throw wrongType('position', 'string', input.position);
    if (input.position.length > 255)
      add(
        'position',
        'This value is too long. It should have 255 characters or less.',
        CONSTRAINT.length,
      );
    else result.position = input.position.trim();
  }
  if (input.dateFrom !== undefined && input.dateFrom !== null)
    result.dateFrom = day('dateFrom', input.dateFrom);
  if (input.dateTo !== undefined)
    result.dateTo = input.dateTo === null ? null : day('dateTo', input.dateTo);
  throwIfAny();
  return result;
}
