import { Type, type Static } from 'typebox';
import { BOUNDS } from '../../shared/bounds.ts';
import { Instant, Nullable } from '../../shared/schema.ts';

export const SignInBody = Type.Object(
  {
    email: Type.String({ minLength: 1, maxLength: 320 }),
    password: Type.String({ minLength: 1, maxLength: 1000 }),
    accountId: Type.Optional(Type.Integer({ minimum: 1, maximum: BOUNDS.id })),
  },
  { title: 'SignIn', additionalProperties: false },
);
export type SignInBody = Static<typeof SignInBody>;

export const SwitchAccountBody = Type.Object(
  { accountId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }) },
  { title: 'SwitchAccount', additionalProperties: false },
);

export const SignedIn = Type.Object(
  {
    sessionId: Type.Integer(),
    userId: Type.Integer(),
    accountId: Type.Integer(),
    csrfToken: Type.String({
      description: 'Send it as X-CSRF-Token on every unsafe request made with the cookie.',
    }),
    expiresAt: Instant,
  },
  { title: 'SignedIn' },
);

export const CurrentSession = Type.Object(
  {
    sessionId: Type.Integer(),
    csrfToken: Type.String(),
    expiresAt: Instant,
  },
  { title: 'CurrentSession' },
);

export const Session = Type.Object(
  {
    id: Type.Integer(),
    userId: Type.Integer(),
    userAgent: Nullable(Type.String()),
    address: Nullable(Type.String()),
    createdAt: Instant,
    lastSeenAt: Instant,
    expiresAt: Instant,
    current: Type.Boolean({ description: 'The session this request was made with.' }),
  },
  { title: 'Session' },
);

export const SessionList = Type.Object({ data: Type.Array(Session) }, { title: 'SessionList' });

export const SessionParams = Type.Object({
  sessionId: Type.Integer({ minimum: 1, maximum: BOUNDS.id }),
});
