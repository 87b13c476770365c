/** Stable codes of the tasks module's refusals; each API words its own message. */
export const TASK_ERRORS = {
  /** Another task of the account has the name. */
  nameTaken: 'task_name_taken',
  /** An empty name. */
  nameBlank: 'name_blank',
  /** Deleting a task that has time entries (archive it instead). */
  notRemovable: 'task_not_removable',
} as const;
