import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY, NoContent } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { nativePageRequest, nextCursor } from '../../http/native-list.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { Client } from './client.rules.ts';
import type { ClientsService } from './clients.service.ts';
import {
  CreateNativeClient,
  ListNativeClientsQuery,
  NativeClient,
  NativeClientList,
  NativeClientParams,
  UpdateNativeClient,
} from './native-clients.schemas.ts';

const tags = ['Punch: Clients'];
const security = NATIVE_SECURITY;

function present(client: Client) {
  return {
    id: client.id,
    name: client.name,
    isActive: client.isActive,
    address: client.address,
    currency: client.currency,
    createdAt: toWireInstant(client.createdAt),
    updatedAt: toWireInstant(client.updatedAt),
  };
}

/** The native door to clients: the same service and rules as Harvest's. */
export function nativeClientsRoutes(app: App, deps: { clients: ClientsService }) {
  const { clients } = deps;

  app.get(
    '/clients',
    {
      schema: {
        operationId: 'punchListClients',
        summary: 'Clients, newest first, by cursor',
        tags,
        security,
        querystring: ListNativeClientsQuery,
        response: { 200: NativeClientList },
      },
    },
    async (request) => {
      const q = request.query;
      const page = await clients.listClients(
        actorOf(request),
        { isActive: q.isActive },
        nativePageRequest(q),
      );
      return { data: page.rows.map(present), nextCursor: nextCursor(page) };
    },
  );

  app.get(
    '/clients/:clientId',
    {
      schema: {
        operationId: 'punchRetrieveClient',
        summary: 'One client',
        tags,
        security,
        params: NativeClientParams,
        response: { 200: NativeClient },
      },
    },
    async (request) => present(await clients.getClient(actorOf(request), request.params.clientId)),
  );

  app.post(
    '/clients',
    {
      schema: {
        operationId: 'punchCreateClient',
        summary: 'Create a client',
        tags,
        security,
        body: CreateNativeClient,
        response: { 201: NativeClient },
      },
    },
    async (request, reply) =>
      reply.code(201).send(present(await clients.createClient(actorOf(request), request.body))),
  );

  app.patch(
    '/clients/:clientId',
    {
      schema: {
        operationId: 'punchUpdateClient',
        summary: 'Change a client; archiving needs no running timer on it',
        tags,
        security,
        params: NativeClientParams,
        body: UpdateNativeClient,
        response: { 200: NativeClient },
      },
    },
    async (request) =>
      present(await clients.updateClient(actorOf(request), request.params.clientId, request.body)),
  );

  app.delete(
    '/clients/:clientId',
    {
      schema: {
        operationId: 'punchDeleteClient',
        summary: 'Delete a client without projects',
        tags,
        security,
        params: NativeClientParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await clients.deleteClient(actorOf(request), request.params.clientId);
      return reply.code(204).send();
    },
  );
}
