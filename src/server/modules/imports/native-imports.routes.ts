import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import type { ImportsService } from './imports.service.ts';
import { IMPORT_MAX_BYTES, ImportBody, ImportReportSchema } from './native-imports.schemas.ts';

/** Imports of other trackers' exports (administrators). */
export function nativeImportsRoutes(app: App, deps: { imports: ImportsService }) {
  const { imports } = deps;
  app.post(
    '/imports',
    {
      bodyLimit: IMPORT_MAX_BYTES + 1024,
      schema: {
        operationId: 'importTime',
        summary: 'Import a Harvest, Toggl Track, Clockify or Kimai export (CSV or XLSX)',
        description:
          'People are matched by e-mail or name; clients, projects, tasks and assignments are created when missing; each row becomes a time entry, in batches of 500 each imported whole. Importing the same file again creates nothing. `dryRun` reports the same and writes nothing.',
        tags: ['Punch: Imports'],
        security: NATIVE_SECURITY,
        body: ImportBody,
        response: { 200: ImportReportSchema },
      },
    },
    async (request) => {
      const body = request.body;
      return imports.run(actorOf(request), {
        file:
          body.kind === 'csv'
            ? { kind: 'csv', text: body.content }
            : { kind: 'xlsx', bytes: Buffer.from(body.content, 'base64') },
        ...(body.format ? { format: body.format } : {}),
        dryRun: body.dryRun ?? false,
      });
    },
  );
}
