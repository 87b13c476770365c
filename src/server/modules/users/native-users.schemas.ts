import { Type } from 'typebox';
import { Nullable } from '../../shared/schema.ts';
import { NativeAccountSettings } from '../accounts/native-accounts.schemas.ts';
import { NativeListQuery } from '../../http/native-list.ts';
import { BOUNDS, RateInput } from '../../shared/bounds.ts';

export const NativePerson = Type.Object(
  {
    id: Type.Integer(),
    firstName: Type.String(),
    lastName: Type.String(),
    email: Type.String(),
    timezone: Type.String({ description: 'IANA time zone name.' }),
    weeklyCapacitySeconds: Type.Integer(),
    accessLevel: Type.String({ enum: ['administrator', 'manager', 'member'] }),
    managerPermissions: Type.Array(Type.String()),
    avatarUrl: Nullable(Type.String()),
  },
  { title: 'NativePerson' },
);

export const NativePersonList = Type.Object(
  { data: Type.Array(NativePerson), nextCursor: Nullable(Type.String()) },
  { title: 'NativePersonList' },
);

export const ListNativePeopleQuery = Type.Object(
  {
    isActive: Type.Optional(Type.Boolean()),
    q: Type.Optional(
      Type.String({ maxLength: 255, description: 'Part of a name or e-mail, any case.' }),
    ),
    ...NativeListQuery,
  },
  { additionalProperties: false },
);

export const NativePersonParams = Type.Object({
  userId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
});

export const Me = Type.Object(
  {
    person: NativePerson,
    account: NativeAccountSettings,
    accounts: Type.Array(
      Type.Object({ id: Type.Integer(), name: Type.String(), personId: Type.Integer() }),
      { description: 'Every account the login is a person in; sign in again to switch.' },
    ),
  },
  { title: 'Me' },
);

export const NativeRateKind = Type.Unsafe<'billable' | 'cost'>({
  type: 'string',
  enum: ['billable', 'cost'],
});

export const NativeRate = Type.Object(
  {
    id: Type.Integer(),
    kind: NativeRateKind,
    amount: Type.Number({ description: 'Per hour, in the account currency.' }),
    startDate: Nullable(Type.String({ format: 'date', description: 'Null: from the start.' })),
    endDate: Nullable(Type.String({ format: 'date', description: 'Null: still in force.' })),
  },
  { title: 'NativeRate' },
);

export const NativeRateList = Type.Object(
  { data: Type.Array(NativeRate) },
  { title: 'NativeRateList' },
);

export const NativeRatesQuery = Type.Object(
  { kind: NativeRateKind },
  { additionalProperties: false },
);

export const SetNativeRate = Type.Object(
  {
    kind: NativeRateKind,
    amount: RateInput({ description: 'Per hour, in the account currency.' }),
    startDate: Type.Optional(Nullable(Type.String({ format: 'date' }))),
  },
  { title: 'SetNativeRate', additionalProperties: false },
);
