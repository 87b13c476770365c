import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { NativeReportsService } from './native-reports.service.ts';
import type { ReportShare, SavedReport, SavedReportsService } from './saved-reports.service.ts';
import {
  CreateSavedReportBody,
  CreateShareBody,
  CreatedShare,
  ReportEntryList,
  ReportShareList,
  ReportShareSchema,
  SavedReportList,
  SavedReportParams,
  SavedReportSchema,
  ShareParams,
  SharedEntriesQuery,
  SharedExportQuery,
  SharedReportSchema,
  SharedTokenParams,
  UpdateSavedReportBody,
} from './native-reports.schemas.ts';
import {
  definitionBody,
  definitionOf,
  presentReport,
  presentReportEntry,
} from './native-reports.presenter.ts';
import { entriesAfter, entriesCursor, FILE_RESPONSE, sendExport } from './native-reports.routes.ts';
import { CONTENT_TYPES } from './report-exports.ts';

const tags = ['Punch: Reports'];
const security = NATIVE_SECURITY;

function presentSaved(report: SavedReport) {
  return {
    id: report.id,
    name: report.name,
    definition: definitionBody(report.definition),
    createdAt: toWireInstant(report.createdAt),
    updatedAt: toWireInstant(report.updatedAt),
  };
}

function presentShare(share: ReportShare, now: number) {
  return {
    id: share.id,
    savedReportId: share.savedReportId,
    showsAmounts: share.showsAmounts,
    expiresAt: toWireInstant(share.expiresAt),
    revokedAt: share.revokedAt === null ? null : toWireInstant(share.revokedAt),
    createdAt: toWireInstant(share.createdAt),
    active: share.revokedAt === null && share.expiresAt > now,
  };
}

/** A person's saved reports and their share links. */
export function nativeSavedReportsRoutes(
  app: App,
  deps: { saved: SavedReportsService; publicUrl: string; now: () => number },
) {
  const { saved, publicUrl, now } = deps;

  app.get(
    '/saved-reports',
    {
      schema: {
        operationId: 'listSavedReports',
        summary: "The caller's saved reports, by name",
        tags,
        security,
        response: { 200: SavedReportList },
      },
    },
    async (request) => ({ data: (await saved.list(actorOf(request))).map(presentSaved) }),
  );

  app.post(
    '/saved-reports',
    {
      schema: {
        operationId: 'createSavedReport',
        summary: 'Save a report definition under a name (relative periods stay relative)',
        tags,
        security,
        body: CreateSavedReportBody,
        response: { 201: SavedReportSchema },
      },
    },
    async (request, reply) => {
      const report = await saved.create(actorOf(request), {
        name: request.body.name,
        definition: definitionOf(request.body.definition),
      });
      return reply.code(201).send(presentSaved(report));
    },
  );

  app.get(
    '/saved-reports/:reportId',
    {
      schema: {
        operationId: 'getSavedReport',
        summary: 'A saved report',
        tags,
        security,
        params: SavedReportParams,
        response: { 200: SavedReportSchema },
      },
    },
    async (request) => presentSaved(await saved.get(actorOf(request), request.params.reportId)),
  );

  app.patch(
    '/saved-reports/:reportId',
    {
      schema: {
        operationId: 'updateSavedReport',
        summary: 'Rename a saved report or replace its definition (its links show the new one)',
        tags,
        security,
        params: SavedReportParams,
        body: UpdateSavedReportBody,
        response: { 200: SavedReportSchema },
      },
    },
    async (request) =>
      presentSaved(
        await saved.update(actorOf(request), request.params.reportId, {
          ...(request.body.name === undefined ? {} : { name: request.body.name }),
          ...(request.body.definition ? { definition: definitionOf(request.body.definition) } : {}),
        }),
      ),
  );

  app.delete(
    '/saved-reports/:reportId',
    {
      schema: {
        operationId: 'deleteSavedReport',
        summary: 'Delete a saved report; its share links stop working',
        tags,
        security,
        params: SavedReportParams,
        response: { 200: SavedReportSchema },
      },
    },
    async (request) => presentSaved(await saved.delete(actorOf(request), request.params.reportId)),
  );

  app.get(
    '/saved-reports/:reportId/shares',
    {
      schema: {
        operationId: 'listReportShares',
        summary: "A saved report's share links (their tokens are never shown again)",
        tags,
        security,
        params: SavedReportParams,
        response: { 200: ReportShareList },
      },
    },
    async (request) => ({
      data: (await saved.shares(actorOf(request), request.params.reportId)).map((s) =>
        presentShare(s, now()),
      ),
    }),
  );

  app.post(
    '/saved-reports/:reportId/shares',
    {
      schema: {
        operationId: 'createReportShare',
        summary: 'Make a read-only link to a saved report that opens without signing in',
        tags,
        security,
        params: SavedReportParams,
        body: CreateShareBody,
        response: { 201: CreatedShare },
      },
    },
    async (request, reply) => {
      const { share, token } = await saved.share(actorOf(request), request.params.reportId, {
        ...(request.body.days === undefined ? {} : { days: request.body.days }),
        ...(request.body.showsAmounts === undefined
          ? {}
          : { showsAmounts: request.body.showsAmounts }),
      });
      return reply.code(201).send({
        share: presentShare(share, now()),
        token,
        url: `${publicUrl}/shared/${token}`,
      });
    },
  );

  app.delete(
    '/saved-reports/:reportId/shares/:shareId',
    {
      schema: {
        operationId: 'revokeReportShare',
        summary: 'Revoke a share link at once',
        tags,
        security,
        params: ShareParams,
        response: { 200: ReportShareSchema },
      },
    },
    async (request) =>
      presentShare(
        await saved.revoke(actorOf(request), request.params.reportId, request.params.shareId),
        now(),
      ),
  );
}

/**
 * What a share link opens, without signing in: the report as its owner sees it today, its
 * entries and its files. Nothing beyond the saved definition is reachable: the link takes no
 * definition of its own, and costs are never shown.
 */
export function sharedReportRoutes(
  app: App,
  deps: { saved: SavedReportsService; reports: NativeReportsService },
) {
  const { saved, reports } = deps;
  const publicTags = ['Punch: Shared reports'];

  app.get(
    '/shared-reports/:token',
    {
      schema: {
        operationId: 'openSharedReport',
        summary: 'A shared report, read-only (the token is the credential)',
        tags: publicTags,
        security: [],
        params: SharedTokenParams,
        response: { 200: SharedReportSchema },
      },
    },
    async (request) => {
      const share = await saved.open(request.params.token);
      const report = await reports.run(share.owner, share.definition);
      return {
        name: share.name,
        expiresAt: toWireInstant(share.expiresAt),
        showsAmounts: share.showsAmounts && report.showsAmounts,
        report: presentReport(report, {
          showsAmounts: share.showsAmounts && report.showsAmounts,
          showsCosts: false,
          costCurrency: report.costCurrency,
        }),
      };
    },
  );

  app.get(
    '/shared-reports/:token/entries',
    {
      schema: {
        operationId: 'listSharedReportEntries',
        summary: "A shared report's entries, page by page",
        tags: publicTags,
        security: [],
        params: SharedTokenParams,
        querystring: SharedEntriesQuery,
        response: { 200: ReportEntryList },
      },
    },
    async (request) => {
      const share = await saved.open(request.params.token);
      const page = await reports.entries(share.owner, share.definition, {
        after: entriesAfter(request.query.cursor),
        limit: request.query.limit ?? 100,
      });
      return {
        data: page.entries.map((entry) => ({
          ...presentReportEntry(entry, share.showsAmounts),
          costAmountMinor: null,
        })),
        nextCursor: entriesCursor(page.next),
        from: page.range.from,
        to: page.range.to,
        costCurrency: page.costCurrency,
      };
    },
  );

  app.get(
    '/shared-reports/:token/export',
    {
      schema: {
        operationId: 'exportSharedReport',
        summary: "A shared report's entries or totals as CSV, XLSX or PDF",
        tags: publicTags,
        security: [],
        params: SharedTokenParams,
        querystring: SharedExportQuery,
        produces: ['text/csv', CONTENT_TYPES.xlsx, 'application/pdf'],
        response: FILE_RESPONSE,
      },
    },
    async (request, reply) => {
      const share = await saved.open(request.params.token);
      return sendExport(
        reply,
        reports,
        share.owner,
        share.definition,
        { format: request.query.format, content: request.query.content, title: share.name },
        { showsAmounts: share.showsAmounts, showsCosts: false },
      );
    },
  );
}
