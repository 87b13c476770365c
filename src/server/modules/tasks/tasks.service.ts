import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { transactionOr } from '../../db/errors.ts';
import type { Page } from '../../db/paginate.ts';
import { toBit } from '../../shared/bits.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, notFound } from '../../shared/domain-error.ts';
import { TASK_ERRORS } from './tasks.errors.ts';
import { createAssignmentsDirectory } from '../assignments/assignments-directory.service.ts';
import { taskOf, type Task } from './task.rules.ts';
import { amountFromInput } from '../../shared/money.ts';
import type { PageRequest } from '../../shared/pagination.ts';
import { hasClaim, type Actor } from '../auth/auth.rules.ts';
import {
  findTask,
  findTaskByName,
  listDefaultTasks,
  insertTask,
  listTasks,
  updateTask,
  type TaskFilters,
  type TaskRow,
} from './tasks.repository.ts';
import { TIME_ENTRY_ERRORS } from '../time-entries/time-entries.errors.ts';
import { eventActorOf, rowSnapshot, type DomainEvent } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import type { TimeEntriesService } from '../time-entries/time-entries.service.ts';

/** A kind of work; `defaultHourlyRate` is per hour in the account currency. */
export interface CreateTask {
  name: string;
  billableByDefault?: boolean;
  defaultHourlyRate?: number | null;
  isDefault?: boolean;
  isActive?: boolean;
}

/** Changes to a task: a field left out stays as it is. */
export type UpdateTask = Partial<CreateTask>;

export interface TasksService {
  listTasks(actor: Actor, filters: TaskFilters, page: PageRequest): Promise<Page<Task>>;
  getTask(actor: Actor, id: number): Promise<Task>;
  createTask(actor: Actor, command: CreateTask): Promise<Task>;
  updateTask(actor: Actor, id: number, command: UpdateTask): Promise<Task>;
  deleteTask(actor: Actor, id: number): Promise<Task>;
  /** A task of the account as stored, read in the caller's unit of work. */
  taskIn(tx: Kysely<Database>, accountId: number, id: number): Promise<TaskRow | undefined>;
  /** The active tasks every new project starts with, read in the caller's unit of work. */
  defaultTasksIn(tx: Kysely<Database>, accountId: number): Promise<TaskRow[]>;
}

function assertCan(actor: Actor, claim: 'tasks:read:all' | 'tasks:write:all'): void {
  if (!hasClaim(actor, claim)) throw forbidden();
}

export function createTasksService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  /** The owner of time entries: whether time or a running timer stands in the way. */
  timeEntries: Pick<TimeEntriesService, 'hasRunningTimers' | 'hasTrackedTime'>;
}): TasksService {
  const { db, clock, events, timeEntries } = deps;
  const assignments = createAssignmentsDirectory();

  function taskEvent(
    type: 'task.created' | 'task.updated' | 'task.deleted',
    before: TaskRow | null,
    after: TaskRow | null,
  ): DomainEvent {
    const task = (after ?? before) as TaskRow;
    return {
      type,
      entityId: task.id,
      before: before && rowSnapshot(before),
      after: after && rowSnapshot(after),
    };
  }

  async function load(actor: Actor, id: number, tx: Kysely<Database> = db): Promise<TaskRow> {
    const task = await findTask(tx, actor.accountId, id);
    if (!task) throw notFound('task');
    return task;
  }

  /** Unique names, checked first for a clear message and by the index against races. */
  const withUniqueName = <T>(work: (tx: Kysely<Database>) => Promise<T>): Promise<T> =>
    transactionOr(db, () => invalid(TASK_ERRORS.nameTaken), work);

  return {
    async listTasks(actor, filters, page) {
      assertCan(actor, 'tasks:read:all');
      const result = await listTasks(db, actor.accountId, filters, page);
      return { ...result, rows: result.rows.map(taskOf) };
    },

    taskIn: (tx, accountId, id) => findTask(tx, accountId, id),
    defaultTasksIn: (tx, accountId) => listDefaultTasks(tx, accountId),

    async getTask(actor, id) {
      assertCan(actor, 'tasks:read:all');
      return taskOf(await load(actor, id));
    },

    async createTask(actor, command) {
      assertCan(actor, 'tasks:write:all');
      const name = command.name.trim();
      if (name === '') throw invalid(TASK_ERRORS.nameBlank);
      const rate = amountFromInput(command.defaultHourlyRate, 'defaultHourlyRate');
      return withUniqueName(async (tx) => {
        if (await findTaskByName(tx, actor.accountId, name)) throw invalid(TASK_ERRORS.nameTaken);
        const at = clock.now().getTime();
        const task = await insertTask(tx, {
          account_id: actor.accountId,
          name,
          billable_by_default: command.billableByDefault === false ? 0 : 1,
          default_hourly_rate_cents: rate ?? 0,
          is_default: command.isDefault ? 1 : 0,
          is_active: command.isActive === false ? 0 : 1,
          created_at: at,
          updated_at: at,
          deleted_at: null,
        });
        await events.record(tx, eventActorOf(actor), taskEvent('task.created', null, task));
        return taskOf(task);
      });
    },

    async updateTask(actor, id, command) {
      assertCan(actor, 'tasks:write:all');
      const name = command.name?.trim();
      if (name === '') throw invalid(TASK_ERRORS.nameBlank);
      const rate = amountFromInput(command.defaultHourlyRate, 'defaultHourlyRate');
      return withUniqueName(async (tx) => {
        const before = await load(actor, id, tx);
        if (
          command.isActive === false &&
          (await timeEntries.hasRunningTimers(tx, { taskId: id }))
        ) {
          throw invalid(TIME_ENTRY_ERRORS.timerRunning, { while: 'archiving_task' });
        }
        if (name !== undefined) {
          const clash = await findTaskByName(tx, actor.accountId, name);
          if (clash && clash.id !== id) throw invalid(TASK_ERRORS.nameTaken);
        }
        const after = await updateTask(tx, id, {
          name,
          billable_by_default: toBit(command.billableByDefault),
          default_hourly_rate_cents: rate,
          is_default: toBit(command.isDefault),
          is_active: toBit(command.isActive),
          updated_at: clock.now().getTime(),
        });
        await events.record(tx, eventActorOf(actor), taskEvent('task.updated', before, after));
        return taskOf(after);
      });
    },

    async deleteTask(actor, id) {
      assertCan(actor, 'tasks:write:all');
      return db.transaction().execute(async (tx) => {
        const task = await load(actor, id, tx);
        if (await timeEntries.hasTrackedTime(tx, { taskId: id })) {
          throw invalid(TASK_ERRORS.notRemovable);
        }
        const at = clock.now().getTime();
        // Its assignments are the assignments module's to remove.
        await assignments.removeTaskIn(tx, id);
        await updateTask(tx, id, { deleted_at: at, updated_at: at });
        await events.record(tx, eventActorOf(actor), taskEvent('task.deleted', task, null));
        return taskOf(task);
      });
    },
  };
}
