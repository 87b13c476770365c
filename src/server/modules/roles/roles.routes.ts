import type { App } from '../../http/app-types.ts';
import { harvestLocation } from '../../http/harvest-transport.ts';
import { HarvestPage, presentHarvestPage } from '../../http/harvest-list.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { pageRequest } from '../../shared/pagination.ts';
import { presentHarvestRole } from './roles.presenter.ts';
import {
  RoleParams,
  CreateRoleBody,
  HarvestRole,
  ListRolesQuery,
  UpdateRoleBody,
} from './roles.schemas.ts';
import type { RolesService } from './roles.service.ts';

const tags = ['Harvest: Roles'];
const security = HARVEST_SECURITY;
const consumes = ['application/json', 'application/x-www-form-urlencoded'];

export function harvestRolesRoutes(
  app: App,
  deps: { roles: RolesService; publicUrl: string },
): void {
  const { roles, publicUrl } = deps;

  app.get(
    '/roles',
    {
      schema: {
        operationId: 'listRoles',
        summary: 'List roles, most recently created first (administrators)',
        tags,
        security,
        querystring: ListRolesQuery,
        response: { 200: HarvestPage('roles', HarvestRole) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const result = await roles.listRoles(actorOf(request), page);
      return presentHarvestPage({
        key: 'roles',
        items: result.rows.map(presentHarvestRole),
        page: result,
        request: page,
        url: `${publicUrl}/v2/roles`,
        query,
      });
    },
  );

  app.get(
    '/roles/:roleId',
    {
      schema: {
        operationId: 'retrieveRole',
        summary: 'Retrieve a role',
        tags,
        security,
        params: RoleParams,
        response: { 200: HarvestRole },
      },
    },
    async (request) =>
      presentHarvestRole(await roles.getRole(actorOf(request), request.params.roleId)),
  );

  app.post(
    '/roles',
    {
      schema: {
        operationId: 'createRole',
        summary: 'Create a role, optionally with its people',
        tags,
        security,
        consumes,
        body: CreateRoleBody,
        response: { 201: HarvestRole },
      },
    },
    async (request, reply) => {
      const { name, user_ids: userIds } = request.body;
      const role = await roles.createRole(actorOf(request), { name, userIds });
      return reply
        .code(201)
        .header('location', harvestLocation(publicUrl, `roles/${role.id}`))
        .send(presentHarvestRole(role));
    },
  );

  app.patch(
    '/roles/:roleId',
    {
      schema: {
        operationId: 'updateRole',
        summary: 'Update a role; user_ids replaces the whole list',
        tags,
        security,
        consumes,
        params: RoleParams,
        body: UpdateRoleBody,
        response: { 200: HarvestRole },
      },
    },
    async (request) =>
      presentHarvestRole(
        await roles.updateRole(actorOf(request), request.params.roleId, {
          name: request.body.name,
          userIds: request.body.user_ids,
        }),
      ),
  );

  app.delete(
    '/roles/:roleId',
    {
      schema: {
        operationId: 'deleteRole',
        summary: 'Delete a role and unlink its people',
        tags,
        security,
        params: RoleParams,
        response: { 200: HarvestRole },
      },
    },
    async (request) =>
      presentHarvestRole(await roles.deleteRole(actorOf(request), request.params.roleId)),
  );
}
