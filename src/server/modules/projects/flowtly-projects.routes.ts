import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { iri } from '../../http/flowtly-transport.ts';
import { actorOf, viewerOf } from '../../http/request-context.ts';
import { fromCents } from '../../shared/money.ts';
import type { ProjectWithClient } from './projects.repository.ts';
import type { ProjectsService } from './projects.service.ts';

/** Flowtly's Project (`project.read` fields known from its docs, flowtly.md §1.3). */
export function presentFlowtlyProject(
  row: ProjectWithClient,
  format: 'jsonld' | 'json',
  viewer: { seesRates: boolean },
) {
  return {
    ...(format === 'jsonld'
      ? { '@context': '/api/contexts/Project', '@id': iri.project(row.id), '@type': 'Project' }
      : {}),
    id: row.id,
    name: row.name,
    code: row.code,
    client: null,
    clientName: row.client_name,
    currency: row.client_currency,
    dateFrom: row.starts_on,
    dateTo: row.ends_on,
    type: row.is_fixed_fee === 1 ? 'fixed' : row.bill_by === 'none' ? 'non_billable' : 'hourly',
    hourlyRate:
      row.hourly_rate_cents === null || !viewer.seesRates
        ? null
        : fromCents(row.hourly_rate_cents).toFixed(2),
    active: row.is_active === 1,
  };
}

/** Project items, so that the project IRIs of work times resolve. */
export function flowtlyProjectsRoutes(app: App, deps: { projects: ProjectsService }): void {
  for (const prefix of ['/api', '']) {
    app.get(
      `${prefix}/projects/:id`,
      {
        schema: {
          operationId: `getProject${prefix ? '' : 'Root'}`,
          summary: 'Retrieves a Project resource.',
          tags: ['Flowtly: Projects'],
          hide: prefix === '',
          params: Type.Object({ id: Type.String() }),
        },
      },
      async (request) => {
        const project = await deps.projects.getProjectBySegment(
          actorOf(request),
          request.params.id,
        );
        return presentFlowtlyProject(project, request.format, viewerOf(request));
      },
    );
  }
}
