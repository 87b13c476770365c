import { eventActorOf, rowSnapshot, type EventType } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { localDate } from '../../../shared/dates.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, notFound, referenceNotFound } from '../../shared/domain-error.ts';
import { PROJECT_RATE_ERRORS } from './project-rates.errors.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { hasClaim, isAdministrator, type Actor } from '../auth/auth.rules.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { UsersService } from '../users/users.service.ts';
import {
  deleteProjectRate,
  insertProjectRate,
  listProjectRates,
  lockPersonForRates,
  updateProjectRate,
  type ProjectRateRow,
} from './project-rates.repository.ts';
import { overlappingRate, type RatePeriod } from './project-rates.rules.ts';

/** A rate as asked for, before the project IRI is looked up. Absent keys are left as they are. */
export interface ProjectRateRequest {
  project?: { segment: string; iri: string };
  position?: string;
  rateCents?: number;
  dateFrom?: string;
  dateTo?: string | null;
}

/** One of a person's rates on a project, over days. */
export interface ProjectRate {
  id: number;
  projectId: number;
  /** The role the person has on the project at that rate ("Developer"). */
  position: string;
  rateCents: number;
  /** The currency of the project's client. */
  currency: string;
  dateFrom: string;
  dateTo: string | null;
}

export interface ProjectRatesView {
  userId: number;
  rates: ProjectRate[];
}

const projectRateOf = (row: ProjectRateRow): ProjectRate => ({
  id: row.id,
  projectId: row.project_id,
  position: row.position,
  rateCents: row.rate_cents,
  currency: row.currency,
  dateFrom: row.date_from,
  dateTo: row.date_to,
});

export interface ProjectRatesService {
  getProjectRates(actor: Actor, userId: number): Promise<ProjectRatesView>;
  createProjectRate(
    actor: Actor,
    userId: number,
    request: ProjectRateRequest,
  ): Promise<ProjectRatesView & { id: number }>;
  updateProjectRate(
    actor: Actor,
    userId: number,
    rateId: number,
    request: ProjectRateRequest,
  ): Promise<ProjectRatesView>;
  deleteProjectRate(actor: Actor, userId: number, rateId: number): Promise<void>;
}

const period = (row: ProjectRateRow): RatePeriod => ({
  id: row.id,
  projectId: row.project_id,
  dateFrom: row.date_from,
  dateTo: row.date_to,
});

export function createProjectRatesService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  accounts: Pick<AccountsService, 'accountIn'>;
  projects: Pick<ProjectsService, 'bySegmentIn'>;
  users: Pick<UsersService, 'personIn'>;
}): ProjectRatesService {
  const { db, clock, events, accounts, projects, users } = deps;

  /** Rates are money: administrators and those who may read every billable rate see them. */
  function assertCanRead(actor: Actor): void {
    if (!isAdministrator(actor) && !hasClaim(actor, 'billable_rates:read:all')) {
      throw forbidden();
    }
  }

  function assertCanWrite(actor: Actor): void {
    if (!isAdministrator(actor)) throw forbidden();
  }

  async function loadPerson(tx: Kysely<Database>, actor: Actor, userId: number): Promise<void> {
    if (!(await users.personIn(tx, actor.accountId, userId))) throw notFound('employee');
  }

  /** The project a rate names: it must exist (400, as an unresolvable IRI) and be active. */
  async function projectOf(
    tx: Kysely<Database>,
    actor: Actor,
    project: NonNullable<ProjectRateRequest['project']>,
  ): Promise<number> {
    const found = await projects.bySegmentIn(tx, actor.accountId, project.segment);
    if (!found) throw referenceNotFound(project.iri);
    if (found.is_active !== 1) {
      throw invalid(PROJECT_RATE_ERRORS.projectInactive);
    }
    return found.id;
  }

  function assertConsistent(candidate: RatePeriod, existing: ProjectRateRow[]): void {
    if (candidate.dateTo !== null && candidate.dateTo < candidate.dateFrom) {
      throw invalid(PROJECT_RATE_ERRORS.endsBeforeStart);
    }
    const clash = overlappingRate(candidate, existing.map(period));
    if (clash) {
      throw invalid(PROJECT_RATE_ERRORS.periodOverlaps, {
        from: clash.dateFrom,
        to: clash.dateTo ?? '',
      });
    }
  }

  async function today(tx: Kysely<Database>, accountId: number): Promise<string> {
    const account = await accounts.accountIn(tx, accountId);
    return localDate(clock.now(), account?.timezone ?? 'UTC');
  }

  /**
   * A per-project rate's change as an event on its person and project. The amount stays out, as
   * every rate's does: events reach people who may not see rates (§2.5).
   */
  async function rateEvent(
    tx: Kysely<Database>,
    actor: Actor,
    type: EventType,
    before: ProjectRateRow | null | undefined,
    after: ProjectRateRow | null | undefined,
  ) {
    const row = after ?? before;
    if (!row) return;
    const snapshot = (r: ProjectRateRow | null | undefined) =>
      r ? rowSnapshot(r, ['rate_cents', 'currency']) : null;
    await events.record(tx, eventActorOf(actor), {
      type,
      entityId: row.id,
      userId: row.user_id,
      projectId: row.project_id,
      before: snapshot(before),
      after: snapshot(after),
    });
  }

  return {
    async getProjectRates(actor, userId) {
      assertCanRead(actor);
      await loadPerson(db, actor, userId);
      return { userId, rates: (await listProjectRates(db, userId)).map(projectRateOf) };
    },

    async createProjectRate(actor, userId, request) {
      assertCanWrite(actor);
      return db.transaction().execute(async (tx) => {
        await loadPerson(tx, actor, userId);
        await lockPersonForRates(tx, userId);
        if (!request.project || request.rateCents === undefined) {
          // decodeProjectRate reports these on POST; this guards other callers.
          const field = request.project ? 'ratePerHour' : 'project';
          throw invalid(PROJECT_RATE_ERRORS.fieldRequired, { field });
        }
        const projectId = await projectOf(tx, actor, request.project);
        const candidate: RatePeriod = {
          id: 0,
          projectId,
          dateFrom: request.dateFrom ?? (await today(tx, actor.accountId)),
          dateTo: request.dateTo ?? null,
        };
        const existing = await listProjectRates(tx, userId);
        assertConsistent(candidate, existing);
        const id = await insertProjectRate(tx, {
          user_id: userId,
          project_id: projectId,
          position: request.position ?? '',
          rate_cents: request.rateCents,
          date_from: candidate.dateFrom,
          date_to: candidate.dateTo,
          at: clock.now().getTime(),
        });
        const rates = await listProjectRates(tx, userId);
        await rateEvent(
          tx,
          actor,
          'project_rate.created',
          null,
          rates.find((r) => r.id === id),
        );
        return { userId, id, rates: rates.map(projectRateOf) };
      });
    },

    async updateProjectRate(actor, userId, rateId, request) {
      assertCanWrite(actor);
      return db.transaction().execute(async (tx) => {
        await loadPerson(tx, actor, userId);
        await lockPersonForRates(tx, userId);
        const existing = await listProjectRates(tx, userId);
        const current = existing.find((r) => r.id === rateId);
        if (!current) throw notFound('project_rate');
        const projectId = request.project
          ? await projectOf(tx, actor, request.project)
          : current.project_id;
        const candidate: RatePeriod = {
          id: rateId,
          projectId,
          dateFrom: request.dateFrom ?? current.date_from,
          dateTo: request.dateTo === undefined ? current.date_to : request.dateTo,
        };
        assertConsistent(candidate, existing);
        await updateProjectRate(tx, rateId, {
          project_id: projectId,
          position: request.position,
          rate_cents: request.rateCents,
          date_from: candidate.dateFrom,
          date_to: candidate.dateTo,
          updated_at: clock.now().getTime(),
        });
        const rates = await listProjectRates(tx, userId);
        const after = rates.find((r) => r.id === rateId);
        await rateEvent(tx, actor, 'project_rate.updated', current, after);
        return { userId, rates: rates.map(projectRateOf) };
      });
    },

    async deleteProjectRate(actor, userId, rateId) {
      assertCanWrite(actor);
      await db.transaction().execute(async (tx) => {
        await loadPerson(tx, actor, userId);
        const existing = await listProjectRates(tx, userId);
        const gone = existing.find((r) => r.id === rateId);
        if (!gone) throw notFound('project_rate');
        await deleteProjectRate(tx, rateId);
        await rateEvent(tx, actor, 'project_rate.deleted', gone, null);
      });
    },
  };
}
