import Tokens from '@fastify/csrf';
import type { Kysely } from 'kysely';
import type { Database, SessionsTable } from '../../db/database-types.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, invalid, notFound, RetryLaterError } from '../../shared/domain-error.ts';
import type { Selectable } from 'kysely';
import { AUTH_ERRORS } from './auth.errors.ts';
import {
  findIdentityById,
  findPersonById,
  listAccountsOfIdentity,
  setIdentityPassword,
} from './auth.repository.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './passwords.ts';
import { isAccessLevel, type Actor } from './auth.rules.ts';
import { accountChoiceRequired, actorOfPerson, type AuthService } from './auth.service.ts';
import {
  moveSession,
  revokeOtherSessions,
  clearSignInFailures,
  findSessionByHash,
  insertSession,
  listLiveSessions,
  recordSignInFailures,
  revokeSession,
  signInFailuresSince,
  touchSession,
} from './sessions.repository.ts';
import {
  pairKey,
  loginKey,
  SESSION_TOUCH_MS,
  sessionExpiry,
  THROTTLE_LIMITS,
  THROTTLE_WINDOW_MS,
  throttleVerdict,
} from './sessions.rules.ts';
import { generateToken, hashToken } from './tokens.rules.ts';

export type SessionRow = Selectable<SessionsTable>;

export interface SessionView {
  id: number;
  userId: number;
  userAgent: string | null;
  address: string | null;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  current: boolean;
}

export interface SignIn {
  email: string;
  password: string;
  accountId?: number;
  userAgent: string | null;
  address: string;
}

export interface SessionsService {
  /**
   * Runs another door's password check (Flowtly's login) under the same throttle as sign-in:
   * refused while throttled, a refused password counted, a success forgiving its address.
   */
  guardSignIn<T>(email: string, address: string, attempt: () => Promise<T>): Promise<T>;
  /** Proves the login, picks the account, and opens a session; throttled per address and login. */
  signIn(input: SignIn): Promise<{ token: string; session: SessionRow; actor: Actor }>;
  /** The session a cookie names, if it is still in force, and the person it signs in as. */
  authenticate(
    token: string | undefined,
  ): Promise<{ actor: Actor; session: SessionRow; touched: boolean }>;
  /** A fresh CSRF token for the session (any number may be in use at once). */
  csrfToken(session: SessionRow): string;
  /** Refuses an unsafe cookie-authenticated request that lacks its session's CSRF token. */
  assertCsrf(session: SessionRow, token: string | undefined): void;
  signOut(session: SessionRow): Promise<void>;
  /**
   * Changes the login's password, proven by the current one, and ends its other sessions (a
   * stolen cookie stops working with the old password).
   */
  changePassword(actor: Actor, current: string, next: string): Promise<void>;
  /** Moves the session to the login's person in another account it belongs to. */
  switchAccount(
    session: SessionRow,
    accountId: number,
  ): Promise<{ session: SessionRow; actor: Actor }>;
  list(actor: Actor): Promise<SessionView[]>;
  revoke(actor: Actor, sessionId: number): Promise<void>;
}

const SESSION_TOKEN_PREFIX = 'pss_';

export const unauthenticated = (message = 'Sign in to continue') =>
  new DomainError('unauthenticated', AUTH_ERRORS.unauthenticated, message);

export function createSessionsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  auth: AuthService;
}): SessionsService {
  const { db, clock, auth } = deps;
  const csrf = Tokens();

  async function assertNotThrottled(login: string, address: string, now: number) {
    const since = now - THROTTLE_WINDOW_MS;
    const pair = pairKey(login, address);
    const verdict = throttleVerdict(
      {
        pair: await signInFailuresSince(db, 'pair', pair, since, THROTTLE_LIMITS.pair),
        login: await signInFailuresSince(db, 'login', login, since, THROTTLE_LIMITS.login),
        address: await signInFailuresSince(db, 'address', address, since, THROTTLE_LIMITS.address),
      },
      now,
    );
    if (!verdict.allowed) {
      throw new RetryLaterError(
        AUTH_ERRORS.signInThrottled,
        `Too many failed sign-ins; try again in ${verdict.retryAfterSeconds} seconds.`,
        verdict.retryAfterSeconds,
      );
    }
  }

  const recordFailure = (login: string, address: string, now: number) =>
    recordSignInFailures(
      db,
      [
        { scope: 'pair', key: pairKey(login, address) },
        { scope: 'login', key: login },
        { scope: 'address', key: address },
      ],
      now,
    );

  return {
    async guardSignIn(email, address, attempt) {
      const now = clock.now().getTime();
      const login = loginKey(email);
      await assertNotThrottled(login, address, now);
      try {
        const result = await attempt();
        await clearSignInFailures(
          db,
          { scope: 'pair', key: pairKey(login, address) },
          now - THROTTLE_WINDOW_MS,
        );
        return result;
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'unauthenticated') {
          await recordFailure(login, address, now);
        }
        throw error;
      }
    },

    async signIn(input) {
      const now = clock.now().getTime();
      const login = loginKey(input.email);
      await assertNotThrottled(login, input.address, now);
      const identityId = await auth.verifyLogin(login, input.password);
      const badCredentials = new DomainError(
        'unauthenticated',
        AUTH_ERRORS.badCredentials,
        'The e-mail or password is not right.',
      );
      if (identityId === null) {
        await recordFailure(login, input.address, now);
        throw badCredentials;
      }
      const accounts = await listAccountsOfIdentity(db, identityId);
      const chosen =
        input.accountId === undefined
          ? accounts.length === 1
            ? accounts[0]
            : undefined
          : accounts.find((a) => a.account_id === input.accountId);
      if (!chosen) {
        if (input.accountId === undefined && accounts.length > 1) {
          // The choices travel as details too ("7 (Acme)"), for a sign-in form to offer them.
          const choice = accountChoiceRequired(accounts, 'accountId');
          throw new DomainError(
            choice.kind,
            choice.code,
            choice.message,
            accounts.map((a) => `${a.account_id} (${a.account_name})`),
          );
        }
        // A login that is no active person anywhere, or not in the account named.
        throw badCredentials;
      }
      const person = await findPersonById(db, chosen.user_id);
      if (!person || !isAccessLevel(person.access_level)) throw badCredentials;
      const generated = generateToken(SESSION_TOKEN_PREFIX);
      const session = await db.transaction().execute(async (tx) => {
        await clearSignInFailures(
          tx,
          { scope: 'pair', key: pairKey(login, input.address) },
          now - THROTTLE_WINDOW_MS,
        );
        return insertSession(tx, {
          token_hash: generated.hash,
          identity_id: identityId,
          user_id: chosen.user_id,
          csrf_secret: csrf.secretSync(),
          user_agent: input.userAgent?.slice(0, 500) ?? null,
          address: input.address,
          created_at: now,
          last_seen_at: now,
          expires_at: sessionExpiry(now, now),
          revoked_at: null,
        });
      });
      return {
        token: generated.token,
        session,
        actor: actorOfPerson(person, person.access_level, {
          kind: 'session',
          sessionId: session.id,
        }),
      };
    },

    async authenticate(token) {
      if (!token) throw unauthenticated();
      const session = await findSessionByHash(db, hashToken(token));
      const now = clock.now().getTime();
      if (!session || session.revoked_at !== null || session.expires_at <= now) {
        throw unauthenticated('Your session has ended; sign in again');
      }
      const person = await findPersonById(db, session.user_id);
      // The person left the account, lost their login, or was archived since signing in.
      if (
        !person ||
        person.identity_id !== session.identity_id ||
        person.user_is_active !== 1 ||
        person.account_is_active !== 1 ||
        !isAccessLevel(person.access_level)
      ) {
        throw unauthenticated('Your session has ended; sign in again');
      }
      const touched = now - session.last_seen_at >= SESSION_TOUCH_MS;
      if (touched) {
        const expiresAt = sessionExpiry(session.created_at, now);
        await touchSession(db, session.id, now, expiresAt);
        session.last_seen_at = now;
        session.expires_at = expiresAt;
      }
      return {
        session,
        touched,
        actor: actorOfPerson(person, person.access_level, {
          kind: 'session',
          sessionId: session.id,
        }),
      };
    },

    csrfToken: (session) => csrf.create(session.csrf_secret),

    assertCsrf(session, token) {
      if (!token || !csrf.verify(session.csrf_secret, token)) {
        throw new DomainError(
          'forbidden',
          AUTH_ERRORS.csrfFailed,
          'This request needs the CSRF token of your session (X-CSRF-Token header)',
        );
      }
    },

    async changePassword(actor, current, next) {
      if (next.length < MIN_PASSWORD_LENGTH) {
        throw invalid(AUTH_ERRORS.passwordTooShort, { min: MIN_PASSWORD_LENGTH });
      }
      const identity =
        actor.identityId === null ? undefined : await findIdentityById(db, actor.identityId);
      if (!identity?.password_hash || !(await verifyPassword(identity.password_hash, current))) {
        throw invalid(AUTH_ERRORS.wrongPassword);
      }
      const hash = await hashPassword(next);
      const now = clock.now().getTime();
      await db.transaction().execute(async (tx) => {
        await setIdentityPassword(tx, identity.id, hash, now);
        const keep = actor.credential.kind === 'session' ? actor.credential.sessionId : null;
        await revokeOtherSessions(tx, identity.id, keep, now);
      });
    },

    async switchAccount(session, accountId) {
      const accounts = await listAccountsOfIdentity(db, session.identity_id);
      const chosen = accounts.find((a) => a.account_id === accountId);
      // Not one of this login's accounts: as unknown as any other account.
      if (!chosen) throw notFound('account');
      const person = await findPersonById(db, chosen.user_id);
      if (!person || !isAccessLevel(person.access_level)) throw notFound('account');
      const now = clock.now().getTime();
      await moveSession(db, session.id, chosen.user_id, now);
      const moved = { ...session, user_id: chosen.user_id, last_seen_at: now };
      return {
        session: moved,
        actor: actorOfPerson(person, person.access_level, {
          kind: 'session',
          sessionId: session.id,
        }),
      };
    },

    async signOut(session) {
      await revokeSession(db, session.identity_id, session.id, clock.now().getTime());
    },

    async list(actor) {
      if (actor.identityId === null) return [];
      const rows = await listLiveSessions(db, actor.identityId, clock.now().getTime());
      const current = actor.credential.kind === 'session' ? actor.credential.sessionId : null;
      return rows.map((row) => ({
        id: row.id,
        userId: row.user_id,
        userAgent: row.user_agent,
        address: row.address,
        createdAt: row.created_at,
        lastSeenAt: row.last_seen_at,
        expiresAt: row.expires_at,
        current: row.id === current,
      }));
    },

    async revoke(actor, sessionId) {
      const revoked =
        actor.identityId !== null &&
        (await revokeSession(db, actor.identityId, sessionId, clock.now().getTime()));
      if (!revoked) throw notFound('session');
    },
  };
}
