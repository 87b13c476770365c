import type { App } from '../../http/app-types.ts';
import { nativePageRequest, nextCursor } from '../../http/native-list.ts';
import { NATIVE_SECURITY, NoContent } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import {
  CreateNativeTask,
  ListNativeTasksQuery,
  NativeTask,
  NativeTaskList,
  NativeTaskParams,
  UpdateNativeTask,
} from './native-tasks.schemas.ts';
import type { Task } from './task.rules.ts';
import type { TasksService } from './tasks.service.ts';

const tags = ['Punch: Tasks'];
const security = NATIVE_SECURITY;

function present(task: Task) {
  return {
    id: task.id,
    name: task.name,
    billableByDefault: task.billableByDefault,
    defaultHourlyRate:
      task.defaultHourlyRateCents === null ? null : fromCents(task.defaultHourlyRateCents),
    isDefault: task.isDefault,
    isActive: task.isActive,
    createdAt: toWireInstant(task.createdAt),
    updatedAt: toWireInstant(task.updatedAt),
  };
}

/** The native door to tasks (kinds of work): the same service and rules as Harvest's. */
export function nativeTasksRoutes(app: App, deps: { tasks: TasksService }) {
  const { tasks } = deps;
  const item = '/tasks/:taskId';

  app.get(
    '/tasks',
    {
      schema: {
        operationId: 'punchListTasks',
        summary: 'Tasks, newest first, by cursor',
        tags,
        security,
        querystring: ListNativeTasksQuery,
        response: { 200: NativeTaskList },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await tasks.listTasks(
        actorOf(request),
        { isActive: q.isActive },
        nativePageRequest(q),
      );
      return { data: page.rows.map(present), nextCursor: nextCursor(page) };
    },
  );

  app.get(
    item,
    {
      schema: {
        operationId: 'punchRetrieveTask',
        summary: 'One task',
        tags,
        security,
        params: NativeTaskParams,
        response: { 200: NativeTask },
      },
    },
    async (request) => present(await tasks.getTask(actorOf(request), request.params.taskId)),
  );

  app.post(
    '/tasks',
    {
      schema: {
        operationId: 'punchCreateTask',
        summary: 'Create a task (names are unique among live tasks)',
        tags,
        security,
        body: CreateNativeTask,
        response: { 201: NativeTask },
      },
    },
    async (request, reply) =>
      reply.code(201).send(present(await tasks.createTask(actorOf(request), request.body))),
  );

  app.patch(
    item,
    {
      schema: {
        operationId: 'punchUpdateTask',
        summary: 'Change a task; archiving needs no running timer on it',
        tags,
        security,
        params: NativeTaskParams,
        body: UpdateNativeTask,
        response: { 200: NativeTask },
      },
    },
    async (request) =>
      present(await tasks.updateTask(actorOf(request), request.params.taskId, request.body)),
  );

  app.delete(
    item,
    {
      schema: {
        operationId: 'punchDeleteTask',
        summary: 'Delete a task without tracked time (archive it otherwise)',
        tags,
        security,
        params: NativeTaskParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await tasks.deleteTask(actorOf(request), request.params.taskId);
      return reply.code(204).send();
    },
  );
}
