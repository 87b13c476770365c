import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { NoContent } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { notFound } from '../../shared/domain-error.ts';
import { employeeId } from '../../http/flowtly-transport.ts';
import {
  decodeProjectRate,
  presentProjectRates,
  projectRatesIri,
} from './project-rates.presenter.ts';
import { EmployeeProjectRates, ProjectRateInput } from './project-rates.schemas.ts';
import type { ProjectRatesService } from './project-rates.service.ts';

function rateId(raw: string): number {
  if (!/^\d{1,15}$/.test(raw)) throw notFound('project_rate');
  return Number(raw);
}

/**
 * `GET /employees/{id}/project-rates` as Flowtly lists it, plus the writes its product offers
 * (add, extend, edit, remove): POST to the list, PATCH and DELETE one rate by its `@id`.
 */
export function flowtlyProjectRatesRoutes(
  app: App,
  deps: { projectRates: ProjectRatesService },
): void {
  const { projectRates } = deps;
  const tags = ['Flowtly: Employees'];
  const params = Type.Object({ id: Type.String() });
  const rateParams = Type.Object({ id: Type.String(), rateId: Type.String() });

  for (const prefix of ['/api', '']) {
    const hide = prefix === '';
    const op = (name: string) => (prefix ? name : `${name}Root`);
    const path = `${prefix}/employees/:id/project-rates`;

    app.get(
      path,
      {
        schema: {
          operationId: op('getEmployeeProjectRates'),
          summary: "Retrieves the employee's per-project rates.",
          tags,
          hide,
          params,
          response: { 200: EmployeeProjectRates },
        },
      },
      async (request) =>
        presentProjectRates(
          await projectRates.getProjectRates(actorOf(request), employeeId(request.params.id)),
          request.format,
        ),
    );

    app.post(
      path,
      {
        schema: {
          operationId: op('postEmployeeProjectRate'),
          summary: 'Adds a project rate; periods of one project may not overlap.',
          tags,
          hide,
          consumes: ['application/ld+json', 'application/json'],
          params,
          body: ProjectRateInput,
          response: { 201: EmployeeProjectRates },
        },
      },
      async (request, reply) => {
        const userId = employeeId(request.params.id);
        const view = await projectRates.createProjectRate(
          actorOf(request),
          userId,
          decodeProjectRate(request.body, true),
        );
        return reply
          .code(201)
          .header('location', `${projectRatesIri(userId)}/${view.id}`)
          .send(presentProjectRates(view, request.format));
      },
    );

    app.patch(
      `${path}/:rateId`,
      {
        schema: {
          operationId: op('patchEmployeeProjectRate'),
          summary: 'Edits or extends one project rate (JSON Merge Patch).',
          tags,
          hide,
          consumes: ['application/merge-patch+json'],
          params: rateParams,
          body: ProjectRateInput,
          response: { 200: EmployeeProjectRates },
        },
      },
      async (request) =>
        presentProjectRates(
          await projectRates.updateProjectRate(
            actorOf(request),
            employeeId(request.params.id),
            rateId(request.params.rateId),
            decodeProjectRate(request.body, false),
          ),
          request.format,
        ),
    );

    app.delete(
      `${path}/:rateId`,
      {
        schema: {
          operationId: op('deleteEmployeeProjectRate'),
          summary: 'Removes one project rate.',
          tags,
          hide,
          params: rateParams,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await projectRates.deleteProjectRate(
          actorOf(request),
          employeeId(request.params.id),
          rateId(request.params.rateId),
        );
        return reply.code(204).send();
      },
    );
  }
}
