/** Stable codes of the clients module's refusals; each API words its own message. */
export const CLIENT_ERRORS = {
  /** An empty name. */
  nameBlank: 'name_blank',
  /** Deleting a client that still has projects or invoices. */
  notRemovable: 'client_not_removable',
} as const;
