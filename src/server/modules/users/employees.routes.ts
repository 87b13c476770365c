import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { hydraCollection, iri } from '../../http/flowtly-transport.ts';
import { actorOf } from '../../http/request-context.ts';
import { notFound } from '../../shared/domain-error.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { UserView } from './users.presenter.ts';
import type { UsersService } from './users.service.ts';

/** Flowtly's Employee (the proposal of flowtly.md §1.5): a person of the account. */
export function presentEmployee(view: UserView, format: 'jsonld' | 'json', as: 'item' | 'member') {
  const { row } = view;
  return {
    ...(format === 'jsonld'
      ? {
          ...(as === 'item' ? { '@context': '/api/contexts/Employee' } : {}),
          '@id': iri.employee(row.id),
          '@type': 'Employee',
        }
      : {}),
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    contactEmail: null,
    phone: row.telephone === '' ? null : row.telephone,
    active: row.is_active === 1,
    timeTrackingEnabled: row.is_active === 1,
    weeklyCapacitySeconds: row.weekly_capacity,
    defaultProject: null,
    user: row.identity_id === null ? null : `/api/users/${row.identity_id}`,
    createdAt: toWireInstant(row.created_at),
    updatedAt: toWireInstant(row.updated_at),
  };
}

function employeeId(raw: string): number {
  const match = /^(?:emp_)?(\d{1,15})$/.exec(raw);
  if (!match) throw notFound('employee');
  return Number(match[1]);
}

export function flowtlyEmployeesRoutes(app: App, deps: { users: UsersService }): void {
  const { users } = deps;
  const tags = ['Flowtly: Employees'];
  for (const prefix of ['/api', '']) {
    const hide = prefix === '';
    const suffix = prefix ? '' : 'Root';

    app.get(
      `${prefix}/employees`,
      {
        schema: {
          operationId: `getEmployeeCollection${suffix}`,
          summary: 'Retrieves the collection of Employee resources.',
          tags,
          hide,
        },
      },
      async (request) => {
        const query = request.query as Record<string, unknown>;
        const page = Math.max(1, Math.trunc(Number(query.page ?? 1)) || 1);
        const perPage = Math.min(
          100,
          Math.max(0, Math.trunc(Number(query.itemsPerPage ?? 30)) || 30),
        );
        const result = await users.listUsers(actorOf(request), {}, { page, perPage, cursor: null });
        const members = result.rows.map((view) => presentEmployee(view, request.format, 'member'));
        if (request.format === 'json') return members;
        return hydraCollection({
          context: '/api/contexts/Employee',
          path: '/api/employees',
          rawQuery: request.url.includes('?')
            ? request.url.slice(request.url.indexOf('?') + 1)
            : '',
          members,
          total: result.total,
          page,
          perPage,
          paginated: true,
        });
      },
    );

    // A collection operation in Flowtly's docs: a collection of one, the caller.
    app.get(
      `${prefix}/employees/me`,
      {
        schema: {
          operationId: `getEmployeeMe${suffix}`,
          summary: "Retrieves the caller's Employee resource (as a collection of one).",
          tags,
          hide,
        },
      },
      async (request) => {
        const me = presentEmployee(
          await users.getCurrentUser(actorOf(request)),
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

    app.get(
      `${prefix}/employees/:id`,
      {
        schema: {
          operationId: `getEmployee${suffix}`,
          summary: 'Retrieves a Employee resource.',
          tags,
          hide,
          params: Type.Object({ id: Type.String() }),
        },
      },
      async (request) =>
        presentEmployee(
          await users.getUser(actorOf(request), employeeId(request.params.id)),
          request.format,
          'item',
        ),
    );
  }
}
