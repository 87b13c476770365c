import { COMMON_ERRORS } from './common.errors.ts';

/**
 * The one error type services and rules throw. `code` is stable and snake_case: clients and the
 * per-API error presenters branch on it, never on `message`.
 */
export type DomainErrorKind =
  | 'bad_request'
  | 'not_acceptable'
  | 'unsupported_media_type'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'invalid'
  | 'conflict'
  | 'rate_limited';

export type Params = Readonly<Record<string, string | number>>;

/**
 * One rule a command breaks: a stable code and the figures of the case. The core says only
 * this; each door words it (http/refusal-wording.ts, http/flowtly-wording.ts).
 */
export interface Refusal {
  readonly code: string;
  readonly params: Params;
}

export class DomainError extends Error {
  readonly code: string;
  readonly kind: DomainErrorKind;
  /**
   * Messages a door already worded in its own convention (a route's or a transport's refusal).
   * The core leaves this empty and says what is wrong in `refusals`.
   */
  readonly details: readonly string[];
  /** Each rule broken, coded; the doors word them. Empty for an error worded by a door. */
  readonly refusals: readonly Refusal[];

  constructor(
    kind: DomainErrorKind,
    code: string,
    message: string,
    details: readonly string[] = [],
    refusals: readonly Refusal[] = [],
  ) {
    super(message);
    this.name = 'DomainError';
    this.kind = kind;
    this.code = code;
    this.details = details;
    this.refusals = refusals;
  }
}

export const notFound = (what: string): DomainError =>
  new DomainError('not_found', `${what}_not_found`, `${what.replaceAll('_', ' ')} not found`);

/**
 * A 403. The code clients branch on is always `forbidden`; the refusal says why (`forbidden`
 * for "not yours to do", or a case such as `administrators_only` with what was asked), and
 * each door words it: Harvest "Not authorized!", Flowtly Symfony's "Access Denied.".
 */
export const forbidden = (why = 'forbidden', params: Params = {}): DomainError =>
  new DomainError('forbidden', 'forbidden', why, [], [refusal(why, params)]);

/**
 * A request named something by reference (an IRI, an id in a body) that does not exist: a bad
 * request, not a missing resource at the URL.
 */
export const referenceNotFound = (reference: string): DomainError =>
  new DomainError(
    'bad_request',
    COMMON_ERRORS.itemNotFound,
    'item not found',
    [],
    [refusal(COMMON_ERRORS.itemNotFound, { reference })],
  );

/** A refusal of the core: what it says is a code and its figures. */
export const refusal = (code: string, params: Params = {}): Refusal => ({ code, params });

/**
 * A 422: the command breaks one rule. The core names the rule by its code; the message is the
 * code too (for logs), and each door words it for its clients.
 */
export const invalid = (code: string, params: Params = {}): DomainError =>
  invalidAll(code, [refusal(code, params)]);

/** A 422 for every rule a command breaks, under one code a client can branch on. */
export const invalidAll = (code: string, refusals: readonly Refusal[]): DomainError =>
  new DomainError('invalid', code, refusals.map((r) => r.code).join(', ') || code, [], refusals);

/** What an error says is wrong, as refusals: its own, or its code when it has none. */
export const refusalsOf = (error: DomainError): readonly Refusal[] =>
  error.refusals.length > 0 ? error.refusals : [refusal(error.code)];

/**
 * Why an import left a record out: the import's own words (a row it cannot read), or the
 * refusals of the rule the record broke, which the door words.
 */
export type Reason = string | readonly Refusal[];

/**
 * A 422 a door words itself, in its own convention (a Harvest route's Rails-style sentence).
 * Services and rules never use it: lint refuses the import outside `http/` and routes.
 */
export const wordedInvalid = (
  messages: readonly string[],
  code = 'validation_failed',
): DomainError => new DomainError('invalid', code, messages.join(', '), messages);

/** One broken field, as API Platform reports it (`violations[]` of a 422). */
export interface Violation {
  propertyPath: string;
  message: string;
  code: string;
}

/** A 422 naming each broken field; Harvest shows the messages, Flowtly the violations. */
export class ViolationError extends DomainError {
  readonly violations: readonly Violation[];
  constructor(violations: readonly Violation[]) {
    const messages = violations.map((v) => `${v.propertyPath}: ${v.message}`);
    super('invalid', 'validation_failed', messages.join('\n'), messages);
    this.violations = violations;
  }
}

/** Symfony's constraint codes, so Flowtly clients can branch on them. */
export const CONSTRAINT = {
  notBlank: 'c1051bb4-d103-4f74-8988-acbcafc7fdc3',
  notNull: 'ad32d13f-c3d4-423b-909a-857b961eb720',
  positiveOrZero: 'ea4e51d1-3342-48bd-87f1-9e672cd90cad',
  invalid: 'ba785a8c-82cb-4283-967c-3cf342181b40',
  email: 'bd79c0ab-ddba-46cc-a703-a7a4b08de310',
  unique: '23bd9dbf-6b9b-41cd-a99e-4844bcf3077f',
  range: '04b91c99-a946-4221-afc5-e65ebac401eb',
  length: 'd94b19cc-114f-4f44-9cc4-4138e80a87b9',
  lessThanOrEqual: '30fbb013-d015-4232-8b3b-8f3be97a7e14',
} as const;

/** A 429 that knows when the client may try again (sent as `Retry-After`). */
export class RetryLaterError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(code: string, message: string, retryAfterSeconds: number) {
    super('rate_limited', code, message);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}
