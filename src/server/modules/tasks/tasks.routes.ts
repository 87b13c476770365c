import type { App } from '../../http/app-types.ts';
import { harvestLocation } from '../../http/harvest-transport.ts';
import { HarvestPage, presentHarvestPage } from '../../http/harvest-list.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { pageRequest } from '../../shared/pagination.ts';
import { presentHarvestTask } from './tasks.presenter.ts';
import {
  TaskParams,
  CreateTaskBody,
  HarvestTask,
  ListTasksQuery,
  UpdateTaskBody,
} from './tasks.schemas.ts';
import type { TasksService, UpdateTask } from './tasks.service.ts';

const tags = ['Harvest: Tasks'];
const security = HARVEST_SECURITY;
const consumes = ['application/json', 'application/x-www-form-urlencoded'];

/** Harvest's task body, read into the domain's command. */
function taskCommand(body: UpdateTaskBody): UpdateTask {
  return {
    name: body.name,
    billableByDefault: body.billable_by_default,
    defaultHourlyRate: body.default_hourly_rate,
    isDefault: body.is_default,
    isActive: body.is_active,
  };
}

export function harvestTasksRoutes(
  app: App,
  deps: { tasks: TasksService; publicUrl: string },
): void {
  const { tasks, publicUrl } = deps;

  app.get(
    '/tasks',
    {
      schema: {
        operationId: 'listTasks',
        summary: 'List tasks, most recently created first',
        tags,
        security,
        querystring: ListTasksQuery,
        response: { 200: HarvestPage('tasks', HarvestTask) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const result = await tasks.listTasks(
        actorOf(request),
        {
          isActive: query.is_active,
          updatedSince: query.updated_since ? Date.parse(query.updated_since) : undefined,
        },
        page,
      );
      return presentHarvestPage({
        key: 'tasks',
        items: result.rows.map(presentHarvestTask),
        page: result,
        request: page,
        url: `${publicUrl}/v2/tasks`,
        query,
      });
    },
  );

  app.get(
    '/tasks/:taskId',
    {
      schema: {
        operationId: 'retrieveTask',
        summary: 'Retrieve a task',
        tags,
        security,
        params: TaskParams,
        response: { 200: HarvestTask },
      },
    },
    async (request) =>
      presentHarvestTask(await tasks.getTask(actorOf(request), request.params.taskId)),
  );

  app.post(
    '/tasks',
    {
      schema: {
        operationId: 'createTask',
        summary: 'Create a task',
        tags,
        security,
        consumes,
        body: CreateTaskBody,
        response: { 201: HarvestTask },
      },
    },
    async (request, reply) => {
      const task = await tasks.createTask(actorOf(request), {
        ...taskCommand(request.body),
        name: request.body.name,
      });
      return reply
        .code(201)
        .header('location', harvestLocation(publicUrl, `tasks/${task.id}`))
        .send(presentHarvestTask(task));
    },
  );

  app.patch(
    '/tasks/:taskId',
    {
      schema: {
        operationId: 'updateTask',
        summary: 'Update a task',
        tags,
        security,
        consumes,
        params: TaskParams,
        body: UpdateTaskBody,
        response: { 200: HarvestTask },
      },
    },
    async (request) =>
      presentHarvestTask(
        await tasks.updateTask(actorOf(request), request.params.taskId, taskCommand(request.body)),
      ),
  );

  app.delete(
    '/tasks/:taskId',
    {
      schema: {
        operationId: 'deleteTask',
        summary: 'Delete a task (kept as deleted, not erased)',
        tags,
        security,
        params: TaskParams,
        response: { 200: HarvestTask },
      },
    },
    async (request) =>
      presentHarvestTask(await tasks.deleteTask(actorOf(request), request.params.taskId)),
  );
}
