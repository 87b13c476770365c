import { DateTime } from 'luxon';
import { WEEKDAY_OF } from '../time-entries/working-hours.rules.ts';
import { APPROVAL_ERRORS, type ApprovalErrorCode } from './approvals.errors.ts';
import type { Params } from '../../shared/domain-error.ts';

/** Harvest's approval states (§4.1 `approval_status`); a person's week is in one of them. */
export const APPROVAL_STATUSES = ['unsubmitted', 'submitted', 'approved'] as const;
export type ApprovalStatus = (typeof APPROVAL_STATUSES)[number];

export const WEEK_ACTIONS = ['submit', 'withdraw', 'approve', 'reject', 'reopen'] as const;
export type WeekAction = (typeof WEEK_ACTIONS)[number];

/** The event each transition records. */
export const WEEK_EVENT = {
  submit: 'timesheet.submitted',
  withdraw: 'timesheet.withdrawn',
  approve: 'timesheet.approved',
  reject: 'timesheet.rejected',
  reopen: 'timesheet.reopened',
} as const;

/** Who asks for a transition, in relation to the week's person. */
export interface WeekActor {
  isOwner: boolean;
  isAdministrator: boolean;
  /** An administrator, or a manager whose people or projects include this person's time. */
  mayApprove: boolean;
}

export interface WeekFacts {
  status: ApprovalStatus;
  approvalsEnabled: boolean;
  /** A timer runs on a day of the week. */
  timerRunning: boolean;
  /** The week's days are in a locked period (lock date or automatic lock, not unlocked). */
  periodLocked: boolean;
}

export type TransitionVerdict =
  | { allowed: true; status: ApprovalStatus }
  | { allowed: false; code: ApprovalErrorCode | 'forbidden'; params: Params };

const refuse = (code: ApprovalErrorCode | 'forbidden', params: Params = {}): TransitionVerdict => ({
  allowed: false,
  code,
  params,
});

const FROM: Record<WeekAction, ApprovalStatus> = {
  submit: 'unsubmitted',
  withdraw: 'submitted',
  approve: 'submitted',
  reject: 'submitted',
  reopen: 'approved',
};

const TO: Record<WeekAction, ApprovalStatus> = {
  submit: 'submitted',
  withdraw: 'unsubmitted',
  approve: 'approved',
  reject: 'unsubmitted',
  reopen: 'unsubmitted',
};

/**
 * The approval workflow of one person's week:
 *  - the person (or an administrator for them) submits an unsubmitted week and may withdraw it
 *    while it waits;
 *  - an approver approves or rejects a submitted week, never their own unless an administrator;
 *  - only an administrator reopens an approved week;
 *  - a running timer in the week blocks submitting and approving (Harvest does the same), and
 *    a locked period cannot be submitted or approved, since its time can no longer be fixed.
 */
export function weekTransition(
  action: WeekAction,
  week: WeekFacts,
  actor: WeekActor,
): TransitionVerdict {
  // Switched off, nothing new enters the workflow; weeks already in it can still be released.
  if (!week.approvalsEnabled && (action === 'submit' || action === 'approve')) {
    return refuse(APPROVAL_ERRORS.disabled);
  }
  const byOwnerSide = actor.isOwner || actor.isAdministrator;
  const allowed =
    action === 'submit' || action === 'withdraw'
      ? byOwnerSide
      : action === 'reopen'
        ? actor.isAdministrator
        : actor.mayApprove && (!actor.isOwner || actor.isAdministrator);
  if (!allowed) {
    return refuse('forbidden', { action });
  }
  if (week.status !== FROM[action]) {
    return refuse(APPROVAL_ERRORS.wrongState, { action, status: week.status });
  }
  if ((action === 'submit' || action === 'approve') && week.timerRunning) {
    return refuse(APPROVAL_ERRORS.timerRunning, { while: 'deciding_week' });
  }
  if ((action === 'submit' || action === 'withdraw') && week.periodLocked) {
    return refuse(APPROVAL_ERRORS.periodLocked);
  }
  return { allowed: true, status: TO[action] };
}

/** A rejection's reason: trimmed, required, at most 2,000 characters. */
export function rejectionReason(text: string | undefined): string | null {
  const reason = text?.trim() ?? '';
  return reason.length === 0 ? null : reason.slice(0, 2000);
}

/** The first day of the account's week that holds `date` (the timesheet's own week). */
export function weekStartOf(date: string, weekStartDay: string): string {
  // Plain UTC day arithmetic: an import asks this for every day of every batch, and Luxon
  // spent a third of its time here.
  const day = utcDay(date);
  const weekday = new Date(day).getUTCDay() || 7;
  const back = (weekday - (WEEKDAY_OF[weekStartDay] ?? 1) + 7) % 7;
  return isoOf(day - back * DAY_MS);
}

const DAY_MS = 86_400_000;
const utcDay = (date: string) => {
  // setUTCFullYear, not Date.UTC, which reads years 0–99 as 1900–1999.
  const day = new Date(0);
  day.setUTCFullYear(
    Number(date.slice(0, 4)),
    Number(date.slice(5, 7)) - 1,
    Number(date.slice(8, 10)),
  );
  return day.getTime();
};
const isoOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** The seven days of the week starting on `weekStart`. */
export function daysOfWeek(weekStart: string): string[] {
  const from = DateTime.fromISO(weekStart, { zone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => from.plus({ days: i }).toFormat('yyyy-MM-dd'));
}

export function addDays(date: string, days: number): string {
  return isoOf(utcDay(date) + days * DAY_MS);
}

/** The account settings locked periods are decided from. */
export interface LockSettings {
  /** Nothing on or before this day may change. */
  lockDate: string | null;
  /** A week locks this many days after its last day; null: never by itself. */
  autoLockDays: number | null;
  weekStartDay: string;
}

export type PeriodLockKind = 'lock_date' | 'auto_lock';

/**
 * Whether a day is in a locked period: on or before the lock date, or in a week whose automatic
 * lock has passed (with 0 days, a week locks the day after it ends). `today` is the account's
 * day. An administrator's unlock of the person's week (`unlockedUntil`, an instant) lifts both
 * until it expires.
 */
export function periodLock(
  date: string,
  settings: LockSettings,
  today: string,
  nowMs: number,
  unlockedUntil: number | null = null,
): PeriodLockKind | null {
  if (unlockedUntil !== null && unlockedUntil > nowMs) return null;
  if (settings.lockDate !== null && date <= settings.lockDate) return 'lock_date';
  if (settings.autoLockDays !== null) {
    const weekEnd = addDays(weekStartOf(date, settings.weekStartDay), 6);
    if (today > addDays(weekEnd, settings.autoLockDays)) return 'auto_lock';
  }
  return null;
}

/** What an approver is warned about before approving a week. */
export type WeekWarning = 'missing_days' | 'under_capacity' | 'over_capacity' | 'timer_running';

/**
 * The approver's warnings for a week: working days (Monday to Friday) without any time, a
 * total under or over the person's weekly capacity, and a timer still running.
 */
export function weekWarnings(input: {
  days: readonly string[];
  secondsByDay: ReadonlyMap<string, number>;
  capacitySeconds: number;
  timerRunning: boolean;
}): { warnings: WeekWarning[]; missingDays: string[] } {
  const missingDays = input.days.filter((day) => {
    const weekday = DateTime.fromISO(day, { zone: 'UTC' }).weekday;
    return weekday <= 5 && (input.secondsByDay.get(day) ?? 0) === 0;
  });
  const total = [...input.secondsByDay.values()].reduce((a, b) => a + b, 0);
  const warnings: WeekWarning[] = [];
  if (missingDays.length > 0) warnings.push('missing_days');
  if (input.capacitySeconds > 0 && total < input.capacitySeconds) warnings.push('under_capacity');
  if (input.capacitySeconds > 0 && total > input.capacitySeconds) warnings.push('over_capacity');
  if (input.timerRunning) warnings.push('timer_running');
  return { warnings, missingDays };
}
