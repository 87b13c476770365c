import type { App } from '../../http/app-types.ts';
import { nativePageRequest, nextCursor } from '../../http/native-list.ts';
import { NATIVE_SECURITY, NoContent } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import {
  CreateNativeProject,
  ListNativeProjectsQuery,
  UpdateNativeProject,
  NativeProject,
  NativeProjectList,
  NativeProjectParams,
} from './native-projects.schemas.ts';
import type { Project } from './project.rules.ts';
import type { ProjectsService } from './projects.service.ts';

const tags = ['Punch: Projects'];
const money = (cents: number | null) => (cents === null ? null : fromCents(cents));

/** A project on the native door (its money already null for a viewer who may not see rates). */
function present(project: Project) {
  return {
    id: project.id,
    name: project.name,
    code: project.code,
    client: {
      id: project.client.id,
      name: project.client.name,
      currency: project.client.currency,
    },
    isActive: project.isActive,
    isBillable: project.isBillable,
    isFixedFee: project.isFixedFee,
    billBy: project.billBy,
    hourlyRate: money(project.hourlyRateCents),
    fee: money(project.feeCents),
    budgetBy: project.budgetBy,
    budget: money(project.budgetHundredths),
    costBudget: money(project.costBudgetCents),
    startsOn: project.startsOn,
    endsOn: project.endsOn,
    notes: project.notes,
    createdAt: toWireInstant(project.createdAt),
    updatedAt: toWireInstant(project.updatedAt),
  };
}

/** The native door to projects: the same service, rules and rate visibility as Harvest's. */
export function nativeProjectsRoutes(app: App, deps: { projects: ProjectsService }) {
  const { projects } = deps;

  app.get(
    '/projects',
    {
      schema: {
        operationId: 'punchListProjects',
        summary: 'Projects the caller may see (managers: those they manage), newest first',
        tags,
        security: NATIVE_SECURITY,
        querystring: ListNativeProjectsQuery,
        response: { 200: NativeProjectList },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await projects.listProjects(
        actorOf(request),
        { isActive: q.isActive, clientId: q.clientId },
        nativePageRequest(q),
      );
      return { data: page.rows.map((row) => present(row)), nextCursor: nextCursor(page) };
    },
  );

  app.get(
    '/projects/:projectId',
    {
      schema: {
        operationId: 'punchRetrieveProject',
        summary: 'One project',
        tags,
        security: NATIVE_SECURITY,
        params: NativeProjectParams,
        response: { 200: NativeProject },
      },
    },
    async (request) =>
      present(await projects.getProject(actorOf(request), request.params.projectId)),
  );

  app.post(
    '/projects',
    {
      schema: {
        operationId: 'punchCreateProject',
        summary: 'Create a project (default tasks join it; a creating manager manages it)',
        tags,
        security: NATIVE_SECURITY,
        body: CreateNativeProject,
        response: { 201: NativeProject },
      },
    },
    async (request, reply) =>
      reply.code(201).send(present(await projects.createProject(actorOf(request), request.body))),
  );

  app.patch(
    '/projects/:projectId',
    {
      schema: {
        operationId: 'punchUpdateProject',
        summary: 'Change a project; archiving needs no running timer on it',
        tags,
        security: NATIVE_SECURITY,
        params: NativeProjectParams,
        body: UpdateNativeProject,
        response: { 200: NativeProject },
      },
    },
    async (request) =>
      present(
        await projects.updateProject(actorOf(request), request.params.projectId, request.body),
      ),
  );

  app.delete(
    '/projects/:projectId',
    {
      schema: {
        operationId: 'punchDeleteProject',
        summary: 'Delete a project; its time is kept as deleted, and sync clients are told',
        tags,
        security: NATIVE_SECURITY,
        params: NativeProjectParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await projects.deleteProject(actorOf(request), request.params.projectId);
      return reply.code(204).send();
    },
  );
}
