/**
 * Stable codes of the approval workflow and of locked periods: clients branch on these, and
 * each API words the message its own way.
 */
export const APPROVAL_ERRORS = {
  /** The account has timesheet approval switched off. */
  disabled: 'approvals_disabled',
  /** The week is submitted: its person cannot change it, nobody adds time to it. */
  weekSubmitted: 'week_submitted',
  /** The week is approved: locked until an administrator reopens it. */
  weekApproved: 'week_approved',
  /** The week is not in the state the transition starts from. */
  wrongState: 'week_state_conflict',
  /** A running timer in the week: stop it before submitting or approving. */
  timerRunning: 'timer_running',
  /** Rejecting needs a reason the person will read. */
  reasonRequired: 'rejection_reason_required',
  /** The day is on or before the lock date, or in a week locked by the automatic lock. */
  periodLocked: 'period_locked',
  /** The date given is not the first day of one of the account's weeks. */
  notWeekStart: 'not_a_week_start',
  /** A request that names no week. */
  weeksRequired: 'weeks_required',
  /** More weeks than one request may name. */
  tooManyWeeks: 'too_many_weeks',
  /** A request naming a week twice. */
  weekNamedTwice: 'week_named_twice',
  /** An unlock's end that is not in the future. */
  untilNotFuture: 'until_not_in_future',
  /** An unlock end that is not an instant. */
  invalidInstant: 'invalid_instant',
} as const;

export type ApprovalErrorCode = (typeof APPROVAL_ERRORS)[keyof typeof APPROVAL_ERRORS];
