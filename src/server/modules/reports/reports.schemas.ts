import { Type, type Static } from 'typebox';
import { MAX_PER_PAGE } from '../../shared/pagination.ts';
import { Nullable } from '../../shared/schema.ts';

/** Harvest §7: `from`/`to` required (checked by the rule, for Harvest's wording), no cursor. */
export const TimeReportQuery = Type.Object({
  from: Type.Optional(Type.String({ description: 'YYYY-MM-DD or YYYYMMDD; required.' })),
  to: Type.Optional(
    Type.String({ description: 'YYYY-MM-DD or YYYYMMDD; required, ≤ 1 year after from.' }),
  ),
  include_fixed_fee: Type.Optional(
    Type.Boolean({ description: 'Price time on fixed-fee projects too (default false).' }),
  ),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE })),
});
export type TimeReportQuery = Static<typeof TimeReportQuery>;

const figures = {
  total_hours: Type.Number(),
  billable_hours: Type.Number(),
  currency: Type.String(),
  /** Null for viewers who may not see billable rates (§7). */
  billable_amount: Nullable(Type.Number()),
};

/** Row shapes in the order of Harvest's documentation (§7.1). */
export const ClientsTimeReportRow = Type.Object({
  client_id: Type.Integer(),
  client_name: Type.String(),
  ...figures,
});

export const ProjectsTimeReportRow = Type.Object({
  project_id: Type.Integer(),
  project_name: Type.String(),
  client_id: Type.Integer(),
  client_name: Type.String(),
  ...figures,
});

export const TasksTimeReportRow = Type.Object({
  // Null only for Flowtly work times tracked without a task.
  task_id: Nullable(Type.Integer()),
  task_name: Type.String(),
  ...figures,
});

export const TeamTimeReportRow = Type.Object({
  user_id: Type.Integer(),
  user_name: Type.String(),
  is_contractor: Type.Boolean(),
  total_hours: Type.Number(),
  billable_hours: Type.Number(),
  currency: Type.String(),
  billable_amount: Nullable(Type.Number()),
  weekly_capacity: Type.Integer({ description: 'Seconds a week.' }),
  avatar_url: Nullable(Type.String()),
});

export type ClientsTimeReportRow = Static<typeof ClientsTimeReportRow>;
export type ProjectsTimeReportRow = Static<typeof ProjectsTimeReportRow>;
export type TasksTimeReportRow = Static<typeof TasksTimeReportRow>;
export type TeamTimeReportRow = Static<typeof TeamTimeReportRow>;

/** Harvest §7.3: no dates; active or archived projects; pages. */
export const ProjectBudgetReportQuery = Type.Object({
  is_active: Type.Optional(Type.Boolean()),
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE })),
});

export const ProjectBudgetReportRow = Type.Object({
  project_id: Type.Integer(),
  project_name: Type.String(),
  client_id: Type.Integer(),
  client_name: Type.String(),
  budget_is_monthly: Type.Boolean(),
  budget_by: Type.String(),
  is_active: Type.Boolean(),
  /** Hours or money as budget_by says; null for money budgets the viewer may not see. */
  budget: Nullable(Type.Number()),
  budget_spent: Nullable(Type.Number()),
  budget_remaining: Nullable(Type.Number()),
});
