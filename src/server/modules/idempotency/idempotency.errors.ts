/** Stable codes of the idempotency module's refusals; each API words its own message. */
export const IDEMPOTENCY_ERRORS = {
  /** An Idempotency-Key longer than the server keeps. */
  keyTooLong: 'idempotency_key_too_long',
  /** A key already used for a different request. */
  keyReused: 'idempotency_key_reused',
} as const;
