/** Stable codes of the invoices module's refusals; each API words its own message. */
export const INVOICE_ERRORS = {
  /** An invoice number already used in the account. */
  numberTaken: 'invoice_number_taken',
  /** A project named for import does not belong to the invoice's client. */
  projectNotOfClient: 'project_not_of_client',
  /** A timer runs on time the import would bill. */
  timerRunning: 'timer_running',
  /** A state change that does not apply to the invoice's state. */
  wrongState: 'invoice_state_conflict',
  /** A payment larger than what is due. */
  overpaid: 'payment_exceeds_due',
  /** New time on a project and day an invoice already covers (Harvest's invoiced period lock). */
  periodInvoiced: 'period_invoiced',
  /** An amount beyond what an invoice holds exactly. */
  tooLarge: 'amount_too_large',
  /** Only `from` or only `to` of an import's period. */
  periodIncomplete: 'period_incomplete',
  /** A tax or discount outside 0–100 or with more than three decimals. */
  invalidPercentage: 'invalid_percentage',
  /** A quantity with more than three decimals. */
  invalidQuantity: 'invalid_quantity',
  /** A unit price finer than the currency's minor unit. */
  tooManyDecimals: 'too_many_decimals',
  /** A client that is not one of the account. */
  clientNotFound: 'client_not_found',
  /** A payment term that is not one of Harvest's. */
  unknownPaymentTerm: 'unknown_payment_term',
  /** A due date before the issue date. */
  dueBeforeIssue: 'due_before_issue',
  /** A line item id that is not on the invoice. */
  lineItemNotFound: 'line_item_not_found',
  /** A payment of nothing, or finer than the currency's minor unit. */
  invalidAmount: 'invalid_amount',
  /** A message with no recipient. */
  recipientsRequired: 'recipients_required',
  /** A currency change on an invoice that has line items. */
  currencyLocked: 'currency_locked',
} as const;
