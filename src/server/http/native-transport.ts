import type { FastifyRequest } from 'fastify';
import type { AuthService } from '../modules/auth/auth.service.ts';
import { CSRF_HEADER, SESSION_COOKIE } from '../modules/auth/sessions.rules.ts';
import {
  unauthenticated,
  type SessionRow,
  type SessionsService,
} from '../modules/auth/sessions.service.ts';
import { DomainError } from '../shared/domain-error.ts';
import { bearerToken } from './authenticate.ts';

/** Where the native API lives (ADR 0014): no Harvest or Flowtly path starts so. */
export const NATIVE_PREFIX = '/punch/v1';

export function isNativePath(url: string): boolean {
  return (
    url === NATIVE_PREFIX ||
    url.startsWith(`${NATIVE_PREFIX}/`) ||
    url.startsWith(`${NATIVE_PREFIX}?`)
  );
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser session behind a cookie-authenticated native request, else null. */
    nativeSession: SessionRow | null;
  }
}

/**
 * Unsafe requests carry JSON or nothing: a cross-site HTML form can send only form or text
 * bodies, so this alone keeps such forms (sign-in included) from reaching the API.
 */
export async function requireJsonBody(request: FastifyRequest): Promise<void> {
  if (SAFE_METHODS.has(request.method)) return;
  const type = request.headers['content-type'];
  const hasBody =
    type !== undefined ||
    (request.headers['content-length'] !== undefined &&
      request.headers['content-length'] !== '0') ||
    request.headers['transfer-encoding'] !== undefined;
  if (!hasBody) return;
  if (typeof type !== 'string' || !/^application\/json\s*(;|$)/i.test(type)) {
    throw new DomainError(
      'unsupported_media_type',
      'unsupported_media_type',
      'Send the request body as application/json',
    );
  }
}

/**
 * A bearer credential (personal access token or JWT; a token may name another of its login's
 * accounts in `Punch-Account-Id`), else the session cookie. A cookie alone proves nothing a
 * cross-site page cannot make the browser send, so unsafe cookie requests also need the
 * session's CSRF token in a header no such page can set.
 */
export function nativeAuthenticate(deps: { auth: AuthService; sessions: SessionsService }) {
  return async (request: FastifyRequest): Promise<void> => {
    const token = bearerToken(request);
    if (token !== undefined) {
      const account = request.headers['punch-account-id'];
      request.actor =
        typeof account === 'string' && token.split('.').length !== 3
          ? await deps.auth.authenticateToken(token, account)
          : await deps.auth.authenticateBearer(token);
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie === undefined) throw unauthenticated();
    const { actor, session } = await deps.sessions.authenticate(cookie);
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      deps.sessions.assertCsrf(session, typeof header === 'string' ? header : undefined);
    }
    request.actor = actor;
    request.nativeSession = session;
  };
}
