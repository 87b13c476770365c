import type { App } from '../../http/app-types.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { presentHarvestUser } from './users.presenter.ts';
import { HarvestUser } from './users.schemas.ts';
import type { UsersService } from './users.service.ts';

export function harvestUsersRoutes(app: App, deps: { users: UsersService }): void {
  const { users } = deps;

  app.get(
    '/users/me',
    {
      schema: {
        operationId: 'retrieveTheCurrentlyAuthenticatedUser',
        summary: 'Retrieve the currently authenticated user',
        security: HARVEST_SECURITY,
        tags: ['Harvest: Users'],
        response: { 200: HarvestUser },
      },
    },
    async (request) => presentHarvestUser(await users.getCurrentUser(actorOf(request))),
  );
}
