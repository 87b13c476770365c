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
  /** Sign-in with an unknown e-mail or a wrong password (never says which). */
  badCredentials: 'bad_credentials',
  /** No credential, or a session that ended (signed out, revoked, expired). */
  unauthenticated: 'unauthenticated',
  /** A cookie-authenticated unsafe request without its session's CSRF token. */
  csrfFailed: 'csrf_failed',
  /** Too many failed sign-ins for this address or login; retry after the stated seconds. */
  signInThrottled: 'sign_in_throttled',
  /** Changing a password without giving the current one right. */
  wrongPassword: 'wrong_password',
  /** A new password shorter than the minimum. */
  passwordTooShort: 'password_too_short',
  /** Accepting an invitation with neither a password nor a signed-in login. */
  passwordRequired: 'password_required',
  /** Granting a login to a person who has one. */
  personHasLogin: 'person_has_login',
  /** Granting a password login for an e-mail whose login exists (its owner keeps it). */
  loginKeepsPassword: 'login_keeps_password',
  /** Removing the login one is signed in with. */
  cannotRemoveOwnLogin: 'cannot_remove_own_login',
} as const;
