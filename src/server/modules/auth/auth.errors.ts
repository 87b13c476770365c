/** Stable codes of the auth module's errors: clients branch on these, never on messages. */
export const AUTH_ERRORS = {
  /** A password login that is a person in several accounts named none of them. */
  accountRequired: 'account_required',
  /** An invitation that is unknown, expired, already used, or whose person has a login. */
  invalidInvitation: 'invalid_invitation',
  /** Accepting an invitation for an e-mail whose login exists, without proving it. */
  loginExists: 'login_exists',
  /** The login accepting an invitation is already a person in that account. */
  alreadyInAccount: 'already_in_account',
} as const;
