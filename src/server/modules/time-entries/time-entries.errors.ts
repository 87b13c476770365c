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
  /** Time on a project that is not one of the account (one of the tracking problems). */
  projectNotFound: 'project_not_found',
  /** Time on a task that is not one of the account. */
  taskNotFound: 'task_not_found',
  /** Time on archived work (`what`: project, client, task, user). */
  archived: 'archived',
  /** Time by a person, or on a task, not on the project (`what`: user, task). */
  notAssigned: 'not_assigned',
  /** Times of day sent to an account that tracks durations. */
  timesOfDayNotTracked: 'times_of_day_not_tracked',
  /** A duration sent to an account that tracks start and end times. */
  durationsNotTracked: 'durations_not_tracked',
  /** A timesheet cell holding several entries, which one value cannot overwrite. */
  cellHasSeveralEntries: 'cell_has_several_entries',
} as const;
