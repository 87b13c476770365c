import type { App } from '../../http/app-types.ts';
import { nativePageRequest, nextCursor } from '../../http/native-list.ts';
import { NATIVE_SECURITY, NoContent } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { fromCents } from '../../shared/money.ts';
import { MAX_PER_PAGE } from '../../shared/pagination.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { TaskAssignment, UserAssignment } from './assignment.rules.ts';
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

function presentMember(assignment: UserAssignment) {
  const { person } = assignment;
  return {
    id: assignment.id,
    projectId: assignment.project.id,
    person: { id: person.id, name: `${person.firstName} ${person.lastName}`.trim() },
    isActive: assignment.isActive,
    isProjectManager: assignment.isProjectManager,
    useDefaultRates: assignment.useDefaultRates,
    hourlyRate: amount(assignment.hourlyRateCents),
    budget: amount(assignment.budgetHundredths),
    createdAt: toWireInstant(assignment.createdAt),
    updatedAt: toWireInstant(assignment.updatedAt),
  };
}

function presentTask(assignment: TaskAssignment) {
  return {
    id: assignment.id,
    projectId: assignment.project.id,
    task: assignment.task,
    isActive: assignment.isActive,
    billable: assignment.billable,
    hourlyRate: amount(assignment.hourlyRateCents),
    budget: amount(assignment.budgetHundredths),
    createdAt: toWireInstant(assignment.createdAt),
    updatedAt: toWireInstant(assignment.updatedAt),
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
      const page = await deps.assignments.listProjectAssignments(
        actor,
        request.query.userId ?? actor.userId,
        { perPage: MAX_PER_PAGE, page: 1, cursor: null },
      );
      const projects = page.rows.map((row) => ({
        id: row.project.id,
        name: row.project.name,
        code: row.project.code,
        client: { id: row.client.id, name: row.client.name },
        tasks: row.taskAssignments.map((t) => ({
          id: t.task.id,
          name: t.task.name,
          billable: t.billable,
        })),
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
      return {
        data: page.rows.map((row) => presentMember(row)),
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
      return reply.code(201).send(presentMember(row));
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
      return presentMember(row);
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
      return {
        data: page.rows.map((row) => presentTask(row)),
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
      return reply.code(201).send(presentTask(row));
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
      return presentTask(row);
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
