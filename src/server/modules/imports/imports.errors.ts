/** Stable codes of the imports module's refusals; each API words its own message. */
export const IMPORT_ERRORS = {
  /** A file, a column mapping or a source that cannot be imported as given. */
  invalid: 'invalid_import',
  /** The source account could not be reached or read (address, network, not its API). */
  sourceUnreachable: 'import_source_unreachable',
  /** The source answered, but refused the token or the account id. */
  sourceRefused: 'import_source_refused',
  /** Another import of the same account wrote the same entries first. */
  busy: 'import_busy',
} as const;

export type ImportErrorCode = (typeof IMPORT_ERRORS)[keyof typeof IMPORT_ERRORS];
