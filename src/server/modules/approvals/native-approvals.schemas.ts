import { Type, type Static } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Nullable } from '../../shared/schema.ts';
import { APPROVAL_STATUSES } from './approvals.rules.ts';

const Id = Type.Integer({ minimum: 1, maximum: BOUNDS.id });
const Day = Type.String({ format: 'date', description: 'A calendar day, YYYY-MM-DD.' });
const Instant = Nullable(Type.String({ format: 'date-time' }));
const Status = Type.Unsafe<(typeof APPROVAL_STATUSES)[number]>({
  type: 'string',
  enum: [...APPROVAL_STATUSES],
});

export const TimesheetWeek = Type.Object(
  {
    userId: Type.Integer(),
    person: Type.Object({
      id: Type.Integer(),
      firstName: Type.String(),
      lastName: Type.String(),
    }),
    weekStart: Type.String({ format: 'date' }),
    weekEnd: Type.String({ format: 'date' }),
    status: Status,
    submittedAt: Instant,
    submittedBy: Nullable(Type.Integer()),
    decidedAt: Instant,
    decidedBy: Nullable(Type.Integer()),
    rejectionReason: Nullable(
      Type.String({ description: 'Why the week was last rejected; cleared when resubmitted.' }),
    ),
    periodLock: Type.Unsafe<'lock_date' | 'auto_lock' | null>({
      type: ['string', 'null'],
      enum: ['lock_date', 'auto_lock', null],
      description: "The locked period the week is in, if any (an administrator's unlock lifts it).",
    }),
    unlockedUntil: Instant,
    seconds: Type.Integer({ description: 'Time in the week, running timers up to now.' }),
    billableSeconds: Type.Integer(),
    capacitySeconds: Type.Integer({ description: "The person's weekly capacity." }),
    days: Type.Array(
      Type.Object({ date: Type.String({ format: 'date' }), seconds: Type.Integer() }),
      {
        minItems: 7,
        maxItems: 7,
      },
    ),
    timerRunning: Type.Boolean(),
    warnings: Type.Array(
      Type.Unsafe<'missing_days' | 'under_capacity' | 'over_capacity' | 'timer_running'>({
        type: 'string',
        enum: ['missing_days', 'under_capacity', 'over_capacity', 'timer_running'],
      }),
    ),
    missingDays: Type.Array(Type.String({ format: 'date' }), {
      description: 'Monday to Friday days of the week without any time.',
    }),
    mayApprove: Type.Boolean({ description: 'Whether the caller may approve or reject it.' }),
  },
  { title: 'TimesheetWeek' },
);

export const TimesheetWeekList = Type.Object(
  { data: Type.Array(TimesheetWeek) },
  { title: 'TimesheetWeekList' },
);

export const WeeksQuery = Type.Object(
  {
    userId: Type.Optional(Id),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type WeeksQuery = Static<typeof WeeksQuery>;

export const QueueQuery = Type.Object(
  {
    status: Type.Optional(Status),
    userId: Type.Optional(Id),
    from: Type.Optional(Day),
    to: Type.Optional(Day),
  },
  { additionalProperties: false },
);
export type QueueQuery = Static<typeof QueueQuery>;

const WeekRef = Type.Object(
  {
    userId: Id,
    weekStart: Type.String({
      format: 'date',
      description: "The first day of the week (the account's week start).",
    }),
  },
  { additionalProperties: false, title: 'TimesheetWeekRef' },
);

export const OwnWeekBody = Type.Object(
  {
    weekStart: Type.String({
      format: 'date',
      description: "The first day of the week (the account's week start).",
    }),
    userId: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: BOUNDS.id,
        description: "Whose week; the caller's own when left out (administrators may name anyone).",
      }),
    ),
  },
  { additionalProperties: false, title: 'OwnTimesheetWeek' },
);
export type OwnWeekBody = Static<typeof OwnWeekBody>;

export const DecideWeeksBody = Type.Object(
  { weeks: Type.Array(WeekRef, { minItems: 1, maxItems: 100 }) },
  { additionalProperties: false, title: 'DecideTimesheetWeeks' },
);
export type DecideWeeksBody = Static<typeof DecideWeeksBody>;

export const RejectWeeksBody = Type.Object(
  {
    weeks: Type.Array(WeekRef, { minItems: 1, maxItems: 100 }),
    reason: Type.String({ minLength: 1, maxLength: 2000, description: 'Shown to the person.' }),
  },
  { additionalProperties: false, title: 'RejectTimesheetWeeks' },
);
export type RejectWeeksBody = Static<typeof RejectWeeksBody>;

export const UnlockWeekBody = Type.Object(
  {
    userId: Id,
    weekStart: Type.String({ format: 'date' }),
    until: Nullable(
      Type.String({
        format: 'date-time',
        description: 'The unlock ends then; null locks the week again now.',
      }),
    ),
  },
  { additionalProperties: false, title: 'UnlockTimesheetWeek' },
);
export type UnlockWeekBody = Static<typeof UnlockWeekBody>;
