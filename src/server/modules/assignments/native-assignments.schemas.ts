import { Type } from 'typebox';
import { NativeListQuery } from '../../http/native-list.ts';
import { AmountInput, BOUNDS, RateInput } from '../../shared/bounds.ts';
import { Instant, Nullable } from '../../shared/schema.ts';

export const TrackingOptionsQuery = Type.Object(
  { userId: Type.Optional(Type.Integer({ minimum: 1, maximum: BOUNDS.id })) },
  { additionalProperties: false },
);

export const TrackingOptions = Type.Object(
  {
    projects: Type.Array(
      Type.Object(
        {
          id: Type.Integer(),
          name: Type.String(),
          code: Nullable(Type.String()),
          client: Type.Object({ id: Type.Integer(), name: Type.String() }),
          tasks: Type.Array(
            Type.Object({ id: Type.Integer(), name: Type.String(), billable: Type.Boolean() }),
          ),
        },
        { title: 'TrackingProject' },
      ),
    ),
  },
  { title: 'TrackingOptions' },
);

const Money = (description: string) => Nullable(Type.Number({ description }));
const RATE_NOTE = 'Per hour; null when not set or when the caller may not see rates.';
const BUDGET_NOTE = "Hours or money, by the project's budget kind.";

/** A person on a project. */
export const NativeProjectMember = Type.Object(
  {
    id: Type.Integer({ description: 'The assignment.' }),
    projectId: Type.Integer(),
    person: Type.Object({ id: Type.Integer(), name: Type.String() }),
    isActive: Type.Boolean(),
    isProjectManager: Type.Boolean(),
    useDefaultRates: Type.Boolean(),
    hourlyRate: Money(RATE_NOTE),
    budget: Money(BUDGET_NOTE),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'NativeProjectMember' },
);

export const NativeProjectMemberList = Type.Object(
  { data: Type.Array(NativeProjectMember), nextCursor: Nullable(Type.String()) },
  { title: 'NativeProjectMemberList' },
);

/** A task on a project. */
export const NativeProjectTask = Type.Object(
  {
    id: Type.Integer({ description: 'The assignment.' }),
    projectId: Type.Integer(),
    task: Type.Object({ id: Type.Integer(), name: Type.String() }),
    isActive: Type.Boolean(),
    billable: Type.Boolean(),
    hourlyRate: Money(RATE_NOTE),
    budget: Money(BUDGET_NOTE),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'NativeProjectTask' },
);

export const NativeProjectTaskList = Type.Object(
  { data: Type.Array(NativeProjectTask), nextCursor: Nullable(Type.String()) },
  { title: 'NativeProjectTaskList' },
);

export const ListNativeAssignmentsQuery = Type.Object(
  { isActive: Type.Optional(Type.Boolean()), ...NativeListQuery },
  { additionalProperties: false },
);

const Changes = {
  isActive: Type.Optional(Type.Boolean()),
  hourlyRate: Type.Optional(Nullable(RateInput({ description: 'Per hour.' }))),
  budget: Type.Optional(Nullable(AmountInput({ description: BUDGET_NOTE }))),
};

export const AddNativeProjectMember = Type.Object(
  {
    personId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
    isProjectManager: Type.Optional(
      Type.Boolean({ description: 'Left out: managers and administrators manage by default.' }),
    ),
    useDefaultRates: Type.Optional(Type.Boolean()),
    ...Changes,
  },
  { title: 'AddNativeProjectMember', additionalProperties: false },
);

export const UpdateNativeProjectMember = Type.Object(
  {
    isProjectManager: Type.Optional(Type.Boolean()),
    useDefaultRates: Type.Optional(Type.Boolean()),
    ...Changes,
  },
  { title: 'UpdateNativeProjectMember', additionalProperties: false },
);

export const AddNativeProjectTask = Type.Object(
  {
    taskId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
    billable: Type.Optional(Type.Boolean()),
    ...Changes,
  },
  { title: 'AddNativeProjectTask', additionalProperties: false },
);

export const UpdateNativeProjectTask = Type.Object(
  { billable: Type.Optional(Type.Boolean()), ...Changes },
  { title: 'UpdateNativeProjectTask', additionalProperties: false },
);

export const NativeProjectScope = Type.Object({
  projectId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
});

export const NativeAssignmentParams = Type.Object({
  projectId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
  assignmentId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
});
