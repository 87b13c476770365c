/**
 * The one error type services and rules throw. `code` is stable and snake_case: clients and the
 * per-API error presenters branch on it, never on `message`.
 */
export type DomainErrorKind =
  | 'bad_request'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'rate_limited';

export class DomainError extends Error {
  readonly code: string;
  readonly kind: DomainErrorKind;
  /** Human messages per field, Rails-style ("Name can't be blank"), for 422 bodies. */
  readonly details: readonly string[];

  constructor(
    kind: DomainErrorKind,
    code: string,
    message: string,
    details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
  }
}

export const notFound = (what: string): DomainError =>
  new DomainError('not_found', `${what}_not_found`, `${what.replaceAll('_', ' ')} not found`);

export const forbidden = (message = 'Not authorized!'): DomainError =>
  new DomainError('forbidden', 'forbidden', message);

/** A 422 carrying one or more full messages; the Harvest presenter joins them with ", ". */
export const invalid = (messages: readonly string[], code = 'validation_failed'): DomainError =>
  new DomainError('invalid', code, messages.join(', '), messages);
