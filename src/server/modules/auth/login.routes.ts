import { Type } from 'typebox';
import type { App } from '../../http/app-types.ts';
import type { AuthService } from './auth.service.ts';

const Credentials = Type.Object(
  { username: Type.String({ description: 'The login email.' }), password: Type.String() },
  { title: 'LoginCredentials' },
);

/** Flowtly's `POST /api/login` (LexikJWT's json_login): `{username, password}` → `{token}`. */
export function flowtlyLoginRoutes(app: App, deps: { auth: AuthService }): void {
  for (const path of ['/api/login', '/login']) {
    app.post(
      path,
      {
        schema: {
          operationId: path === '/login' ? 'loginRoot' : 'login',
          summary: 'Exchanges a login and password for a JWT valid for an hour',
          tags: ['Flowtly: Authentication'],
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
}
