import { instantOf, localDate } from '../../../shared/dates.ts';
import { refusal, type Params, type Refusal } from '../../shared/domain-error.ts';
import { APPROVAL_ERRORS } from '../approvals/approvals.errors.ts';
import type { ApprovalStatus } from '../approvals/approvals.rules.ts';
import { TIME_ENTRY_ERRORS } from './time-entries.errors.ts';
import { INVOICE_ERRORS } from '../invoices/invoices.errors.ts';
import { isoInstant, type Snapshot } from '../events/events.rules.ts';
/** What the billing rules need to know about an entry's project, assignments and person. */
export interface BillingContext {
  project: {
    is_billable: boolean;
    bill_by: string;
    hourly_rate_cents: number | null;
    budget_by: string;
    budget_hundredths: number | null;
    cost_budget_cents: number | null;
  };
  taskAssignment: {
    billable: boolean;
    hourly_rate_cents: number | null;
    budget_hundredths: number | null;
  } | null;
  userAssignment: {
    use_default_rates: boolean;
    hourly_rate_cents: number | null;
    budget_hundredths: number | null;
  } | null;
  /** The person's billable and cost rates in force on the entry's spent_date. */
  userBillableRateCents: number | null;
  userCostRateCents: number | null;
  /** The person's own rate on this project in force that day (Flowtly's project rates). */
  projectRateCents?: number | null;
}

export interface Billing {
  billable: boolean;
  billableRateCents: number | null;
  costRateCents: number | null;
  budgeted: boolean;
}

/**
 * Harvest §5.8: an entry is billable when its project is and its task assignment is; the
 * rate comes from where the project bills by; the cost rate is the person's on that day.
 */
export function resolveBilling(context: BillingContext): Billing {
  const { project, taskAssignment, userAssignment } = context;
  const billable = project.is_billable && (taskAssignment?.billable ?? false);
  let rate: number | null = null;
  switch (project.bill_by) {
    case 'Project':
      rate = project.hourly_rate_cents;
      break;
    case 'Tasks':
      rate = taskAssignment?.hourly_rate_cents ?? null;
      break;
    case 'People':
      // An effective-dated rate for this person on this project is the most specific one.
      rate =
        context.projectRateCents ??
        (!userAssignment || userAssignment.use_default_rates
          ? context.userBillableRateCents
          : userAssignment.hourly_rate_cents);
      break;
    default:
      rate = null;
  }
  return {
    billable,
    billableRateCents: billable ? rate : null,
    costRateCents: context.userCostRateCents,
    budgeted: isBudgeted(context),
  };
}

/** Whether the entry counts toward a budget that exists (§5.8's inferred rule). */
function isBudgeted({ project, taskAssignment, userAssignment }: BillingContext): boolean {
  switch (project.budget_by) {
    case 'project':
      return project.budget_hundredths !== null;
    case 'project_cost':
      return project.budget_hundredths !== null || project.cost_budget_cents !== null;
    case 'task':
    case 'task_fees':
      return taskAssignment?.budget_hundredths != null;
    case 'person':
      return userAssignment?.budget_hundredths != null;
    default:
      return false;
  }
}

export interface LockFacts {
  invoiced: boolean;
  approved: boolean;
  /** The project, task, client or person is archived. */
  archived: boolean;
  /** The day is in a locked period (lock date or automatic lock) not unlocked for the person. */
  periodLocked?: boolean;
}

/**
 * Harvest §5.7: invoiced, approved and archived entries are locked, with Harvest's reason
 * strings; a locked period reads as Harvest's "Locked for this Time Period". Only
 * administrators may still change an invoiced, approved or archived entry (and only some
 * fields); a locked period stops everyone until it is unlocked.
 */
export function lockState(facts: LockFacts): { isLocked: boolean; lockedReason: string | null } {
  const { invoiced, approved, archived, periodLocked = false } = facts;
  let reason: string | null = null;
  if (invoiced && approved) reason = 'Item Invoiced and Approved and Locked for this Time Period';
  else if (invoiced && archived) reason = 'Item Invoiced and Archived';
  else if (invoiced) reason = 'Item Invoiced';
  else if (approved) reason = 'Item Approved and Locked for this Time Period';
  else if (archived) reason = 'Item Archived';
  else if (periodLocked) reason = 'Item Locked for this Time Period';
  return { isLocked: reason !== null, lockedReason: reason };
}

export { APPROVAL_STATUSES, type ApprovalStatus } from '../approvals/approvals.rules.ts';

/** What an entry's lock is decided from: its own state and whether what it points at is live. */
export interface EntryLockFacts {
  invoice_id: number | null;
  approval_status: string;
  project_is_active: number;
  client_is_active: number;
  user_is_active: number;
  task_id: number | null;
  task_is_active: number | null;
}

/** The lock an entry is under, the one answer for presenters and for `mayChange`. */
export function entryLock(entry: EntryLockFacts, periodLocked = false): Lock {
  return lockState({
    invoiced: entry.invoice_id !== null,
    approved: entry.approval_status === 'approved',
    archived:
      entry.project_is_active !== 1 ||
      entry.client_is_active !== 1 ||
      entry.user_is_active !== 1 ||
      (entry.task_id !== null && entry.task_is_active !== 1),
    periodLocked,
  });
}

export type Lock = ReturnType<typeof lockState>;

/** Every way a time entry is written, on either API. */
export type EntryChange = 'create' | 'update' | 'delete' | 'stop' | 'restart' | 'unlink_reference';

/** What the approval workflow and locked periods say about the day an entry is (or goes) on. */
export interface DayFacts {
  /** The state of the person's week holding the day. */
  weekStatus: ApprovalStatus;
  /** The day is in a locked period, not unlocked for this person's week. */
  periodLocked: boolean;
  /** The entry's project is invoiced for the day (Harvest locks the invoiced period). */
  invoiced?: boolean;
}

type RefusalCode =
  | typeof TIME_ENTRY_ERRORS.locked
  | typeof APPROVAL_ERRORS.weekSubmitted
  | typeof APPROVAL_ERRORS.weekApproved
  | typeof APPROVAL_ERRORS.periodLocked
  | typeof INVOICE_ERRORS.periodInvoiced;

export type ChangeVerdict =
  | {
      allowed: true;
      lock: Lock;
      /** Locked, changed by an administrator: notes and hours only, where it belongs stays. */
      placementFrozen: boolean;
    }
  | { allowed: false; lock: Lock; code: RefusalCode; params: Params };

const UNLOCKED: Lock = { isLocked: false, lockedReason: null };
const OPEN_DAY: DayFacts = { weekStatus: 'unsubmitted', periodLocked: false };

/** Why nothing may be added to (or moved onto) a day, whoever asks; null when time may go there. */
function closedDay(day: DayFacts): { code: RefusalCode; params: Params } | null {
  if (day.periodLocked) {
    return { code: APPROVAL_ERRORS.periodLocked, params: {} };
  }
  if (day.invoiced) {
    return { code: INVOICE_ERRORS.periodInvoiced, params: {} };
  }
  if (day.weekStatus === 'submitted') {
    return { code: APPROVAL_ERRORS.weekSubmitted, params: {} };
  }
  if (day.weekStatus === 'approved') {
    return { code: APPROVAL_ERRORS.weekApproved, params: {} };
  }
  return null;
}

/**
 * The one rule for what may change (Harvest §5.7), called by every write path of all three APIs.
 *  - Nothing is added to, or moved onto, a day in a locked period or in a submitted or approved
 *    week, by anyone (an administrator unlocks the period or reopens the week first), nor onto
 *    a project and day an invoice covers.
 *  - An entry in a locked period does not change at all, but a running timer may be stopped.
 *  - A submitted entry cannot be changed by its own person (unless an administrator): the
 *    approvers may still correct it before they decide.
 *  - A timer can always be stopped, even on archived work, by whoever may write the entry.
 *  - A locked entry changes only by an administrator, and then keeps its project, task and day.
 *  - Invoiced or approved time is never restarted, not even by an administrator: that would
 *    change hours already billed or approved.
 */
export function mayChange(
  change: EntryChange,
  entry: (EntryLockFacts & { user_id: number }) | null,
  actor: { accessLevel: string; userId?: number },
  days: { current?: DayFacts; target?: DayFacts } = {},
): ChangeVerdict {
  const current = days.current ?? OPEN_DAY;
  if (entry === null) {
    const closed = days.target ? closedDay(days.target) : null;
    if (closed) return { allowed: false, lock: UNLOCKED, ...closed };
    return { allowed: true, lock: UNLOCKED, placementFrozen: false };
  }
  const lock = entryLock(entry, current.periodLocked);
  if (change === 'stop') return { allowed: true, lock, placementFrozen: lock.isLocked };
  if (current.periodLocked) {
    return { allowed: false, lock, code: APPROVAL_ERRORS.periodLocked, params: {} };
  }
  const administrator = actor.accessLevel === 'administrator';
  if (entry.approval_status === 'submitted' && entry.user_id === actor.userId && !administrator) {
    return { allowed: false, lock, code: APPROVAL_ERRORS.weekSubmitted, params: {} };
  }
  if (lock.isLocked && !administrator) {
    const params = { reason: lock.lockedReason ?? 'locked' };
    return { allowed: false, lock, code: TIME_ENTRY_ERRORS.locked, params };
  }
  if (change === 'restart' && (entry.invoice_id !== null || entry.approval_status === 'approved')) {
    return {
      allowed: false,
      lock,
      code: TIME_ENTRY_ERRORS.locked,
      params: { while: 'restarting' },
    };
  }
  const closed = days.target && !lock.isLocked ? closedDay(days.target) : null;
  if (closed) return { allowed: false, lock, ...closed };
  return { allowed: true, lock, placementFrozen: lock.isLocked };
}

/**
 * The instant a running timer on a start/end account counts from. On the person's today it is
 * the stated start time; on any other day the timer starts now with nothing tracked yet, since a
 * time of day on an earlier date would make the timer days long (72 h for one three days back).
 * Harvest documents no behaviour for timers on other days, so Punch never backdates them.
 */
export function timerStartInstant(
  spentDate: string,
  startedSeconds: number,
  timeZone: string,
  now: Date,
): number {
  if (spentDate !== localDate(now, timeZone)) return now.getTime();
  return instantOf(spentDate, startedSeconds, timeZone);
}

/**
 * Seconds tracked so far: the stored duration plus the running timer's elapsed whole seconds.
 * A clock that reads earlier than the start (skew between processes) adds nothing.
 */
export function trackedSeconds(
  entry: { duration_seconds: number; timer_started_at: number | null },
  nowMs: number,
): number {
  if (entry.timer_started_at === null) return entry.duration_seconds;
  return entry.duration_seconds + Math.max(0, Math.floor((nowMs - entry.timer_started_at) / 1000));
}

/**
 * Start/end tracking: the duration between two times of day. An end before the start is
 * refused rather than read as crossing midnight, which would silently double-count a day.
 */
export function spanSeconds(startedTime: number, endedTime: number): number | null {
  return endedTime >= startedTime ? endedTime - startedTime : null;
}

/** What Harvest checks before time is tracked on a project and task (§5.2). */
export interface TrackingFacts {
  projectFound: boolean;
  projectActive: boolean;
  clientActive: boolean;
  /** Null when no task was named (Flowtly work times may have none). */
  task: { found: boolean; active: boolean; assigned: boolean } | null;
  userActive: boolean;
  /** The person has an active assignment on the project. */
  userAssigned: boolean;
}

/**
 * The coded problems that refuse the write, empty when it may go ahead. A missing
 * project or task is reported alone: the rest cannot be judged without it.
 */
export function trackingProblems(facts: TrackingFacts): Refusal[] {
  const missing: Refusal[] = [];
  if (!facts.projectFound) missing.push(refusal(TIME_ENTRY_ERRORS.projectNotFound));
  if (facts.task && !facts.task.found) missing.push(refusal(TIME_ENTRY_ERRORS.taskNotFound));
  if (missing.length > 0) return missing;
  const problems: Refusal[] = [];
  if (!facts.projectActive) problems.push(refusal(TIME_ENTRY_ERRORS.archived, { what: 'project' }));
  if (!facts.clientActive) problems.push(refusal(TIME_ENTRY_ERRORS.archived, { what: 'client' }));
  if (facts.task && !facts.task.active)
    problems.push(refusal(TIME_ENTRY_ERRORS.archived, { what: 'task' }));
  if (!facts.userActive) problems.push(refusal(TIME_ENTRY_ERRORS.archived, { what: 'user' }));
  if (!facts.userAssigned) problems.push(refusal(TIME_ENTRY_ERRORS.notAssigned, { what: 'user' }));
  if (facts.task && !facts.task.assigned)
    problems.push(refusal(TIME_ENTRY_ERRORS.notAssigned, { what: 'task' }));
  return problems;
}

/** Whose time an actor sees, as `visibleTimeOf` reads it; undefined means everyone's. */
export interface TimeScope {
  userIds: readonly number[];
  projectIds: readonly number[];
}

/** Whether time of this person on this project is within the scope (§2.5). */
export function withinScope(
  scope: TimeScope | undefined,
  time: { userId: number; projectId: number },
): boolean {
  return !scope || scope.userIds.includes(time.userId) || scope.projectIds.includes(time.projectId);
}

/** The stored fields of an entry that its snapshot (an event's before and after) is made of. */
export interface EntryState {
  id: number;
  user_id: number;
  project_id: number;
  task_id: number | null;
  spent_date: string;
  duration_seconds: number;
  timer_started_at: number | null;
  started_time: number | null;
  ended_time: number | null;
  notes: string | null;
  external_reference_id: string | null;
  external_reference_group_id: string | null;
  external_reference_account_id: string | null;
  external_reference_permalink: string | null;
  approval_status: string;
  invoice_id: number | null;
}

/**
 * An entry as the domain names it, for events: banked seconds and the running timer's start
 * rather than derived figures, so that a reader can work out any figure at any later time.
 */
export function timeEntrySnapshot(entry: EntryState): Snapshot {
  return {
    id: entry.id,
    userId: entry.user_id,
    projectId: entry.project_id,
    taskId: entry.task_id,
    spentDate: entry.spent_date,
    seconds: entry.duration_seconds,
    timerStartedAt: isoInstant(entry.timer_started_at),
    startedTime: entry.started_time,
    endedTime: entry.ended_time,
    notes: entry.notes,
    externalReference:
      entry.external_reference_id === null
        ? null
        : {
            id: entry.external_reference_id,
            groupId: entry.external_reference_group_id,
            accountId: entry.external_reference_account_id,
            permalink: entry.external_reference_permalink,
          },
    approvalStatus: entry.approval_status,
    invoiceId: entry.invoice_id,
  };
}

/** What a native write says about an entry's time: seconds, or times of day, or both. */
export interface TimeFields {
  seconds?: number;
  startedTime?: number;
  endedTime?: number;
}

/**
 * Whether a write's time fields fit how the account tracks time, rather than dropping what
 * does not: a duration account has no times of day; a start/end account takes its time from
 * them, so seconds beside them, or seconds alone on a change, would be ignored.
 */
export function timeFieldsProblem(
  wantsTimestampTimers: boolean,
  fields: TimeFields,
  change: 'create' | 'update',
): Refusal | null {
  const times = fields.startedTime !== undefined || fields.endedTime !== undefined;
  if (!wantsTimestampTimers && times) return refusal(TIME_ENTRY_ERRORS.timesOfDayNotTracked);
  if (wantsTimestampTimers && fields.seconds !== undefined && (times || change === 'update')) {
    return refusal(TIME_ENTRY_ERRORS.durationsNotTracked);
  }
  return null;
}
