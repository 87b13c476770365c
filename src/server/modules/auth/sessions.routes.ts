import type { App } from '../../http/app-types.ts';
import { actorOf } from '../../http/request-context.ts';
import { NATIVE_SECURITY, NoContent } from '../../http/openapi.ts';
import { toWireInstant } from '../../shared/schema.ts';
import { SESSION_COOKIE, cookieIsSecure } from './sessions.rules.ts';
import { sessionCookieOptions } from '../../http/native-transport.ts';
import type { SessionsService } from './sessions.service.ts';
import { unauthenticated } from './sessions.service.ts';
import {
  CurrentSession,
  SessionList,
  SessionParams,
  SignedIn,
  SignInBody,
  SwitchAccountBody,
} from './sessions.schemas.ts';

const tags = ['Punch: Sessions'];

/** Signing in and out of the web app, and the login's sessions (ADR 0015). */
export function signInRoutes(app: App, deps: { sessions: SessionsService; publicUrl: string }) {
  const { sessions } = deps;
  const secure = cookieIsSecure(deps.publicUrl);

  app.post(
    '/sessions',
    {
      schema: {
        operationId: 'signIn',
        summary: 'Sign in with e-mail and password: sets the HttpOnly session cookie',
        tags,
        security: [],
        body: SignInBody,
        response: { 201: SignedIn },
      },
    },
    async (request, reply) => {
      const agent = request.headers['user-agent'];
      const { token, session, actor } = await sessions.signIn({
        email: request.body.email,
        password: request.body.password,
        accountId: request.body.accountId,
        userAgent: typeof agent === 'string' ? agent : null,
        address: request.ip,
      });
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(secure, session));
      return reply.code(201).send({
        sessionId: session.id,
        userId: actor.userId,
        accountId: actor.accountId,
        csrfToken: sessions.csrfToken(session),
        expiresAt: toWireInstant(session.expires_at),
      });
    },
  );
}

export function sessionsRoutes(app: App, deps: { sessions: SessionsService; publicUrl: string }) {
  const { sessions } = deps;
  const secure = cookieIsSecure(deps.publicUrl);
  const security = NATIVE_SECURITY;

  app.get(
    '/sessions/current',
    {
      schema: {
        operationId: 'retrieveCurrentSession',
        summary: "The cookie's session and a CSRF token for it (after a page reload)",
        tags,
        security,
        response: { 200: CurrentSession },
      },
    },
    async (request) => {
      const session = request.nativeSession;
      if (!session) throw unauthenticated('This request was not made with a session cookie');
      return {
        sessionId: session.id,
        csrfToken: sessions.csrfToken(session),
        expiresAt: toWireInstant(session.expires_at),
      };
    },
  );

  app.post(
    '/sessions/current/account',
    {
      schema: {
        operationId: 'switchAccount',
        summary: 'Switch the session to another account of the same login',
        tags,
        security,
        body: SwitchAccountBody,
        response: { 200: SignedIn },
      },
    },
    async (request) => {
      const current = request.nativeSession;
      if (!current) throw unauthenticated('This request was not made with a session cookie');
      const { session, actor } = await sessions.switchAccount(current, request.body.accountId);
      return {
        sessionId: session.id,
        userId: actor.userId,
        accountId: actor.accountId,
        csrfToken: sessions.csrfToken(session),
        expiresAt: toWireInstant(session.expires_at),
      };
    },
  );

  app.delete(
    '/sessions/current',
    {
      schema: {
        operationId: 'signOut',
        summary: 'Sign out: ends the session at once, in every server process',
        tags,
        security,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const session = request.nativeSession;
      if (!session) throw unauthenticated('This request was not made with a session cookie');
      await sessions.signOut(session);
      reply.clearCookie(SESSION_COOKIE, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/sessions',
    {
      schema: {
        operationId: 'listSessions',
        summary: "The signed-in login's sessions still in force, newest first",
        tags,
        security,
        response: { 200: SessionList },
      },
    },
    async (request) => ({
      data: (await sessions.list(actorOf(request))).map((s) => ({
        id: s.id,
        userId: s.userId,
        userAgent: s.userAgent,
        address: s.address,
        createdAt: toWireInstant(s.createdAt),
        lastSeenAt: toWireInstant(s.lastSeenAt),
        expiresAt: toWireInstant(s.expiresAt),
        current: s.current,
      })),
    }),
  );

  app.delete(
    '/sessions/:sessionId',
    {
      schema: {
        operationId: 'revokeSession',
        summary: "End one of the login's sessions (another browser, a lost device)",
        tags,
        security,
        params: SessionParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      await sessions.revoke(actorOf(request), request.params.sessionId);
      return reply.code(204).send();
    },
  );
}
