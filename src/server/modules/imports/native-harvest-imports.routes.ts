import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import type { HarvestImportsService } from './harvest-imports.service.ts';
import { HarvestImportBody, HarvestImportReportSchema } from './native-harvest-imports.schemas.ts';

/** Imports of a whole Harvest-compatible account through its API (administrators). */
export function nativeHarvestImportsRoutes(
  app: App,
  deps: { harvestImports: HarvestImportsService },
) {
  app.post(
    '/imports/harvest',
    {
      schema: {
        operationId: 'importHarvestAccount',
        summary: 'Import a Harvest-compatible account (Harvest, or another Punch) through its API',
        description:
          'Reads the source through its Harvest v2 API and creates what this account lacks: people (matched by e-mail), clients, tasks, projects (matched by name, with their rates and budgets), assignments, and time entries (remembered by source id, in batches each imported whole). Running it again after an interruption, or later, imports only what is new. `dryRun` reports the same and writes nothing. The token is used for this request only.',
        tags: ['Punch: Imports'],
        security: NATIVE_SECURITY,
        body: HarvestImportBody,
        response: { 200: HarvestImportReportSchema },
      },
    },
    async (request) =>
      deps.harvestImports.run(actorOf(request), {
        source: {
          baseUrl: request.body.baseUrl,
          token: request.body.token,
          accountId: request.body.accountId.trim(),
        },
        dryRun: request.body.dryRun ?? false,
      }),
  );
}
