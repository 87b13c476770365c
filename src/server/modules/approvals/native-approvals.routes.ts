import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { calendarDay } from '../../http/native-input.ts';
import { wordedInvalid } from '../../shared/domain-error.ts';
import { APPROVAL_ERRORS } from './approvals.errors.ts';
import type { WeekAction } from './approvals.rules.ts';
import type { ApprovalsService } from './approvals.service.ts';
import {
  DecideWeeksBody,
  OwnWeekBody,
  QueueQuery,
  RejectWeeksBody,
  TimesheetWeek,
  TimesheetWeekList,
  UnlockWeekBody,
  WeeksQuery,
} from './native-approvals.schemas.ts';

const tags = ['Punch: Approvals'];
const security = NATIVE_SECURITY;

/**
 * Timesheet approval and locked periods on the native API: a person submits or withdraws a
 * week; approvers read their queue and approve or reject one or many weeks at once; an
 * administrator reopens an approved week or unlocks a locked one for a while.
 */
export function nativeApprovalsRoutes(app: App, deps: { approvals: ApprovalsService }) {
  const { approvals } = deps;

  app.get(
    '/timesheet-weeks',
    {
      schema: {
        operationId: 'listTimesheetWeeks',
        summary: "A person's weeks and their approval state, newest first (eight weeks by default)",
        tags,
        security,
        querystring: WeeksQuery,
        response: { 200: TimesheetWeekList },
      },
    },
    async (request) => {
      const q = request.query;
      calendarDay(q.from, 'from');
      calendarDay(q.to, 'to');
      return { data: await approvals.weeksOf(actorOf(request), q) };
    },
  );

  for (const action of ['submit', 'withdraw'] as const) {
    app.post(
      `/timesheet-weeks/${action}`,
      {
        schema: {
          operationId: `${action}TimesheetWeek`,
          summary:
            action === 'submit'
              ? 'Submit a week for approval: its time can no longer be changed by its person'
              : 'Withdraw a submitted week, before it is decided',
          tags,
          security,
          body: OwnWeekBody,
          response: { 200: TimesheetWeek },
        },
      },
      async (request) => {
        const actor = actorOf(request);
        const weekStart = calendarDay(request.body.weekStart, 'weekStart');
        const userId = request.body.userId ?? actor.userId;
        const [week] = await approvals.act(actor, action, [{ userId, weekStart }]);
        return week;
      },
    );
  }

  app.get(
    '/approvals',
    {
      schema: {
        operationId: 'listApprovalQueue',
        summary:
          'Weeks waiting for the caller to decide (submitted by default), with hours and warnings',
        tags,
        security,
        querystring: QueueQuery,
        response: { 200: TimesheetWeekList },
      },
    },
    async (request) => {
      const q = request.query;
      calendarDay(q.from, 'from');
      calendarDay(q.to, 'to');
      return { data: await approvals.queue(actorOf(request), q) };
    },
  );

  const decisions: { action: WeekAction; summary: string }[] = [
    { action: 'approve', summary: 'Approve submitted weeks: their time is locked' },
    { action: 'reopen', summary: 'Reopen approved weeks (administrators)' },
  ];
  for (const { action, summary } of decisions) {
    app.post(
      `/approvals/${action}`,
      {
        schema: {
          operationId: `${action}TimesheetWeeks`,
          summary: `${summary}; all or none`,
          tags,
          security,
          body: DecideWeeksBody,
          response: { 200: TimesheetWeekList },
        },
      },
      async (request) => {
        const weeks = request.body.weeks.map((w) => ({
          userId: w.userId,
          weekStart: calendarDay(w.weekStart, 'weekStart'),
        }));
        return { data: await approvals.act(actorOf(request), action, weeks) };
      },
    );
  }

  app.post(
    '/approvals/reject',
    {
      schema: {
        operationId: 'rejectTimesheetWeeks',
        summary: 'Reject submitted weeks with a reason the person sees; all or none',
        tags,
        security,
        body: RejectWeeksBody,
        response: { 200: TimesheetWeekList },
      },
    },
    async (request) => {
      const weeks = request.body.weeks.map((w) => ({
        userId: w.userId,
        weekStart: calendarDay(w.weekStart, 'weekStart'),
      }));
      return {
        data: await approvals.act(actorOf(request), 'reject', weeks, request.body.reason),
      };
    },
  );

  app.post(
    '/timesheet-weeks/unlock',
    {
      schema: {
        operationId: 'unlockTimesheetWeek',
        summary:
          "Lift a locked period for a person's week until a moment, or lock it again (administrators)",
        tags,
        security,
        body: UnlockWeekBody,
        response: { 200: TimesheetWeek },
      },
    },
    async (request) => {
      const body = request.body;
      const until = body.until === null ? null : new Date(body.until);
      if (until !== null && Number.isNaN(until.getTime())) {
        throw wordedInvalid(['until is not an instant'], APPROVAL_ERRORS.invalidInstant);
      }
      return approvals.unlock(
        actorOf(request),
        { userId: body.userId, weekStart: calendarDay(body.weekStart, 'weekStart') },
        until,
      );
    },
  );
}
