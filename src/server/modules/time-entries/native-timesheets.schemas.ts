import { Type, type Static } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Nullable } from '../../shared/schema.ts';

const Id = Type.Integer({ minimum: 1, maximum: BOUNDS.id });
const Day = Type.String({ format: 'date', description: 'A calendar day, YYYY-MM-DD.' });

export const TimesheetQuery = Type.Object(
  {
    week: Type.Optional(
      Type.String({ format: 'date', description: 'Any day of the week; this week when left out.' }),
    ),
    userId: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type TimesheetQuery = Static<typeof TimesheetQuery>;

const TimesheetCell = Type.Object(
  {
    date: Type.String({ format: 'date' }),
    seconds: Type.Integer({ description: 'Time on this row that day, running timers up to now.' }),
    entryIds: Type.Array(Type.Integer()),
    editable: Type.Boolean({
      description: 'One value can be typed over it: at most one entry, not running, not locked.',
    }),
    readOnlyReason: Type.Unsafe<
      | 'several_entries'
      | 'timer_running'
      | 'locked'
      | 'week_submitted'
      | 'week_approved'
      | 'period_locked'
      | null
    >({
      type: ['string', 'null'],
      enum: [
        'several_entries',
        'timer_running',
        'locked',
        'week_submitted',
        'week_approved',
        'period_locked',
        null,
      ],
      description: 'Why the cell cannot be typed over; null when it can.',
    }),
    lockedReason: Nullable(
      Type.String({ description: "The lock's reason when a locked entry is in the cell." }),
    ),
  },
  { title: 'TimesheetCell' },
);

const TimesheetRow = Type.Object(
  {
    project: Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      code: Nullable(Type.String()),
    }),
    client: Type.Object({ id: Type.Integer(), name: Type.String() }),
    task: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    seconds: Type.Integer(),
    cells: Type.Array(TimesheetCell, { minItems: 7, maxItems: 7 }),
  },
  { title: 'TimesheetRow' },
);

export const Timesheet = Type.Object(
  {
    userId: Type.Integer(),
    days: Type.Array(Type.String({ format: 'date' }), { minItems: 7, maxItems: 7 }),
    closed: Type.Array(
      Type.Unsafe<'week_submitted' | 'week_approved' | 'period_locked' | null>({
        type: ['string', 'null'],
        enum: ['week_submitted', 'week_approved', 'period_locked', null],
      }),
      {
        minItems: 7,
        maxItems: 7,
        description:
          'Per day: why no time can be added or changed on it (its week is submitted or approved, or the period is locked); null when it is open.',
      },
    ),
    rows: Type.Array(TimesheetRow),
    dayTotals: Type.Array(Type.Integer(), { minItems: 7, maxItems: 7 }),
    seconds: Type.Integer({ description: 'The week in all.' }),
  },
  { title: 'Timesheet' },
);

export const WriteTimesheet = Type.Object(
  {
    userId: Type.Optional(Id),
    cells: Type.Array(
      Type.Object(
        {
          projectId: Id,
          taskId: Id,
          date: Day,
          // A cell is one day of one row: a day has 24 hours.
          seconds: Type.Integer({ minimum: 0, maximum: 24 * 3600 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
  },
  { title: 'WriteTimesheet', additionalProperties: false },
);
export type WriteTimesheet = Static<typeof WriteTimesheet>;
