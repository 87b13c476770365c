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
} as const;
