import { Type, type Static } from 'typebox';
import { PaginationQuery } from '../../http/harvest-list.ts';
import { Instant, Nullable } from '../../shared/schema.ts';
import { RateInput } from '../../shared/bounds.ts';

/** Harvest's Task, keys in the order of Harvest's docs. */
export const HarvestTask = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    billable_by_default: Type.Boolean(),
    default_hourly_rate: Nullable(Type.Number()),
    is_default: Type.Boolean(),
    is_active: Type.Boolean(),
    created_at: Instant,
    updated_at: Instant,
  },
  { title: 'HarvestTask' },
);
export type HarvestTask = Static<typeof HarvestTask>;

const Rate = RateInput({ description: 'Per hour, in the account currency.' });

export const CreateTaskBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    billable_by_default: Type.Optional(Type.Boolean()),
    default_hourly_rate: Type.Optional(Nullable(Rate)),
    is_default: Type.Optional(Type.Boolean()),
    is_active: Type.Optional(Type.Boolean()),
  },
  { title: 'CreateTaskBody' },
);
export type CreateTaskBody = Static<typeof CreateTaskBody>;

export const UpdateTaskBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    billable_by_default: Type.Optional(Type.Boolean()),
    default_hourly_rate: Type.Optional(Nullable(Rate)),
    is_default: Type.Optional(Type.Boolean()),
    is_active: Type.Optional(Type.Boolean()),
  },
  { title: 'UpdateTaskBody' },
);
export type UpdateTaskBody = Static<typeof UpdateTaskBody>;

export const ListTasksQuery = Type.Object({
  is_active: Type.Optional(Type.Boolean()),
  updated_since: Type.Optional(Type.String({ format: 'date-time' })),
  ...PaginationQuery,
});

export const TaskParams = Type.Object({ taskId: Type.Integer({ minimum: 1 }) });
