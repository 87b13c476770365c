/**
 * Stable codes of the time-entries module's refusals: clients branch on these, never on the
 * message, and each API words the message its own way.
 */
export const TIME_ENTRY_ERRORS = {
  /** The change rule refused: the entry is locked (invoiced, approved, archived). */
  locked: 'time_entry_locked',
  /** A timer runs where none may (restarting a running one, archiving what it tracks to). */
  timerRunning: 'timer_running',
  /** Time for a person who is not in the account. */
  personNotFound: 'person_not_found',
  /** Stopping a timer that is not running. */
  timerNotRunning: 'timer_not_running',
  /** Imported time that is a running timer. */
  importedTimer: 'imported_timer',
  /** An end time that is not after the start time. */
  endsBeforeStart: 'ends_before_start',
  /** Time without a task where the API asks for one. */
  taskRequired: 'task_required',
  /** A timesheet write naming one cell twice. */
  duplicateCell: 'duplicate_cell',
  /** Time on archived work, or on a project the person or task is not on. */
  notTrackable: 'not_trackable',
  /** A start or end that is not a time of day. */
  invalidTimeOfDay: 'invalid_time_of_day',
} as const;
