import { invalidAll, refusal, type DomainError } from '../../shared/domain-error.ts';
import type { DefinitionProblem } from './report-definition.rules.ts';
/** Stable codes of the reports module's refusals; each API words its own message. */
export const REPORT_ERRORS = {
  /** The report's definition cannot be run (its range, grouping or filters). */
  invalidDefinition: 'invalid_report',
  /** A saved report that is not the caller's, or does not exist. */
  savedNotFound: 'saved_report_not_found',
  /** A share link that never existed, was revoked or has expired. */
  shareNotFound: 'shared_report_not_found',
  /** The export format is not one Punch writes. */
  unknownFormat: 'unknown_export_format',
  /** A report's from and to that are not days, or end before they start. */
  invalidPeriod: 'invalid_period',
  /** A cursor this list did not give. */
  invalidCursor: 'invalid_cursor',
  /** A required date of a report's period left out (the period's problems). */
  dateRequired: 'required',
  /** A report date that is not a calendar day. */
  notADate: 'not_a_date',
  /** A period that ends before it starts. */
  toBeforeFrom: 'to_before_from',
  /** A period longer than a report may cover. */
  periodTooLong: 'period_too_long',
} as const;

export type ReportErrorCode = (typeof REPORT_ERRORS)[keyof typeof REPORT_ERRORS];

/**
 * A report definition that cannot be run, each problem naming its field. The sentence is the
 * native API's own (the definition exists only there), carried with the field it is about.
 */
export const definitionRefused = (problems: readonly DefinitionProblem[]): DomainError =>
  invalidAll(
    REPORT_ERRORS.invalidDefinition,
    problems.map((p) =>
      refusal(REPORT_ERRORS.invalidDefinition, { field: p.field, problem: p.message }),
    ),
  );
