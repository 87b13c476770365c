import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { HarvestPage, presentHarvestPage } from '../../http/harvest-list.ts';
import { harvestLocation } from '../../http/harvest-transport.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { pageRequest } from '../../shared/pagination.ts';
import {
  presentHarvestRate,
  presentHarvestTeammate,
  presentHarvestUser,
} from './users.presenter.ts';
import type { RateKind } from './users.repository.ts';
import {
  CreateUserBody,
  CreateUserRateBody,
  HarvestTeammate,
  HarvestUser,
  HarvestUserRate,
  ListUsersQuery,
  RatesQuery,
  UpdateTeammatesBody,
  UpdateUserBody,
  UserParams,
  UserRateParams,
} from './users.schemas.ts';
import type { UpdatePerson, UsersService } from './users.service.ts';

const tags = ['Harvest: Users'];
const security = HARVEST_SECURITY;
const consumes = ['application/json', 'application/x-www-form-urlencoded'];

/** Pages an already complete, ordered list (rates and teammates are short per person). */
function pageOf<T extends { id: number }>(items: T[], request: ReturnType<typeof pageRequest>) {
  const start = (request.page - 1) * request.perPage;
  const rows = items.slice(start, start + request.perPage);
  return {
    rows,
    total: items.length,
    hasOlder: start + rows.length < items.length,
    hasNewer: start > 0,
  };
}

/** Harvest's user body, read into the domain's command. */
function personCommand(body: UpdateUserBody): UpdatePerson {
  return {
    firstName: body.first_name,
    lastName: body.last_name,
    email: body.email,
    telephone: body.telephone,
    timezone: body.timezone,
    hasAccessToAllFutureProjects: body.has_access_to_all_future_projects,
    isContractor: body.is_contractor,
    isActive: body.is_active,
    weeklyCapacity: body.weekly_capacity,
    defaultHourlyRate: body.default_hourly_rate,
    costRate: body.cost_rate,
    roles: body.roles,
    accessRoles: body.access_roles,
  };
}

export function harvestUsersRoutes(
  app: App,
  deps: { users: UsersService; publicUrl: string },
): void {
  const { users, publicUrl } = deps;

  app.get(
    '/users/me',
    {
      schema: {
        operationId: 'retrieveTheCurrentlyAuthenticatedUser',
        summary: 'Retrieve the currently authenticated user',
        tags,
        security,
        response: { 200: HarvestUser },
      },
    },
    async (request) => presentHarvestUser(await users.getCurrentUser(actorOf(request))),
  );

  app.get(
    '/users',
    {
      schema: {
        operationId: 'listUsers',
        summary: 'List people (administrators: all; managers: their teammates)',
        tags,
        security,
        querystring: ListUsersQuery,
        response: { 200: HarvestPage('users', HarvestUser) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const result = await users.listUsers(
        actorOf(request),
        {
          isActive: query.is_active,
          updatedSince: query.updated_since ? Date.parse(query.updated_since) : undefined,
        },
        page,
      );
      return presentHarvestPage({
        key: 'users',
        items: result.rows.map(presentHarvestUser),
        page: result,
        request: page,
        url: `${publicUrl}/v2/users`,
        query,
      });
    },
  );

  app.get(
    '/users/:userId',
    {
      schema: {
        operationId: 'retrieveUser',
        summary: 'Retrieve a person',
        tags,
        security,
        params: UserParams,
        response: { 200: HarvestUser },
      },
    },
    async (request) =>
      presentHarvestUser(await users.getUser(actorOf(request), request.params.userId)),
  );

  app.post(
    '/users',
    {
      schema: {
        operationId: 'createUser',
        summary: 'Add a person to the account (administrators)',
        tags,
        security,
        consumes,
        body: CreateUserBody,
        response: { 201: HarvestUser },
      },
    },
    async (request, reply) => {
      const user = await users.createUser(actorOf(request), {
        ...personCommand(request.body),
        firstName: request.body.first_name,
        lastName: request.body.last_name,
        email: request.body.email,
      });
      return reply
        .code(201)
        .header('location', harvestLocation(publicUrl, `users/${user.id}`))
        .send(presentHarvestUser(user));
    },
  );

  app.patch(
    '/users/:userId',
    {
      schema: {
        operationId: 'updateUser',
        summary: 'Update a person; is_active: false archives (administrators)',
        tags,
        security,
        consumes,
        params: UserParams,
        body: UpdateUserBody,
        response: { 200: HarvestUser },
      },
    },
    async (request) =>
      presentHarvestUser(
        await users.updateUser(
          actorOf(request),
          request.params.userId,
          personCommand(request.body),
        ),
      ),
  );

  app.delete(
    '/users/:userId',
    {
      schema: {
        operationId: 'deleteUser',
        summary: 'Delete a person who has tracked no time (administrators)',
        tags,
        security,
        params: UserParams,
        response: { 200: HarvestUser },
      },
    },
    async (request) =>
      presentHarvestUser(await users.deleteUser(actorOf(request), request.params.userId)),
  );

  for (const [kind, path, listId, getId, createId] of [
    [
      'billable',
      'billable_rates',
      'listBillableRatesForSpecificUser',
      'retrieveBillableRate',
      'createBillableRate',
    ],
    ['cost', 'cost_rates', 'listCostRatesForSpecificUser', 'retrieveCostRate', 'createCostRate'],
  ] as const satisfies readonly (readonly [RateKind, string, string, string, string])[]) {
    app.get(
      `/users/:userId/${path}`,
      {
        schema: {
          operationId: listId,
          summary: `List a person's ${kind} rates, oldest start first`,
          tags,
          security,
          params: UserParams,
          querystring: RatesQuery,
          response: { 200: HarvestPage(path, HarvestUserRate) },
        },
      },
      async (request) => {
        const page = pageRequest(request.query);
        const rates = await users.listRates(actorOf(request), request.params.userId, kind);
        const result = pageOf(
          rates.map((r) => ({ id: r.id, view: r })),
          page,
        );
        return presentHarvestPage({
          key: path,
          items: result.rows.map((r) => presentHarvestRate(r.view)),
          page: result,
          request: { ...page, cursor: null },
          url: `${publicUrl}/v2/users/${request.params.userId}/${path}`,
          query: request.query,
        });
      },
    );

    app.get(
      `/users/:userId/${path}/:rateId`,
      {
        schema: {
          operationId: getId,
          summary: `Retrieve one of a person's ${kind} rates`,
          tags,
          security,
          params: UserRateParams,
          response: { 200: HarvestUserRate },
        },
      },
      async (request) =>
        presentHarvestRate(
          await users.getRate(actorOf(request), request.params.userId, kind, request.params.rateId),
        ),
    );

    app.post(
      `/users/:userId/${path}`,
      {
        schema: {
          operationId: createId,
          summary: `Add a ${kind} rate: without start_date it replaces all, else those starting on or after it`,
          tags,
          security,
          consumes,
          params: UserParams,
          body: CreateUserRateBody,
          response: { 201: HarvestUserRate },
        },
      },
      async (request, reply) => {
        const rate = await users.createRate(actorOf(request), request.params.userId, kind, {
          amount: request.body.amount,
          startDate: request.body.start_date,
        });
        return reply
          .code(201)
          .header(
            'location',
            harvestLocation(publicUrl, `users/${request.params.userId}/${path}/${rate.id}`),
          )
          .send(presentHarvestRate(rate));
      },
    );
  }

  app.get(
    '/users/:userId/teammates',
    {
      schema: {
        operationId: 'listAssignedTeammatesForSpecificUser',
        summary: "List a manager's teammates (administrators)",
        tags,
        security,
        params: UserParams,
        querystring: RatesQuery,
        response: { 200: HarvestPage('teammates', HarvestTeammate) },
      },
    },
    async (request) => {
      const page = pageRequest(request.query);
      const teammates = await users.listTeammates(actorOf(request), request.params.userId);
      const result = pageOf(teammates, page);
      return presentHarvestPage({
        key: 'teammates',
        items: result.rows.map(presentHarvestTeammate),
        page: result,
        request: { ...page, cursor: null },
        url: `${publicUrl}/v2/users/${request.params.userId}/teammates`,
        query: request.query,
      });
    },
  );

  app.patch(
    '/users/:userId/teammates',
    {
      schema: {
        operationId: 'updateUserAssignedTeammates',
        summary: "Replace a manager's teammates (administrators)",
        tags,
        security,
        consumes,
        params: UserParams,
        body: UpdateTeammatesBody,
        response: { 200: Type.Object({ teammates: Type.Array(HarvestTeammate) }) },
      },
    },
    async (request) => ({
      teammates: (
        await users.updateTeammates(
          actorOf(request),
          request.params.userId,
          request.body.teammate_ids,
        )
      ).map(presentHarvestTeammate),
    }),
  );
}
