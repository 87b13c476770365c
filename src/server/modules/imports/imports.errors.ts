import { invalidAll, refusal, type DomainError } from '../../shared/domain-error.ts';
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

/**
 * A file, mapping or source that cannot be imported. What is wrong with a file is told in the
 * import's own words (`problem`, naming the part: "file", "columns.date"), since it describes
 * the file's content rather than a rule a door has its own convention for.
 */
export const unimportable = (
  part: string,
  problem: string,
  code: ImportErrorCode = IMPORT_ERRORS.invalid,
): DomainError =>
  invalidAll(code, [refusal(IMPORT_ERRORS.invalid, { problem: `${part}: ${problem}` })]);
