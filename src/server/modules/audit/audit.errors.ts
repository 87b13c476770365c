/** Stable codes of the audit log's refusals; each API words its own message. */
export const AUDIT_ERRORS = {
  /** A filter of the audit log that cannot be asked (a period ending before it starts). */
  invalidQuery: 'invalid_audit_query',
} as const;
