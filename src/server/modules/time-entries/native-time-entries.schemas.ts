import { Type, type Static } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Instant, Nullable } from '../../shared/schema.ts';
import { NativeListQuery } from '../../http/native-list.ts';

const Id = Type.Integer({ minimum: 1, maximum: BOUNDS.id });
const Day = Type.String({ format: 'date', description: 'A calendar day, YYYY-MM-DD.' });
const ClockTime = Type.String({
  maxLength: 16,
  description: 'A time of day on the entry\'s day: "09:30" (24-hour) or "9:30am".',
});
const Seconds = Type.Integer({ minimum: 0, maximum: BOUNDS.entrySeconds });
const Notes = Nullable(Type.String({ maxLength: 10000 }));

const Named = (title: string) =>
  Type.Object({ id: Type.Integer(), name: Type.String() }, { title });

export const NativeTimeEntry = Type.Object(
  {
    id: Type.Integer(),
    userId: Type.Integer(),
    spentDate: Type.String({ format: 'date' }),
    seconds: Type.Integer({ description: 'Time tracked, a running timer counted up to now.' }),
    roundedSeconds: Type.Integer({ description: "Seconds after the account's rounding." }),
    isRunning: Type.Boolean(),
    timerStartedAt: Nullable(Instant),
    startedTime: Nullable(Type.String({ description: 'HH:MM, on start/end accounts.' })),
    endedTime: Nullable(Type.String({ description: 'HH:MM, on start/end accounts.' })),
    notes: Nullable(Type.String()),
    billable: Type.Boolean(),
    billableRate: Nullable(
      Type.Number({ description: 'Per hour, in the client currency; null when not shown.' }),
    ),
    isLocked: Type.Boolean(),
    lockedReason: Nullable(Type.String()),
    approvalStatus: Type.String({ enum: ['unsubmitted', 'submitted', 'approved'] }),
    client: Named('NativeClientRef'),
    project: Type.Object(
      { id: Type.Integer(), name: Type.String(), code: Nullable(Type.String()) },
      { title: 'NativeProjectRef' },
    ),
    task: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
    externalReference: Nullable(
      Type.Object({
        id: Type.String(),
        groupId: Nullable(Type.String()),
        accountId: Nullable(Type.String()),
        permalink: Nullable(Type.String()),
      }),
    ),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'NativeTimeEntry' },
);

export const NativeTimeEntryList = Type.Object(
  {
    data: Type.Array(NativeTimeEntry),
    nextCursor: Nullable(
      Type.String({ description: 'Pass as `cursor` for the next (older) page; null at the end.' }),
    ),
  },
  { title: 'NativeTimeEntryList' },
);

export const NativeRunningTimer = Type.Object(
  // A named schema or null: anyOf keeps the reference (a type array would copy the schema).
  { timeEntry: Type.Union([NativeTimeEntry, Type.Null()]) },
  { title: 'NativeRunningTimer' },
);

export const ListNativeTimeEntriesQuery = Type.Object(
  {
    from: Type.Optional(Day),
    to: Type.Optional(Day),
    userId: Type.Optional(Id),
    projectId: Type.Optional(Id),
    clientId: Type.Optional(Id),
    taskId: Type.Optional(Id),
    isRunning: Type.Optional(Type.Boolean()),
    ...NativeListQuery,
  },
  { additionalProperties: false },
);
export type ListNativeTimeEntriesQuery = Static<typeof ListNativeTimeEntriesQuery>;

export const CreateNativeTimeEntry = Type.Object(
  {
    userId: Type.Optional(Id),
    projectId: Id,
    taskId: Id,
    spentDate: Day,
    seconds: Type.Optional(Seconds),
    startedTime: Type.Optional(ClockTime),
    endedTime: Type.Optional(ClockTime),
    notes: Type.Optional(Notes),
  },
  { title: 'CreateNativeTimeEntry', additionalProperties: false },
);
export type CreateNativeTimeEntry = Static<typeof CreateNativeTimeEntry>;

export const UpdateNativeTimeEntry = Type.Object(
  {
    projectId: Type.Optional(Id),
    taskId: Type.Optional(Id),
    spentDate: Type.Optional(Day),
    seconds: Type.Optional(Seconds),
    startedTime: Type.Optional(ClockTime),
    endedTime: Type.Optional(ClockTime),
    notes: Type.Optional(Notes),
  },
  { title: 'UpdateNativeTimeEntry', additionalProperties: false },
);
export type UpdateNativeTimeEntry = Static<typeof UpdateNativeTimeEntry>;

export const StartNativeTimer = Type.Object(
  { projectId: Id, taskId: Id, notes: Type.Optional(Notes), spentDate: Type.Optional(Day) },
  { title: 'StartNativeTimer', additionalProperties: false },
);

export const NativeTimeEntryParams = Type.Object({ timeEntryId: Id });
