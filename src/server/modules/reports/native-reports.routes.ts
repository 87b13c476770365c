import type { FastifyReply } from 'fastify';
import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { wordedInvalid } from '../../shared/domain-error.ts';
import { REPORT_ERRORS } from './reports.errors.ts';
import { decodeCursor, encodeCursor } from '../../shared/pagination.ts';
import type { Actor } from '../auth/auth.rules.ts';
import type { ReportDefinition } from './report-definition.rules.ts';
import type { NativeReportsService } from './native-reports.service.ts';
import {
  NativeReportSchema,
  ReportDefinitionSchema,
  ReportEntriesBody,
  ReportEntryList,
  ReportExportBody,
} from './native-reports.schemas.ts';
import { definitionOf, presentReport, presentReportEntry } from './native-reports.presenter.ts';
import {
  CONTENT_TYPES,
  entriesTable,
  contentDisposition,
  totalsTable,
  writeTable,
  type ExportFormat,
} from './report-exports.ts';

const tags = ['Punch: Reports'];
const security = NATIVE_SECURITY;

export const FILE_RESPONSE = {
  200: {
    description: 'The file, streamed as it is written.',
    content: {
      'text/csv': { schema: { type: 'string' } },
      [CONTENT_TYPES.xlsx]: { schema: { type: 'string', format: 'binary' } },
      'application/pdf': { schema: { type: 'string', format: 'binary' } },
    },
  },
};

/** The keyset position a report's entries page continues after. */
export function entriesAfter(cursor: string | undefined): { date: string; id: number } | null {
  if (cursor === undefined) return null;
  const decoded = decodeCursor(cursor);
  if (!decoded || !('after' in decoded) || !decoded.date)
    throw wordedInvalid(['cursor is not one this list gave'], REPORT_ERRORS.invalidCursor);
  return { date: decoded.date, id: decoded.after };
}

export function entriesCursor(next: { date: string; id: number } | null): string | null {
  return next ? encodeCursor({ after: next.id, date: next.date }) : null;
}

/** Streams a report's entries or totals as a file download. */
export async function sendExport(
  reply: FastifyReply,
  reports: NativeReportsService,
  actor: Actor,
  definition: ReportDefinition,
  request: { format: ExportFormat; content: 'entries' | 'totals'; title: string },
  view?: { showsAmounts: boolean; showsCosts: boolean },
) {
  // Entries need only the plan; totals need the report itself.
  const source =
    request.content === 'totals'
      ? await reports.run(actor, definition)
      : await reports.allEntries(actor, definition);
  const money = {
    showsAmounts: view ? view.showsAmounts && source.showsAmounts : source.showsAmounts,
    showsCosts: view ? view.showsCosts && source.showsCosts : source.showsCosts,
    costCurrency: source.costCurrency,
  };
  const { from, to } = source.range;
  const title = `${request.title} ${from} – ${to}`;
  const table =
    'pages' in source
      ? entriesTable(source.pages, money, title)
      : totalsTable(source, money, title);
  const disposition = contentDisposition(
    `${request.title}-${request.content}-${from}-${to}`,
    request.format,
  );
  return reply
    .type(CONTENT_TYPES[request.format])
    .header('content-disposition', disposition)
    .send(writeTable(table, request.format));
}

/**
 * Reports on the native API: a definition (range, filters, one or two groupings) in, grouped
 * figures with the chart's series out; the entries behind any figure; and files to download.
 * POST, because a definition is a document, not a handful of query parameters; none of these
 * change anything.
 */
export function nativeReportsRoutes(app: App, deps: { reports: NativeReportsService }) {
  const { reports } = deps;

  app.post(
    '/reports/run',
    {
      schema: {
        operationId: 'runReport',
        summary:
          'Run a report: time grouped by up to two dimensions, with amounts, utilization and a chart',
        tags,
        security,
        body: ReportDefinitionSchema,
        response: { 200: NativeReportSchema },
      },
    },
    async (request) =>
      presentReport(await reports.run(actorOf(request), definitionOf(request.body))),
  );

  app.post(
    '/reports/entries',
    {
      schema: {
        operationId: 'listReportEntries',
        summary: 'The time entries behind a report (narrow its filters to drill into one figure)',
        tags,
        security,
        body: ReportEntriesBody,
        response: { 200: ReportEntryList },
      },
    },
    async (request) => {
      const page = await reports.entries(actorOf(request), definitionOf(request.body.definition), {
        after: entriesAfter(request.body.cursor),
        limit: request.body.limit ?? 100,
      });
      return {
        data: page.entries.map((entry) => presentReportEntry(entry)),
        nextCursor: entriesCursor(page.next),
        from: page.range.from,
        to: page.range.to,
        costCurrency: page.costCurrency,
      };
    },
  );

  app.post(
    '/reports/export',
    {
      schema: {
        operationId: 'exportReport',
        summary: "A report's detailed entries or grouped totals as CSV, XLSX or PDF",
        tags,
        security,
        body: ReportExportBody,
        produces: ['text/csv', CONTENT_TYPES.xlsx, 'application/pdf'],
        response: FILE_RESPONSE,
      },
    },
    async (request, reply) =>
      sendExport(reply, reports, actorOf(request), definitionOf(request.body.definition), {
        format: request.body.format,
        content: request.body.content,
        title: 'Punch report',
      }),
  );
}
