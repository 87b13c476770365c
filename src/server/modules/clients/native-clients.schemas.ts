import { Type, type Static } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Instant, Nullable } from '../../shared/schema.ts';
import { NativeListQuery } from '../../http/native-list.ts';

const Currency = Type.String({
  minLength: 3,
  maxLength: 3,
  description: 'ISO 4217 code, e.g. EUR; the account currency when left out.',
});

export const NativeClient = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    isActive: Type.Boolean(),
    address: Nullable(Type.String()),
    currency: Type.String(),
    createdAt: Instant,
    updatedAt: Instant,
  },
  { title: 'NativeClient' },
);

export const NativeClientList = Type.Object(
  { data: Type.Array(NativeClient), nextCursor: Nullable(Type.String()) },
  { title: 'NativeClientList' },
);

export const ListNativeClientsQuery = Type.Object(
  {
    isActive: Type.Optional(Type.Boolean()),
    ...NativeListQuery,
  },
  { additionalProperties: false },
);

export const CreateNativeClient = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    isActive: Type.Optional(Type.Boolean()),
    address: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
    currency: Type.Optional(Currency),
  },
  { title: 'CreateNativeClient', additionalProperties: false },
);

export const UpdateNativeClient = Type.Partial(CreateNativeClient, {
  title: 'UpdateNativeClient',
  additionalProperties: false,
});
export type UpdateNativeClient = Static<typeof UpdateNativeClient>;

export const NativeClientParams = Type.Object({
  clientId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
});
