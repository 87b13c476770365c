import type { App } from '../../http/app-types.ts';
import { harvestLocation } from '../../http/harvest-transport.ts';
import { HarvestPage, presentHarvestPage } from '../../http/harvest-list.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf, viewerOf } from '../../http/request-context.ts';
import { pageRequest } from '../../shared/pagination.ts';
import { presentHarvestProject } from './projects.presenter.ts';
import {
  ProjectParams,
  CreateProjectBody,
  HarvestProject,
  ListProjectsQuery,
  UpdateProjectBody,
} from './projects.schemas.ts';
import type { ProjectsService } from './projects.service.ts';

const tags = ['Harvest: Projects'];
const security = HARVEST_SECURITY;
const consumes = ['application/json', 'application/x-www-form-urlencoded'];

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
        items: result.rows.map((row) => presentHarvestProject(row, viewerOf(request))),
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
      presentHarvestProject(
        await projects.getProject(actorOf(request), request.params.projectId),
        viewerOf(request),
      ),
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
      const project = await projects.createProject(actorOf(request), request.body);
      return reply
        .code(201)
        .header('location', harvestLocation(publicUrl, `projects/${project.id}`))
        .send(presentHarvestProject(project, viewerOf(request)));
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
        await projects.updateProject(actorOf(request), request.params.projectId, request.body),
        viewerOf(request),
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
        viewerOf(request),
      ),
  );
}
