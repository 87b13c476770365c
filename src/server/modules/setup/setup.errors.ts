/** Stable codes of first-run setup's refusals; each API words its own message. */
export const SETUP_ERRORS = {
  /** An account, name, e-mail, password or time zone that setup cannot take. */
  invalidSetup: 'invalid_setup',
  /** An operator command naming a login of several accounts without choosing one. */
  accountRequired: 'account_required',
  /** An e-mail address that is not one. */
  invalidEmail: 'invalid_email',
} as const;
