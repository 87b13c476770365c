import { Type, type Static } from 'typebox';
import { PaginationQuery } from '../../http/harvest-list.ts';
import { Instant, Nullable } from '../../shared/schema.ts';
import { BOUNDS } from '../../shared/bounds.ts';

const Ref = Type.Object({ id: Type.Integer(), name: Type.String() });

/** Harvest's TimeEntry, keys in the order of real 2024 responses (§4.1). */
export const HarvestTimeEntry = Type.Object(
  {
    id: Type.Integer(),
    spent_date: Type.String({ format: 'date' }),
    hours: Type.Number(),
    hours_without_timer: Type.Number(),
    rounded_hours: Type.Number(),
    notes: Nullable(Type.String()),
    is_locked: Type.Boolean(),
    locked_reason: Nullable(Type.String()),
    is_closed: Type.Boolean(),
    approval_status: Type.String(),
    is_billed: Type.Boolean(),
    timer_started_at: Nullable(Instant),
    started_time: Nullable(Type.String()),
    ended_time: Nullable(Type.String()),
    is_running: Type.Boolean(),
    billable: Type.Boolean(),
    budgeted: Type.Boolean(),
    billable_rate: Nullable(Type.Number()),
    cost_rate: Nullable(Type.Number()),
    created_at: Instant,
    updated_at: Instant,
    user: Ref,
    client: Type.Object({ id: Type.Integer(), name: Type.String(), currency: Type.String() }),
    project: Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      code: Nullable(Type.String()),
    }),
    // Null only for work times created through the Flowtly API without a task.
    task: Type.Unsafe<{ id: number; name: string } | null>({ ...Ref, type: ['object', 'null'] }),
    user_assignment: Type.Unsafe<{
      id: number;
      is_project_manager: boolean;
      is_active: boolean;
      use_default_rates: boolean;
      budget: number | null;
      created_at: string;
      updated_at: string;
      hourly_rate: number | null;
    } | null>({
      type: ['object', 'null'],
      properties: {
        id: { type: 'integer' },
        is_project_manager: { type: 'boolean' },
        is_active: { type: 'boolean' },
        use_default_rates: { type: 'boolean' },
        budget: { type: ['number', 'null'] },
        created_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
        hourly_rate: { type: ['number', 'null'] },
      },
    }),
    task_assignment: Type.Unsafe<{
      id: number;
      billable: boolean;
      is_active: boolean;
      created_at: string;
      updated_at: string;
      hourly_rate: number | null;
      budget: number | null;
    } | null>({
      type: ['object', 'null'],
      properties: {
        id: { type: 'integer' },
        billable: { type: 'boolean' },
        is_active: { type: 'boolean' },
        created_at: { type: 'string', format: 'date-time' },
        updated_at: { type: 'string', format: 'date-time' },
        hourly_rate: { type: ['number', 'null'] },
        budget: { type: ['number', 'null'] },
      },
    }),
    invoice: Type.Unsafe<{ id: number; number: string } | null>({
      type: ['object', 'null'],
      properties: { id: { type: 'integer' }, number: { type: 'string' } },
    }),
    external_reference: Type.Unsafe<{
      id: string;
      group_id: string | null;
      account_id: string | null;
      permalink: string | null;
      service: string | null;
      service_icon_url: string | null;
    } | null>({
      type: ['object', 'null'],
      properties: {
        id: { type: 'string' },
        group_id: { type: ['string', 'null'] },
        account_id: { type: ['string', 'null'] },
        permalink: { type: ['string', 'null'] },
        service: { type: ['string', 'null'] },
        service_icon_url: { type: ['string', 'null'] },
      },
    }),
  },
  { title: 'HarvestTimeEntry' },
);
export type HarvestTimeEntry = Static<typeof HarvestTimeEntry>;

const ExternalReference = Type.Object({
  id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  group_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  account_id: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  permalink: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
});
export type ExternalReferenceInput = Static<typeof ExternalReference>;

/** `hours` may arrive as a number or as text ("1.5"); both are read exactly. */
const Hours = Type.Unsafe<number | string | null>({
  type: ['number', 'string', 'null'],
  minimum: 0,
  maximum: BOUNDS.entryHours,
  maxLength: 32,
});

const entryFields = {
  project_id: Type.Optional(Type.Integer({ minimum: 1 })),
  task_id: Type.Optional(Type.Integer({ minimum: 1 })),
  spent_date: Type.Optional(
    Type.String({ maxLength: 32, description: 'YYYY-MM-DD (YYYYMMDD accepted).' }),
  ),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
  hours: Type.Optional(Hours),
  started_time: Type.Optional(
    Nullable(Type.String({ maxLength: 32, description: '"8:00am" or "08:00".' })),
  ),
  ended_time: Type.Optional(Nullable(Type.String({ maxLength: 32 }))),
  external_reference: Type.Optional(Nullable(ExternalReference)),
};

// project_id, task_id and spent_date are checked by the service, which answers with
// Harvest's own messages ("Project can't be blank").
export const CreateTimeEntryBody = Type.Object(
  { user_id: Type.Optional(Type.Integer({ minimum: 1 })), ...entryFields },
  { title: 'CreateTimeEntryBody' },
);
export type CreateTimeEntryBody = Static<typeof CreateTimeEntryBody>;

export const UpdateTimeEntryBody = Type.Object(entryFields, { title: 'UpdateTimeEntryBody' });
export type UpdateTimeEntryBody = Static<typeof UpdateTimeEntryBody>;

export const ListTimeEntriesQuery = Type.Object({
  user_id: Type.Optional(Type.Integer({ minimum: 1 })),
  client_id: Type.Optional(Type.Integer({ minimum: 1 })),
  project_id: Type.Optional(Type.Integer({ minimum: 1 })),
  task_id: Type.Optional(Type.Integer({ minimum: 1 })),
  external_reference_id: Type.Optional(Type.String()),
  is_billed: Type.Optional(Type.Boolean()),
  is_running: Type.Optional(Type.Boolean()),
  approval_status: Type.Optional(
    Type.Unsafe<string>({ type: 'string', enum: ['unsubmitted', 'submitted', 'approved'] }),
  ),
  updated_since: Type.Optional(Type.String({ format: 'date-time' })),
  from: Type.Optional(Type.String()),
  to: Type.Optional(Type.String()),
  ...PaginationQuery,
});
export type ListTimeEntriesQuery = Static<typeof ListTimeEntriesQuery>;

export const TimeEntryParams = Type.Object({ timeEntryId: Type.Integer({ minimum: 1 }) });

/** Punch extension: an entry that was deleted, for sync clients (Harvest has no such feed). */
export const DeletedTimeEntry = Type.Object(
  {
    id: Type.Integer(),
    deleted_at: Instant,
    spent_date: Type.String({ format: 'date' }),
    user_id: Type.Integer(),
    project_id: Type.Integer(),
  },
  { title: 'DeletedTimeEntry' },
);

export const DeletedTimeEntriesQuery = Type.Object({
  since: Type.Optional(
    Type.String({
      format: 'date-time',
      description: 'Only entries deleted at or after this instant.',
    }),
  ),
  ...PaginationQuery,
});
