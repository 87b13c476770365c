import { DateTime } from 'luxon';
import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import { iri } from '../../http/flowtly-transport.ts';
import { actorOf } from '../../http/request-context.ts';
import { DomainError, notFound } from '../../shared/domain-error.ts';
import type { TimeEntriesService } from './time-entries.service.ts';

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
        const idMatch = /^(?:emp_)?(\d{1,15})$/.exec(request.params.id);
        if (!idMatch) throw notFound('employee');
        const raw = request.params.date;
        const parsed = DateTime.fromISO(raw, { setZone: true });
        if (!parsed.isValid) {
          throw new DomainError(
            'bad_request',
            'invalid_date',
            `Invalid date "${raw}"; expected YYYY-MM-DD.`,
          );
        }
        const stats = await deps.timeEntries.workingHoursStats(
          actorOf(request),
          Number(idMatch[1]),
          parsed.toFormat('yyyy-MM-dd'),
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
          day: stats.day,
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
  }
}
