import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { transactionOr } from '../../db/errors.ts';
import { eventActorOf, rowSnapshot, type EventType } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import type { TimeEntriesService } from '../time-entries/time-entries.service.ts';
import type { Page } from '../../db/paginate.ts';
import { toBit } from '../../shared/bits.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, notFound } from '../../shared/domain-error.ts';
import { ASSIGNMENT_ERRORS } from './assignments.errors.ts';
import {
  projectAssignmentsOf,
  taskAssignmentOf,
  userAssignmentOf,
  type ProjectAssignment,
  type TaskAssignment,
  type UserAssignment,
} from './assignment.rules.ts';
import { amountFromInput } from '../../shared/money.ts';
import type { PageRequest } from '../../shared/pagination.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import { isProjectManagerByDefault } from '../projects/projects.rules.ts';
import type { ProjectsDirectory } from '../projects/projects-directory.service.ts';
import type { TasksService } from '../tasks/tasks.service.ts';
import type { UsersDirectory } from '../users/users-directory.service.ts';
import {
  deleteAssignmentsOfProject,
  deleteTaskAssignment,
  deleteUserAssignment,
  findFutureProjectPeople,
  findProjectAssignments,
  findTaskAssignment,
  findTaskAssignmentOf,
  findUserAssignment,
  findUserAssignmentOf,
  insertTaskAssignment,
  insertUserAssignment,
  listTaskAssignments,
  listUserAssignments,
  updateTaskAssignment,
  updateUserAssignment,
  type AssignmentFilters,
} from './assignments.repository.ts';
import { maySetRates } from '../users/users.rules.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';

/** A person put on a project. Left out: active, manager by their access level, default rates. */
export interface CreateUserAssignment {
  userId: number;
  isActive?: boolean;
  isProjectManager?: boolean;
  useDefaultRates?: boolean;
  hourlyRate?: number | null;
  budget?: number | null;
}

/** Changes to a person's assignment: a field left out stays as it is. */
export type UpdateUserAssignment = Partial<Omit<CreateUserAssignment, 'userId'>>;

/** A task put on a project. Left out: active, not billable. */
export interface CreateTaskAssignment {
  taskId: number;
  isActive?: boolean;
  billable?: boolean;
  hourlyRate?: number | null;
  budget?: number | null;
}

/** Changes to a task's assignment: a field left out stays as it is. */
export type UpdateTaskAssignment = Partial<Omit<CreateTaskAssignment, 'taskId'>>;

export interface AssignmentsService {
  listUserAssignments(
    actor: Actor,
    filters: AssignmentFilters,
    page: PageRequest,
  ): Promise<Page<UserAssignment>>;
  getUserAssignment(actor: Actor, projectId: number, id: number): Promise<UserAssignment>;
  createUserAssignment(
    actor: Actor,
    projectId: number,
    command: CreateUserAssignment,
  ): Promise<UserAssignment>;
  updateUserAssignment(
    actor: Actor,
    projectId: number,
    id: number,
    command: UpdateUserAssignment,
  ): Promise<UserAssignment>;
  deleteUserAssignment(actor: Actor, projectId: number, id: number): Promise<UserAssignment>;
  listTaskAssignments(
    actor: Actor,
    filters: AssignmentFilters,
    page: PageRequest,
  ): Promise<Page<TaskAssignment>>;
  getTaskAssignment(actor: Actor, projectId: number, id: number): Promise<TaskAssignment>;
  createTaskAssignment(
    actor: Actor,
    projectId: number,
    command: CreateTaskAssignment,
  ): Promise<TaskAssignment>;
  updateTaskAssignment(
    actor: Actor,
    projectId: number,
    id: number,
    command: UpdateTaskAssignment,
  ): Promise<TaskAssignment>;
  deleteTaskAssignment(actor: Actor, projectId: number, id: number): Promise<TaskAssignment>;
  listProjectAssignments(
    actor: Actor,
    userId: number,
    page: PageRequest,
  ): Promise<Page<ProjectAssignment>>;
  /**
   * A new project's first assignments, in the project's unit of work: the account's default
   * tasks, the people who join every future project, and a manager who creates a project (or
   * they could not see it afterwards). Each is recorded as created.
   */
  assignNewProjectIn(tx: Kysely<Database>, actor: Actor, projectId: number): Promise<void>;
  /** A deleted project's assignments go with it, in the project's unit of work. */
  removeAllOfProjectIn(tx: Kysely<Database>, projectId: number): Promise<void>;
}

export function createAssignmentsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  projects: Pick<ProjectsDirectory, 'loadManageable' | 'managedProjectIdsIn'>;
  events: EventsService;
  /** The owner of time entries: whether time or a running timer stands in the way. */
  timeEntries: Pick<TimeEntriesService, 'hasRunningTimers' | 'hasTrackedTime'>;
  users: Pick<UsersDirectory, 'personIn' | 'teammateIdsIn'>;
  tasks: Pick<TasksService, 'taskIn' | 'defaultTasksIn'>;
}): AssignmentsService {
  const { db, clock, projects, events, timeEntries, users, tasks } = deps;

  /**
   * An assignment's change as an event, on its project (and person). Its rate stays out, as a
   * project's does: events reach managers who may not see rates (§2.5).
   */
  function assignmentEvent(
    tx: Kysely<Database>,
    actor: Actor,
    type: EventType,
    before: { id: number; project_id: number; user_id?: number } | null,
    after: { id: number; project_id: number; user_id?: number } | null,
  ) {
    const row = (after ?? before) as { id: number; project_id: number; user_id?: number };
    return events.record(tx, eventActorOf(actor), {
      type,
      entityId: row.id,
      projectId: row.project_id,
      userId: row.user_id ?? null,
      before: before && rowSnapshot(before, ['hourly_rate_cents']),
      after: after && rowSnapshot(after, ['hourly_rate_cents']),
    });
  }

  /** Administrators see every project's assignments; managers those of projects they manage. */
  async function scope(
    actor: Actor,
    filters: AssignmentFilters,
  ): Promise<AssignmentFilters & { projectIds?: number[] }> {
    if (filters.projectId !== undefined) {
      // 404 for a project outside the account, 403 for one the actor does not manage.
      await projects.loadManageable(db, actor, filters.projectId);
      return filters;
    }
    if (isAdministrator(actor)) return filters;
    if (actor.accessLevel !== 'manager') throw forbidden();
    return { ...filters, projectIds: await projects.managedProjectIdsIn(db, actor.userId) };
  }

  async function userAssignment(tx: Kysely<Database>, actor: Actor, projectId: number, id: number) {
    const row = await findUserAssignment(tx, actor.accountId, projectId, id);
    if (!row) throw notFound('user_assignment');
    return row;
  }

  async function taskAssignment(tx: Kysely<Database>, actor: Actor, projectId: number, id: number) {
    const row = await findTaskAssignment(tx, actor.accountId, projectId, id);
    if (!row) throw notFound('task_assignment');
    return row;
  }

  const once = <T>(what: 'user' | 'task', work: (tx: Kysely<Database>) => Promise<T>): Promise<T> =>
    transactionOr(db, () => invalid(ASSIGNMENT_ERRORS.alreadyAssigned, { what }), work);

  return {
    async assignNewProjectIn(tx, actor, projectId) {
      const at = clock.now().getTime();
      const made: {
        type: 'task_assignment.created' | 'user_assignment.created';
        row: { id: number; user_id?: number };
      }[] = [];
      for (const task of await tasks.defaultTasksIn(tx, actor.accountId)) {
        const row = await insertTaskAssignment(tx, {
          account_id: actor.accountId,
          project_id: projectId,
          task_id: task.id,
          is_active: 1,
          billable: task.billable_by_default,
          hourly_rate_cents: task.default_hourly_rate_cents,
          budget_hundredths: null,
          created_at: at,
          updated_at: at,
        });
        made.push({ type: 'task_assignment.created', row });
      }
      const joining = (await findFutureProjectPeople(tx, actor.accountId)).map((person) => ({
        id: person.id,
        manages: isProjectManagerByDefault(person.access_level),
      }));
      // A manager who creates a project manages it, or they could not see it afterwards.
      if (!isAdministrator(actor) && !joining.some((person) => person.id === actor.userId)) {
        joining.push({ id: actor.userId, manages: true });
      }
      for (const person of joining) {
        const row = await insertUserAssignment(tx, {
          account_id: actor.accountId,
          project_id: projectId,
          user_id: person.id,
          is_active: 1,
          is_project_manager: person.manages ? 1 : 0,
          use_default_rates: 1,
          hourly_rate_cents: null,
          budget_hundredths: null,
          created_at: at,
          updated_at: at,
        });
        made.push({ type: 'user_assignment.created', row });
      }
      await events.record(
        tx,
        eventActorOf(actor),
        ...made.map(({ type, row }) => ({
          type,
          entityId: row.id,
          projectId,
          userId: row.user_id ?? null,
          before: null,
          after: rowSnapshot(row, ['hourly_rate_cents']),
        })),
      );
    },

    removeAllOfProjectIn: (tx, projectId) => deleteAssignmentsOfProject(tx, projectId),

    async listUserAssignments(actor, filters, page) {
      const scoped = await scope(actor, filters);
      const result = await listUserAssignments(db, actor.accountId, scoped, page);
      return { ...result, rows: result.rows.map((row) => userAssignmentOf(row, actor)) };
    },

    async getUserAssignment(actor, projectId, id) {
      await projects.loadManageable(db, actor, projectId);
      return userAssignmentOf(await userAssignment(db, actor, projectId, id), actor);
    },

    async createUserAssignment(actor, projectId, command) {
      if (!maySetRates(actor, [command.hourlyRate])) throw forbidden(COMMON_ERRORS.ratesForbidden);
      const rate = amountFromInput(command.hourlyRate, 'hourlyRate');
      const budget = amountFromInput(command.budget, 'budget');
      return once('user', async (tx) => {
        await projects.loadManageable(tx, actor, projectId);
        const user = await users.personIn(tx, actor.accountId, command.userId);
        if (!user) throw invalid(ASSIGNMENT_ERRORS.personNotFound);
        if (await findUserAssignmentOf(tx, projectId, user.id))
          throw invalid(ASSIGNMENT_ERRORS.alreadyAssigned, { what: 'user' });
        const at = clock.now().getTime();
        const row = await insertUserAssignment(tx, {
          account_id: actor.accountId,
          project_id: projectId,
          user_id: user.id,
          is_active: command.isActive === false ? 0 : 1,
          is_project_manager:
            command.isProjectManager === undefined
              ? isProjectManagerByDefault(user.access_level)
                ? 1
                : 0
              : command.isProjectManager
                ? 1
                : 0,
          use_default_rates: command.useDefaultRates === false ? 0 : 1,
          hourly_rate_cents: rate ?? null,
          budget_hundredths: budget ?? null,
          created_at: at,
          updated_at: at,
        });
        const created = await userAssignment(tx, actor, projectId, row.id);
        await assignmentEvent(tx, actor, 'user_assignment.created', null, created);
        return userAssignmentOf(created, actor);
      });
    },

    async updateUserAssignment(actor, projectId, id, command) {
      if (!maySetRates(actor, [command.hourlyRate])) throw forbidden(COMMON_ERRORS.ratesForbidden);
      const rate = amountFromInput(command.hourlyRate, 'hourlyRate');
      const budget = amountFromInput(command.budget, 'budget');
      return db.transaction().execute(async (tx) => {
        await projects.loadManageable(tx, actor, projectId);
        const before = await userAssignment(tx, actor, projectId, id);
        await updateUserAssignment(tx, id, {
          is_active: toBit(command.isActive),
          is_project_manager: toBit(command.isProjectManager),
          use_default_rates: toBit(command.useDefaultRates),
          hourly_rate_cents: rate,
          budget_hundredths: budget,
          updated_at: clock.now().getTime(),
        });
        const after = await userAssignment(tx, actor, projectId, id);
        await assignmentEvent(tx, actor, 'user_assignment.updated', before, after);
        return userAssignmentOf(after, actor);
      });
    },

    async deleteUserAssignment(actor, projectId, id) {
      return db.transaction().execute(async (tx) => {
        await projects.loadManageable(tx, actor, projectId);
        const row = await userAssignment(tx, actor, projectId, id);
        if (await timeEntries.hasTrackedTime(tx, { projectId, userId: row.user_id })) {
          throw invalid(ASSIGNMENT_ERRORS.notRemovable, { what: 'user' });
        }
        await deleteUserAssignment(tx, id);
        await assignmentEvent(tx, actor, 'user_assignment.deleted', row, null);
        return userAssignmentOf(row, actor);
      });
    },

    async listTaskAssignments(actor, filters, page) {
      const scoped = await scope(actor, filters);
      const result = await listTaskAssignments(db, actor.accountId, scoped, page);
      return { ...result, rows: result.rows.map((row) => taskAssignmentOf(row, actor)) };
    },

    async getTaskAssignment(actor, projectId, id) {
      await projects.loadManageable(db, actor, projectId);
      return taskAssignmentOf(await taskAssignment(db, actor, projectId, id), actor);
    },

    async createTaskAssignment(actor, projectId, command) {
      if (!maySetRates(actor, [command.hourlyRate])) throw forbidden(COMMON_ERRORS.ratesForbidden);
      const rate = amountFromInput(command.hourlyRate, 'hourlyRate');
      const budget = amountFromInput(command.budget, 'budget');
      return once('task', async (tx) => {
        await projects.loadManageable(tx, actor, projectId);
        const task = await tasks.taskIn(tx, actor.accountId, command.taskId);
        if (!task) throw invalid(ASSIGNMENT_ERRORS.taskNotFound);
        if (await findTaskAssignmentOf(tx, projectId, task.id))
          throw invalid(ASSIGNMENT_ERRORS.alreadyAssigned, { what: 'task' });
        const at = clock.now().getTime();
        const row = await insertTaskAssignment(tx, {
          account_id: actor.accountId,
          project_id: projectId,
          task_id: task.id,
          is_active: command.isActive === false ? 0 : 1,
          billable: command.billable ? 1 : 0,
          hourly_rate_cents: rate ?? null,
          budget_hundredths: budget ?? null,
          created_at: at,
          updated_at: at,
        });
        const created = await taskAssignment(tx, actor, projectId, row.id);
        await assignmentEvent(tx, actor, 'task_assignment.created', null, created);
        return taskAssignmentOf(created, actor);
      });
    },

    async updateTaskAssignment(actor, projectId, id, command) {
      if (!maySetRates(actor, [command.hourlyRate])) throw forbidden(COMMON_ERRORS.ratesForbidden);
      const rate = amountFromInput(command.hourlyRate, 'hourlyRate');
      const budget = amountFromInput(command.budget, 'budget');
      return db.transaction().execute(async (tx) => {
        await projects.loadManageable(tx, actor, projectId);
        const before = await taskAssignment(tx, actor, projectId, id);
        await updateTaskAssignment(tx, id, {
          is_active: toBit(command.isActive),
          billable: toBit(command.billable),
          hourly_rate_cents: rate,
          budget_hundredths: budget,
          updated_at: clock.now().getTime(),
        });
        const after = await taskAssignment(tx, actor, projectId, id);
        await assignmentEvent(tx, actor, 'task_assignment.updated', before, after);
        return taskAssignmentOf(after, actor);
      });
    },

    async deleteTaskAssignment(actor, projectId, id) {
      return db.transaction().execute(async (tx) => {
        await projects.loadManageable(tx, actor, projectId);
        const row = await taskAssignment(tx, actor, projectId, id);
        if (await timeEntries.hasTrackedTime(tx, { projectId, taskId: row.task_id })) {
          throw invalid(ASSIGNMENT_ERRORS.notRemovable, { what: 'task' });
        }
        await deleteTaskAssignment(tx, id);
        await assignmentEvent(tx, actor, 'task_assignment.deleted', row, null);
        return taskAssignmentOf(row, actor);
      });
    },

    async listProjectAssignments(actor, userId, page) {
      const allowed =
        isAdministrator(actor) ||
        actor.userId === userId ||
        (actor.managerPermissions.includes('people_manager') &&
          (await users.teammateIdsIn(db, actor.userId)).includes(userId));
      if (!allowed) throw forbidden();
      if (!(await users.personIn(db, actor.accountId, userId))) throw notFound('user');
      const result = await findProjectAssignments(db, actor.accountId, userId, page);
      return { ...result.page, rows: projectAssignmentsOf(result, actor) };
    },
  };
}
