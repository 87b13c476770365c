import { Type } from 'typebox';
import { NativeListQuery } from '../../http/native-list.ts';
import { BOUNDS, RateInput } from '../../shared/bounds.ts';
import { Instant, Nullable } from '../../shared/schema.ts';

export const NativeTask = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    billableByDefault: Type.Boolean(),
    defaultHourlyRate: Nullable(Type.Number({ description: 'Per hour, account currency.' })),
    isDefault: Type.Boolean({ description: 'Added to every new project.' }),
    isActive: Type.Boolean(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'NativeTask' },
);

export const NativeTaskList = Type.Object(
  { data: Type.Array(NativeTask), nextCursor: Nullable(Type.String()) },
  { title: 'NativeTaskList' },
);

export const ListNativeTasksQuery = Type.Object(
  { isActive: Type.Optional(Type.Boolean()), ...NativeListQuery },
  { additionalProperties: false },
);

export const CreateNativeTask = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    billableByDefault: Type.Optional(Type.Boolean()),
    defaultHourlyRate: Type.Optional(Nullable(RateInput({ description: 'Per hour.' }))),
    isDefault: Type.Optional(Type.Boolean()),
    isActive: Type.Optional(Type.Boolean()),
  },
  { title: 'CreateNativeTask', additionalProperties: false },
);

export const UpdateNativeTask = Type.Partial(CreateNativeTask, {
  title: 'UpdateNativeTask',
  additionalProperties: false,
});

export const NativeTaskParams = Type.Object({
  taskId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
});
