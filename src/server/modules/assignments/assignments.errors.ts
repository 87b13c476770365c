/** Stable codes of the assignments module's refusals; each API words its own message. */
export const ASSIGNMENT_ERRORS = {
  /** The person or task is on the project already. */
  alreadyAssigned: 'already_assigned',
  /** A person who is not in the account. */
  personNotFound: 'person_not_found',
  /** A task that is not one of the account. */
  taskNotFound: 'task_not_found',
  /** Deleting an assignment that has tracked time (deactivate it instead). */
  notRemovable: 'assignment_not_removable',
} as const;
