import { Type } from 'typebox';

export const SetupState = Type.Object(
  {
    needed: Type.Boolean({
      description: 'True until the first account exists; then everyone signs in instead.',
    }),
  },
  { title: 'SetupState' },
);

export const FirstAccount = Type.Object(
  {
    code: Type.String({
      minLength: 1,
      maxLength: 64,
      description: 'The one-time setup code `punch serve` printed; case and dashes do not matter.',
    }),
    accountName: Type.String({ minLength: 1, maxLength: 255 }),
    firstName: Type.Optional(Type.String({ maxLength: 255 })),
    lastName: Type.Optional(Type.String({ maxLength: 255 })),
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    timezone: Type.Optional(
      Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone name.' }),
    ),
  },
  { title: 'FirstAccount', additionalProperties: false },
);

export const FirstAccountCreated = Type.Object(
  {
    accountId: Type.Integer(),
    personId: Type.Integer({ description: 'The administrator; sign in with the same e-mail.' }),
  },
  { title: 'FirstAccountCreated' },
);
