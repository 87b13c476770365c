import type { Insertable, Kysely, Updateable } from 'kysely';
import type { Database, TimeEntriesTable } from '../../db/database-types.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Page } from '../../db/paginate.ts';
import { localDate, localSecondsOfDay } from '../../../shared/dates.ts';
import { formatClockTime, roundedHundredths, type RoundingMode } from '../../../shared/time.ts';
import type { Clock } from '../../shared/clock.ts';
import {
  DomainError,
  forbidden,
  invalid,
  invalidAll,
  notFound,
  refusalsOf,
  type Reason,
  type Refusal,
} from '../../shared/domain-error.ts';
import type { PageRequest } from '../../shared/pagination.ts';
import { createAccountsDirectory } from '../accounts/accounts-directory.service.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import { createProjectsDirectory } from '../projects/projects-directory.service.ts';
import { createUsersDirectory } from '../users/users-directory.service.ts';
import {
  timeEntryOf,
  type EntryDisplay,
  type EntryReading,
  type ProjectRatePeriod,
  type TimeEntry,
} from './time-entry.rules.ts';
import type { ApprovalStatus } from '../approvals/approvals.rules.ts';
import type { PeriodsService } from '../approvals/approvals.service.ts';
import type { InvoicedPeriodsService } from '../invoices/invoiced-periods.service.ts';
import {
  findDetailsOfPerson,
  findEntriesOfPerson,
  findFullEntriesOfPerson,
  findFullEntriesOfProject,
  findDetailsForInvoicing,
  findBilledEntries,
  findFullEntriesByIds,
  setInvoiceOfEntries,
  renumberEntries,
  findPricingRatesOf,
  setApprovalStatusOfPerson,
  findRunningEntry,
  findTimeEntry,
  detailOf,
  findTrackingFacts,
  softDeleteProjectEntries,
  hasRunningTimers,
  hasTimeEntries,
  lockPersonForTimer,
  lockPersonOfEntry,
  insertTimeEntry,
  insertTimeEntries,
  listTimeEntries,
  updateTimeEntry,
  type TimeEntryDetail,
  type TimeEntryFilters,
  type TrackingFacts as TrackingRow,
} from './time-entries.repository.ts';
import {
  mayChange,
  type DayFacts,
  spanSeconds,
  type EntryChange,
  timerStartInstant,
  timeEntrySnapshot,
  trackedSeconds,
  type EntryState,
  trackingProblems,
  withinScope,
} from './time-entries.rules.ts';
import { periodsAround, periodStats, type PeriodStats } from './working-hours.rules.ts';
import { FEEDBACK_WINDOW_DAYS, feedbackSuggestion, type Feedback } from './feedback.rules.ts';
import { DateTime } from 'luxon';
import { TIME_ENTRY_ERRORS } from './time-entries.errors.ts';
import {
  closedDayReason,
  type ClosedDayReason,
  planCell,
  timesheetRows,
  weekDays,
  type CellPlan,
  type CellWrite,
  type SheetRow,
} from './timesheet.rules.ts';
import { MAX_PER_PAGE } from '../../shared/pagination.ts';
import type { EventsService } from '../events/events.service.ts';
import { eventActorOf, type DomainEvent, type EventType } from '../events/events.rules.ts';

/** A link from an entry to a record elsewhere (an issue, a card). */
export interface ExternalReference {
  id: string;
  groupId: string | null;
  accountId: string | null;
  permalink: string | null;
}

/** Record time, or start a timer (`running`), for a person (the actor when left out). */
/** What an import sets up before a row's time is written (see `checkImportedTimeEntries`). */
export interface ImportPlan {
  /** A project the import creates, under a client that is active or not. */
  newProject?: { clientActive: boolean };
  /**
   * A person the import creates (the command's `userId` is a stand-in): their time meets the
   * account's locks and the project's invoices, and no rule about who they are.
   */
  newPerson?: boolean;
  assignsPerson?: boolean;
  linksTask?: boolean;
}

export interface CreateTimeEntry {
  userId?: number;
  projectId: number;
  /** Null for time without a task, as Flowtly's work times are. */
  taskId: number | null;
  /** A calendar day, YYYY-MM-DD. */
  spentDate: string;
  /** Time already spent; on start/end accounts the times decide instead when both are given. */
  seconds?: number | null;
  /** Seconds since midnight on the entry's day, on start/end accounts. */
  startedTime?: number | null;
  endedTime?: number | null;
  notes?: string | null;
  externalReference?: ExternalReference | null;
  /** Start a timer rather than record finished time: each door decides by its own rules. */
  running: boolean;
}

export interface StartTimer {
  projectId: number;
  taskId: number;
  notes?: string | null;
  /** The day the time counts on; today in the account's time zone when left out. */
  spentDate?: string;
}

/** Changes to an entry: a field left out stays as it is; `null` clears what may be cleared. */
export interface UpdateTimeEntry {
  projectId?: number;
  taskId?: number;
  spentDate?: string;
  seconds?: number;
  startedTime?: number;
  endedTime?: number;
  notes?: string | null;
  externalReference?: ExternalReference | null;
}

export interface WorkTimeInput {
  userId?: number;
  projectId?: number;
  spentDate?: string;
  seconds?: number;
  notes?: string | null;
}

export interface WorkingHoursStats {
  userId: number;
  date: string;
  timeZone: string;
  weekStartsOn: number;
  weeklyCapacitySeconds: number;
  day: PeriodStats;
  week: PeriodStats;
  month: PeriodStats;
  byProject: { projectId: number; day: number; week: number; month: number }[];
}

/** A week of a person's time as rows (project and task) by days, with the rows' names. */
export interface TimesheetView {
  userId: number;
  days: string[];
  /** Per day: why nothing can be typed on it (its week submitted or approved, or locked). */
  closed: (ClosedDayReason | null)[];
  rows: (SheetRow & {
    project: { id: number; name: string; code: string | null };
    client: { id: number; name: string };
    task: { id: number; name: string } | null;
  })[];
}

/** A deleted entry as the sync feed reports it, read from its `time_entry.deleted` event. */
export interface DeletedTimeEntry {
  id: number;
  deletedAt: number;
  spentDate: string;
  userId: number;
  projectId: number;
}

/** An entry as the core hands it out, with how its account shows time. */
export interface TimeEntryView {
  entry: TimeEntry;
  display: EntryDisplay;
}

export interface TimeEntriesService {
  listTimeEntries(
    actor: Actor,
    filters: TimeEntryFilters,
    page: PageRequest,
  ): Promise<{ page: Page<TimeEntry>; display: EntryDisplay }>;
  getTimeEntry(actor: Actor, id: number): Promise<TimeEntryView>;
  createTimeEntry(actor: Actor, command: CreateTimeEntry): Promise<TimeEntryView>;
  /**
   * Imported time, a batch in one transaction: each entry is created as `createTimeEntry` would
   * (the same rules, locks and events), an entry a rule refuses is reported and left out, and
   * `keep` records what was made in the same transaction (an import's external ids).
   */
  importTimeEntries<K>(
    actor: Actor,
    batch: readonly { key: K; command: CreateTimeEntry }[],
    keep: (tx: Kysely<Database>, made: { key: K; id: number }[]) => Promise<void>,
  ): Promise<{ made: { key: K; id: number }[]; refused: { key: K; reason: Reason }[] }>;
  /**
   * What `importTimeEntries` would refuse, and why, without writing (an import's dry run).
   * `plan` says what the import would set up before the row's time: a project it creates
   * (the command's `projectId` is then a stand-in, one per new project), a task it creates
   * (`taskId` null then), the person or task it would put on the project.
   */
  checkImportedTimeEntries<K>(
    actor: Actor,
    batch: readonly { key: K; command: CreateTimeEntry; plan: ImportPlan }[],
  ): Promise<{ key: K; reason: Reason }[]>;
  updateTimeEntry(actor: Actor, id: number, command: UpdateTimeEntry): Promise<TimeEntryView>;
  /**
   * A deleted project's entries go with it, inside the project's unit of work (`tx`), each
   * recorded as deleted so that sync clients and other readers learn of it.
   */
  deleteEntriesOfProject(tx: Kysely<Database>, actor: Actor, projectId: number): Promise<void>;
  /**
   * Whether a timer runs on these (a project, task, client or person), read in the caller's
   * unit of work: archiving any of them is refused then (§5.5).
   */
  hasRunningTimers(
    tx: Kysely<Database>,
    where: { projectId?: number; taskId?: number; userId?: number; clientId?: number },
  ): Promise<boolean>;
  /** Whether live time exists for these: deleting them is refused then (archive instead). */
  hasTrackedTime(
    tx: Kysely<Database>,
    where: { userId?: number; taskId?: number; projectId?: number },
  ): Promise<boolean>;
  /** Whose time the actor sees (undefined: everyone's), for readers outside this module. */
  visibleScope(actor: Actor): Promise<{ userIds: number[]; projectIds: number[] } | undefined>;
  /** A person's week as rows by days (`week`: any day of it; today's week when left out). */
  timesheet(actor: Actor, query: { week?: string; userId?: number }): Promise<TimesheetView>;
  /**
   * Writes many cells of a person's timesheet in one unit of work: every cell is applied, or,
   * when one is refused, none is.
   */
  writeTimesheet(
    actor: Actor,
    command: { userId?: number; cells: CellWrite[] },
  ): Promise<TimesheetView>;
  /** Starts the actor's timer today (their account's day), stopping the one that runs. */
  startTimer(actor: Actor, command: StartTimer): Promise<TimeEntryView>;
  /** Stops the actor's running timer; an error with a stable code when none runs. */
  stopTimer(actor: Actor): Promise<TimeEntryView>;
  /** The person's running timer, if one runs (the actor's own unless they may see the person's). */
  runningTimeEntry(actor: Actor, userId: number): Promise<TimeEntryView | null>;
  deleteTimeEntry(actor: Actor, id: number): Promise<TimeEntryView>;
  stopTimeEntry(actor: Actor, id: number): Promise<TimeEntryView>;
  restartTimeEntry(actor: Actor, id: number): Promise<TimeEntryView>;
  deleteExternalReference(actor: Actor, id: number): Promise<TimeEntryView>;
  updateWorkTime(actor: Actor, id: number, changes: WorkTimeInput): Promise<TimeEntryView>;
  /** Expected against worked time around a day for one person (Flowtly's working-hours stats). */
  workingHoursStats(actor: Actor, userId: number, date: string): Promise<WorkingHoursStats>;
  /** The person's last four weeks read as feedback; `date` defaults to today in the account. */
  feedbackSuggestion(
    actor: Actor,
    userId: number,
    date: string | undefined,
  ): Promise<Feedback & { userId: number }>;
  listDeletedTimeEntries(
    actor: Actor,
    since: number | undefined,
    page: PageRequest,
  ): Promise<Page<DeletedTimeEntry>>;
  /**
   * Time on some projects between two days with what invoicing needs of each entry: billable or
   * not, rounded hours, the billable rate in force (as the actor may see it), running, already
   * invoiced. Read in the
   * caller's unit of work.
   */
  invoicingTime(
    tx: Kysely<Database>,
    actor: Actor,
    filter: { projectIds?: readonly number[]; from?: string; to?: string },
  ): Promise<InvoicingEntry[]>;
  /** Bills entries on an invoice line, each change recorded, in the caller's unit of work. */
  billEntries(
    tx: Kysely<Database>,
    actor: Actor,
    entryIds: readonly number[],
    invoice: { id: number; number: string; lineItemId: number },
  ): Promise<void>;
  /** Un-bills the entries of an invoice or of some of its lines (deleted), each recorded. */
  unbillEntries(
    tx: Kysely<Database>,
    actor: Actor,
    where: { invoiceId: number } | { lineItemIds: readonly number[] },
  ): Promise<void>;
  /** The entries of an invoice follow its new number. */
  renumberBilledEntries(
    tx: Kysely<Database>,
    actor: Actor,
    invoiceId: number,
    number: string,
  ): Promise<void>;
  /** A person's time over some days, for approving a week: per day, billable, running. */
  timeOfPerson(
    tx: Kysely<Database>,
    actor: Actor,
    userId: number,
    from: string,
    to: string,
  ): Promise<PersonTime>;
  /**
   * Sets the approval state of a person's entries between two days, inside the caller's unit of
   * work (a week's submission, approval, rejection), each changed entry recorded as updated.
   */
  setApprovalStatus(
    tx: Kysely<Database>,
    actor: Actor,
    userId: number,
    range: { from: string; to: string },
    status: ApprovalStatus,
  ): Promise<number>;
}

/** An entry as invoicing reads it. */
export interface InvoicingEntry {
  id: number;
  projectId: number;
  projectName: string;
  projectCode: string | null;
  clientId: number;
  clientName: string;
  clientCurrency: string;
  taskName: string;
  personName: string;
  spentDate: string;
  notes: string | null;
  roundedHundredths: number;
  billable: boolean;
  /** The billable rate in force on the entry's day, in hundredths. */
  rateHundredths: number | null;
  running: boolean;
  invoiceId: number | null;
  /** Start and end as the account shows them, on start/end accounts. */
  times: { started: string; ended: string } | null;
}

/** A person's time over some days, as an approver reads it. */
export interface PersonTime {
  secondsByDay: Map<string, number>;
  seconds: number;
  billableSeconds: number;
  timerRunning: boolean;
  entries: number;
  projectIds: number[];
}

// The people, projects and accounts this module reads, through their owners' directories: the
// people and projects services are built on this one, so it cannot take them as dependencies.
const people = createUsersDirectory();
const projects = createProjectsDirectory();
const accounts = createAccountsDirectory();

/**
 * Whose time an actor sees (§2.5): administrators everything (undefined); managers their own,
 * their teammates' and that on projects they manage; members their own.
 */
export async function visibleTimeOf(
  db: Kysely<Database>,
  actor: Actor,
): Promise<{ userIds: number[]; projectIds: number[] } | undefined> {
  if (isAdministrator(actor)) return undefined;
  if (actor.accessLevel === 'manager') {
    return {
      userIds: [actor.userId, ...(await people.teammateIdsIn(db, actor.userId))],
      projectIds: await projects.managedProjectIdsIn(db, actor.userId),
    };
  }
  return { userIds: [actor.userId], projectIds: [] };
}

/** Two processes starting timers at once: the loser of the unique index retries and wins. */
const TIMER_RETRIES = 3;

/**
 * What the budgets module does when time changes (injected: budgets read time, not the
 * reverse). It weighs them after the write, outside its transaction, so a write never waits
 * for a budget's sums.
 */
export interface BudgetWatch {
  timeChanged(actor: Actor, projectIds: readonly number[]): void;
}

export function createTimeEntriesService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  periods: PeriodsService;
  invoicedPeriods: InvoicedPeriodsService;
  /** Weighs the budgets of projects whose time changed, in the same transaction. */
  budgets?: BudgetWatch;
}): TimeEntriesService {
  const { db, clock, events, periods, invoicedPeriods, budgets } = deps;

  /** An entry's change as a domain event; the person and project are the entry's after it. */
  function entryEvent(
    type: EventType,
    before: EntryState | null,
    after: EntryState | null,
  ): DomainEvent {
    const entry = (after ?? before) as EntryState;
    return {
      type,
      entityId: entry.id,
      userId: entry.user_id,
      projectId: entry.project_id,
      before: before && timeEntrySnapshot(before),
      after: after && timeEntrySnapshot(after),
    };
  }

  async function record(tx: Kysely<Database>, actor: Actor, ...changes: DomainEvent[]) {
    await events.record(tx, eventActorOf(actor), ...changes);
    if (!budgets) return;
    // Time moved off a project changes its budget as much as time added to one.
    const projectIds = changes.flatMap((change) => [
      ...(typeof change.projectId === 'number' ? [change.projectId] : []),
      ...(typeof change.before?.projectId === 'number' ? [change.before.projectId] : []),
    ]);
    budgets.timeChanged(actor, projectIds);
  }

  /** How the actor's account shows time. */
  function displayOf(actor: Actor): EntryDisplay {
    const settings = actor.settings;
    return {
      clock: settings.clock,
      rounding: settings.timeRoundingMode as RoundingMode,
      roundingMinutes: settings.timeRoundingMinutes,
      timeZone: settings.timezone,
    };
  }

  /** Entries' rows read as domain objects, with what their derived state needs read once. */
  async function entriesOf(
    tx: Kysely<Database>,
    actor: Actor,
    rows: readonly TimeEntryDetail[],
  ): Promise<TimeEntry[]> {
    const reading = await context(tx, actor, [...new Set(rows.map((r) => r.user_id))]);
    return rows.map((row) => timeEntryOf(row, reading));
  }

  async function shown(
    tx: Kysely<Database>,
    actor: Actor,
    row: TimeEntryDetail,
  ): Promise<TimeEntryView> {
    const [entry] = await entriesOf(tx, actor, [row]);
    if (!entry) throw new Error('unreachable: one row read as one entry');
    return { entry, display: displayOf(actor) };
  }

  async function context(
    tx: Kysely<Database>,
    actor: Actor,
    userIds: number[],
  ): Promise<EntryReading> {
    const { userRates, projectRates: personProjectRates } = await findPricingRatesOf(tx, userIds);
    const rates = new Map<number, typeof userRates>();
    for (const rate of userRates) {
      const list = rates.get(rate.user_id) ?? [];
      list.push(rate);
      rates.set(rate.user_id, list);
    }
    const projectRates = new Map<number, ProjectRatePeriod[]>();
    for (const rate of personProjectRates) {
      const list = projectRates.get(rate.user_id) ?? [];
      list.push({
        id: rate.id,
        projectId: rate.project_id,
        dateFrom: rate.date_from,
        dateTo: rate.date_to,
        rateCents: rate.rate_cents,
      });
      projectRates.set(rate.user_id, list);
    }
    return {
      nowMs: clock.now().getTime(),
      rates,
      projectRates,
      viewer: { accessLevel: actor.accessLevel, managerPermissions: actor.managerPermissions },
      periodLocked: await periods.lockedDays(tx, actor, userIds),
    };
  }

  /** The person and account behind a person's figures, if the actor may see that person's time. */
  async function personToReport(actor: Actor, userId: number) {
    const scope = await visibleTimeOf(db, actor);
    if (scope && !scope.userIds.includes(userId)) throw forbidden();
    const person = await people.personIn(db, actor.accountId, userId);
    if (!person) throw notFound('employee');
    const account = await accounts.accountIn(db, actor.accountId);
    if (!account) throw notFound('company');
    return { person, account };
  }

  /** A person's live time between two days, running timers counted up to now. */
  async function workOf(userId: number, from: string, to: string) {
    const now = clock.now().getTime();
    return (await findEntriesOfPerson(db, userId, from, to)).map((row) => ({
      spentDate: row.spent_date,
      seconds: trackedSeconds(row, now),
      projectId: row.project_id,
    }));
  }

  /** An entry's row read again after a write (its event's "after"). */
  async function reread(tx: Kysely<Database>, actor: Actor, id: number) {
    const row = await findTimeEntry(tx, actor.accountId, id);
    if (!row) throw notFound('time_entry');
    return row;
  }

  async function view(tx: Kysely<Database>, actor: Actor, id: number): Promise<TimeEntryView> {
    return shown(tx, actor, await reread(tx, actor, id));
  }

  /** Whose time the actor sees: administrators everyone's; managers their own, their teammates' and their projects'. */

  async function canSee(tx: Kysely<Database>, actor: Actor, userId: number, projectId: number) {
    return withinScope(await visibleTimeOf(tx, actor), { userId, projectId });
  }

  /** Own time always; others' only for administrators and managers allowed to edit teammates' time. */
  async function assertCanWrite(
    tx: Kysely<Database>,
    actor: Actor,
    userId: number,
    projectId: number,
  ) {
    if (userId === actor.userId || isAdministrator(actor)) return;
    if (
      actor.accessLevel === 'manager' &&
      actor.managerPermissions.includes('time_and_expenses_manager') &&
      (await canSee(tx, actor, userId, projectId))
    ) {
      return;
    }
    throw forbidden();
  }

  /** The entry, when the actor may see it (404 otherwise, never revealing that it exists). */
  async function loadVisible(tx: Kysely<Database>, actor: Actor, id: number) {
    const row = await findTimeEntry(tx, actor.accountId, id);
    if (!row || !(await canSee(tx, actor, row.user_id, row.project_id)))
      throw notFound('time_entry');
    return row;
  }

  /**
   * The entry, read for a change after its person is held: a concurrent week transition or
   * timer change of that person finishes first, and the change is decided on what it left.
   */
  async function loadForWrite(tx: Kysely<Database>, actor: Actor, id: number) {
    await lockPersonOfEntry(tx, id);
    return loadVisible(tx, actor, id);
  }

  /** A day's facts for time landing on a project there: also whether an invoice covers it. */
  async function landing(
    tx: Kysely<Database>,
    actor: Actor,
    facts: DayFacts,
    projectId: number,
    date: string,
  ): Promise<DayFacts> {
    const invoiced = await invoicedPeriods.isInvoiced(tx, actor.accountId, projectId, date);
    return { ...facts, invoiced };
  }

  /** Asks the one change rule; a refusal is a 422 with its stable code. */
  function assertMayChange(
    change: EntryChange,
    actor: Actor,
    row: TimeEntryDetail | null,
    days: { current?: DayFacts; target?: DayFacts } = {},
  ) {
    const verdict = mayChange(change, row, actor, days);
    if (!verdict.allowed) {
      throw invalid(verdict.code, verdict.params);
    }
    return verdict;
  }

  /**
   * What the approval workflow and locked periods say about a person's days, with the person's
   * weeks held against a concurrent submission or approval until the transaction ends.
   */
  async function daysOf(
    tx: Kysely<Database>,
    actor: Actor,
    userId: number,
    dates: string[],
    hold: boolean | 'shared' = true,
  ) {
    const facts = await periods.dayFacts(tx, actor, userId, dates, { hold });
    return (date: string): DayFacts =>
      facts.get(date) ?? { weekStatus: 'unsubmitted', periodLocked: false };
  }

  /** The seconds from a start to an end time of day; an end not after the start is refused. */
  function spanOf(startedTime: number, endedTime: number): number {
    const span = spanSeconds(startedTime, endedTime);
    if (span === null) throw invalid(TIME_ENTRY_ERRORS.endsBeforeStart);
    return span;
  }

  /** Refuses time on a missing or archived project, client, task or person, or unassigned. */
  function assertTrackableFacts(
    facts: TrackingRow,
    taskId: number | null,
    /** An import's dry run: what the import would have set up by the time it writes. */
    plan: ImportPlan = {},
  ): void {
    const fresh = plan.newProject;
    const problems = trackingProblems({
      projectFound: fresh !== undefined || facts.found_project_id !== null,
      projectActive: fresh !== undefined || facts.project_is_active === 1,
      clientActive: fresh ? fresh.clientActive : facts.client_is_active === 1,
      task:
        taskId === null
          ? null
          : {
              found: facts.found_task_id !== null,
              active: facts.task_is_active === 1,
              assigned:
                plan.linksTask === true || (facts.ta_id !== null && facts.ta_is_active === 1),
            },
      userActive: facts.user_is_active === 1,
      userAssigned:
        fresh !== undefined ||
        plan.assignsPerson === true ||
        (facts.ua_id !== null && facts.ua_is_active === 1),
    });
    if (problems.length > 0) throw invalidAll(TIME_ENTRY_ERRORS.notTrackable, problems);
  }

  /** The tracking rules for time of an existing person (one query). */
  async function assertTrackable(
    tx: Kysely<Database>,
    actor: Actor,
    userId: number,
    projectId: number,
    /** Null for work times from the Flowtly API, which may have no task. */
    taskId: number | null,
  ): Promise<void> {
    const facts = await findTrackingFacts(tx, actor.accountId, userId, projectId, taskId);
    if (!facts) throw invalid(TIME_ENTRY_ERRORS.personNotFound);
    assertTrackableFacts(facts, taskId);
  }

  /**
   * For a new entry: the person must exist, the actor may write their time, and the tracking
   * rules hold, in Harvest's order of answers. Returns what it read, which is all of the new
   * entry's detail but the entry itself, so the entry is not read back.
   */
  /**
   * The rules `createTimeEntry` applies, for an import's batch: asked once per person, project
   * and task and once per person's days instead of once per entry. Rows a rule refuses are
   * reported with its reason; the rest come back as the values to insert.
   */
  async function judgeImport<K>(
    tx: Kysely<Database>,
    actor: Actor,
    batch: readonly { key: K; command: CreateTimeEntry; plan?: ImportPlan }[],
    hold: 'shared' | false,
  ) {
    const refused: { key: K; reason: Reason }[] = [];
    const refusal = (key: K, error: unknown) => {
      // A rule's refusal (a locked week, a project the person is not on) is the row's;
      // anything else (the database) fails the batch, which then leaves nothing behind.
      if (!(error instanceof DomainError)) throw error;
      refused.push({ key, reason: refusalsOf(error) });
    };
    const facts = new Map<string, TrackingRow | DomainError | null>();
    for (const { command, plan } of batch) {
      const userId = command.userId ?? actor.userId;
      const at = `${userId}:${command.projectId}:${command.taskId}`;
      if (facts.has(at)) continue;
      if (plan?.newPerson) {
        facts.set(at, null);
        continue;
      }
      try {
        facts.set(
          at,
          await newEntryFacts(
            tx,
            actor,
            { userId, projectId: command.projectId, taskId: command.taskId },
            plan,
          ),
        );
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        facts.set(at, error);
      }
    }
    const datesOf = new Map<number, Set<string>>();
    for (const { command } of batch) {
      const userId = command.userId ?? actor.userId;
      const dates = datesOf.get(userId) ?? new Set<string>();
      dates.add(command.spentDate);
      datesOf.set(userId, dates);
    }
    const dayOf = new Map<number, (date: string) => DayFacts>();
    // People in id order, so that two transactions holding several of them never wait on each
    // other in a circle; held shared, so that an import's batches run side by side.
    for (const [userId, dates] of [...datesOf].sort(([a], [b]) => a - b))
      dayOf.set(userId, await daysOf(tx, actor, userId, [...dates], hold));
    // A project the import is yet to create has no invoices.
    const invoiced = await invoicedPeriods.invoicedDays(tx, actor.accountId, [
      ...new Set(batch.filter((b) => !b.plan?.newProject).map((b) => b.command.projectId)),
    ]);

    const timestamps = actor.settings.wantsTimestampTimers;
    const at = clock.now().getTime();
    const accepted: { key: K; values: Insertable<TimeEntriesTable> }[] = [];
    for (const { key, command } of batch) {
      const userId = command.userId ?? actor.userId;
      const found = facts.get(`${userId}:${command.projectId}:${command.taskId}`);
      if (found instanceof DomainError) {
        refusal(key, found);
        continue;
      }
      try {
        // Imported time is finished time: a timer is started by a person, not a file.
        if (command.running) throw invalid(TIME_ENTRY_ERRORS.importedTimer);
        const day = (dayOf.get(userId) as (date: string) => DayFacts)(command.spentDate);
        assertMayChange('create', actor, null, {
          target: { ...day, invoiced: invoiced(command.projectId, command.spentDate) },
        });
        let duration = command.seconds ?? 0;
        let startedTime: number | null = null;
        let endedTime: number | null = null;
        if (timestamps && command.startedTime != null) {
          startedTime = command.startedTime;
          endedTime = command.endedTime ?? null;
          if (endedTime !== null) {
            duration = spanOf(startedTime, endedTime);
          }
        }
        accepted.push({
          key,
          values: newEntryValues(actor, userId, command, {
            duration,
            startedTime,
            endedTime,
            timerStartedAt: null,
            at,
          }),
        });
      } catch (error) {
        refusal(key, error);
      }
    }
    return { accepted, refused };
  }

  async function newEntryFacts(
    tx: Kysely<Database>,
    actor: Actor,
    input: { userId: number; projectId: number; taskId: number | null },
    plan: ImportPlan = {},
  ): Promise<TrackingRow> {
    const facts = await findTrackingFacts(
      tx,
      actor.accountId,
      input.userId,
      input.projectId,
      input.taskId,
    );
    if (!facts) throw invalid(TIME_ENTRY_ERRORS.personNotFound);
    // A project an import is yet to create is its administrator's own.
    if (!plan.newProject) await assertCanWrite(tx, actor, input.userId, input.projectId);
    assertTrackableFacts(facts, input.taskId, plan);
    return facts;
  }

  /**
   * Stops the person's running timer (only `onlyId`, when given), banking its elapsed time,
   * under the person's lock so that a concurrent start or stop cannot interleave. Returns
   * whether a timer was stopped.
   */
  async function stopRunning(
    tx: Kysely<Database>,
    actor: Actor,
    userId: number,
    timeZone: string,
    timestamps: boolean,
    onlyId?: number,
  ): Promise<boolean> {
    await lockPersonForTimer(tx, userId);
    const running = await findRunningEntry(tx, userId);
    if (!running || (onlyId !== undefined && running.id !== onlyId)) return false;
    const now = clock.now();
    const stopped = {
      ...running,
      duration_seconds: trackedSeconds(running, now.getTime()),
      timer_started_at: null,
      ended_time:
        timestamps && running.ended_time === null
          ? localSecondsOfDay(now, timeZone)
          : running.ended_time,
      updated_at: now.getTime(),
    };
    await updateTimeEntry(tx, running.id, {
      duration_seconds: stopped.duration_seconds,
      timer_started_at: null,
      ended_time: stopped.ended_time,
      updated_at: stopped.updated_at,
    });
    await record(tx, actor, entryEvent('timer.stopped', running, stopped));
    return true;
  }

  /** Runs a timer-starting change; a concurrent start elsewhere makes it retry, then succeed. */
  async function withTimer<T>(work: (tx: Kysely<Database>) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await db.transaction().execute(work);
      } catch (error) {
        if (!isUniqueViolation(error) || attempt >= TIMER_RETRIES) throw error;
      }
    }
  }

  function externalReference(
    reference: ExternalReference | null | undefined,
  ): Updateable<TimeEntriesTable> {
    if (reference === undefined) return {};
    return {
      external_reference_id: reference?.id ?? null,
      external_reference_group_id: reference?.groupId ?? null,
      external_reference_account_id: reference?.accountId ?? null,
      external_reference_permalink: reference?.permalink ?? null,
    };
  }

  /** A new entry's row: what a create and an import's batch both insert. */
  function newEntryValues(
    actor: Actor,
    userId: number,
    command: CreateTimeEntry,
    figures: {
      duration: number;
      startedTime: number | null;
      endedTime: number | null;
      timerStartedAt: number | null;
      at: number;
    },
  ): Insertable<TimeEntriesTable> {
    return {
      account_id: actor.accountId,
      user_id: userId,
      project_id: command.projectId,
      task_id: command.taskId,
      spent_date: command.spentDate,
      duration_seconds: figures.duration,
      timer_started_at: figures.timerStartedAt,
      started_time: figures.startedTime,
      ended_time: figures.endedTime,
      notes: command.notes?.trim() ? command.notes : null,
      ...externalReference(command.externalReference),
      approval_status: 'unsubmitted',
      invoice_id: null,
      invoice_number: null,
      created_at: figures.at,
      updated_at: figures.at,
      deleted_at: null,
    };
  }

  async function createIn(
    tx: Kysely<Database>,
    actor: Actor,
    command: CreateTimeEntry,
  ): Promise<TimeEntryView> {
    assertMayChange('create', actor, null);
    const { projectId, taskId, spentDate } = command;
    const userId = command.userId ?? actor.userId;

    const facts = await newEntryFacts(tx, actor, {
      userId,
      projectId,
      taskId,
    });
    const day = await daysOf(tx, actor, userId, [spentDate]);
    assertMayChange('create', actor, null, {
      target: await landing(tx, actor, day(spentDate), projectId, spentDate),
    });
    const person = { timezone: facts.user_timezone };
    const timestamps = actor.settings.wantsTimestampTimers;
    const now = clock.now();
    const at = now.getTime();

    let duration = command.seconds ?? 0;
    let running = command.running;
    let startedTime: number | null = null;
    let endedTime: number | null = null;
    if (timestamps) {
      // Start/end accounts: a timer runs from its start time, now when none is given.
      startedTime = command.startedTime ?? localSecondsOfDay(now, person.timezone);
      endedTime = command.endedTime ?? null;
      if (endedTime !== null) {
        duration = spanOf(startedTime, endedTime);
        running = false;
      } else if (!running && command.startedTime == null) {
        // Finished time given as a duration only: it has no times of day.
        startedTime = null;
      }
    }
    if (running) await stopRunning(tx, actor, userId, person.timezone, timestamps);
    const created = await insertTimeEntry(
      tx,
      newEntryValues(actor, userId, command, {
        duration,
        startedTime,
        endedTime,
        // A start/end timer counts from its stated start today, not from the moment it was sent.
        timerStartedAt: running
          ? timestamps && startedTime !== null
            ? timerStartInstant(spentDate, startedTime, person.timezone, now)
            : at
          : null,
        at,
      }),
    );
    await record(
      tx,
      actor,
      entryEvent('time_entry.created', null, created),
      ...(running ? [entryEvent('timer.started', null, created)] : []),
    );
    return shown(tx, actor, detailOf(created, facts));
  }

  async function updateIn(
    tx: Kysely<Database>,
    actor: Actor,
    id: number,
    command: UpdateTimeEntry,
  ): Promise<TimeEntryView> {
    const seconds = command.seconds;
    const spentDate = command.spentDate;
    const startedInput = command.startedTime;
    const endedInput = command.endedTime;

    // A running timer may be stopped or restarted concurrently: decide on fresh state.
    const row = await loadForWrite(tx, actor, id);
    await assertCanWrite(tx, actor, row.user_id, row.project_id);
    const newDate = spentDate ?? row.spent_date;
    const newProject = command.projectId ?? row.project_id;
    const moved = newDate !== row.spent_date || newProject !== row.project_id;
    const day = await daysOf(tx, actor, row.user_id, [row.spent_date, newDate]);
    const verdict = assertMayChange('update', actor, row, {
      current: day(row.spent_date),
      target: moved ? await landing(tx, actor, day(newDate), newProject, newDate) : undefined,
    });
    const timestamps = actor.settings.wantsTimestampTimers;
    const now = clock.now().getTime();
    const changes: Updateable<TimeEntriesTable> = {
      notes: command.notes === undefined ? undefined : command.notes?.trim() ? command.notes : null,
      ...externalReference(command.externalReference),
      updated_at: now,
    };
    // On a locked entry an administrator may correct notes and hours; where it belongs stays.
    if (!verdict.placementFrozen) {
      const projectId = command.projectId ?? row.project_id;
      const taskId = command.taskId ?? row.task_id;
      if (command.projectId !== undefined || command.taskId !== undefined) {
        if (taskId === null) throw invalid(TIME_ENTRY_ERRORS.taskRequired);
        await assertCanWrite(tx, actor, row.user_id, projectId);
        await assertTrackable(tx, actor, row.user_id, projectId, taskId);
        changes.project_id = projectId;
        changes.task_id = taskId;
      }
      changes.spent_date = spentDate;
    }
    if (timestamps && (startedInput !== undefined || endedInput !== undefined)) {
      const started = startedInput ?? row.started_time ?? 0;
      changes.started_time = started;
      if (endedInput !== undefined) {
        changes.duration_seconds = spanOf(started, endedInput);
        changes.ended_time = endedInput;
        changes.timer_started_at = null;
      } else if (row.timer_started_at !== null) {
        // Still running: it now counts from the new start time.
        changes.timer_started_at = timerStartInstant(
          changes.spent_date ?? row.spent_date,
          started,
          row.user_timezone,
          new Date(now),
        );
        changes.duration_seconds = 0;
      } else if (row.ended_time !== null) {
        changes.duration_seconds = spanOf(started, row.ended_time);
      }
    } else if (!timestamps && seconds !== undefined) {
      // New hours on a running timer become its banked time; the timer keeps running.
      changes.duration_seconds = seconds;
      if (row.timer_started_at !== null) changes.timer_started_at = now;
    }
    await updateTimeEntry(tx, id, changes);
    const updated = await reread(tx, actor, id);
    await record(tx, actor, entryEvent('time_entry.updated', row, updated));
    return shown(tx, actor, updated);
  }

  async function deleteIn(tx: Kysely<Database>, actor: Actor, id: number): Promise<TimeEntryView> {
    const row = await loadForWrite(tx, actor, id);
    await assertCanWrite(tx, actor, row.user_id, row.project_id);
    const day = await daysOf(tx, actor, row.user_id, [row.spent_date]);
    assertMayChange('delete', actor, row, { current: day(row.spent_date) });
    const before = await shown(tx, actor, row);
    const at = clock.now().getTime();
    // Kept as deleted for syncing clients; a running timer stops with it.
    await updateTimeEntry(tx, id, { deleted_at: at, updated_at: at, timer_started_at: null });
    await record(tx, actor, entryEvent('time_entry.deleted', row, null));
    return before;
  }

  return {
    async listTimeEntries(actor, filters, page) {
      const scope = await visibleTimeOf(db, actor);
      const result = await listTimeEntries(
        db,
        actor.accountId,
        { ...filters, visibleTo: scope },
        page,
      );
      return {
        page: { ...result, rows: await entriesOf(db, actor, result.rows) },
        display: displayOf(actor),
      };
    },

    async updateWorkTime(actor, id, input) {
      return db.transaction().execute(async (tx) => {
        const row = await loadForWrite(tx, actor, id);
        await assertCanWrite(tx, actor, row.user_id, row.project_id);
        const targetUser = input.userId ?? row.user_id;
        const targetDate = input.spentDate ?? row.spent_date;
        const moved = targetUser !== row.user_id || targetDate !== row.spent_date;
        const current = (await daysOf(tx, actor, row.user_id, [row.spent_date]))(row.spent_date);
        const targetProject = input.projectId ?? row.project_id;
        const target =
          moved || targetProject !== row.project_id
            ? await landing(
                tx,
                actor,
                (await daysOf(tx, actor, targetUser, [targetDate]))(targetDate),
                targetProject,
                targetDate,
              )
            : undefined;
        const verdict = assertMayChange('update', actor, row, { current, target });
        const changes: Updateable<TimeEntriesTable> = {
          notes: input.notes === undefined ? undefined : input.notes?.trim() ? input.notes : null,
          updated_at: clock.now().getTime(),
        };
        if (input.seconds !== undefined) {
          changes.duration_seconds = input.seconds;
          if (row.timer_started_at !== null) changes.timer_started_at = clock.now().getTime();
        }
        if (!verdict.placementFrozen) {
          const userId = input.userId ?? row.user_id;
          const projectId = input.projectId ?? row.project_id;
          if (input.userId !== undefined || input.projectId !== undefined) {
            if (!(await people.personIn(tx, actor.accountId, userId)))
              throw invalid(TIME_ENTRY_ERRORS.personNotFound);
            await assertCanWrite(tx, actor, userId, projectId);
            // A new project keeps the task only if the task is on it too.
            const taskId = projectId === row.project_id ? row.task_id : null;
            await assertTrackable(tx, actor, userId, projectId, taskId);
            if (row.timer_started_at !== null && userId !== row.user_id) {
              // A running timer given to someone else is a timer they start: one each, and
              // reassigning an entry does not silently stop the other person's timer.
              await lockPersonForTimer(tx, userId);
              if (await findRunningEntry(tx, userId)) {
                throw invalid(TIME_ENTRY_ERRORS.timerRunning, { while: 'another_running' });
              }
            }
            changes.user_id = userId;
            changes.project_id = projectId;
            changes.task_id = taskId;
          }
          changes.spent_date = input.spentDate;
        }
        await updateTimeEntry(tx, id, changes);
        const updated = await reread(tx, actor, id);
        await record(tx, actor, entryEvent('time_entry.updated', row, updated));
        return shown(tx, actor, updated);
      });
    },

    async workingHoursStats(actor, userId, date) {
      const { person, account } = await personToReport(actor, userId);
      const { week, month, weekStartsOn } = periodsAround(date, account.week_start_day);
      const from = week.from < month.from ? week.from : month.from;
      const to = week.to > month.to ? week.to : month.to;
      const entries = await workOf(userId, from, to);
      const capacity = person.weekly_capacity;
      const sumIn = (projectId: number, lo: string, hi: string) =>
        entries
          .filter((e) => e.projectId === projectId && e.spentDate >= lo && e.spentDate <= hi)
          .reduce((sum, e) => sum + e.seconds, 0);
      const projectIds = [...new Set(entries.map((e) => e.projectId))].sort((a, b) => a - b);
      return {
        userId,
        date,
        timeZone: account.timezone,
        weekStartsOn,
        weeklyCapacitySeconds: capacity,
        day: periodStats(date, date, date, capacity, entries),
        week: periodStats(week.from, week.to, date, capacity, entries),
        month: periodStats(month.from, month.to, date, capacity, entries),
        byProject: projectIds
          .map((projectId) => ({
            projectId,
            day: sumIn(projectId, date, date),
            week: sumIn(projectId, week.from, week.to),
            month: sumIn(projectId, month.from, month.to),
          }))
          .filter((p) => p.week > 0 || p.month > 0),
      };
    },

    async feedbackSuggestion(actor, userId, date) {
      const { person, account } = await personToReport(actor, userId);
      const until = date ?? localDate(clock.now(), account.timezone);
      const since = DateTime.fromISO(until, { zone: 'UTC' })
        .minus({ days: 2 * FEEDBACK_WINDOW_DAYS - 1 })
        .toFormat('yyyy-MM-dd');
      const entries = await workOf(userId, since, until);
      return { userId, ...feedbackSuggestion(until, person.weekly_capacity, entries) };
    },

    async listDeletedTimeEntries(actor, since, page) {
      const visibleTo = await visibleTimeOf(db, actor);
      const result = await events.pageOfType(
        actor.accountId,
        { type: 'time_entry.deleted', since, visibleTo },
        page,
      );
      return {
        ...result,
        rows: result.rows.map((event) => ({
          id: event.entityId,
          deletedAt: event.occurredAt,
          spentDate: typeof event.before?.spentDate === 'string' ? event.before.spentDate : '',
          userId: event.userId ?? 0,
          projectId: event.projectId ?? 0,
        })),
      };
    },

    async timeOfPerson(tx, actor, userId, from, to) {
      const rows = await findDetailsOfPerson(tx, actor.accountId, userId, from, to);
      const entries = await entriesOf(tx, actor, rows);
      const time: PersonTime = {
        secondsByDay: new Map(),
        seconds: 0,
        billableSeconds: 0,
        timerRunning: false,
        entries: rows.length,
        projectIds: [...new Set(rows.map((r) => r.project_id))],
      };
      for (const entry of entries) {
        const { seconds } = entry;
        time.secondsByDay.set(
          entry.spentDate,
          (time.secondsByDay.get(entry.spentDate) ?? 0) + seconds,
        );
        time.seconds += seconds;
        if (entry.billable) time.billableSeconds += seconds;
        if (entry.isRunning) time.timerRunning = true;
      }
      return time;
    },

    async invoicingTime(tx, actor, filter) {
      const rows = await findDetailsForInvoicing(tx, actor.accountId, filter);
      const reading = await context(tx, actor, [...new Set(rows.map((r) => r.user_id))]);
      const display = displayOf(actor);
      return rows.map((row) => {
        const entry = timeEntryOf(row, reading);
        return {
          id: row.id,
          projectId: row.project_id,
          projectName: row.project_name,
          projectCode: row.project_code,
          clientId: row.client_id,
          clientName: row.client_name,
          clientCurrency: row.client_currency,
          taskName: row.task_name ?? '',
          personName: `${row.user_first_name} ${row.user_last_name}`.trim(),
          spentDate: row.spent_date,
          notes: row.notes,
          roundedHundredths: roundedHundredths(
            entry.seconds,
            display.rounding,
            display.roundingMinutes,
          ),
          billable: entry.billable,
          rateHundredths: entry.billableRateCents,
          running: row.timer_started_at !== null,
          invoiceId: row.invoice_id,
          times:
            row.started_time !== null && row.ended_time !== null
              ? {
                  started: formatClockTime(row.started_time, display.clock),
                  ended: formatClockTime(row.ended_time, display.clock),
                }
              : null,
        };
      });
    },

    async billEntries(tx, actor, entryIds, invoice) {
      const rows = await findFullEntriesByIds(tx, entryIds);
      const at = clock.now().getTime();
      await setInvoiceOfEntries(tx, entryIds, invoice, at);
      await record(
        tx,
        actor,
        ...rows.map((row) =>
          entryEvent('time_entry.updated', row, {
            ...row,
            invoice_id: invoice.id,
          }),
        ),
      );
    },

    async unbillEntries(tx, actor, where) {
      const rows = await findBilledEntries(tx, where);
      await setInvoiceOfEntries(
        tx,
        rows.map((r) => r.id),
        null,
        clock.now().getTime(),
      );
      await record(
        tx,
        actor,
        ...rows.map((row) => entryEvent('time_entry.updated', row, { ...row, invoice_id: null })),
      );
    },

    async renumberBilledEntries(tx, _actor, invoiceId, number) {
      await renumberEntries(tx, invoiceId, number);
    },

    async setApprovalStatus(tx, actor, userId, range, status) {
      const rows = await findFullEntriesOfPerson(tx, userId, range.from, range.to);
      const changing = rows.filter((row) => row.approval_status !== status);
      if (changing.length === 0) return 0;
      const at = clock.now().getTime();
      await setApprovalStatusOfPerson(tx, userId, range.from, range.to, status, at);
      await record(
        tx,
        actor,
        ...changing.map((row) =>
          entryEvent('time_entry.updated', row, { ...row, approval_status: status }),
        ),
      );
      return changing.length;
    },

    async deleteEntriesOfProject(tx, actor, projectId) {
      // Invoiced, submitted, approved or locked time outlives its project's deletion attempt:
      // the one change rule would refuse deleting any of it, so the project stays (archive it).
      const live = await findFullEntriesOfProject(tx, projectId);
      const locked = await periods.lockedDays(tx, actor, [...new Set(live.map((e) => e.user_id))]);
      const kept = live.filter(
        (e) =>
          e.invoice_id !== null ||
          e.approval_status !== 'unsubmitted' ||
          locked(e.user_id, e.spent_date),
      );
      if (kept.length > 0) {
        throw invalid(TIME_ENTRY_ERRORS.locked, { keptEntries: kept.length });
      }
      const deleted = await softDeleteProjectEntries(tx, projectId, clock.now().getTime());
      await record(tx, actor, ...deleted.map((row) => entryEvent('time_entry.deleted', row, null)));
    },

    visibleScope: (actor) => visibleTimeOf(db, actor),
    hasRunningTimers: (tx, where) => hasRunningTimers(tx, where),
    hasTrackedTime: (tx, where) => hasTimeEntries(tx, where),

    async timesheet(actor, query) {
      const userId = query.userId ?? actor.userId;
      if (userId !== actor.userId) {
        // Another person's week: theirs must be here, and some of their time the actor's to see
        // (a member sees only their own; a manager their people's, or on their projects).
        const scope = await visibleTimeOf(db, actor);
        const sees = !scope || scope.userIds.includes(userId) || scope.projectIds.length > 0;
        if (!sees || !(await people.personIn(db, actor.accountId, userId))) throw notFound('user');
      }
      const days = weekDays(
        query.week ?? localDate(clock.now(), actor.settings.timezone),
        actor.settings.weekStartDay,
      );
      const { page } = await this.listTimeEntries(
        actor,
        { userId, from: days[0], to: days[6] },
        { perPage: MAX_PER_PAGE, page: 1, cursor: null },
      );
      const byId = new Map(page.rows.map((entry) => [entry.id, entry]));
      const dayFacts = await periods.dayFacts(db, actor, userId, days, { hold: false });
      const closed = days.map((date) => {
        const facts = dayFacts.get(date);
        return facts ? closedDayReason(facts) : null;
      });
      const rows = timesheetRows(
        page.rows.map((entry) => ({
          id: entry.id,
          projectId: entry.project.id,
          taskId: entry.task?.id ?? null,
          spentDate: entry.spentDate,
          seconds: entry.seconds,
          running: entry.isRunning,
          locked: entry.lock.isLocked,
          lockedReason: entry.lock.lockedReason,
        })),
        days,
        closed,
      );
      return {
        userId,
        days,
        closed,
        rows: rows.map((sheetRow) => {
          const first = byId.get(sheetRow.cells.flatMap((c) => c.entryIds)[0] ?? 0);
          if (!first) throw new Error('a timesheet row without an entry');
          return {
            ...sheetRow,
            project: first.project,
            client: { id: first.client.id, name: first.client.name },
            task: first.task,
          };
        }),
      };
    },

    async writeTimesheet(actor, command) {
      const userId = command.userId ?? actor.userId;
      const keys = command.cells.map((c) => `${c.projectId}:${c.taskId}:${c.date}`);
      if (new Set(keys).size !== keys.length) {
        throw invalid(TIME_ENTRY_ERRORS.duplicateCell);
      }
      const dates = command.cells.map((c) => c.date).sort();
      if (userId !== actor.userId) {
        // Another person's sheet: theirs must exist here and be the actor's to write, before
        // anything of it (how many entries a cell has) shows in an answer.
        if (!(await people.personIn(db, actor.accountId, userId))) throw notFound('user');
        const scope = await visibleTimeOf(db, actor);
        const manages =
          actor.accessLevel === 'manager' &&
          actor.managerPermissions.includes('time_and_expenses_manager') &&
          scope?.userIds.includes(userId) === true;
        if (!isAdministrator(actor) && !manages) throw forbidden();
      }
      await db.transaction().execute(async (tx) => {
        const existing = (
          await findEntriesOfPerson(tx, userId, dates[0] ?? '', dates[dates.length - 1] ?? '')
        ).map((row) => ({
          id: row.id,
          projectId: row.project_id,
          taskId: row.task_id,
          spentDate: row.spent_date,
          seconds: row.duration_seconds,
          running: row.timer_started_at !== null,
          locked: false,
        }));
        const plans: CellPlan[] = [];
        const refusals: Refusal[] = [];
        for (const write of command.cells) {
          const plan = planCell(write, existing);
          if ('code' in plan) refusals.push(plan);
          else plans.push(plan);
        }
        const last = refusals[refusals.length - 1];
        if (last) throw invalidAll(last.code, refusals);
        for (const plan of plans) {
          const { write } = plan;
          if (plan.kind === 'create') {
            await createIn(tx, actor, {
              userId,
              projectId: write.projectId,
              taskId: write.taskId,
              spentDate: write.date,
              seconds: write.seconds,
              running: false,
            });
          } else if (plan.kind === 'update') {
            await updateIn(tx, actor, plan.entryId, { seconds: write.seconds });
          } else if (plan.kind === 'delete') {
            await deleteIn(tx, actor, plan.entryId);
          }
        }
      });
      return this.timesheet(actor, { week: dates[0], userId });
    },

    startTimer(actor, command) {
      return this.createTimeEntry(actor, {
        projectId: command.projectId,
        taskId: command.taskId,
        spentDate: command.spentDate ?? localDate(clock.now(), actor.settings.timezone),
        notes: command.notes,
        running: true,
      });
    },

    async stopTimer(actor) {
      const running = await findRunningEntry(db, actor.userId);
      if (!running) {
        throw invalid(TIME_ENTRY_ERRORS.timerNotRunning, { while: 'stopping_current' });
      }
      return this.stopTimeEntry(actor, running.id);
    },

    async runningTimeEntry(actor, userId) {
      const running = await findRunningEntry(db, userId);
      if (!running) return null;
      const row = await findTimeEntry(db, actor.accountId, running.id);
      if (!row || !(await canSee(db, actor, row.user_id, row.project_id))) return null;
      return shown(db, actor, row);
    },

    async getTimeEntry(actor, id) {
      const row = await loadVisible(db, actor, id);
      return shown(db, actor, row);
    },

    createTimeEntry(actor, command) {
      return withTimer((tx) => createIn(tx, actor, command));
    },

    importTimeEntries(actor, batch, keep) {
      type Key = (typeof batch)[number]['key'];
      return db.transaction().execute(async (tx) => {
        const judged = await judgeImport(tx, actor, batch, 'shared');
        const rows = judged.accepted.map((a) => a.values);
        const created = await insertTimeEntries(tx, rows);
        // Entries are matched to their keys by position: a count that differs would misfile them.
        if (created.length !== rows.length)
          throw new Error(`inserted ${created.length} entries for ${rows.length} rows`);
        await record(
          tx,
          actor,
          ...created.map((row) => entryEvent('time_entry.created', null, row)),
        );
        const made = created.map((row, index) => ({
          key: (judged.accepted[index] as { key: Key }).key,
          id: row.id,
        }));
        await keep(tx, made);
        return { made, refused: judged.refused };
      });
    },

    async checkImportedTimeEntries(actor, batch) {
      // A read: nothing is held, so a dry run never waits on, or holds up, anyone's writes.
      return (await judgeImport(db, actor, batch, false)).refused;
    },

    updateTimeEntry(actor, id, command) {
      return db.transaction().execute((tx) => updateIn(tx, actor, id, command));
    },

    deleteTimeEntry(actor, id) {
      return db.transaction().execute((tx) => deleteIn(tx, actor, id));
    },

    async stopTimeEntry(actor, id) {
      return db.transaction().execute(async (tx) => {
        const row = await loadForWrite(tx, actor, id);
        await assertCanWrite(tx, actor, row.user_id, row.project_id);
        assertMayChange('stop', actor, row);
        const timestamps = actor.settings.wantsTimestampTimers;
        if (!(await stopRunning(tx, actor, row.user_id, row.user_timezone, timestamps, id))) {
          throw invalid(TIME_ENTRY_ERRORS.timerNotRunning);
        }
        return view(tx, actor, id);
      });
    },

    async restartTimeEntry(actor, id) {
      return withTimer(async (tx) => {
        const row = await loadForWrite(tx, actor, id);
        await assertCanWrite(tx, actor, row.user_id, row.project_id);
        const today = localDate(clock.now(), row.user_timezone);
        const day = await daysOf(tx, actor, row.user_id, [row.spent_date, today]);
        // Start/end accounts restart as a new entry today (below): today's week must be open too.
        assertMayChange('restart', actor, row, {
          current: day(row.spent_date),
          target: actor.settings.wantsTimestampTimers
            ? await landing(tx, actor, day(today), row.project_id, today)
            : undefined,
        });
        if (row.timer_started_at !== null) {
          throw invalid(TIME_ENTRY_ERRORS.timerRunning, { while: 'restarting' });
        }
        await assertTrackable(tx, actor, row.user_id, row.project_id, row.task_id);
        const timestamps = actor.settings.wantsTimestampTimers;
        const now = clock.now();
        await stopRunning(tx, actor, row.user_id, row.user_timezone, timestamps);
        if (!timestamps) {
          await updateTimeEntry(tx, id, {
            timer_started_at: now.getTime(),
            updated_at: now.getTime(),
          });
          const restarted = await reread(tx, actor, id);
          await record(tx, actor, entryEvent('timer.started', row, restarted));
          return shown(tx, actor, restarted);
        }
        // Start/end accounts cannot resume an entry: Harvest starts a new one like it, today.
        const created = await insertTimeEntry(tx, {
          account_id: actor.accountId,
          user_id: row.user_id,
          project_id: row.project_id,
          task_id: row.task_id,
          spent_date: localDate(now, row.user_timezone),
          duration_seconds: 0,
          timer_started_at: now.getTime(),
          started_time: localSecondsOfDay(now, row.user_timezone),
          ended_time: null,
          notes: row.notes,
          external_reference_id: row.external_reference_id,
          external_reference_group_id: row.external_reference_group_id,
          external_reference_account_id: row.external_reference_account_id,
          external_reference_permalink: row.external_reference_permalink,
          approval_status: 'unsubmitted',
          invoice_id: null,
          invoice_number: null,
          created_at: now.getTime(),
          updated_at: now.getTime(),
          deleted_at: null,
        });
        await record(
          tx,
          actor,
          entryEvent('time_entry.created', null, created),
          entryEvent('timer.started', null, created),
        );
        return view(tx, actor, created.id);
      });
    },

    async deleteExternalReference(actor, id) {
      return db.transaction().execute(async (tx) => {
        const row = await loadForWrite(tx, actor, id);
        await assertCanWrite(tx, actor, row.user_id, row.project_id);
        const day = await daysOf(tx, actor, row.user_id, [row.spent_date]);
        assertMayChange('unlink_reference', actor, row, { current: day(row.spent_date) });
        await updateTimeEntry(tx, id, {
          ...externalReference(null),
          updated_at: clock.now().getTime(),
        });
        const unlinked = await reread(tx, actor, id);
        await record(tx, actor, entryEvent('time_entry.updated', row, unlinked));
        return shown(tx, actor, unlinked);
      });
    },
  };
}
