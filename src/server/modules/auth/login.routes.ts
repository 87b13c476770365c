import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import type { AuthService } from './auth.service.ts';
import type { LoginsService } from './logins.service.ts';

const Credentials = Type.Object(
  { username: Type.String({ description: 'The login email.' }), password: Type.String() },
  { title: 'LoginCredentials' },
);

/** Flowtly's `POST /api/login` (LexikJWT's json_login): `{username, password}` → `{token}`. */
const InvitationAcceptance = Type.Object(
  {
    token: Type.String({ description: 'The invitation token from POST /api/employees/{id}/user.' }),
    password: Type.String({ description: 'The new password, at least 8 characters.' }),
  },
  { title: 'InvitationAcceptance' },
);

export function flowtlyLoginRoutes(
  app: App,
  deps: { auth: AuthService; logins: LoginsService },
): void {
  for (const path of ['/api/login', '/login']) {
    app.post(
      path,
      {
        schema: {
          operationId: path === '/login' ? 'loginRoot' : 'login',
          summary: 'Exchanges a login and password for a JWT valid for an hour',
          tags: ['Flowtly: Authentication'],
          security: [],
          hide: path === '/login',
          body: Credentials,
          response: { 200: Type.Object({ token: Type.String() }) },
        },
      },
      async (request, reply) => {
        const token = await deps.auth.login(request.body.username, request.body.password);
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
        summary: 'Sets the password of an invited login and answers a JWT, as login does',
        tags: ['Flowtly: Authentication'],
        security: [],
        body: InvitationAcceptance,
        response: { 200: Type.Object({ token: Type.String() }) },
      },
    },
    async (request, reply) => {
      const token = await deps.logins.acceptInvitation(request.body.token, request.body.password);
      reply.type('application/json; charset=utf-8');
      return { token };
    },
  );
}
