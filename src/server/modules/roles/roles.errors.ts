/** Stable codes of the roles module's refusals; each API words its own message. */
export const ROLE_ERRORS = {
  /** Another role of the account has the name. */
  nameTaken: 'role_name_taken',
  /** An empty name. */
  nameBlank: 'name_blank',
  /** A member who is not a person of the account. */
  personNotFound: 'person_not_found',
} as const;
