/** Stable codes of the projects module's refusals; each API words its own message. */
export const PROJECT_ERRORS = {
  /** A project of the same client already has the name. */
  nameTaken: 'project_name_taken',
  /** A client that is not one of the account. */
  clientNotFound: 'client_not_found',
  /** An empty name. */
  nameBlank: 'name_blank',
  /** Dates, budget or fee that do not go together (the project rules' problems). */
  invalidTerms: 'invalid_project_terms',
  /** An end date before the start date (one of the terms' problems). */
  endsBeforeStarts: 'ends_before_starts',
  /** A fee on a project that is not fixed-fee (one of the terms' problems). */
  feeWithoutFixedFee: 'fee_without_fixed_fee',
} as const;
