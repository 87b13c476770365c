import { Type, type Static } from 'typebox';
import { PaginationQuery } from '../../http/harvest-list.ts';
import { Instant, Nullable } from '../../shared/schema.ts';
import { BILL_BY, BUDGET_BY } from './projects.rules.ts';
import { AmountInput, BOUNDS, RateInput } from '../../shared/bounds.ts';

/** Harvest's Project, keys in the order of real responses (client last). */
export const HarvestProject = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    code: Nullable(Type.String()),
    is_active: Type.Boolean(),
    is_billable: Type.Boolean(),
    is_fixed_fee: Type.Boolean(),
    bill_by: Type.String(),
    budget: Nullable(Type.Number()),
    budget_by: Type.String(),
    budget_is_monthly: Type.Boolean(),
    notify_when_over_budget: Type.Boolean(),
    over_budget_notification_percentage: Type.Number(),
    show_budget_to_all: Type.Boolean(),
    created_at: Instant,
    updated_at: Instant,
    starts_on: Nullable(Type.String({ format: 'date' })),
    ends_on: Nullable(Type.String({ format: 'date' })),
    over_budget_notification_date: Nullable(Type.String({ format: 'date' })),
    notes: Nullable(Type.String()),
    cost_budget: Nullable(Type.Number()),
    cost_budget_include_expenses: Type.Boolean(),
    hourly_rate: Nullable(Type.Number()),
    fee: Nullable(Type.Number()),
    client: Type.Object({ id: Type.Integer(), name: Type.String(), currency: Type.String() }),
  },
  { title: 'HarvestProject' },
);
export type HarvestProject = Static<typeof HarvestProject>;

const Day = Type.String({ format: 'date' });
const oneOf = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });

const projectFields = {
  code: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
  is_active: Type.Optional(Type.Boolean()),
  is_billable: Type.Optional(Type.Boolean()),
  is_fixed_fee: Type.Optional(Type.Boolean()),
  bill_by: Type.Optional(oneOf(BILL_BY)),
  hourly_rate: Type.Optional(Nullable(RateInput())),
  budget: Type.Optional(Nullable(AmountInput())),
  budget_by: Type.Optional(oneOf(BUDGET_BY)),
  budget_is_monthly: Type.Optional(Type.Boolean()),
  notify_when_over_budget: Type.Optional(Type.Boolean()),
  over_budget_notification_percentage: Type.Optional(
    Type.Integer({ minimum: 0, maximum: BOUNDS.percentage, description: 'Whole percent.' }),
  ),
  show_budget_to_all: Type.Optional(Type.Boolean()),
  cost_budget: Type.Optional(Nullable(AmountInput())),
  cost_budget_include_expenses: Type.Optional(Type.Boolean()),
  fee: Type.Optional(Nullable(AmountInput())),
  notes: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
  starts_on: Type.Optional(Nullable(Day)),
  ends_on: Type.Optional(Nullable(Day)),
};

export const CreateProjectBody = Type.Object(
  {
    client_id: Type.Integer({ minimum: 1 }),
    name: Type.String({ minLength: 1, maxLength: 255 }),
    ...projectFields,
  },
  { title: 'CreateProjectBody' },
);
export type CreateProjectBody = Static<typeof CreateProjectBody>;

export const UpdateProjectBody = Type.Object(
  {
    client_id: Type.Optional(Type.Integer({ minimum: 1 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    ...projectFields,
  },
  { title: 'UpdateProjectBody' },
);
export type UpdateProjectBody = Static<typeof UpdateProjectBody>;

export const ListProjectsQuery = Type.Object({
  is_active: Type.Optional(Type.Boolean()),
  client_id: Type.Optional(Type.Integer({ minimum: 1 })),
  updated_since: Type.Optional(Type.String({ format: 'date-time' })),
  ...PaginationQuery,
});

export const ProjectParams = Type.Object({ projectId: Type.Integer({ minimum: 1 }) });
