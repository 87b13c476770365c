import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { localDate } from '../../../shared/dates.ts';
import type { Clock } from '../../shared/clock.ts';
import {
  DomainError,
  forbidden,
  invalid,
  notFound,
  refusal,
  type Refusal,
} from '../../shared/domain-error.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import { eventActorOf, isoInstant, type Snapshot } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import type { DayFacts } from '../time-entries/time-entries.rules.ts';
import type { PersonTime, TimeEntriesService } from '../time-entries/time-entries.service.ts';
import { APPROVAL_ERRORS } from './approvals.errors.ts';
import {
  countWeeksInWorkflow,
  findActiveUnlocks,
  findPeople,
  findWeek,
  findWeeks,
  listWeeks,
  lockPersonWeeks,
  saveWeek,
  type WeekRow,
} from './approvals.repository.ts';
import {
  addDays,
  daysOfWeek,
  periodLock,
  rejectionReason,
  weekStartOf,
  weekTransition,
  weekWarnings,
  WEEK_EVENT,
  type ApprovalStatus,
  type LockSettings,
  type PeriodLockKind,
  type WeekAction,
  type WeekWarning,
} from './approvals.rules.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';

/**
 * What the approval workflow and locked periods say about people's days, for the time-entries
 * service's one change rule and its presenters.
 */
export interface PeriodsService {
  /**
   * The state of the person's weeks holding these days and whether each day is locked, with
   * the person held (PostgreSQL row lock) against a concurrent week transition until the
   * caller's transaction ends.
   */
  dayFacts(
    tx: Kysely<Database>,
    actor: Actor,
    userId: number,
    dates: readonly string[],
    /**
     * `hold: false` for a read that changes nothing and needs no lock; `hold: 'shared'` for
     * writers that only add time (an import's batches): they hold off week transitions but
     * not each other.
     */
    options?: { hold?: boolean | 'shared' },
  ): Promise<Map<string, DayFacts>>;
  /** How many weeks of the account are submitted or approved (a week start cannot move then). */
  weeksInWorkflow(db: Kysely<Database>, accountId: number): Promise<number>;
  /** Which of these people's days are in a locked period, for presenting entries. */
  lockedDays(
    db: Kysely<Database>,
    actor: Actor,
    userIds: readonly number[],
  ): Promise<(userId: number, date: string) => boolean>;
}

const lockSettingsOf = (actor: Actor): LockSettings => ({
  lockDate: actor.settings.lockDate,
  autoLockDays: actor.settings.autoLockDays,
  weekStartDay: actor.settings.weekStartDay,
});

const NEVER_LOCKED = () => false;

export function createPeriodsService(deps: { clock: Clock }): PeriodsService {
  const { clock } = deps;
  return {
    async dayFacts(tx, actor, userId, dates, options = {}) {
      if (options.hold !== false)
        await lockPersonWeeks(tx, userId, options.hold === 'shared' ? 'shared' : 'exclusive');
      const settings = lockSettingsOf(actor);
      const starts = [...new Set(dates.map((d) => weekStartOf(d, settings.weekStartDay)))];
      const weeks = new Map(
        (await findWeeks(tx, actor.accountId, userId, starts)).map((w) => [w.week_start, w]),
      );
      const now = clock.now();
      const today = localDate(now, actor.settings.timezone);
      const facts = new Map<string, DayFacts>();
      for (const date of dates) {
        const week = weeks.get(weekStartOf(date, settings.weekStartDay));
        facts.set(date, {
          weekStatus: (week?.status ?? 'unsubmitted') as ApprovalStatus,
          periodLocked:
            periodLock(date, settings, today, now.getTime(), week?.unlocked_until ?? null) !== null,
        });
      }
      return facts;
    },

    weeksInWorkflow: (db, accountId) => countWeeksInWorkflow(db, accountId),

    async lockedDays(db, actor, userIds) {
      const settings = lockSettingsOf(actor);
      // Most accounts lock nothing: no query on the hot read paths then.
      if (settings.lockDate === null && settings.autoLockDays === null) return NEVER_LOCKED;
      const now = clock.now();
      const nowMs = now.getTime();
      const today = localDate(now, actor.settings.timezone);
      const unlocks = new Map(
        (await findActiveUnlocks(db, actor.accountId, userIds, nowMs)).map((u) => [
          `${u.user_id}:${u.week_start}`,
          u.unlocked_until,
        ]),
      );
      return (userId, date) => {
        const until = unlocks.get(`${userId}:${weekStartOf(date, settings.weekStartDay)}`) ?? null;
        return periodLock(date, settings, today, nowMs, until) !== null;
      };
    },
  };
}

/** A person's week as approvers and the person see it. */
export interface WeekView {
  userId: number;
  person: { id: number; firstName: string; lastName: string };
  weekStart: string;
  weekEnd: string;
  status: ApprovalStatus;
  submittedAt: string | null;
  submittedBy: number | null;
  decidedAt: string | null;
  decidedBy: number | null;
  /** Why the week was last rejected; cleared when it is submitted again. */
  rejectionReason: string | null;
  periodLock: PeriodLockKind | null;
  unlockedUntil: string | null;
  seconds: number;
  billableSeconds: number;
  capacitySeconds: number;
  days: { date: string; seconds: number }[];
  timerRunning: boolean;
  warnings: WeekWarning[];
  missingDays: string[];
  /** Whether the one asking may approve or reject it. */
  mayApprove: boolean;
}

export interface WeekRef {
  userId: number;
  weekStart: string;
}

export interface ApprovalsService {
  /** A person's weeks between two days (the actor's own when no person is named). */
  weeksOf(
    actor: Actor,
    query: { userId?: number; from?: string; to?: string },
  ): Promise<WeekView[]>;
  /** The approver's queue: weeks in a state (submitted by default) the actor may decide. */
  queue(
    actor: Actor,
    query: { status?: ApprovalStatus; from?: string; to?: string; userId?: number },
  ): Promise<WeekView[]>;
  /** One transition on one or many weeks, all in one unit of work: all happen, or none. */
  act(actor: Actor, action: WeekAction, weeks: WeekRef[], reason?: string): Promise<WeekView[]>;
  /** An administrator lifts a locked period for a person's week until a moment (null: relock). */
  unlock(actor: Actor, week: WeekRef, until: Date | null): Promise<WeekView>;
}

/** How many weeks one request reads or changes. */
export const MAX_WEEKS = 100;
const DEFAULT_WEEKS_BACK = 8;
const QUEUE_LIMIT = 200;

function weekSnapshot(row: WeekRow): Snapshot {
  return {
    id: row.id,
    userId: row.user_id,
    weekStart: row.week_start,
    status: row.status,
    rejectionReason: row.rejection_reason,
    submittedAt: isoInstant(row.submitted_at),
    decidedAt: isoInstant(row.decided_at),
    unlockedUntil: isoInstant(row.unlocked_until),
  };
}

export function createApprovalsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  timeEntries: TimeEntriesService;
}): ApprovalsService {
  const { db, clock, events, timeEntries } = deps;

  type Scope = Awaited<ReturnType<TimeEntriesService['visibleScope']>>;
  type Person = Awaited<ReturnType<typeof findPeople>>[number];

  /** Whether the actor sees this person's week at all (a week is the person's whole time). */
  function sees(actor: Actor, scope: Scope, userId: number, time: PersonTime): boolean {
    if (!scope || userId === actor.userId) return true;
    if (scope.userIds.includes(userId)) return true;
    return time.projectIds.length > 0 && time.projectIds.every((p) => scope.projectIds.includes(p));
  }

  /** Administrators; managers for their people, or for a week spent only on their projects. */
  function mayApprove(actor: Actor, scope: Scope, userId: number, time: PersonTime): boolean {
    if (isAdministrator(actor)) return true;
    if (actor.accessLevel !== 'manager' || !scope || userId === actor.userId) return false;
    return sees(actor, scope, userId, time);
  }

  function assertWeekStart(actor: Actor, weekStart: string) {
    if (weekStartOf(weekStart, actor.settings.weekStartDay) !== weekStart) {
      throw invalid(APPROVAL_ERRORS.notWeekStart, {
        date: weekStart,
        weekStartDay: actor.settings.weekStartDay,
      });
    }
  }

  function view(
    actor: Actor,
    person: Person,
    weekStart: string,
    row: WeekRow | undefined,
    time: PersonTime,
    approver: boolean,
  ): WeekView {
    const days = daysOfWeek(weekStart);
    const now = clock.now();
    // Locked when any of its days is (a lock date may fall mid-week).
    const lock = periodLock(
      days[0] as string,
      lockSettingsOf(actor),
      localDate(now, actor.settings.timezone),
      now.getTime(),
      row?.unlocked_until ?? null,
    );
    const { warnings, missingDays } = weekWarnings({
      days,
      secondsByDay: time.secondsByDay,
      capacitySeconds: person.weekly_capacity,
      timerRunning: time.timerRunning,
    });
    return {
      userId: person.id,
      person: { id: person.id, firstName: person.first_name, lastName: person.last_name },
      weekStart,
      weekEnd: days[6] as string,
      status: (row?.status ?? 'unsubmitted') as ApprovalStatus,
      submittedAt: isoInstant(row?.submitted_at ?? null),
      submittedBy: row?.submitted_by ?? null,
      decidedAt: isoInstant(row?.decided_at ?? null),
      decidedBy: row?.decided_by ?? null,
      rejectionReason: row?.rejection_reason ?? null,
      periodLock: lock,
      unlockedUntil:
        row?.unlocked_until != null && row.unlocked_until > now.getTime()
          ? isoInstant(row.unlocked_until)
          : null,
      seconds: time.seconds,
      billableSeconds: time.billableSeconds,
      capacitySeconds: person.weekly_capacity,
      days: days.map((date) => ({ date, seconds: time.secondsByDay.get(date) ?? 0 })),
      timerRunning: time.timerRunning,
      warnings,
      missingDays,
      mayApprove: approver,
    };
  }

  async function personOf(tx: Kysely<Database>, actor: Actor, userId: number): Promise<Person> {
    const [person] = await findPeople(tx, actor.accountId, [userId]);
    if (!person) throw notFound('person');
    return person;
  }

  /** A week read for showing: the person, their time, whether the actor may see and decide it. */
  async function readWeek(
    tx: Kysely<Database>,
    actor: Actor,
    scope: Scope,
    person: Person,
    weekStart: string,
    row: WeekRow | undefined,
  ) {
    const time = await timeEntries.timeOfPerson(
      tx,
      actor,
      person.id,
      weekStart,
      addDays(weekStart, 6),
    );
    return {
      time,
      visible: sees(actor, scope, person.id, time),
      approver: mayApprove(actor, scope, person.id, time),
      view: (r: WeekRow | undefined = row) =>
        view(actor, person, weekStart, r, time, mayApprove(actor, scope, person.id, time)),
    };
  }

  return {
    async weeksOf(actor, query) {
      const userId = query.userId ?? actor.userId;
      const scope = await timeEntries.visibleScope(actor);
      // Another person's weeks: administrators, and managers for their people (a manager of
      // projects only decides weeks through the queue, which shows just those weeks).
      if (userId !== actor.userId && scope && !scope.userIds.includes(userId)) {
        throw notFound('person');
      }
      const person = await personOf(db, actor, userId);
      const today = localDate(clock.now(), actor.settings.timezone);
      const weekStartDay = actor.settings.weekStartDay;
      const last = weekStartOf(query.to ?? today, weekStartDay);
      const first = weekStartOf(
        query.from ?? addDays(last, -7 * (DEFAULT_WEEKS_BACK - 1)),
        weekStartDay,
      );
      const starts: string[] = [];
      for (let w = last; w >= first && starts.length < MAX_WEEKS; w = addDays(w, -7))
        starts.push(w);
      const rows = new Map(
        (await findWeeks(db, actor.accountId, userId, starts)).map((r) => [r.week_start, r]),
      );
      const views: WeekView[] = [];
      for (const start of starts) {
        views.push((await readWeek(db, actor, scope, person, start, rows.get(start))).view());
      }
      return views;
    },

    async queue(actor, query) {
      if (!isAdministrator(actor) && actor.accessLevel !== 'manager') {
        throw forbidden(COMMON_ERRORS.approversOnly, { what: 'approve' });
      }
      const scope = await timeEntries.visibleScope(actor);
      const rows = await listWeeks(
        db,
        actor.accountId,
        {
          statuses: [query.status ?? 'submitted'],
          userIds: query.userId === undefined ? undefined : [query.userId],
          from: query.from,
          to: query.to,
        },
        QUEUE_LIMIT,
      );
      const people = new Map(
        (
          await findPeople(
            db,
            actor.accountId,
            rows.map((r) => r.user_id),
          )
        ).map((p) => [p.id, p]),
      );
      const views: WeekView[] = [];
      for (const row of rows) {
        const person = people.get(row.user_id);
        if (!person) continue;
        const week = await readWeek(db, actor, scope, person, row.week_start, row);
        if (week.approver) views.push(week.view());
      }
      return views;
    },

    async act(actor, action, weeks, reason) {
      if (weeks.length === 0) throw invalid(APPROVAL_ERRORS.weeksRequired);
      if (weeks.length > MAX_WEEKS) {
        throw invalid(APPROVAL_ERRORS.tooManyWeeks, { max: MAX_WEEKS });
      }
      const keys = weeks.map((w) => `${w.userId}:${w.weekStart}`);
      if (new Set(keys).size !== keys.length) {
        throw invalid(APPROVAL_ERRORS.weekNamedTwice);
      }
      for (const week of weeks) assertWeekStart(actor, week.weekStart);
      const why = action === 'reject' ? rejectionReason(reason) : null;
      if (action === 'reject' && why === null) {
        throw invalid(APPROVAL_ERRORS.reasonRequired);
      }
      const scope = await timeEntries.visibleScope(actor);
      // People in a fixed order, so that two bulk requests never wait on each other in a circle.
      const ordered = [...weeks].sort(
        (a, b) => a.userId - b.userId || a.weekStart.localeCompare(b.weekStart),
      );
      const nowMs = clock.now().getTime();
      const today = localDate(clock.now(), actor.settings.timezone);
      return db.transaction().execute(async (tx) => {
        const results = new Map<string, WeekView>();
        const refusals: Refusal[] = [];
        for (const ref of ordered) {
          await lockPersonWeeks(tx, ref.userId);
          const person = await personOf(tx, actor, ref.userId);
          const row = await findWeek(tx, actor.accountId, ref.userId, ref.weekStart);
          const week = await readWeek(tx, actor, scope, person, ref.weekStart, row);
          if (!week.visible) throw notFound('person');
          const lastDay = addDays(ref.weekStart, 6);
          const verdict = weekTransition(
            action,
            {
              status: (row?.status ?? 'unsubmitted') as ApprovalStatus,
              approvalsEnabled: actor.settings.approvalsEnabled,
              timerRunning: week.time.timerRunning,
              periodLocked:
                periodLock(lastDay, lockSettingsOf(actor), today, nowMs, row?.unlocked_until) !==
                null,
            },
            {
              isOwner: ref.userId === actor.userId,
              isAdministrator: isAdministrator(actor),
              mayApprove: week.approver,
            },
          );
          if (!verdict.allowed) {
            const who = `${person.first_name} ${person.last_name}`.trim();
            refusals.push(
              refusal(
                verdict.code,
                weeks.length === 1
                  ? verdict.params
                  : { ...verdict.params, person: who, weekStart: ref.weekStart },
              ),
            );
            continue;
          }
          const saved = await saveWeek(tx, row, {
            account_id: actor.accountId,
            user_id: ref.userId,
            week_start: ref.weekStart,
            status: verdict.status,
            submitted_at: action === 'submit' ? nowMs : (row?.submitted_at ?? null),
            submitted_by: action === 'submit' ? actor.userId : (row?.submitted_by ?? null),
            decided_at:
              action === 'approve' || action === 'reject' || action === 'reopen'
                ? nowMs
                : action === 'submit'
                  ? null
                  : (row?.decided_at ?? null),
            decided_by:
              action === 'approve' || action === 'reject' || action === 'reopen'
                ? actor.userId
                : action === 'submit'
                  ? null
                  : (row?.decided_by ?? null),
            rejection_reason: action === 'reject' ? why : null,
            unlocked_until: row?.unlocked_until ?? null,
            unlocked_by: row?.unlocked_by ?? null,
            updated_at: nowMs,
          });
          await timeEntries.setApprovalStatus(
            tx,
            actor,
            ref.userId,
            { from: ref.weekStart, to: lastDay },
            verdict.status,
          );
          await events.record(tx, eventActorOf(actor), {
            type: WEEK_EVENT[action],
            entityId: saved.id,
            userId: ref.userId,
            before: row ? weekSnapshot(row) : null,
            after: { ...weekSnapshot(saved), reason: why },
          });
          results.set(`${ref.userId}:${ref.weekStart}`, week.view(saved));
        }
        if (refusals.length > 0) {
          const [first] = refusals as [Refusal];
          const kind = refusals.every((r) => r.code === 'forbidden') ? 'forbidden' : 'invalid';
          throw new DomainError(kind, first.code, first.code, [], refusals);
        }
        // Figures after the change (entries' approval state moved with the week).
        return weeks.map((w) => results.get(`${w.userId}:${w.weekStart}`) as WeekView);
      });
    },

    async unlock(actor, ref, until) {
      if (!isAdministrator(actor)) {
        throw forbidden(COMMON_ERRORS.administratorsOnly, { what: 'unlock' });
      }
      assertWeekStart(actor, ref.weekStart);
      const nowMs = clock.now().getTime();
      if (until !== null && until.getTime() <= nowMs) {
        throw invalid(APPROVAL_ERRORS.untilNotFuture);
      }
      const scope = await timeEntries.visibleScope(actor);
      return db.transaction().execute(async (tx) => {
        await lockPersonWeeks(tx, ref.userId);
        const person = await personOf(tx, actor, ref.userId);
        const row = await findWeek(tx, actor.accountId, ref.userId, ref.weekStart);
        const saved = await saveWeek(tx, row, {
          account_id: actor.accountId,
          user_id: ref.userId,
          week_start: ref.weekStart,
          status: row?.status ?? 'unsubmitted',
          submitted_at: row?.submitted_at ?? null,
          submitted_by: row?.submitted_by ?? null,
          decided_at: row?.decided_at ?? null,
          decided_by: row?.decided_by ?? null,
          rejection_reason: row?.rejection_reason ?? null,
          unlocked_until: until === null ? null : until.getTime(),
          unlocked_by: until === null ? null : actor.userId,
          updated_at: nowMs,
        });
        await events.record(tx, eventActorOf(actor), {
          type: 'timesheet.unlocked',
          entityId: saved.id,
          userId: ref.userId,
          before: row ? weekSnapshot(row) : null,
          after: weekSnapshot(saved),
        });
        return (await readWeek(tx, actor, scope, person, ref.weekStart, saved)).view();
      });
    },
  };
}
