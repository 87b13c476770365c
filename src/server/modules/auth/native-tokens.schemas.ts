import { Type } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Instant, Nullable } from '../../shared/schema.ts';

export const PersonalToken = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    hint: Type.String({ description: 'The last four characters, to tell tokens apart.' }),
    createdAt: Instant,
    lastUsedAt: Nullable(Instant),
    expiresAt: Nullable(Instant),
  },
  { title: 'PersonalToken' },
);

export const PersonalTokenList = Type.Object(
  { data: Type.Array(PersonalToken) },
  { title: 'PersonalTokenList' },
);

export const IssuedPersonalToken = Type.Object(
  {
    ...PersonalToken.properties,
    token: Type.String({ description: 'Shown this once; Punch keeps only its hash.' }),
  },
  { title: 'IssuedPersonalToken' },
);

export const CreatePersonalToken = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 255 }),
    expiresInDays: Type.Optional(
      Nullable(Type.Integer({ minimum: 1, maximum: 3650, description: 'Null: until revoked.' })),
    ),
  },
  { title: 'CreatePersonalToken', additionalProperties: false },
);

export const PersonalTokenParams = Type.Object({
  tokenId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
});

export const ChangePassword = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 1000 }),
    newPassword: Type.String({ minLength: 1, maxLength: 1000 }),
  },
  { title: 'ChangePassword', additionalProperties: false },
);
