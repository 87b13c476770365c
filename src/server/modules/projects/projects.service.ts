import type { Kysely } from 'kysely';
import type { Database, ProjectsTable } from '../../db/database-types.ts';
import { transactionOr } from '../../db/errors.ts';
import type { Page } from '../../db/paginate.ts';
import type { Updateable } from 'kysely';
import { toBit } from '../../shared/bits.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, invalidAll, notFound } from '../../shared/domain-error.ts';
import { PROJECT_ERRORS } from './projects.errors.ts';
import { amountFromInput } from '../../shared/money.ts';
import type { PageRequest } from '../../shared/pagination.ts';
import type { AssignmentsService } from '../assignments/assignments.service.ts';
import { hasClaim, isAdministrator, type Actor } from '../auth/auth.rules.ts';
import type { ClientsService } from '../clients/clients.service.ts';
import type { TimeEntriesService } from '../time-entries/time-entries.service.ts';
import { eventActorOf, rowSnapshot } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import {
  findManagedProjectIds,
  findProjectBySegment,
  findProjectByName,
  insertProject,
  listProjects,
  updateProject,
  type ProjectFilters,
  type ProjectWithClient,
} from './projects.repository.ts';
import { projectProblems } from './projects.rules.ts';
import { projectOf, type Project } from './project.rules.ts';
import { createProjectsDirectory, type ProjectsDirectory } from './projects-directory.service.ts';
import { maySetRates } from '../users/users.rules.ts';
import { TIME_ENTRY_ERRORS } from '../time-entries/time-entries.errors.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';

/**
 * A new project of a client. Money (rate, fee, cost budget) is in the client's currency; the
 * budget is hours or money as `budgetBy` says.
 */
export interface CreateProject {
  clientId: number;
  name: string;
  code?: string | null;
  isActive?: boolean;
  isBillable?: boolean;
  isFixedFee?: boolean;
  billBy?: string;
  hourlyRate?: number | null;
  budget?: number | null;
  budgetBy?: string;
  budgetIsMonthly?: boolean;
  notifyWhenOverBudget?: boolean;
  overBudgetNotificationPercentage?: number;
  showBudgetToAll?: boolean;
  costBudget?: number | null;
  costBudgetIncludeExpenses?: boolean;
  fee?: number | null;
  notes?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
}

/** Changes to a project: a field left out stays as it is. */
export type UpdateProject = Partial<CreateProject>;

export interface ProjectsService extends Pick<
  ProjectsDirectory,
  'existsIn' | 'managedProjectIdsIn' | 'bySegmentIn' | 'loadManageable'
> {
  listProjects(actor: Actor, filters: ProjectFilters, page: PageRequest): Promise<Page<Project>>;
  getProject(actor: Actor, id: number): Promise<Project>;
  /** Flowtly's project IRIs: `12`, `prj_12`, the project's code or the slug of its name. */
  getProjectBySegment(actor: Actor, segment: string): Promise<Project>;
  /**
   * The account's project a Flowtly IRI segment names, if any: resolving a reference, not
   * reading the project (no permission asked; the caller's own rules apply to what it sets).
   */
  projectIdBySegment(actor: Actor, segment: string): Promise<number | null>;
  createProject(actor: Actor, command: CreateProject): Promise<Project>;
  updateProject(actor: Actor, id: number, command: UpdateProject): Promise<Project>;
  deleteProject(actor: Actor, id: number): Promise<Project>;
}

export function createProjectsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  /** The owner of time entries: a deleted project's time is deleted through it. */
  timeEntries: Pick<
    TimeEntriesService,
    'deleteEntriesOfProject' | 'hasRunningTimers' | 'hasTrackedTime'
  >;
  events: EventsService;
  clients: Pick<ClientsService, 'clientIn'>;
  assignments: Pick<AssignmentsService, 'assignNewProjectIn' | 'removeAllOfProjectIn'>;
}): ProjectsService {
  const { db, clock, timeEntries, events, clients, assignments } = deps;
  const directory = createProjectsDirectory();

  /**
   * A project's change as an event. Its money (rate, fee, cost budget) stays out: events reach
   * managers who may not see rates (§2.5), and a reader that may can read the project.
   */
  function projectEventIn(
    tx: Kysely<Database>,
    actor: Actor,
    type: 'project.created' | 'project.updated' | 'project.deleted',
    before: ProjectWithClient | null,
    after: ProjectWithClient | null,
  ) {
    const omit = [
      'client_name',
      'client_currency',
      'client_is_active',
      'hourly_rate_cents',
      'fee_cents',
      'cost_budget_cents',
    ];
    const project = (after ?? before) as ProjectWithClient;
    return events.record(tx, eventActorOf(actor), {
      type,
      entityId: project.id,
      projectId: project.id,
      before: before && rowSnapshot(before, omit),
      after: after && rowSnapshot(after, omit),
    });
  }

  const { load, managedBy, loadManageable } = directory;

  const inTransaction = <T>(work: (tx: Kysely<Database>) => Promise<T>): Promise<T> =>
    transactionOr(db, () => invalid(PROJECT_ERRORS.nameTaken), work);

  function changesFrom(command: UpdateProject): Updateable<ProjectsTable> {
    return {
      name: command.name?.trim(),
      code: command.code === undefined ? undefined : command.code?.trim() || null,
      is_active: toBit(command.isActive),
      is_billable: toBit(command.isBillable),
      is_fixed_fee: toBit(command.isFixedFee),
      bill_by: command.billBy,
      hourly_rate_cents: amountFromInput(command.hourlyRate, 'hourlyRate'),
      budget_hundredths: amountFromInput(command.budget, 'budget'),
      budget_by: command.budgetBy,
      budget_is_monthly: toBit(command.budgetIsMonthly),
      notify_when_over_budget: toBit(command.notifyWhenOverBudget),
      over_budget_notification_percentage: command.overBudgetNotificationPercentage,
      show_budget_to_all: toBit(command.showBudgetToAll),
      cost_budget_cents: amountFromInput(command.costBudget, 'costBudget'),
      cost_budget_include_expenses: toBit(command.costBudgetIncludeExpenses),
      fee_cents: amountFromInput(command.fee, 'fee'),
      notes: command.notes,
      starts_on: command.startsOn,
      ends_on: command.endsOn,
    };
  }

  function check(merged: {
    starts_on: string | null;
    ends_on: string | null;
    is_fixed_fee: number;
    fee_cents: number | null;
  }) {
    const problems = projectProblems({
      starts_on: merged.starts_on,
      ends_on: merged.ends_on,
      is_fixed_fee: merged.is_fixed_fee === 1,
      fee: merged.fee_cents,
    });
    if (problems.length > 0) throw invalidAll(PROJECT_ERRORS.invalidTerms, problems);
  }

  async function assertClient(tx: Kysely<Database>, actor: Actor, clientId: number) {
    if (!(await clients.clientIn(tx, actor.accountId, clientId)))
      throw invalid(PROJECT_ERRORS.clientNotFound);
  }

  async function assertUniqueName(
    tx: Kysely<Database>,
    clientId: number,
    name: string,
    self?: number,
  ) {
    const clash = await findProjectByName(tx, clientId, name);
    if (clash && clash.id !== self) throw invalid(PROJECT_ERRORS.nameTaken);
  }

  return {
    loadManageable,

    async listProjects(actor, filters, page) {
      let onlyIds: number[] | undefined;
      if (!isAdministrator(actor)) {
        if (actor.accessLevel !== 'manager') throw forbidden();
        onlyIds = await findManagedProjectIds(db, actor.userId);
      }
      const result = await listProjects(db, actor.accountId, { ...filters, onlyIds }, page);
      return { ...result, rows: result.rows.map((row) => projectOf(row, actor)) };
    },

    async getProject(actor, id) {
      const project = await load(db, actor, id);
      if (!(await managedBy(db, actor, id))) throw forbidden();
      return projectOf(project, actor);
    },

    existsIn: directory.existsIn,
    managedProjectIdsIn: directory.managedProjectIdsIn,
    bySegmentIn: directory.bySegmentIn,

    async projectIdBySegment(actor, segment) {
      return (await findProjectBySegment(db, actor.accountId, segment))?.id ?? null;
    },

    async getProjectBySegment(actor, segment) {
      const found = await findProjectBySegment(db, actor.accountId, segment);
      if (!found) throw notFound('project');
      return this.getProject(actor, found.id);
    },

    async createProject(actor, command) {
      if (!isAdministrator(actor) && !hasClaim(actor, 'projects:write:managed')) throw forbidden();
      if (!maySetRates(actor, [command.hourlyRate, command.costBudget, command.fee])) {
        throw forbidden(COMMON_ERRORS.ratesForbidden);
      }
      const name = command.name.trim();
      if (name === '') throw invalid(PROJECT_ERRORS.nameBlank);
      const changes = changesFrom(command);
      return inTransaction(async (tx) => {
        await assertClient(tx, actor, command.clientId);
        await assertUniqueName(tx, command.clientId, name);
        const at = clock.now().getTime();
        const values = {
          account_id: actor.accountId,
          client_id: command.clientId,
          name,
          code: changes.code ?? null,
          is_active: changes.is_active ?? 1,
          is_billable: changes.is_billable ?? 1,
          is_fixed_fee: changes.is_fixed_fee ?? 0,
          bill_by: command.billBy ?? 'none',
          hourly_rate_cents: changes.hourly_rate_cents ?? null,
          budget_hundredths: changes.budget_hundredths ?? null,
          budget_by: command.budgetBy ?? 'none',
          budget_is_monthly: changes.budget_is_monthly ?? 0,
          notify_when_over_budget: changes.notify_when_over_budget ?? 0,
          over_budget_notification_percentage: command.overBudgetNotificationPercentage ?? 80,
          over_budget_notification_date: null,
          show_budget_to_all: changes.show_budget_to_all ?? 0,
          cost_budget_cents: changes.cost_budget_cents ?? null,
          cost_budget_include_expenses: changes.cost_budget_include_expenses ?? 0,
          fee_cents: changes.fee_cents ?? null,
          notes: command.notes ?? null,
          starts_on: command.startsOn ?? null,
          ends_on: command.endsOn ?? null,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        } as const;
        check(values);
        const project = await insertProject(tx, values);

        const created = await load(tx, actor, project.id);
        await projectEventIn(tx, actor, 'project.created', null, created);
        // Its first assignments are the assignments module's to make, each an event of its own.
        await assignments.assignNewProjectIn(tx, actor, project.id);
        return projectOf(created, actor);
      });
    },

    async updateProject(actor, id, command) {
      if (!maySetRates(actor, [command.hourlyRate, command.costBudget, command.fee])) {
        throw forbidden(COMMON_ERRORS.ratesForbidden);
      }
      const name = command.name?.trim();
      if (name === '') throw invalid(PROJECT_ERRORS.nameBlank);
      const changes = changesFrom(command);
      return inTransaction(async (tx) => {
        const project = await loadManageable(tx, actor, id);
        if (
          command.isActive === false &&
          (await timeEntries.hasRunningTimers(tx, { projectId: id }))
        ) {
          throw invalid(TIME_ENTRY_ERRORS.timerRunning, { while: 'archiving_project' });
        }
        const clientId = command.clientId ?? project.client_id;
        if (command.clientId !== undefined) await assertClient(tx, actor, clientId);
        if (name !== undefined || command.clientId !== undefined) {
          await assertUniqueName(tx, clientId, name ?? project.name, id);
        }
        check({
          starts_on: changes.starts_on === undefined ? project.starts_on : changes.starts_on,
          ends_on: changes.ends_on === undefined ? project.ends_on : changes.ends_on,
          is_fixed_fee: (changes.is_fixed_fee as number | undefined) ?? project.is_fixed_fee,
          fee_cents: changes.fee_cents === undefined ? project.fee_cents : changes.fee_cents,
        });
        await updateProject(tx, id, {
          ...changes,
          client_id: command.clientId,
          updated_at: clock.now().getTime(),
        });
        const updated = await load(tx, actor, id);
        await projectEventIn(tx, actor, 'project.updated', project, updated);
        return projectOf(updated, actor);
      });
    },

    async deleteProject(actor, id) {
      return db.transaction().execute(async (tx) => {
        const project = await loadManageable(tx, actor, id);
        const at = clock.now().getTime();
        // Harvest erases the project's time; Punch keeps project and time as deleted instead.
        await assignments.removeAllOfProjectIn(tx, id);
        await timeEntries.deleteEntriesOfProject(tx, actor, id);
        await updateProject(tx, id, { deleted_at: at, updated_at: at });
        await projectEventIn(tx, actor, 'project.deleted', project, null);
        return projectOf(project, actor);
      });
    },
  };
}
