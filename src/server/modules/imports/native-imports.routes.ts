import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { DomainError, invalid } from '../../shared/domain-error.ts';
import type { ImportInput, ImportsService } from './imports.service.ts';
import { IMPORT_MAX_BYTES, ImportQuery, ImportReportSchema } from './native-imports.schemas.ts';

/** The upload's `file` part: CSV as text, XLSX (by its zip signature) as bytes. */
async function readFile(request: FastifyRequest): Promise<ImportInput['file']> {
  let bytes: Buffer;
  try {
    const part = await request.file();
    if (part?.fieldname !== 'file')
      throw invalid(['file: send the export as the multipart field "file"'], 'invalid_import');
    bytes = await part.toBuffer();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw invalid([`file: larger than ${IMPORT_MAX_BYTES} bytes`], 'invalid_import');
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 500) throw error;
    throw new DomainError(
      'bad_request',
      'invalid_multipart',
      `The multipart body could not be read: ${(error as Error).message}`,
    );
  }
  // An XLSX workbook is a zip: it starts with "PK\x03\x04".
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return { kind: 'xlsx', bytes };
  return { kind: 'csv', text: bytes.toString('utf8') };
}

/** Imports of other trackers' exports (administrators), uploaded as multipart/form-data. */
export async function nativeImportsRoutes(app: App, deps: { imports: ImportsService }) {
  const { imports } = deps;
  // Streams are cut at the limit: an oversized upload never sits whole in memory.
  await app.register(multipart, {
    limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 6 },
  });
  app.post(
    '/imports',
    {
      config: { nativeUpload: true },
      schema: {
        operationId: 'importTime',
        summary: 'Import a Harvest, Toggl Track, Clockify or Kimai export (CSV or XLSX)',
        description:
          'The export is the multipart/form-data field `file`. People are matched by e-mail or name; clients, projects, tasks and assignments are created when missing; each row becomes a time entry, in batches of 500 each imported whole. Importing the same file again creates nothing. `dryRun=true` reports the same and writes nothing.',
        tags: ['Punch: Imports'],
        security: NATIVE_SECURITY,
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportReportSchema },
      },
    },
    async (request) => {
      const file = await readFile(request);
      return imports.run(actorOf(request), {
        file,
        ...(request.query.format ? { format: request.query.format } : {}),
        dryRun: request.query.dryRun ?? false,
      });
    },
  );
}
