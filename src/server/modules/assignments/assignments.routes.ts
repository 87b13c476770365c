import type { App } from '../../http/app-types.ts';
import { HarvestPage, presentHarvestPage } from '../../http/harvest-list.ts';
import { harvestLocation } from '../../http/harvest-transport.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { pageRequest } from '../../shared/pagination.ts';
import {
  presentHarvestProjectAssignment,
  presentHarvestTaskAssignment,
  presentHarvestUserAssignment,
} from './assignments.presenter.ts';
import {
  AllUserAssignmentsQuery,
  AssignmentParams,
  CreateTaskAssignmentBody,
  CreateUserAssignmentBody,
  HarvestProjectAssignment,
  HarvestTaskAssignment,
  HarvestUserAssignment,
  PageQuery,
  PersonParams,
  ProjectAssignmentsQuery,
  ProjectScope,
  UpdateTaskAssignmentBody,
  UpdateUserAssignmentBody,
} from './assignments.schemas.ts';
import type {
  AssignmentsService,
  UpdateTaskAssignment,
  UpdateUserAssignment,
} from './assignments.service.ts';

const tags = ['Harvest: Assignments'];
const security = HARVEST_SECURITY;
const consumes = ['application/json', 'application/x-www-form-urlencoded'];
const since = (text: string | undefined) => (text ? Date.parse(text) : undefined);

/** Harvest's snake_case assignment fields as the commands' camelCase; absent stays absent. */
function userAssignmentChanges(body: UpdateUserAssignmentBody): UpdateUserAssignment {
  return {
    isActive: body.is_active,
    isProjectManager: body.is_project_manager,
    useDefaultRates: body.use_default_rates,
    hourlyRate: body.hourly_rate,
    budget: body.budget,
  };
}

function taskAssignmentChanges(body: UpdateTaskAssignmentBody): UpdateTaskAssignment {
  return {
    isActive: body.is_active,
    billable: body.billable,
    hourlyRate: body.hourly_rate,
    budget: body.budget,
  };
}

export function harvestAssignmentsRoutes(
  app: App,
  deps: { assignments: AssignmentsService; publicUrl: string },
): void {
  const { assignments, publicUrl } = deps;

  // People on projects.
  app.get(
    '/user_assignments',
    {
      schema: {
        operationId: 'listUserAssignments',
        summary: 'List user assignments across projects',
        tags,
        security,
        querystring: AllUserAssignmentsQuery,
        response: { 200: HarvestPage('user_assignments', HarvestUserAssignment) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const result = await assignments.listUserAssignments(
        actorOf(request),
        {
          userId: query.user_id,
          isActive: query.is_active,
          updatedSince: since(query.updated_since),
        },
        page,
      );
      return presentHarvestPage({
        key: 'user_assignments',
        items: result.rows.map((row) => presentHarvestUserAssignment(row)),
        page: result,
        request: page,
        url: `${publicUrl}/v2/user_assignments`,
        query,
      });
    },
  );

  app.get(
    '/projects/:projectId/user_assignments',
    {
      schema: {
        operationId: 'listUserAssignmentsForSpecificProject',
        summary: "List a project's user assignments",
        tags,
        security,
        params: ProjectScope,
        querystring: ProjectAssignmentsQuery,
        response: { 200: HarvestPage('user_assignments', HarvestUserAssignment) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const projectId = request.params.projectId;
      const result = await assignments.listUserAssignments(
        actorOf(request),
        { projectId, isActive: query.is_active, updatedSince: since(query.updated_since) },
        page,
      );
      return presentHarvestPage({
        key: 'user_assignments',
        items: result.rows.map((row) => presentHarvestUserAssignment(row)),
        page: result,
        request: page,
        url: `${publicUrl}/v2/projects/${projectId}/user_assignments`,
        query,
      });
    },
  );

  app.get(
    '/projects/:projectId/user_assignments/:assignmentId',
    {
      schema: {
        operationId: 'retrieveUserAssignment',
        summary: 'Retrieve a user assignment',
        tags,
        security,
        params: AssignmentParams,
        response: { 200: HarvestUserAssignment },
      },
    },
    async (request) =>
      presentHarvestUserAssignment(
        await assignments.getUserAssignment(
          actorOf(request),
          request.params.projectId,
          request.params.assignmentId,
        ),
      ),
  );

  app.post(
    '/projects/:projectId/user_assignments',
    {
      schema: {
        operationId: 'createUserAssignment',
        summary: 'Assign a person to a project',
        tags,
        security,
        consumes,
        params: ProjectScope,
        body: CreateUserAssignmentBody,
        response: { 201: HarvestUserAssignment },
      },
    },
    async (request, reply) => {
      const { projectId } = request.params;
      const body = request.body;
      const row = await assignments.createUserAssignment(actorOf(request), projectId, {
        userId: body.user_id,
        ...userAssignmentChanges(body),
      });
      return reply
        .code(201)
        .header(
          'location',
          harvestLocation(publicUrl, `projects/${projectId}/user_assignments/${row.id}`),
        )
        .send(presentHarvestUserAssignment(row));
    },
  );

  app.patch(
    '/projects/:projectId/user_assignments/:assignmentId',
    {
      schema: {
        operationId: 'updateUserAssignment',
        summary: 'Update a user assignment',
        tags,
        security,
        consumes,
        params: AssignmentParams,
        body: UpdateUserAssignmentBody,
        response: { 200: HarvestUserAssignment },
      },
    },
    async (request) =>
      presentHarvestUserAssignment(
        await assignments.updateUserAssignment(
          actorOf(request),
          request.params.projectId,
          request.params.assignmentId,
          userAssignmentChanges(request.body),
        ),
      ),
  );

  app.delete(
    '/projects/:projectId/user_assignments/:assignmentId',
    {
      schema: {
        operationId: 'deleteUserAssignment',
        summary: 'Remove a person from a project',
        tags,
        security,
        params: AssignmentParams,
        response: { 200: HarvestUserAssignment },
      },
    },
    async (request) =>
      presentHarvestUserAssignment(
        await assignments.deleteUserAssignment(
          actorOf(request),
          request.params.projectId,
          request.params.assignmentId,
        ),
      ),
  );

  // Tasks on projects.
  app.get(
    '/task_assignments',
    {
      schema: {
        operationId: 'listTaskAssignments',
        summary: 'List task assignments across projects',
        tags,
        security,
        querystring: ProjectAssignmentsQuery,
        response: { 200: HarvestPage('task_assignments', HarvestTaskAssignment) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const result = await assignments.listTaskAssignments(
        actorOf(request),
        { isActive: query.is_active, updatedSince: since(query.updated_since) },
        page,
      );
      return presentHarvestPage({
        key: 'task_assignments',
        items: result.rows.map((row) => presentHarvestTaskAssignment(row)),
        page: result,
        request: page,
        url: `${publicUrl}/v2/task_assignments`,
        query,
      });
    },
  );

  app.get(
    '/projects/:projectId/task_assignments',
    {
      schema: {
        operationId: 'listTaskAssignmentsForSpecificProject',
        summary: "List a project's task assignments",
        tags,
        security,
        params: ProjectScope,
        querystring: ProjectAssignmentsQuery,
        response: { 200: HarvestPage('task_assignments', HarvestTaskAssignment) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const projectId = request.params.projectId;
      const result = await assignments.listTaskAssignments(
        actorOf(request),
        { projectId, isActive: query.is_active, updatedSince: since(query.updated_since) },
        page,
      );
      return presentHarvestPage({
        key: 'task_assignments',
        items: result.rows.map((row) => presentHarvestTaskAssignment(row)),
        page: result,
        request: page,
        url: `${publicUrl}/v2/projects/${projectId}/task_assignments`,
        query,
      });
    },
  );

  app.get(
    '/projects/:projectId/task_assignments/:assignmentId',
    {
      schema: {
        operationId: 'retrieveTaskAssignment',
        summary: 'Retrieve a task assignment',
        tags,
        security,
        params: AssignmentParams,
        response: { 200: HarvestTaskAssignment },
      },
    },
    async (request) =>
      presentHarvestTaskAssignment(
        await assignments.getTaskAssignment(
          actorOf(request),
          request.params.projectId,
          request.params.assignmentId,
        ),
      ),
  );

  app.post(
    '/projects/:projectId/task_assignments',
    {
      schema: {
        operationId: 'createTaskAssignment',
        summary: 'Add a task to a project',
        tags,
        security,
        consumes,
        params: ProjectScope,
        body: CreateTaskAssignmentBody,
        response: { 201: HarvestTaskAssignment },
      },
    },
    async (request, reply) => {
      const { projectId } = request.params;
      const body = request.body;
      const row = await assignments.createTaskAssignment(actorOf(request), projectId, {
        taskId: body.task_id,
        ...taskAssignmentChanges(body),
      });
      return reply
        .code(201)
        .header(
          'location',
          harvestLocation(publicUrl, `projects/${projectId}/task_assignments/${row.id}`),
        )
        .send(presentHarvestTaskAssignment(row));
    },
  );

  app.patch(
    '/projects/:projectId/task_assignments/:assignmentId',
    {
      schema: {
        operationId: 'updateTaskAssignment',
        summary: 'Update a task assignment',
        tags,
        security,
        consumes,
        params: AssignmentParams,
        body: UpdateTaskAssignmentBody,
        response: { 200: HarvestTaskAssignment },
      },
    },
    async (request) =>
      presentHarvestTaskAssignment(
        await assignments.updateTaskAssignment(
          actorOf(request),
          request.params.projectId,
          request.params.assignmentId,
          taskAssignmentChanges(request.body),
        ),
      ),
  );

  app.delete(
    '/projects/:projectId/task_assignments/:assignmentId',
    {
      schema: {
        operationId: 'deleteTaskAssignment',
        summary: 'Remove a task from a project',
        tags,
        security,
        params: AssignmentParams,
        response: { 200: HarvestTaskAssignment },
      },
    },
    async (request) =>
      presentHarvestTaskAssignment(
        await assignments.deleteTaskAssignment(
          actorOf(request),
          request.params.projectId,
          request.params.assignmentId,
        ),
      ),
  );

  // What a person may track time to.
  for (const [path, operationId] of [
    [
      '/users/me/project_assignments',
      'listActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser',
    ],
    ['/users/:userId/project_assignments', 'listActiveProjectAssignments'],
  ] as const) {
    app.get(
      path,
      {
        schema: {
          operationId,
          summary: 'List the active projects a person is assigned to, with their tasks',
          tags,
          security,
          ...(path.includes(':userId') ? { params: PersonParams } : {}),
          querystring: PageQuery,
          response: { 200: HarvestPage('project_assignments', HarvestProjectAssignment) },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const userId = (request.params as { userId?: number }).userId ?? actor.userId;
        const page = pageRequest(request.query);
        const result = await assignments.listProjectAssignments(actor, userId, page);
        return presentHarvestPage({
          key: 'project_assignments',
          items: result.rows.map(presentHarvestProjectAssignment),
          page: result,
          request: page,
          url: `${publicUrl}/v2${path.replace(':userId', String(userId))}`,
          query: request.query,
        });
      },
    );
  }
}
