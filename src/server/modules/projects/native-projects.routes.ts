import type { App } from '../../http/app-types.ts';
import { nativePageRequest, nextCursor } from '../../http/native-list.ts';
import { NATIVE_SECURITY, NoContent } from '../../http/openapi.ts';
import { actorOf, viewerOf } from '../../http/request-context.ts';
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
import type { ProjectWithClient } from './projects.repository.ts';
import type { ProjectsService } from './projects.service.ts';

const tags = ['Punch: Projects'];
const money = (cents: number | null) => (cents === null ? null : fromCents(cents));

/** Money only for those who may see rates (§2.5), as on every door. */
function present(row: ProjectWithClient, viewer: { seesRates: boolean }) {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    client: { id: row.client_id, name: row.client_name, currency: row.client_currency },
    isActive: row.is_active === 1,
    isBillable: row.is_billable === 1,
    isFixedFee: row.is_fixed_fee === 1,
    billBy: row.bill_by,
    hourlyRate: viewer.seesRates ? money(row.hourly_rate_cents) : null,
    fee: viewer.seesRates ? money(row.fee_cents) : null,
    budgetBy: row.budget_by,
    budget: money(row.budget_hundredths),
    costBudget: viewer.seesRates ? money(row.cost_budget_cents) : null,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    notes: row.notes,
    createdAt: toWireInstant(row.created_at),
    updatedAt: toWireInstant(row.updated_at),
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
      const viewer = viewerOf(request);
      return { data: page.rows.map((row) => present(row, viewer)), nextCursor: nextCursor(page) };
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
      present(
        await projects.getProject(actorOf(request), request.params.projectId),
        viewerOf(request),
      ),
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
      reply
        .code(201)
        .send(
          present(await projects.createProject(actorOf(request), request.body), viewerOf(request)),
        ),
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
        viewerOf(request),
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
