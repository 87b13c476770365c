import type { FastifyReply, FastifyRequest } from 'fastify';
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
    /**
     * Checks the request's credential again (a long-lived stream asks while it runs): throws
     * once the session is signed out or revoked, or the token revoked or expired.
     */
    reauthenticate: (() => Promise<void>) | null;
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
  if (
    request.routeOptions.config.nativeUpload === true &&
    typeof type === 'string' &&
    /^multipart\/form-data\s*;/i.test(type)
  )
    return;
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
/** The User-Agent the `punch` CLI sends (`punch-cli/<version>`). */
export const CLI_AGENT = 'punch-cli/';

export function nativeAuthenticate(deps: {
  auth: AuthService;
  sessions: SessionsService;
  secureCookie: boolean;
}) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const token = bearerToken(request);
    if (token !== undefined) {
      const account = request.headers['punch-account-id'];
      const byBearer = () =>
        typeof account === 'string' && token.split('.').length !== 3
          ? deps.auth.authenticateToken(token, account)
          : deps.auth.authenticateBearer(token);
      // The `punch` CLI names itself; any other bearer is a script on the native API.
      const agent = request.headers['user-agent'] ?? '';
      request.actor = {
        ...(await byBearer().catch(rewordTokenError)),
        door: agent.startsWith(CLI_AGENT) ? 'cli' : 'native',
      };
      request.reauthenticate = async () => {
        await byBearer();
      };
      return;
    }
    const cookie = request.cookies[SESSION_COOKIE];
    if (cookie === undefined) throw unauthenticated();
    const { actor, session, touched } = await deps.sessions.authenticate(cookie);
    request.reauthenticate = async () => {
      await deps.sessions.authenticate(cookie);
    };
    if (touched) {
      // The cookie lasts as long as the session, which each use extends (ADR 0015).
      reply.setCookie(SESSION_COOKIE, cookie, sessionCookieOptions(deps.secureCookie, session));
    }
    if (!SAFE_METHODS.has(request.method)) {
      const header = request.headers[CSRF_HEADER];
      deps.sessions.assertCsrf(session, typeof header === 'string' ? header : undefined);
    }
    request.actor = { ...actor, door: 'web' };
    request.nativeSession = session;
  };
}

/** The session cookie's attributes (ADR 0015): HttpOnly, SameSite=Lax, ending with the session. */
export function sessionCookieOptions(secure: boolean, session: { expires_at: number }) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure,
    path: '/',
    expires: new Date(session.expires_at),
  };
}

/**
 * The native API's word for a refused bearer credential: the shared one is LexikJWT's ("Invalid
 * JWT Token"), which Flowtly clients show, but a personal access token is no JWT.
 */
function rewordTokenError(error: unknown): never {
  if (error instanceof DomainError && error.kind === 'unauthenticated') {
    throw new DomainError(
      'unauthenticated',
      error.code,
      'The token is missing, invalid, expired or revoked',
    );
  }
  throw error;
}
