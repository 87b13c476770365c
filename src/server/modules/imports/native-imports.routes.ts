import { withReasonsWorded } from '../../http/refusal-wording.ts';
import multipart from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { DomainError, wordedInvalid } from '../../shared/domain-error.ts';
import { IMPORT_ERRORS } from './imports.errors.ts';
import { parseColumns, type ColumnMapping } from './import-formats.rules.ts';
import type { ImportInput, ImportsService } from './imports.service.ts';
import { IMPORT_MAX_BYTES, ImportQuery, ImportReportSchema } from './native-imports.schemas.ts';

const NO_FILE = 'file: send the export as the multipart field "file"';

/**
 * The upload: its `file` part (CSV as text, XLSX by its zip signature as bytes) and the
 * `columns` field, in either order. Other text fields are ignored, as they always were.
 */
async function readUpload(
  request: FastifyRequest,
): Promise<{ file: ImportInput['file']; columns: string | undefined }> {
  let bytes: Buffer | undefined;
  let columns: string | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') throw wordedInvalid([NO_FILE], IMPORT_ERRORS.invalid);
        bytes = await part.toBuffer();
      } else if (part.fieldname === 'columns') {
        if (part.valueTruncated)
          throw wordedInvalid(
            ['columns: too long for a mapping of columns'],
            IMPORT_ERRORS.invalid,
          );
        columns = String(part.value);
      }
    }
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE')
      throw wordedInvalid([`file: larger than ${IMPORT_MAX_BYTES} bytes`], IMPORT_ERRORS.invalid);
    const status = (error as { statusCode?: number }).statusCode;
    if (status !== undefined && status >= 500) throw error;
    throw new DomainError(
      'bad_request',
      'invalid_multipart',
      `The multipart body could not be read: ${(error as Error).message}`,
    );
  }
  if (bytes === undefined) throw wordedInvalid([NO_FILE], IMPORT_ERRORS.invalid);
  // An XLSX workbook is a zip: it starts with "PK\x03\x04".
  if (bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
    return { file: { kind: 'xlsx', bytes }, columns };
  return { file: { kind: 'csv', text: bytes.toString('utf8') }, columns };
}

/** The `columns` field as a mapping; what is wrong with it is the client's to fix (422). */
function readColumns(field: string): ColumnMapping {
  let value: unknown;
  try {
    value = JSON.parse(field);
  } catch (error) {
    throw wordedInvalid([`columns: not JSON (${(error as Error).message})`], IMPORT_ERRORS.invalid);
  }
  const parsed = parseColumns(value);
  if (parsed.columns === null) throw wordedInvalid(parsed.problems, IMPORT_ERRORS.invalid);
  return parsed.columns;
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
        summary:
          'Import a Harvest, Toggl Track, Clockify or Kimai export, or any time sheet (CSV or XLSX)',
        description: [
          'The export is the multipart/form-data field `file`. People are matched by e-mail or name; clients, projects, tasks and assignments are created when missing; each row becomes a time entry, in batches of 5,000 each imported whole. Importing the same file again creates nothing, and completes an import that stopped part-way. `dryRun=true` reports what would be created and which rows would be refused and why (unreadable, an unknown person, or a rule this account applies to time: a locked period, a submitted or approved week, an invoiced day, archived work), and writes nothing.',
          'Any other file is read through the multipart text field `columns`, before or after `file`: a JSON object (`ImportColumns`) naming, for each of Punch\'s fields, the header of the file\'s column that holds it, e.g. `{"date":"Day","person":"Who","client":"Customer","project":"Job","duration":"Hours"}`. `columns` means `format=custom`, which needs them. A mapping that is not JSON, lacks a required field or names a column the file does not have is refused with 422 `invalid_import`, each reason naming the field (`columns.duration: …`).',
          "To choose the columns, a client first learns the file's headers: a file whose columns are no tracker's is refused with 422 `invalid_import`; a dry run with `format=custom` and no `columns` then reads no row and reports the file's `headers` (the header line is refused as having no columns chosen). Every report carries `headers`, and `columns`: how the file was read, which for a tracker's export is the mapping its format implies, a starting point for a custom one.",
        ].join('\n\n'),
        tags: ['Punch: Imports'],
        security: NATIVE_SECURITY,
        consumes: ['multipart/form-data'],
        querystring: ImportQuery,
        response: { 200: ImportReportSchema },
      },
    },
    async (request) => {
      const upload = await readUpload(request);
      const report = await imports.run(actorOf(request), {
        file: upload.file,
        ...(request.query.format ? { format: request.query.format } : {}),
        ...(upload.columns === undefined ? {} : { columns: readColumns(upload.columns) }),
        dryRun: request.query.dryRun ?? false,
      });
      return withReasonsWorded(report);
    },
  );
}
