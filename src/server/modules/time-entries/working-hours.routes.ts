import { DateTime } from 'luxon';
import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { iri } from '../../http/flowtly-transport.ts';
import { actorOf } from '../../http/request-context.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { employeeId } from '../../http/flowtly-transport.ts';
import {
  BALANCE_TOLERANCE,
  FEEDBACK_WINDOW_DAYS,
  FOCUS_SHARE,
  LONG_DAY_SECONDS,
  TREND_THRESHOLD,
} from './feedback.rules.ts';
import type { TimeEntriesService } from './time-entries.service.ts';

/** `YYYY-MM-DD`, or a datetime cut to its own calendar day; anything else is a 400. */
function dayParam(raw: string): string {
  const parsed = DateTime.fromISO(raw, { setZone: true });
  if (!parsed.isValid) {
    throw new DomainError(
      'bad_request',
      'invalid_date',
      `Invalid date "${raw}"; expected YYYY-MM-DD.`,
    );
  }
  return parsed.toFormat('yyyy-MM-dd');
}

/** `GET /api/employees/{id}/working-hours-stats/{date}` (flowtly.md §4.3's proposed shape). */
export function flowtlyWorkingHoursRoutes(
  app: App,
  deps: { timeEntries: TimeEntriesService },
): void {
  for (const prefix of ['/api', '']) {
    app.get(
      `${prefix}/employees/:id/working-hours-stats/:date`,
      {
        schema: {
          operationId: `getEmployeeWorkingHoursStats${prefix ? '' : 'Root'}`,
          summary: 'Retrieve aggregated working-hours stats for an employee at a date.',
          tags: ['Flowtly: Employees'],
          hide: prefix === '',
          params: Type.Object({ id: Type.String(), date: Type.String() }),
        },
      },
      async (request) => {
        const stats = await deps.timeEntries.workingHoursStats(
          actorOf(request),
          employeeId(request.params.id),
          dayParam(request.params.date),
        );
        const employee = iri.employee(stats.userId);
        return {
          ...(request.format === 'jsonld'
            ? {
                '@context': '/api/contexts/WorkingHoursStats',
                '@id': `${employee}/working-hours-stats/${stats.date}`,
                '@type': 'WorkingHoursStats',
              }
            : {}),
          employee,
          date: stats.date,
          timezone: stats.timeZone,
          weekStartsOn: stats.weekStartsOn,
          day: { ...stats.day, isWorkingDay: stats.day.workingDays > 0 },
          week: stats.week,
          month: stats.month,
          byProject: stats.byProject.map((p) => ({
            project: iri.project(p.projectId),
            day: p.day,
            week: p.week,
            month: p.month,
          })),
          agreement: {
            minutesPerWeek: Math.round(stats.weeklyCapacitySeconds / 60),
            jobSize: null,
          },
        };
      },
    );

    app.get(
      `${prefix}/employees/:id/feedback-suggestion`,
      {
        schema: {
          operationId: `getEmployeeFeedbackSuggestion${prefix ? '' : 'Root'}`,
          summary:
            'Feedback on the four weeks up to `date` (default today): hours against capacity, overtime, top projects, trend.',
          tags: ['Flowtly: Employees'],
          hide: prefix === '',
          params: Type.Object({ id: Type.String() }),
          querystring: Type.Object({ date: Type.Optional(Type.String()) }),
        },
      },
      async (request) => {
        const { date } = request.query;
        const feedback = await deps.timeEntries.feedbackSuggestion(
          actorOf(request),
          employeeId(request.params.id),
          date === undefined ? undefined : dayParam(date),
        );
        const employee = iri.employee(feedback.userId);
        const { userId: _userId, topProjects, ...figures } = feedback;
        return {
          ...(request.format === 'jsonld'
            ? {
                '@context': '/api/contexts/FeedbackSuggestion',
                '@id': `${employee}/feedback-suggestion`,
                '@type': 'FeedbackSuggestion',
              }
            : {}),
          employee,
          ...figures,
          topProjects: topProjects.map(({ projectId, ...rest }) => ({
            project: iri.project(projectId),
            ...rest,
          })),
          // The rules behind the words, so a reader can check every suggestion.
          basis: {
            windowDays: FEEDBACK_WINDOW_DAYS,
            expectedTime: 'weekly capacity spread over Monday to Friday',
            longDaySeconds: LONG_DAY_SECONDS,
            balanceTolerancePercent: Math.round(BALANCE_TOLERANCE * 100),
            trendThresholdPercent: Math.round(TREND_THRESHOLD * 100),
            focusSharePercent: Math.round(FOCUS_SHARE * 100),
          },
        };
      },
    );
  }
}
