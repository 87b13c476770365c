import type { App } from '../../http/app-types.ts';
import { HarvestPage, presentHarvestPage } from '../../http/harvest-list.ts';
import { harvestLocation } from '../../http/harvest-transport.ts';
import { HARVEST_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { wordedInvalid } from '../../shared/domain-error.ts';
import { toWireInstant } from '../../shared/schema.ts';
import { pageRequest } from '../../shared/pagination.ts';
import { parseCalendarDate } from '../../../shared/time.ts';
import { presentHarvestTimeEntry } from './time-entries.presenter.ts';
import { harvestCreateTimeEntry, harvestUpdateTimeEntry } from './harvest-input.ts';
import {
  CreateTimeEntryBody,
  DeletedTimeEntriesQuery,
  DeletedTimeEntry,
  HarvestTimeEntry,
  ListTimeEntriesQuery,
  TimeEntryParams,
  UpdateTimeEntryBody,
} from './time-entries.schemas.ts';
import type { TimeEntriesService, TimeEntryView } from './time-entries.service.ts';

const tags = ['Harvest: Time entries'];
const security = HARVEST_SECURITY;
const consumes = ['application/json', 'application/x-www-form-urlencoded'];
const present = (view: TimeEntryView) => presentHarvestTimeEntry(view.entry, view.display);

/** `from`/`to` take YYYY-MM-DD or YYYYMMDD, as Harvest's reports do. */
function dateFilter(value: string | undefined, field: 'From' | 'To'): string | undefined {
  if (value === undefined) return undefined;
  const date = parseCalendarDate(value);
  if (!date) throw wordedInvalid([`${field} is not a valid date`]);
  return date;
}

export function harvestTimeEntriesRoutes(
  app: App,
  deps: { timeEntries: TimeEntriesService; publicUrl: string },
): void {
  const { timeEntries, publicUrl } = deps;

  app.get(
    '/time_entries',
    {
      schema: {
        operationId: 'listTimeEntries',
        summary: 'List time entries, latest spent_date first (members see their own)',
        tags,
        security,
        querystring: ListTimeEntriesQuery,
        response: { 200: HarvestPage('time_entries', HarvestTimeEntry) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const result = await timeEntries.listTimeEntries(
        actorOf(request),
        {
          userId: query.user_id,
          clientId: query.client_id,
          projectId: query.project_id,
          taskId: query.task_id,
          externalReferenceId: query.external_reference_id,
          isBilled: query.is_billed,
          isRunning: query.is_running,
          approvalStatus: query.approval_status,
          updatedSince: query.updated_since ? Date.parse(query.updated_since) : undefined,
          from: dateFilter(query.from, 'From'),
          to: dateFilter(query.to, 'To'),
        },
        page,
      );
      return presentHarvestPage({
        key: 'time_entries',
        items: result.page.rows.map((entry) => presentHarvestTimeEntry(entry, result.display)),
        page: result.page,
        dayOf: (entry) => entry.spentDate,
        request: page,
        url: `${publicUrl}/v2/time_entries`,
        query,
      });
    },
  );

  app.get(
    '/deleted_time_entries',
    {
      schema: {
        operationId: 'listDeletedTimeEntries',
        summary: 'Punch extension: time entries deleted since a time, for sync clients',
        tags,
        security,
        querystring: DeletedTimeEntriesQuery,
        response: { 200: HarvestPage('deleted_time_entries', DeletedTimeEntry) },
      },
    },
    async (request) => {
      const query = request.query;
      const page = pageRequest(query);
      const result = await timeEntries.listDeletedTimeEntries(
        actorOf(request),
        query.since ? Date.parse(query.since) : undefined,
        page,
      );
      return presentHarvestPage({
        key: 'deleted_time_entries',
        items: result.rows.map((row) => ({
          id: row.id,
          deleted_at: toWireInstant(row.deletedAt),
          spent_date: row.spentDate,
          user_id: row.userId,
          project_id: row.projectId,
        })),
        page: result,
        request: page,
        url: `${publicUrl}/v2/deleted_time_entries`,
        query,
      });
    },
  );

  app.get(
    '/time_entries/:timeEntryId',
    {
      schema: {
        operationId: 'retrieveTimeEntry',
        summary: 'Retrieve a time entry',
        tags,
        security,
        params: TimeEntryParams,
        response: { 200: HarvestTimeEntry },
      },
    },
    async (request) =>
      present(await timeEntries.getTimeEntry(actorOf(request), request.params.timeEntryId)),
  );

  app.post(
    '/time_entries',
    {
      schema: {
        operationId: 'createTimeEntry',
        summary:
          'Create a time entry: by hours (duration accounts) or started/ended time (timestamp accounts); without them a timer starts',
        tags,
        security,
        consumes,
        body: CreateTimeEntryBody,
        response: { 201: HarvestTimeEntry },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const entry = await timeEntries.createTimeEntry(
        actor,
        harvestCreateTimeEntry(actor, request.body),
      );
      return reply
        .code(201)
        .header('location', harvestLocation(publicUrl, `time_entries/${entry.entry.id}`))
        .send(present(entry));
    },
  );

  app.patch(
    '/time_entries/:timeEntryId',
    {
      schema: {
        operationId: 'updateTimeEntry',
        summary: 'Update a time entry (moving project or task re-resolves rates and assignments)',
        tags,
        security,
        consumes,
        params: TimeEntryParams,
        body: UpdateTimeEntryBody,
        response: { 200: HarvestTimeEntry },
      },
    },
    async (request) =>
      present(
        await timeEntries.updateTimeEntry(
          actorOf(request),
          request.params.timeEntryId,
          harvestUpdateTimeEntry(request.body),
        ),
      ),
  );

  app.delete(
    '/time_entries/:timeEntryId',
    {
      schema: {
        operationId: 'deleteTimeEntry',
        summary: 'Delete a time entry (kept as deleted, not erased)',
        tags,
        security,
        params: TimeEntryParams,
        response: { 200: HarvestTimeEntry },
      },
    },
    async (request) =>
      present(await timeEntries.deleteTimeEntry(actorOf(request), request.params.timeEntryId)),
  );

  app.delete(
    '/time_entries/:timeEntryId/external_reference',
    {
      schema: {
        operationId: 'deleteTimeEntryExternalReference',
        summary: "Remove a time entry's external reference",
        tags,
        security,
        params: TimeEntryParams,
        response: { 200: HarvestTimeEntry },
      },
    },
    async (request) =>
      present(
        await timeEntries.deleteExternalReference(actorOf(request), request.params.timeEntryId),
      ),
  );

  app.patch(
    '/time_entries/:timeEntryId/stop',
    {
      schema: {
        operationId: 'stopRunningTimeEntry',
        summary: 'Stop a running timer',
        tags,
        security,
        params: TimeEntryParams,
        response: { 200: HarvestTimeEntry },
      },
    },
    async (request) =>
      present(await timeEntries.stopTimeEntry(actorOf(request), request.params.timeEntryId)),
  );

  app.patch(
    '/time_entries/:timeEntryId/restart',
    {
      schema: {
        operationId: 'restartStoppedTimeEntry',
        summary:
          "Restart a stopped timer (timestamp accounts get a new entry); stops the person's other timer",
        tags,
        security,
        params: TimeEntryParams,
        response: { 200: HarvestTimeEntry },
      },
    },
    async (request) =>
      present(await timeEntries.restartTimeEntry(actorOf(request), request.params.timeEntryId)),
  );
}
