import type { App } from '../../http/app-types.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { presentHarvestCompany } from './accounts.presenter.ts';
import { HarvestCompany, UpdateCompanyBody } from './accounts.schemas.ts';
import type { AccountsService } from './accounts.service.ts';

export function harvestCompanyRoutes(
  app: App,
  deps: { accounts: AccountsService; publicUrl: string },
): void {
  const { accounts, publicUrl } = deps;

  app.get(
    '/company',
    {
      schema: {
        operationId: 'retrieveCompany',
        summary: 'Retrieve the company (account) of the caller',
        security: HARVEST_SECURITY,
        tags: ['Harvest: Company'],
        response: { 200: HarvestCompany },
      },
    },
    async (request) =>
      presentHarvestCompany(await accounts.getCompany(actorOf(request)), publicUrl),
  );

  app.patch(
    '/company',
    {
      schema: {
        operationId: 'updateCompany',
        summary: 'Update the company settings (administrators)',
        security: HARVEST_SECURITY,
        tags: ['Harvest: Company'],
        consumes: ['application/json', 'application/x-www-form-urlencoded'],
        body: UpdateCompanyBody,
        response: { 200: HarvestCompany },
      },
    },
    async (request) =>
      presentHarvestCompany(
        await accounts.updateCompany(actorOf(request), request.body),
        publicUrl,
      ),
  );
}
