/**
 * Stable codes of refusals every module may make of a field (its name is the `field` figure,
 * as the command spells it: `hourlyRate`); each door words them.
 */
export const COMMON_ERRORS = {
  /** A required text left empty. */
  blank: 'blank',
  /** A money amount that is not a number the account's minor units can hold. */
  notANumber: 'not_a_number',
  /** A currency that is not an ISO 4217 code. */
  invalidCurrency: 'invalid_currency',
  /** A cursor this server did not make. */
  invalidCursor: 'invalid_cursor',
  /** A reference in a body (a Flowtly IRI) that names nothing: a 400 (`reference`). */
  itemNotFound: 'item_not_found',
  /** Not the caller's to do (a 403). */
  forbidden: 'forbidden',
  /** A 403 for what only administrators do (`what`: invoices, audit, import, webhooks…). */
  administratorsOnly: 'administrators_only',
  /** A 403 for what only administrators and managers do (`what`: approve). */
  approversOnly: 'approvers_only',
  /** A 403 for setting rates without seeing them (§2.5). */
  ratesForbidden: 'rates_forbidden',
} as const;
