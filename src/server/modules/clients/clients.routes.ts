import type { App } from '../../http/app-types.ts';
import { harvestLocation } from '../../http/harvest-transport.ts';
import { HarvestPage, presentHarvestPage } from '../../http/harvest-list.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { pageRequest } from '../../shared/pagination.ts';
import { presentHarvestClient } from './clients.presenter.ts';
import {
  ClientParams,
  CreateClientBody,
  HarvestClient,
  ListClientsQuery,
  UpdateClientBody,
} from './clients.schemas.ts';
import type { ClientsService } from './clients.service.ts';

const tags = ['Harvest: Clients'];
const security = HARVEST_SECURITY;
const consumes = ['application/json', 'application/x-www-form-urlencoded'];

export function harvestClientsRoutes(
  app: App,
  deps: { clients: ClientsService; publicUrl: string },
): void {
  const { clients, publicUrl } = deps;

  app.get(
    '/clients',
    {
      schema: {
        operationId: 'listClients',
        summary: 'List clients, most recently created first',
        tags,
        security,
        querystring: ListClientsQuery,
        response: { 200: HarvestPage('clients', HarvestClient) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const result = await clients.listClients(
        actorOf(request),
        {
          isActive: query.is_active,
          updatedSince: query.updated_since ? Date.parse(query.updated_since) : undefined,
        },
        page,
      );
      return presentHarvestPage({
        key: 'clients',
        items: result.rows.map(presentHarvestClient),
        page: result,
        request: page,
        url: `${publicUrl}/v2/clients`,
        query,
      });
    },
  );

  app.get(
    '/clients/:clientId',
    {
      schema: {
        operationId: 'retrieveClient',
        summary: 'Retrieve a client',
        tags,
        security,
        params: ClientParams,
        response: { 200: HarvestClient },
      },
    },
    async (request) =>
      presentHarvestClient(await clients.getClient(actorOf(request), request.params.clientId)),
  );

  app.post(
    '/clients',
    {
      schema: {
        operationId: 'createClient',
        summary: 'Create a client',
        tags,
        security,
        consumes,
        body: CreateClientBody,
        response: { 201: HarvestClient },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const client = await clients.createClient(actorOf(request), {
        name: body.name,
        isActive: body.is_active,
        address: body.address,
        currency: body.currency,
      });
      return reply
        .code(201)
        .header('location', harvestLocation(publicUrl, `clients/${client.id}`))
        .send(presentHarvestClient(client));
    },
  );

  app.patch(
    '/clients/:clientId',
    {
      schema: {
        operationId: 'updateClient',
        summary: 'Update a client',
        tags,
        security,
        consumes,
        params: ClientParams,
        body: UpdateClientBody,
        response: { 200: HarvestClient },
      },
    },
    async (request) =>
      presentHarvestClient(
        await clients.updateClient(actorOf(request), request.params.clientId, {
          name: request.body.name,
          isActive: request.body.is_active,
          address: request.body.address,
          currency: request.body.currency,
        }),
      ),
  );

  app.delete(
    '/clients/:clientId',
    {
      schema: {
        operationId: 'deleteClient',
        summary: 'Delete a client without projects (kept as deleted, not erased)',
        tags,
        security,
        params: ClientParams,
        response: { 200: HarvestClient },
      },
    },
    async (request) =>
      presentHarvestClient(await clients.deleteClient(actorOf(request), request.params.clientId)),
  );
}
