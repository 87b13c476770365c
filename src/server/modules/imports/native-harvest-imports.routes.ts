import { withReasonsWorded } from '../../http/refusal-wording.ts';
import { PassThrough } from 'node:stream';
import type { App } from '../../http/app-types.ts';
import { toProblem } from '../../http/error-handler.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import type {
  HarvestImportProgress,
  HarvestImportReport,
  HarvestImportsService,
} from './harvest-imports.service.ts';
import { HarvestImportBody, HarvestImportReportSchema } from './native-harvest-imports.schemas.ts';

const NDJSON = 'application/x-ndjson';

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
        description: `Reads the source through its Harvest v2 API and creates what this account lacks: people (matched by e-mail), clients, tasks, projects (matched by name, with their rates and budgets), assignments, and time entries (remembered by source id, in batches each imported whole). Running it again after an interruption, or later, imports only what is new. \`dryRun\` reports what would be created and which records would be refused and why (a record that does not fit, or a rule this account applies to time: a locked period, a submitted or approved week, an invoiced day, archived work), and writes nothing. The token is used for this request only.

With \`Accept: ${NDJSON}\` the answer is a stream of JSON lines once the source has accepted the token: \`{"progress": {"stage", "done", "total"}}\` as the entries are read, then \`{"report": …}\`, or \`{"error": {"code", "message", "details"}}\` if the source fails part-way (what was imported by then stays; run it again to resume).`,
        tags: ['Punch: Imports'],
        security: NATIVE_SECURITY,
        body: HarvestImportBody,
        produces: ['application/json', NDJSON],
        response: {
          200: {
            description: 'The import report, or (NDJSON) progress lines and then the report.',
            content: {
              'application/json': { schema: HarvestImportReportSchema },
              [NDJSON]: { schema: { type: 'string' } },
            },
          },
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const command = {
        source: {
          baseUrl: request.body.baseUrl,
          token: request.body.token,
          accountId: request.body.accountId.trim(),
        },
        dryRun: request.body.dryRun ?? false,
      };
      if (!(request.headers.accept ?? '').includes(NDJSON))
        return withReasonsWorded(await deps.harvestImports.run(actor, command));

      // The answer starts with the first progress: a source that refuses the token or cannot
      // be reached is still a plain 422, as without streaming.
      const lines = new PassThrough();
      const line = (value: object) => lines.write(`${JSON.stringify(value)}\n`);
      let started!: () => void;
      const firstProgress = new Promise<void>((resolve) => (started = resolve));
      const run = deps.harvestImports.run(actor, command, (progress: HarvestImportProgress) => {
        started();
        line({ progress });
      });
      const outcome = await Promise.race([
        firstProgress.then(() => 'streaming' as const),
        run.then((report: HarvestImportReport) => ({ report })),
      ]);
      if (outcome !== 'streaming') return withReasonsWorded(outcome.report);
      run.then(
        (report) => lines.end(`${JSON.stringify({ report: withReasonsWorded(report) })}\n`),
        (error: unknown) => {
          const { code, message, details, status } = toProblem(error, request);
          lines.end(`${JSON.stringify({ error: { code, message, details, status } })}\n`);
        },
      );
      // A stream, which the typed reply (the JSON report's schema) does not describe.
      return reply.type(NDJSON).send(lines as never);
    },
  );
}
