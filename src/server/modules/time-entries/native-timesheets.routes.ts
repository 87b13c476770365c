import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { calendarDay } from '../../http/native-input.ts';
import { Timesheet, TimesheetQuery, WriteTimesheet } from './native-timesheets.schemas.ts';
import type { TimeEntriesService, TimesheetView } from './time-entries.service.ts';

const tags = ['Punch: Timesheets'];

function present(view: TimesheetView) {
  const dayTotals = view.days.map((_, i) =>
    view.rows.reduce((sum, row) => sum + (row.cells[i]?.seconds ?? 0), 0),
  );
  return {
    userId: view.userId,
    days: view.days,
    closed: view.closed,
    rows: view.rows.map((row) => ({
      project: row.project,
      client: row.client,
      task: row.task,
      seconds: row.seconds,
      cells: row.cells,
    })),
    dayTotals,
    seconds: dayTotals.reduce((a, b) => a + b, 0),
  };
}

/** The week timesheet: a person's week as rows by days, read and written cell by cell. */
export function nativeTimesheetsRoutes(app: App, deps: { timeEntries: TimeEntriesService }) {
  const { timeEntries } = deps;

  app.get(
    '/timesheet',
    {
      schema: {
        operationId: 'retrieveTimesheet',
        summary: "A person's week (the account's week start) as project and task rows by days",
        tags,
        security: NATIVE_SECURITY,
        querystring: TimesheetQuery,
        response: { 200: Timesheet },
      },
    },
    async (request) => {
      calendarDay(request.query.week, 'week');
      return present(await timeEntries.timesheet(actorOf(request), request.query));
    },
  );

  app.put(
    '/timesheet',
    {
      schema: {
        operationId: 'writeTimesheet',
        summary:
          'Set the totals of many cells at once: all are written or, if one is refused, none',
        tags,
        security: NATIVE_SECURITY,
        body: WriteTimesheet,
        response: { 200: Timesheet },
      },
    },
    async (request) => {
      for (const cell of request.body.cells) calendarDay(cell.date, 'date');
      return present(await timeEntries.writeTimesheet(actorOf(request), request.body));
    },
  );
}
