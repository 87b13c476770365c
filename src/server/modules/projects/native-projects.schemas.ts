import { Type } from 'typebox';
import { NativeListQuery } from '../../http/native-list.ts';
import { BOUNDS } from '../../shared/bounds.ts';
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
