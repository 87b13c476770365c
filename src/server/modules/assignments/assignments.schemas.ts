import { Type, type Static } from 'typebox';
import { PaginationQuery } from '../../http/harvest-list.ts';
import { Instant, Nullable } from '../../shared/schema.ts';
import { AmountInput, RateInput } from '../../shared/bounds.ts';

const ProjectRef = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  code: Nullable(Type.String()),
});
const NamedRef = Type.Object({ id: Type.Integer(), name: Type.String() });

/** Harvest's UserAssignment: a person on a project. */
export const HarvestUserAssignment = Type.Object(
  {
    id: Type.Integer(),
    project: ProjectRef,
    user: NamedRef,
    is_active: Type.Boolean(),
    is_project_manager: Type.Boolean(),
    use_default_rates: Type.Boolean(),
    hourly_rate: Nullable(Type.Number()),
    budget: Nullable(Type.Number()),
    created_at: Instant,
    updated_at: Instant,
  },
  { title: 'HarvestUserAssignment' },
);
export type HarvestUserAssignment = Static<typeof HarvestUserAssignment>;

/** Harvest's TaskAssignment: a task on a project. */
export const HarvestTaskAssignment = Type.Object(
  {
    id: Type.Integer(),
    project: ProjectRef,
    task: NamedRef,
    is_active: Type.Boolean(),
    billable: Type.Boolean(),
    hourly_rate: Nullable(Type.Number()),
    budget: Nullable(Type.Number()),
    created_at: Instant,
    updated_at: Instant,
  },
  { title: 'HarvestTaskAssignment' },
);
export type HarvestTaskAssignment = Static<typeof HarvestTaskAssignment>;

/** What a person may track time to: a project, its client and its active tasks. */
export const HarvestProjectAssignment = Type.Object(
  {
    id: Type.Integer(),
    is_project_manager: Type.Boolean(),
    is_active: Type.Boolean(),
    use_default_rates: Type.Boolean(),
    budget: Nullable(Type.Number()),
    created_at: Instant,
    updated_at: Instant,
    hourly_rate: Nullable(Type.Number()),
    project: Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      code: Nullable(Type.String()),
      is_billable: Type.Boolean(),
    }),
    client: Type.Object({ id: Type.Integer(), name: Type.String(), currency: Type.String() }),
    task_assignments: Type.Array(HarvestTaskAssignment),
  },
  { title: 'HarvestProjectAssignment' },
);
export type HarvestProjectAssignment = Static<typeof HarvestProjectAssignment>;

export const CreateUserAssignmentBody = Type.Object(
  {
    user_id: Type.Integer({ minimum: 1 }),
    is_active: Type.Optional(Type.Boolean()),
    is_project_manager: Type.Optional(Type.Boolean()),
    use_default_rates: Type.Optional(Type.Boolean()),
    hourly_rate: Type.Optional(Nullable(RateInput())),
    budget: Type.Optional(Nullable(AmountInput())),
  },
  { title: 'CreateUserAssignmentBody' },
);
export type CreateUserAssignmentBody = Static<typeof CreateUserAssignmentBody>;

export const UpdateUserAssignmentBody = Type.Object(
  {
    is_active: Type.Optional(Type.Boolean()),
    is_project_manager: Type.Optional(Type.Boolean()),
    use_default_rates: Type.Optional(Type.Boolean()),
    hourly_rate: Type.Optional(Nullable(RateInput())),
    budget: Type.Optional(Nullable(AmountInput())),
  },
  { title: 'UpdateUserAssignmentBody' },
);
export type UpdateUserAssignmentBody = Static<typeof UpdateUserAssignmentBody>;

export const CreateTaskAssignmentBody = Type.Object(
  {
    task_id: Type.Integer({ minimum: 1 }),
    is_active: Type.Optional(Type.Boolean()),
    billable: Type.Optional(Type.Boolean()),
    hourly_rate: Type.Optional(Nullable(RateInput())),
    budget: Type.Optional(Nullable(AmountInput())),
  },
  { title: 'CreateTaskAssignmentBody' },
);
export type CreateTaskAssignmentBody = Static<typeof CreateTaskAssignmentBody>;

export const UpdateTaskAssignmentBody = Type.Object(
  {
    is_active: Type.Optional(Type.Boolean()),
    billable: Type.Optional(Type.Boolean()),
    hourly_rate: Type.Optional(Nullable(RateInput())),
    budget: Type.Optional(Nullable(AmountInput())),
  },
  { title: 'UpdateTaskAssignmentBody' },
);
export type UpdateTaskAssignmentBody = Static<typeof UpdateTaskAssignmentBody>;

const common = {
  is_active: Type.Optional(Type.Boolean()),
  updated_since: Type.Optional(Type.String({ format: 'date-time' })),
  ...PaginationQuery,
};
export const ProjectAssignmentsQuery = Type.Object(common);
export const AllUserAssignmentsQuery = Type.Object({
  user_id: Type.Optional(Type.Integer({ minimum: 1 })),
  ...common,
});
export const PageQuery = Type.Object({ ...PaginationQuery });

export const ProjectScope = Type.Object({ projectId: Type.Integer({ minimum: 1 }) });
export const AssignmentParams = Type.Object({
  projectId: Type.Integer({ minimum: 1 }),
  assignmentId: Type.Integer({ minimum: 1 }),
});
export const PersonParams = Type.Object({ userId: Type.Integer({ minimum: 1 }) });
