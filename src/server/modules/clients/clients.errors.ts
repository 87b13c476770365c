/** Stable codes of the clients module's refusals; each API words its own message. */
export const CLIENT_ERRORS = {
  /** An empty name. */
  nameBlank: 'name_blank',
} as const;
