import { Type } from 'typebox';
import { NativeListQuery } from '../../http/native-list.ts';
import { AmountInput, BOUNDS, RateInput } from '../../shared/bounds.ts';
import { BILL_BY, BUDGET_BY } from './projects.rules.ts';
import { Instant, Nullable } from '../../shared/schema.ts';

const Money = (description: string) => Nullable(Type.Number({ description }));

export const NativeProject = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    code: Nullable(Type.String()),
    client: Type.Object({ id: Type.Integer(), name: Type.String(), currency: Type.String() }),
    isActive: Type.Boolean(),
    isBillable: Type.Boolean(),
    isFixedFee: Type.Boolean(),
    billBy: Type.String({ enum: ['Project', 'Tasks', 'People', 'none'] }),
    hourlyRate: Money('Per hour; null when not set or not shown to the caller.'),
    fee: Money('Fixed fee; null when not set or not shown.'),
    budgetBy: Type.String(),
    budget: Nullable(Type.Number({ description: 'Hours or money, as budgetBy says.' })),
    costBudget: Money('null when not set or not shown.'),
    startsOn: Nullable(Type.String({ format: 'date' })),
    endsOn: Nullable(Type.String({ format: 'date' })),
    notes: Nullable(Type.String()),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'NativeProject' },
);

export const NativeProjectList = Type.Object(
  { data: Type.Array(NativeProject), nextCursor: Nullable(Type.String()) },
  { title: 'NativeProjectList' },
);

export const ListNativeProjectsQuery = Type.Object(
  {
    isActive: Type.Optional(Type.Boolean()),
    clientId: Type.Optional(Type.Integer({ minimum: 1, maximum: BOUNDS.id })),
    ...NativeListQuery,
  },
  { additionalProperties: false },
);

export const NativeProjectParams = Type.Object({
  projectId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
});

const oneOf = <T extends readonly string[]>(values: T) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values] });
const Day = Type.String({ format: 'date' });

export const CreateNativeProject = Type.Object(
  {
    clientId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
    name: Type.String({ minLength: 1, maxLength: 255 }),
    code: Type.Optional(Nullable(Type.String({ maxLength: 255 }))),
    isActive: Type.Optional(Type.Boolean()),
    isBillable: Type.Optional(Type.Boolean()),
    isFixedFee: Type.Optional(Type.Boolean()),
    billBy: Type.Optional(oneOf(BILL_BY)),
    hourlyRate: Type.Optional(Nullable(RateInput())),
    budgetBy: Type.Optional(oneOf(BUDGET_BY)),
    budget: Type.Optional(Nullable(AmountInput())),
    costBudget: Type.Optional(Nullable(AmountInput())),
    fee: Type.Optional(Nullable(AmountInput())),
    notes: Type.Optional(Nullable(Type.String({ maxLength: 10000 }))),
    startsOn: Type.Optional(Nullable(Day)),
    endsOn: Type.Optional(Nullable(Day)),
  },
  { title: 'CreateNativeProject', additionalProperties: false },
);

export const UpdateNativeProject = Type.Partial(CreateNativeProject, {
  title: 'UpdateNativeProject',
  additionalProperties: false,
});
