import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import {
  decodePagination,
  hydraCollection,
  iri,
  rawQueryOf,
} from '../../http/flowtly-transport.ts';
import { HydraCollectionOf } from '../../http/flowtly-schema.ts';
import { Nullable } from '../../shared/schema.ts';
import { actorOf } from '../../http/request-context.ts';
import { fromCents } from '../../shared/money.ts';
import type { Project } from './project.rules.ts';
import type { ProjectsService } from './projects.service.ts';

/** Flowtly's Project (`project.read` fields known from its docs, flowtly.md §1.3). */
export function presentFlowtlyProject(project: Project, format: 'jsonld' | 'json') {
  return {
    ...(format === 'jsonld'
      ? { '@context': '/api/contexts/Project', '@id': iri.project(project.id), '@type': 'Project' }
      : {}),
    id: project.id,
    name: project.name,
    code: project.code,
    client: null,
    clientName: project.client.name,
    currency: project.client.currency,
    dateFrom: project.startsOn,
    dateTo: project.endsOn,
    type: project.isFixedFee ? 'fixed' : project.billBy === 'none' ? 'non_billable' : 'hourly',
    hourlyRate:
      project.hourlyRateCents === null ? null : fromCents(project.hourlyRateCents).toFixed(2),
    active: project.isActive,
  };
}

/** Flowtly's Project as served (one schema for validation of the answer and its documentation). */
export const FlowtlyProject = Type.Object(
  {
    '@context': Type.Optional(Type.String()),
    '@id': Type.Optional(Type.String()),
    '@type': Type.Optional(Type.String()),
    id: Type.Integer(),
    name: Type.String(),
    code: Nullable(Type.String()),
    client: Nullable(Type.String()),
    clientName: Type.String(),
    currency: Type.String(),
    dateFrom: Nullable(Type.String({ format: 'date' })),
    dateTo: Nullable(Type.String({ format: 'date' })),
    type: Type.String({ description: 'hourly, fixed or non_billable.' }),
    hourlyRate: Nullable(
      Type.String({ description: 'Decimal; null when unset or hidden from the caller.' }),
    ),
    active: Type.Boolean(),
  },
  { title: 'Project' },
);

/**
 * The projects the caller may see (all for administrators, managed ones for managers), and
 * each project, so that the project IRIs of work times resolve and clients can list them.
 */
export function flowtlyProjectsRoutes(app: App, deps: { projects: ProjectsService }): void {
  for (const prefix of ['/api', '']) {
    app.get(
      `${prefix}/projects`,
      {
        schema: {
          operationId: `getProjectCollection${prefix ? '' : 'Root'}`,
          summary: 'Retrieves the collection of Project resources.',
          tags: ['Flowtly: Projects'],
          hide: prefix === '',
          response: { 200: HydraCollectionOf(FlowtlyProject) },
        },
      },
      async (request) => {
        const query = request.query as Record<string, unknown>;
        const pagination = decodePagination(query);
        const result = await deps.projects.listProjects(
          actorOf(request),
          {},
          { page: pagination.page, perPage: pagination.perPage, cursor: null },
        );
        const members = result.rows.map((row) => presentFlowtlyProject(row, request.format));
        if (request.format === 'json') return members;
        return hydraCollection({
          context: '/api/contexts/Project',
          path: '/api/projects',
          rawQuery: rawQueryOf(request.url),
          members,
          total: result.total,
          ...pagination,
        });
      },
    );
    app.get(
      `${prefix}/projects/:id`,
      {
        schema: {
          operationId: `getProject${prefix ? '' : 'Root'}`,
          summary: 'Retrieves a Project resource.',
          tags: ['Flowtly: Projects'],
          hide: prefix === '',
          params: Type.Object({ id: Type.String() }),
          response: { 200: FlowtlyProject },
        },
      },
      async (request) => {
        const project = await deps.projects.getProjectBySegment(
          actorOf(request),
          request.params.id,
        );
        return presentFlowtlyProject(project, request.format);
      },
    );
  }
}
