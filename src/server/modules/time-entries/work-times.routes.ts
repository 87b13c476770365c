import { DateTime } from 'luxon';
import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { NoContent } from '../../http/openapi.ts';
import {
  decodePagination,
  rawQueryOf,
  segmentId,
  hydraCollection,
  idFromIri,
  iri,
  projectSegmentFromIri,
} from '../../http/flowtly-transport.ts';
import { actorOf } from '../../http/request-context.ts';
import type { TimeEntryFilters } from './time-entries.repository.ts';
import { decodeWorkTime, presentWorkTime } from './work-times.presenter.ts';
import { WorkTime, WorkTimeCollection, WorkTimeInput } from './work-times.schemas.ts';
import type { WorkTimesService } from './work-times.service.ts';
import { BOUNDS } from '../../shared/bounds.ts';

/** Flowtly serves the same resource under three route families (flowtly.md §1.3). */
const FAMILIES = ['employee_working_hours', 'employee-working-hours', 'work-times'] as const;

const asList = (value: unknown): string[] =>
  (Array.isArray(value) ? value : value === undefined ? [] : [value]).filter(
    (v): v is string => typeof v === 'string',
  );

/** `wkt_9001` or `9001`; anything else names no work time. */
const workTimeId = (raw: string): number => segmentId(raw, 'wkt', 'work_time');

/** A DateFilter bound; unparsable values are dropped, as API Platform does. */
function dayOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const parsed = DateTime.fromISO(value.trim(), { setZone: true });
  return parsed.isValid ? parsed.toISODate() : undefined;
}

/** API Platform's filters and pagination (§2.6–2.7): bad filter values are ignored, bad pages refused. */
function decodeQuery(query: Record<string, unknown>) {
  const filters: TimeEntryFilters & { projectSegments?: string[] } = {};
  const employees = asList(query.employee);
  if (employees.length > 0) {
    // An id past the id bound names nobody: it matches nothing (0 is never an id), on both
    // databases alike, instead of reaching PostgreSQL's bigint.
    const ids = employees.map((v) =>
      /^\d+$/.test(v) ? (Number(v) <= BOUNDS.id ? Number(v) : 0) : idFromIri(v, 'employees', 'emp'),
    );
    if (ids.every((id) => id !== null)) filters.userIds = ids;
  }
  const projects = asList(query.project);
  if (projects.length > 0) {
    const segments = projects.map((v) => (/^\d+$/.test(v) ? v : projectSegmentFromIri(v)));
    if (segments.every((s) => s !== null)) filters.projectSegments = segments;
  }
  const date = query.date;
  if (typeof date === 'object' && date !== null && !Array.isArray(date)) {
    const bounds = date as Record<string, unknown>;
    filters.dateAfter = dayOf(bounds.after);
    filters.dateStrictlyAfter = dayOf(bounds.strictly_after);
    filters.dateBefore = dayOf(bounds.before);
    filters.dateStrictlyBefore = dayOf(bounds.strictly_before);
  }
  const exists = query.exists;
  if (typeof exists === 'object' && exists !== null && !Array.isArray(exists)) {
    const flags = exists as Record<string, unknown>;
    const flag = (value: unknown) =>
      value === 'true' || value === '1'
        ? true
        : value === 'false' || value === '0'
          ? false
          : undefined;
    filters.notesExist = flag(flags.description);
    filters.deletedAtExists = flag(flags.deletedAt);
  }
  const order = query.order;
  const columns = { date: 'spent_date', id: 'id', createdAt: 'created_at' } as const;
  const terms: NonNullable<TimeEntryFilters['order']> = [];
  if (typeof order === 'object' && order !== null && !Array.isArray(order)) {
    for (const [key, value] of Object.entries(order as Record<string, unknown>)) {
      const direction = typeof value === 'string' ? value.toLowerCase() : '';
      if (key in columns && (direction === 'asc' || direction === 'desc')) {
        terms.push({ column: columns[key as keyof typeof columns], direction });
      }
    }
  }
  // API Platform's default order: by identifier.
  filters.order = terms.length > 0 ? terms : [{ column: 'id', direction: 'asc' }];

  const pagination = decodePagination(query);
  return { filters, ...pagination };
}

const SEARCH_VARIABLES = [
  'employee',
  'employee[]',
  'project',
  'project[]',
  'date[before]',
  'date[strictly_before]',
  'date[after]',
  'date[strictly_after]',
  'exists[description]',
  'exists[deletedAt]',
  'order[date]',
  'order[id]',
  'order[createdAt]',
];

export function flowtlyWorkTimesRoutes(app: App, deps: { workTimes: WorkTimesService }): void {
  const { workTimes } = deps;
  const tags = ['Flowtly: Work times'];
  const params = Type.Object({ id: Type.String() });

  for (const prefix of ['/api', '']) {
    for (const family of FAMILIES) {
      const path = `${prefix}/${family}`;
      const canonical = prefix === '/api' && family === 'employee_working_hours';
      const id = (name: string) =>
        canonical ? name : `${name}_${family.replace(/-/g, '_')}${prefix ? '' : '_root'}`;

      app.get(
        path,
        {
          schema: {
            operationId: id('getWorkTimeCollection'),
            summary: 'Retrieves the collection of WorkTime resources.',
            tags,
            hide: !canonical,
            response: { 200: WorkTimeCollection },
          },
        },
        async (request) => {
          const query = request.query as Record<string, unknown>;
          const decoded = decodeQuery(query);
          const result = await workTimes.listWorkTimes(actorOf(request), decoded.filters, decoded);
          const members = result.page.rows.map((entry) =>
            presentWorkTime(entry, result.display, request.format, 'member'),
          );
          if (request.format === 'json') return members;
          return hydraCollection({
            context: '/api/contexts/WorkTime',
            path: `/api/${family}`,
            rawQuery: rawQueryOf(request.url),
            members,
            total: result.page.total,
            page: decoded.page,
            perPage: decoded.perPage,
            paginated: decoded.paginated,
            searchVariables: SEARCH_VARIABLES,
          });
        },
      );

      app.get(
        `${path}/:id`,
        {
          schema: {
            operationId: id('getWorkTime'),
            summary: 'Retrieves a WorkTime resource.',
            tags,
            hide: !canonical,
            params,
            response: { 200: WorkTime },
          },
        },
        async (request, reply) => {
          const view = await workTimes.getWorkTime(actorOf(request), workTimeId(request.params.id));
          reply.header('accept-patch', 'application/merge-patch+json');
          return presentWorkTime(view.entry, view.display, request.format, 'item');
        },
      );

      app.post(
        path,
        {
          schema: {
            operationId: id('postWorkTime'),
            summary: 'Creates a WorkTime resource.',
            tags,
            hide: !canonical,
            consumes: ['application/ld+json', 'application/json'],
            body: WorkTimeInput,
            response: { 201: WorkTime },
          },
        },
        async (request, reply) => {
          const actor = actorOf(request);
          const zone = await workTimes.timeZoneOf(actor);
          const decoded = decodeWorkTime(request.body, zone, true);
          const view = await workTimes.createWorkTime(
            actor,
            decoded as Parameters<WorkTimesService['createWorkTime']>[1],
          );
          const location = iri.workTime(view.entry.id);
          return reply
            .code(201)
            .header('location', location)
            .header('content-location', location)
            .send(presentWorkTime(view.entry, view.display, request.format, 'item'));
        },
      );

      app.patch(
        `${path}/:id`,
        {
          schema: {
            operationId: id('patchWorkTime'),
            summary: 'Updates the WorkTime resource (JSON Merge Patch).',
            tags,
            hide: !canonical,
            consumes: ['application/merge-patch+json'],
            params,
            body: WorkTimeInput,
            response: { 200: WorkTime },
          },
        },
        async (request) => {
          const actor = actorOf(request);
          const zone = await workTimes.timeZoneOf(actor);
          const decoded = decodeWorkTime(request.body, zone, false);
          const view = await workTimes.updateWorkTime(
            actor,
            workTimeId(request.params.id),
            decoded,
          );
          return presentWorkTime(view.entry, view.display, request.format, 'item');
        },
      );

      app.delete(
        `${path}/:id`,
        {
          schema: {
            operationId: id('deleteWorkTime'),
            summary: 'Removes the WorkTime resource (kept as deleted).',
            tags,
            hide: !canonical,
            params,
            response: { 204: NoContent },
          },
        },
        async (request, reply) => {
          await workTimes.deleteWorkTime(actorOf(request), workTimeId(request.params.id));
          return reply.code(204).send();
        },
      );
    }
  }
}
