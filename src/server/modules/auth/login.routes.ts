import { Type } from 'typebox';
import { bearerToken } from '../../http/authenticate.ts';
import type { App } from '../../http/app-types.ts';
import type { AuthService } from './auth.service.ts';
import type { SessionsService } from './sessions.service.ts';
import type { LoginsService } from './logins.service.ts';

/** Flowtly's `POST /api/login` (LexikJWT's json_login): `{username, password}` → `{token}`. */
const Credentials = Type.Object(
  {
    username: Type.String({ description: 'The login email.', maxLength: 254 }),
    password: Type.String({ maxLength: 1024 }),
    account_id: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: Number.MAX_SAFE_INTEGER,
        description:
          'The account to sign in to. Required when the login is a person in several accounts; the error then lists them.',
      }),
    ),
  },
  { title: 'LoginCredentials' },
);

const InvitationAcceptance = Type.Object(
  {
    token: Type.String({
      description: 'The invitation token from POST /api/employees/{id}/user.',
      maxLength: 200,
    }),
    password: Type.Optional(
      Type.String({
        description:
          'Without a login for the e-mail yet: the new password, at least 8 characters. With one: that login’s password. Not needed when accepting signed in (Authorization: Bearer).',
        maxLength: 1024,
      }),
    ),
  },
  { title: 'InvitationAcceptance' },
);

export function flowtlyLoginRoutes(
  app: App,
  deps: { auth: AuthService; logins: LoginsService; sessions: SessionsService },
): void {
  for (const path of ['/api/login', '/login']) {
    app.post(
      path,
      {
        schema: {
          operationId: path === '/login' ? 'loginRoot' : 'login',
          summary: 'Exchanges a login and password for a JWT valid for an hour, in one account',
          tags: ['Flowtly: Authentication'],
          security: [],
          hide: path === '/login',
          body: Credentials,
          response: { 200: Type.Object({ token: Type.String() }) },
        },
      },
      async (request, reply) => {
        const { username, password, account_id } = request.body;
        // The same throttle as the web app's sign-in: one door must not bypass the other's.
        const token = await deps.sessions.guardSignIn(username, request.ip, () =>
          deps.auth.login(username, password, account_id),
        );
        // Lexik answers JSON whatever was asked for.
        reply.type('application/json; charset=utf-8');
        return { token };
      },
    );
  }

  // Punch's own step between "invited" and "can log in": no Flowtly equivalent is public.
  app.post(
    '/api/invitations/accept',
    {
      schema: {
        operationId: 'acceptInvitation',
        summary:
          'Accepts an invitation with a new password, the existing login’s password, or signed in; answers a JWT for the inviting account',
        tags: ['Flowtly: Authentication'],
        security: [{}, { BearerAuth: [] }],
        body: InvitationAcceptance,
        response: { 200: Type.Object({ token: Type.String() }) },
      },
    },
    async (request, reply) => {
      const bearer = bearerToken(request);
      // Signed in, the login proves itself: the invitation joins it, whatever its e-mail.
      const signedIn = bearer === undefined ? null : await deps.auth.authenticateBearer(bearer);
      const token = await deps.logins.acceptInvitation({
        token: request.body.token,
        password: request.body.password ?? null,
        signedInIdentityId: signedIn?.identityId ?? null,
      });
      reply.type('application/json; charset=utf-8');
      return { token };
    },
  );
}
