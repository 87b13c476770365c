import type { App } from '../../http/app-types.ts';
import { nativePageRequest, nextCursor } from '../../http/native-list.ts';
import { NATIVE_SECURITY, NoContent } from '../../http/openapi.ts';
import { actorOf, viewerOf } from '../../http/request-context.ts';
import { fromCents } from '../../shared/money.ts';
import { MAX_PER_PAGE } from '../../shared/pagination.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { AssignmentViewer } from './assignments.presenter.ts';
import type { TaskAssignmentView, UserAssignmentView } from './assignments.repository.ts';
import type { AssignmentsService } from './assignments.service.ts';
import {
  AddNativeProjectMember,
  AddNativeProjectTask,
  ListNativeAssignmentsQuery,
  NativeAssignmentParams,
  NativeProjectMember,
  NativeProjectMemberList,
  NativeProjectScope,
  NativeProjectTask,
  NativeProjectTaskList,
  TrackingOptions,
  TrackingOptionsQuery,
  UpdateNativeProjectMember,
  UpdateNativeProjectTask,
} from './native-assignments.schemas.ts';

const tags = ['Punch: Projects'];
const security = NATIVE_SECURITY;
const amount = (value: number | null) => (value === null ? null : fromCents(value));

function presentMember(row: UserAssignmentView, viewer: AssignmentViewer) {
  return {
    id: row.id,
    projectId: row.project_id,
    person: { id: row.user_id, name: `${row.user_first_name} ${row.user_last_name}`.trim() },
    isActive: row.is_active === 1,
    isProjectManager: row.is_project_manager === 1,
    useDefaultRates: row.use_default_rates === 1,
    hourlyRate: viewer.seesRates ? amount(row.hourly_rate_cents) : null,
    budget: amount(row.budget_hundredths),
    createdAt: toWireInstant(row.created_at),
    updatedAt: toWireInstant(row.updated_at),
  };
}

function presentTask(row: TaskAssignmentView, viewer: AssignmentViewer) {
  return {
    id: row.id,
    projectId: row.project_id,
    task: { id: row.task_id, name: row.task_name },
    isActive: row.is_active === 1,
    billable: row.billable === 1,
    hourlyRate: viewer.seesRates ? amount(row.hourly_rate_cents) : null,
    budget: amount(row.budget_hundredths),
    createdAt: toWireInstant(row.created_at),
    updatedAt: toWireInstant(row.updated_at),
  };
}

/** What a person may track time to: their active projects, each with its active tasks. */
export function nativeAssignmentsRoutes(app: App, deps: { assignments: AssignmentsService }) {
  app.get(
    '/tracking-options',
    {
      schema: {
        operationId: 'listTrackingOptions',
        summary: 'The projects (with their tasks) a person may track time to, by client and name',
        tags: ['Punch: Time entries'],
        security: NATIVE_SECURITY,
        querystring: TrackingOptionsQuery,
        response: { 200: TrackingOptions },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { page, tasks } = await deps.assignments.listProjectAssignments(
        actor,
        request.query.userId ?? actor.userId,
        { perPage: MAX_PER_PAGE, page: 1, cursor: null },
      );
      const projects = page.rows.map((row) => ({
        id: row.project_id,
        name: row.project_name,
        code: row.project_code,
        client: { id: row.client_id, name: row.client_name },
        tasks: tasks
          .filter((t) => t.project_id === row.project_id)
          .map((t) => ({ id: t.task_id, name: t.task_name, billable: t.billable === 1 })),
      }));
      projects.sort(
        (a, b) => a.client.name.localeCompare(b.client.name) || a.name.localeCompare(b.name),
      );
      return { projects };
    },
  );

  const members = '/projects/:projectId/members';
  const member = `${members}/:assignmentId`;

  app.get(
    members,
    {
      schema: {
        operationId: 'punchListProjectMembers',
        summary: "A project's people (administrators, and managers of the project)",
        tags,
        security,
        params: NativeProjectScope,
        querystring: ListNativeAssignmentsQuery,
        response: { 200: NativeProjectMemberList },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await deps.assignments.listUserAssignments(
        actorOf(request),
        { projectId: request.params.projectId, isActive: q.isActive },
        nativePageRequest(q),
      );
      const viewer = viewerOf(request);
      return {
        data: page.rows.map((row) => presentMember(row, viewer)),
        nextCursor: nextCursor(page),
      };
    },
  );

  app.post(
    members,
    {
      schema: {
        operationId: 'punchAddProjectMember',
        summary: 'Put a person on a project',
        tags,
        security,
        params: NativeProjectScope,
        body: AddNativeProjectMember,
        response: { 201: NativeProjectMember },
      },
    },
    async (request, reply) => {
      const { personId, ...changes } = request.body;
      const row = await deps.assignments.createUserAssignment(
        actorOf(request),
        request.params.projectId,
        { userId: personId, ...changes },
      );
      return reply.code(201).send(presentMember(row, viewerOf(request)));
    },
  );

  app.patch(
    member,
    {
      schema: {
        operationId: 'punchUpdateProjectMember',
        summary: "Change a person's assignment to a project",
        tags,
        security,
        params: NativeAssignmentParams,
        body: UpdateNativeProjectMember,
        response: { 200: NativeProjectMember },
      },
    },
    async (request) => {
      const { projectId, assignmentId } = request.params;
      const row = await deps.assignments.updateUserAssignment(
        actorOf(request),
        projectId,
        assignmentId,
        request.body,
      );
      return presentMember(row, viewerOf(request));
    },
  );

  app.delete(
    member,
    {
      schema: {
        operationId: 'punchRemoveProjectMember',
        summary: 'Take a person off a project without tracked time there (deactivate otherwise)',
        tags,
        security,
        params: NativeAssignmentParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { projectId, assignmentId } = request.params;
      await deps.assignments.deleteUserAssignment(actorOf(request), projectId, assignmentId);
      return reply.code(204).send();
    },
  );

  const projectTasks = '/projects/:projectId/tasks';
  const projectTask = `${projectTasks}/:assignmentId`;

  app.get(
    projectTasks,
    {
      schema: {
        operationId: 'punchListProjectTasks',
        summary: "A project's tasks (administrators, and managers of the project)",
        tags,
        security,
        params: NativeProjectScope,
        querystring: ListNativeAssignmentsQuery,
        response: { 200: NativeProjectTaskList },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await deps.assignments.listTaskAssignments(
        actorOf(request),
        { projectId: request.params.projectId, isActive: q.isActive },
        nativePageRequest(q),
      );
      const viewer = viewerOf(request);
      return {
        data: page.rows.map((row) => presentTask(row, viewer)),
        nextCursor: nextCursor(page),
      };
    },
  );

  app.post(
    projectTasks,
    {
      schema: {
        operationId: 'punchAddProjectTask',
        summary: 'Add a task to a project',
        tags,
        security,
        params: NativeProjectScope,
        body: AddNativeProjectTask,
        response: { 201: NativeProjectTask },
      },
    },
    async (request, reply) => {
      const row = await deps.assignments.createTaskAssignment(
        actorOf(request),
        request.params.projectId,
        request.body,
      );
      return reply.code(201).send(presentTask(row, viewerOf(request)));
    },
  );

  app.patch(
    projectTask,
    {
      schema: {
        operationId: 'punchUpdateProjectTask',
        summary: "Change a task's assignment to a project",
        tags,
        security,
        params: NativeAssignmentParams,
        body: UpdateNativeProjectTask,
        response: { 200: NativeProjectTask },
      },
    },
    async (request) => {
      const { projectId, assignmentId } = request.params;
      const row = await deps.assignments.updateTaskAssignment(
        actorOf(request),
        projectId,
        assignmentId,
        request.body,
      );
      return presentTask(row, viewerOf(request));
    },
  );

  app.delete(
    projectTask,
    {
      schema: {
        operationId: 'punchRemoveProjectTask',
        summary: 'Take a task off a project without tracked time on it (deactivate otherwise)',
        tags,
        security,
        params: NativeAssignmentParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { projectId, assignmentId } = request.params;
      await deps.assignments.deleteTaskAssignment(actorOf(request), projectId, assignmentId);
      return reply.code(204).send();
    },
  );
}
