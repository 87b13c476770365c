import { Type } from 'typebox';
import { Nullable } from '../../shared/schema.ts';
import { NativeAccountSettings } from '../accounts/native-accounts.schemas.ts';
import { NativeListQuery } from '../../http/native-list.ts';
import { BOUNDS, RateInput } from '../../shared/bounds.ts';
import { MANAGER_PERMISSIONS } from '../auth/auth.rules.ts';

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
    isActive: Type.Boolean({ description: 'False: archived; cannot sign in or track time.' }),
    isContractor: Type.Boolean(),
    locale: Nullable(
      Type.String({ description: "The web app's language (en, uk, zh); null: the browser's." }),
    ),
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
  { kind: Type.Optional({ ...NativeRateKind, description: 'Billable when left out.' }) },
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

const Name = Type.String({ minLength: 1, maxLength: 255 });

const personFields = {
  timezone: Type.Optional(
    Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone name.' }),
  ),
  weeklyCapacitySeconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 604800 })),
  accessLevel: Type.Optional(Type.String({ enum: ['administrator', 'manager', 'member'] })),
  managerPermissions: Type.Optional(
    Type.Array(Type.String({ enum: [...MANAGER_PERMISSIONS] }), {
      maxItems: MANAGER_PERMISSIONS.length,
      description: 'Only with accessLevel manager; sent with accessLevel.',
    }),
  ),
  isActive: Type.Optional(Type.Boolean()),
  isContractor: Type.Optional(Type.Boolean()),
  defaultHourlyRate: Type.Optional(Nullable(RateInput({ description: 'Per hour.' }))),
  costRate: Type.Optional(Nullable(RateInput({ description: 'Per hour.' }))),
};

export const CreateNativePerson = Type.Object(
  {
    firstName: Name,
    lastName: Name,
    email: Type.String({ format: 'email', maxLength: 255 }),
    ...personFields,
  },
  { title: 'CreateNativePerson', additionalProperties: false },
);

export const UpdateNativePerson = Type.Partial(CreateNativePerson, {
  title: 'UpdateNativePerson',
  additionalProperties: false,
});

export const UpdateProfileBody = Type.Object(
  {
    firstName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    lastName: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    timezone: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone name.' }),
    ),
    locale: Type.Optional(
      Nullable(
        Type.String({
          pattern: '^(en|uk|zh)$',
          description: 'en, uk or zh; null: the browser language.',
        }),
      ),
    ),
  },
  { title: 'UpdateProfile', additionalProperties: false },
);
