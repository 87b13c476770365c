import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY, NoContent } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { invalid, wordedInvalid } from '../../shared/domain-error.ts';
import { TIME_ENTRY_ERRORS } from './time-entries.errors.ts';
import { nativePageRequest, nextCursor } from '../../http/native-list.ts';
import { parseClockTime } from '../../../shared/time.ts';
import { calendarDay } from '../../http/native-input.ts';
import { presentNativeTimeEntry } from './native-time-entries.presenter.ts';
import { timeFieldsProblem, type TimeFields } from './time-entries.rules.ts';
import type { Actor } from '../auth/auth.rules.ts';
import {
  CreateNativeTimeEntry,
  ListNativeTimeEntriesQuery,
  NativeRunningTimer,
  NativeTimeEntry,
  NativeTimeEntryList,
  NativeTimeEntryParams,
  StartNativeTimer,
  UpdateNativeTimeEntry,
} from './native-time-entries.schemas.ts';
import type { TimeEntriesService, TimeEntryView } from './time-entries.service.ts';

const tags = ['Punch: Time entries'];
const security = NATIVE_SECURITY;
const present = (view: TimeEntryView) => presentNativeTimeEntry(view.entry, view.display);

function timeOfDay(text: string | undefined, field: string): number | undefined {
  if (text === undefined) return undefined;
  const seconds = parseClockTime(text);
  if (seconds === null)
    throw wordedInvalid([`${field} is not a time of day`], TIME_ENTRY_ERRORS.invalidTimeOfDay);
  return seconds;
}

/** A body's time: seconds and times of day in seconds, as the account tracks time. */
function timeFields(
  actor: Actor,
  body: { seconds?: number; startedTime?: string; endedTime?: string },
  change: 'create' | 'update',
): TimeFields {
  const fields = {
    seconds: body.seconds,
    startedTime: timeOfDay(body.startedTime, 'startedTime'),
    endedTime: timeOfDay(body.endedTime, 'endedTime'),
  };
  const problem = timeFieldsProblem(actor.settings.wantsTimestampTimers, fields, change);
  if (problem) throw invalid(problem.code, problem.params);
  return fields;
}

/** The native door to time entries and the running timer (ADR 0014). */
export function nativeTimeEntriesRoutes(app: App, deps: { timeEntries: TimeEntriesService }) {
  const { timeEntries } = deps;

  app.get(
    '/time-entries',
    {
      schema: {
        operationId: 'punchListTimeEntries',
        summary: 'Time entries the caller may see, newest day first, filtered, by cursor',
        tags,
        security,
        querystring: ListNativeTimeEntriesQuery,
        response: { 200: NativeTimeEntryList },
      },
    },
    async (request) => {
      const q = request.query;
      calendarDay(q.from, 'from');
      calendarDay(q.to, 'to');
      const { page, display } = await timeEntries.listTimeEntries(
        actorOf(request),
        {
          from: q.from,
          to: q.to,
          userId: q.userId,
          projectId: q.projectId,
          clientId: q.clientId,
          taskId: q.taskId,
          isRunning: q.isRunning,
        },
        nativePageRequest(q),
      );
      return {
        data: page.rows.map((entry) => presentNativeTimeEntry(entry, display)),
        nextCursor: nextCursor(page, (entry) => entry.spentDate),
      };
    },
  );

  app.get(
    '/time-entries/:timeEntryId',
    {
      schema: {
        operationId: 'punchRetrieveTimeEntry',
        summary: 'One time entry',
        tags,
        security,
        params: NativeTimeEntryParams,
        response: { 200: NativeTimeEntry },
      },
    },
    async (request) =>
      present(await timeEntries.getTimeEntry(actorOf(request), request.params.timeEntryId)),
  );

  app.post(
    '/time-entries',
    {
      schema: {
        operationId: 'punchCreateTimeEntry',
        summary: 'Record finished time: seconds, or a start and end time on start/end accounts',
        tags,
        security,
        body: CreateNativeTimeEntry,
        response: { 201: NativeTimeEntry },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const actor = actorOf(request);
      const times = timeFields(actor, body, 'create');
      const entry = await timeEntries.createTimeEntry(actor, {
        userId: body.userId,
        projectId: body.projectId,
        taskId: body.taskId,
        spentDate: calendarDay(body.spentDate, 'spentDate'),
        seconds: times.seconds ?? 0,
        startedTime: times.startedTime,
        endedTime: times.endedTime,
        notes: body.notes,
        running: false,
      });
      return reply.code(201).send(present(entry));
    },
  );

  app.patch(
    '/time-entries/:timeEntryId',
    {
      schema: {
        operationId: 'punchUpdateTimeEntry',
        summary: 'Change a time entry; fields left out stay as they are',
        tags,
        security,
        params: NativeTimeEntryParams,
        body: UpdateNativeTimeEntry,
        response: { 200: NativeTimeEntry },
      },
    },
    async (request) => {
      const body = request.body;
      const actor = actorOf(request);
      return present(
        await timeEntries.updateTimeEntry(actor, request.params.timeEntryId, {
          projectId: body.projectId,
          taskId: body.taskId,
          spentDate: calendarDay(body.spentDate, 'spentDate'),
          ...timeFields(actor, body, 'update'),
          notes: body.notes,
        }),
      );
    },
  );

  app.delete(
    '/time-entries/:timeEntryId',
    {
      schema: {
        operationId: 'punchDeleteTimeEntry',
        summary: 'Delete a time entry (a running timer stops with it)',
        tags,
        security,
        params: NativeTimeEntryParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await timeEntries.deleteTimeEntry(actorOf(request), request.params.timeEntryId);
      return reply.code(204).send();
    },
  );

  app.get(
    '/timer',
    {
      schema: {
        operationId: 'retrieveRunningTimer',
        summary: "The caller's running timer, or null",
        tags,
        security,
        response: { 200: NativeRunningTimer },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const running = await timeEntries.runningTimeEntry(actor, actor.userId);
      return { timeEntry: running ? present(running) : null };
    },
  );

  app.post(
    '/timer',
    {
      schema: {
        operationId: 'startTimer',
        summary: 'Start a timer now (today unless a day is given); the one running stops',
        tags,
        security,
        body: StartNativeTimer,
        response: { 201: NativeTimeEntry },
      },
    },
    async (request, reply) => {
      const body = request.body;
      calendarDay(body.spentDate, 'spentDate');
      return reply.code(201).send(present(await timeEntries.startTimer(actorOf(request), body)));
    },
  );

  app.post(
    '/timer/stop',
    {
      schema: {
        operationId: 'stopTimer',
        summary: "Stop the caller's running timer (422 timer_not_running when none runs)",
        tags,
        security,
        response: { 200: NativeTimeEntry },
      },
    },
    async (request) => present(await timeEntries.stopTimer(actorOf(request))),
  );
}
