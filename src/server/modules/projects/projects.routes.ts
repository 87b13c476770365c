import type { App } from '../../http/app-types.ts';
import { harvestLocation } from '../../http/harvest-transport.ts';
import { HarvestPage, presentHarvestPage } from '../../http/harvest-list.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { pageRequest } from '../../shared/pagination.ts';
import { presentHarvestProject } from './projects.presenter.ts';
import {
  ProjectParams,
  CreateProjectBody,
  HarvestProject,
  ListProjectsQuery,
  UpdateProjectBody,
} from './projects.schemas.ts';
import type { ProjectsService, UpdateProject } from './projects.service.ts';

const tags = ['Harvest: Projects'];
const security = HARVEST_SECURITY;
const consumes = ['application/json', 'application/x-www-form-urlencoded'];

/** Harvest's project body, read into the domain's command. */
function projectCommand(body: UpdateProjectBody): UpdateProject {
  return {
    clientId: body.client_id,
    name: body.name,
    code: body.code,
    isActive: body.is_active,
    isBillable: body.is_billable,
    isFixedFee: body.is_fixed_fee,
    billBy: body.bill_by,
    hourlyRate: body.hourly_rate,
    budget: body.budget,
    budgetBy: body.budget_by,
    budgetIsMonthly: body.budget_is_monthly,
    notifyWhenOverBudget: body.notify_when_over_budget,
    overBudgetNotificationPercentage: body.over_budget_notification_percentage,
    showBudgetToAll: body.show_budget_to_all,
    costBudget: body.cost_budget,
    costBudgetIncludeExpenses: body.cost_budget_include_expenses,
    fee: body.fee,
    notes: body.notes,
    startsOn: body.starts_on,
    endsOn: body.ends_on,
  };
}

export function harvestProjectsRoutes(
  app: App,
  deps: { projects: ProjectsService; publicUrl: string },
): void {
  const { projects, publicUrl } = deps;

  app.get(
    '/projects',
    {
      schema: {
        operationId: 'listProjects',
        summary: 'List projects (administrators: all; managers: those they manage)',
        tags,
        security,
        querystring: ListProjectsQuery,
        response: { 200: HarvestPage('projects', HarvestProject) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const result = await projects.listProjects(
        actorOf(request),
        {
          isActive: query.is_active,
          clientId: query.client_id,
          updatedSince: query.updated_since ? Date.parse(query.updated_since) : undefined,
        },
        page,
      );
      return presentHarvestPage({
        key: 'projects',
        items: result.rows.map((row) => presentHarvestProject(row)),
        page: result,
        request: page,
        url: `${publicUrl}/v2/projects`,
        query,
      });
    },
  );

  app.get(
    '/projects/:projectId',
    {
      schema: {
        operationId: 'retrieveProject',
        summary: 'Retrieve a project',
        tags,
        security,
        params: ProjectParams,
        response: { 200: HarvestProject },
      },
    },
    async (request) =>
      presentHarvestProject(await projects.getProject(actorOf(request), request.params.projectId)),
  );

  app.post(
    '/projects',
    {
      schema: {
        operationId: 'createProject',
        summary: 'Create a project: default tasks and future-project people are assigned',
        tags,
        security,
        consumes,
        body: CreateProjectBody,
        response: { 201: HarvestProject },
      },
    },
    async (request, reply) => {
      const project = await projects.createProject(actorOf(request), {
        ...projectCommand(request.body),
        clientId: request.body.client_id,
        name: request.body.name,
      });
      return reply
        .code(201)
        .header('location', harvestLocation(publicUrl, `projects/${project.id}`))
        .send(presentHarvestProject(project));
    },
  );

  app.patch(
    '/projects/:projectId',
    {
      schema: {
        operationId: 'updateProject',
        summary: 'Update a project',
        tags,
        security,
        consumes,
        params: ProjectParams,
        body: UpdateProjectBody,
        response: { 200: HarvestProject },
      },
    },
    async (request) =>
      presentHarvestProject(
        await projects.updateProject(
          actorOf(request),
          request.params.projectId,
          projectCommand(request.body),
        ),
      ),
  );

  app.delete(
    '/projects/:projectId',
    {
      schema: {
        operationId: 'deleteProject',
        summary: 'Delete a project; it and its time are kept as deleted, not erased',
        tags,
        security,
        params: ProjectParams,
        response: { 200: HarvestProject },
      },
    },
    async (request) =>
      presentHarvestProject(
        await projects.deleteProject(actorOf(request), request.params.projectId),
      ),
  );
}
