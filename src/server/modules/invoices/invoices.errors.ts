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
} as const;
