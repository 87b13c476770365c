/** Stable codes of the refusals of documents on a person's record; each door words its own. */
export const DOCUMENT_ERRORS = {
  /** An upload without a file. */
  fileMissing: 'file_missing',
  /** A file over the size allowed (`maxMiB`). */
  fileTooLarge: 'file_too_large',
  /** A file of no bytes. */
  fileEmpty: 'file_empty',
  /** A kind of file that is not kept (`type`; `allowed`, comma-separated). */
  fileTypeNotAllowed: 'file_type_not_allowed',
} as const;
