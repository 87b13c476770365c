import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { NoContent } from '../../http/openapi.ts';
import { HydraCollectionOf } from '../../http/flowtly-schema.ts';
import {
  decodePagination,
  employeeId,
  hydraCollection,
  iri,
  rawQueryOf,
} from '../../http/flowtly-transport.ts';
import { actorOf } from '../../http/request-context.ts';
import { rfc3339 } from '../../http/flowtly-input.ts';
import {
  decodeEmployee,
  decodeLoginGrant,
  presentEmployee,
  presentEmployeePreview,
} from './employees.presenter.ts';
import { Employee, EmployeeInput, EmployeePreview } from './employees.schemas.ts';
import type { EmployeesService } from './employees.service.ts';
import type { UserFilters } from './users.repository.ts';

const text = (value: unknown): string | undefined =>
  typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;

/** SearchFilter-style filters (ipartial); values that mean nothing are dropped, as API Platform does. */
function decodeFilters(query: Record<string, unknown>, freeText: boolean): UserFilters {
  const filters: UserFilters = {
    firstName: text(query.firstName),
    lastName: text(query.lastName),
    email: text(query.email),
  };
  const active = typeof query.active === 'string' ? query.active.toLowerCase() : '';
  if (['true', '1'].includes(active)) filters.isActive = true;
  if (['false', '0'].includes(active)) filters.isActive = false;
  if (freeText) filters.text = text(query.q) ?? text(query.search);
  return filters;
}

const FILTER_VARIABLES = ['firstName', 'lastName', 'email', 'active'];

export function flowtlyEmployeesRoutes(app: App, deps: { employees: EmployeesService }): void {
  const { employees } = deps;
  const tags = ['Flowtly: Employees'];
  const params = Type.Object({ id: Type.String() });
  const EmployeeCollection = HydraCollectionOf(Employee);

  for (const prefix of ['/api', '']) {
    const hide = prefix === '';
    const op = (name: string) => (prefix ? name : `${name}Root`);

    /** The three collection operations differ in their filters and in how much they show. */
    const collection = (
      path: string,
      name: string,
      options: { freeText: boolean; preview: boolean; variables: string[] },
    ) =>
      app.get(
        `${prefix}${path}`,
        {
          schema: {
            operationId: op(name),
            summary: 'Retrieves the collection of Employee resources.',
            tags,
            hide,
            response: {
              200: options.preview ? HydraCollectionOf(EmployeePreview) : EmployeeCollection,
            },
          },
        },
        async (request) => {
          const query = request.query as Record<string, unknown>;
          const pagination = decodePagination(query);
          const result = await employees.listEmployees(actorOf(request), {
            filters: decodeFilters(query, options.freeText),
            page: pagination.page,
            perPage: pagination.perPage,
          });
          const members = result.rows.map((view) =>
            options.preview
              ? presentEmployeePreview(view, request.format)
              : presentEmployee(view, request.format, 'member'),
          );
          if (request.format === 'json') return members;
          return hydraCollection({
            context: '/api/contexts/Employee',
            path: `/api${path}`,
            rawQuery: rawQueryOf(request.url),
            members,
            total: result.total,
            ...pagination,
            searchVariables: options.variables,
          });
        },
      );

    collection('/employees', 'getEmployeeCollection', {
      freeText: false,
      preview: false,
      variables: FILTER_VARIABLES,
    });
    collection('/employees/preview', 'getEmployeePreviewCollection', {
      freeText: true,
      preview: true,
      variables: ['q', ...FILTER_VARIABLES],
    });
    collection('/employees/search', 'getEmployeeSearchCollection', {
      freeText: true,
      preview: false,
      variables: ['q', 'search', ...FILTER_VARIABLES],
    });

    // A collection operation in Flowtly's docs: a collection of one, the caller.
    app.get(
      `${prefix}/employees/me`,
      {
        schema: {
          operationId: op('getEmployeeMe'),
          summary: "Retrieves the caller's Employee resource (as a collection of one).",
          tags,
          hide,
          response: { 200: EmployeeCollection },
        },
      },
      async (request) => {
        const me = presentEmployee(
          await employees.getMyEmployee(actorOf(request)),
          request.format,
          'member',
        );
        if (request.format === 'json') return [me];
        return hydraCollection({
          context: '/api/contexts/Employee',
          path: '/api/employees/me',
          rawQuery: '',
          members: [me],
          total: 1,
          page: 1,
          perPage: 30,
          paginated: true,
        });
      },
    );

    app.post(
      `${prefix}/employees`,
      {
        schema: {
          operationId: op('postEmployee'),
          summary: 'Creates a Employee resource.',
          tags,
          hide,
          consumes: ['application/ld+json', 'application/json'],
          body: EmployeeInput,
          response: { 201: Employee },
        },
      },
      async (request, reply) => {
        const view = await employees.createEmployee(
          actorOf(request),
          decodeEmployee(request.body, true),
        );
        const location = iri.employee(view.id);
        return reply
          .code(201)
          .header('location', location)
          .header('content-location', location)
          .send(presentEmployee(view, request.format, 'item'));
      },
    );

    app.get(
      `${prefix}/employees/:id`,
      {
        schema: {
          operationId: op('getEmployee'),
          summary: 'Retrieves a Employee resource.',
          tags,
          hide,
          params,
          response: { 200: Employee },
        },
      },
      async (request, reply) => {
        const view = await employees.getEmployee(actorOf(request), employeeId(request.params.id));
        reply.header('accept-patch', 'application/merge-patch+json');
        return presentEmployee(view, request.format, 'item');
      },
    );

    app.patch(
      `${prefix}/employees/:id`,
      {
        schema: {
          operationId: op('patchEmployee'),
          summary: 'Updates the Employee resource (JSON Merge Patch).',
          tags,
          hide,
          consumes: ['application/merge-patch+json'],
          params,
          body: EmployeeInput,
          response: { 200: Employee },
        },
      },
      async (request) => {
        const view = await employees.updateEmployee(
          actorOf(request),
          employeeId(request.params.id),
          decodeEmployee(request.body, false),
        );
        return presentEmployee(view, request.format, 'item');
      },
    );

    app.delete(
      `${prefix}/employees/:id`,
      {
        schema: {
          operationId: op('deleteEmployee'),
          summary: 'Removes the Employee resource (refused while they have tracked time).',
          tags,
          hide,
          params,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await employees.deleteEmployee(actorOf(request), employeeId(request.params.id));
        return reply.code(204).send();
      },
    );

    app.post(
      `${prefix}/employees/:id/user`,
      {
        schema: {
          operationId: op('postEmployeeUser'),
          summary:
            'Gives the employee a login: with a password, or an invitation token returned once.',
          tags,
          hide,
          consumes: ['application/ld+json', 'application/json'],
          params,
          // Not validated by schema: an invitation is a POST without any body.
          description:
            'Body `{"password": "…"}` (at least 8 characters), or no body for an invitation token.',
          response: { 201: Employee },
        },
      },
      async (request, reply) => {
        const { password } = decodeLoginGrant(request.body);
        const granted = await employees.grantLogin(
          actorOf(request),
          employeeId(request.params.id),
          password,
        );
        const location = iri.employee(granted.view.id);
        return reply
          .code(201)
          .header('location', location)
          .send({
            ...presentEmployee(granted.view, request.format, 'item'),
            ...(granted.invitation
              ? {
                  invitationToken: granted.invitation.token,
                  invitationExpiresAt: rfc3339(granted.invitation.expiresAt, 'UTC'),
                }
              : {}),
          });
      },
    );

    app.delete(
      `${prefix}/employees/:id/user`,
      {
        schema: {
          operationId: op('deleteEmployeeUser'),
          summary: "Removes the employee's login; their personal access tokens are revoked.",
          tags,
          hide,
          params,
          response: { 204: NoContent },
        },
      },
      async (request, reply) => {
        await employees.revokeLogin(actorOf(request), employeeId(request.params.id));
        return reply.code(204).send();
      },
    );
  }
}
