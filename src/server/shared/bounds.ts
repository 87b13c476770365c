import { Type } from 'typebox';

/**
 * The largest value each kind of input may take, decided once so that both APIs, both
 * databases and the OpenAPI document agree (a value past these was a 500 on PostgreSQL and
 * silently stored on SQLite). Every bound is chosen so that sums over a million entries stay
 * exact in a JavaScript number and in a 64-bit column.
 */
export const BOUNDS = {
  /** Ids: exact in a JavaScript number, and inside PostgreSQL's bigint. */
  id: Number.MAX_SAFE_INTEGER,
  /** Page numbers: page × 2000 per page stays far inside a 64-bit offset. */
  page: 1_000_000_000,
  /**
   * One time entry: 10,000 hours. Harvest publishes no limit and allows entries above 24 h
   * (lump sums); 10,000 h × 1M entries is 3.6e13 s, exact everywhere.
   */
  entryHours: 10_000,
  entrySeconds: 10_000 * 3600,
  /** An hourly rate (billable or cost), in currency units. */
  rate: 1_000_000,
  /** A money amount such as a fee or a budget, in currency units. */
  money: 1_000_000_000_000,
  /** A budget in hours. */
  budgetHours: 1_000_000_000,
  /** A notification threshold, in whole percent. */
  percentage: 1000,
  /** Names, codes, e-mails and other one-line text. */
  name: 255,
  /** Free text such as notes and addresses. */
  text: 10_000,
  /** Any other string a schema does not bound itself (tokens, cursors, filters). */
  string: 10_000,
  /** Objects and arrays within one another in a request body; no API needs more than a few. */
  nesting: 32,
} as const;

/** A positive id in a body, query or path. */
export const IdInput = (options: { description?: string } = {}) =>
  Type.Integer({ minimum: 1, maximum: BOUNDS.id, ...options });

/** An hourly rate from a request. */
export const RateInput = (options: { description?: string } = {}) =>
  Type.Number({ minimum: 0, maximum: BOUNDS.rate, ...options });

/** A money amount or an hours budget from a request (its unit depends on the budget kind). */
export const AmountInput = (options: { description?: string } = {}) =>
  Type.Number({ minimum: 0, maximum: BOUNDS.money, ...options });
