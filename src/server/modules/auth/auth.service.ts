import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError } from '../../shared/domain-error.ts';
import { AUTH_ERRORS } from './auth.errors.ts';
import { randomBytes } from 'node:crypto';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { hashPassword, verifyPassword } from './passwords.ts';
import {
  findIdentityByEmail,
  insertIdentity,
  type IdentityRow,
  listAccountsOfIdentity,
  findPersonById,
  type PersonRow,
  findPersonInAccount,
  sharedSecret,
  findTokenPrincipal,
  insertToken,
  listTokens,
  revokeToken,
  touchTokenLastUsed,
  type TokenRow,
} from './auth.repository.ts';
import {
  isAccessLevel,
  parseManagerPermissions,
  type AccessLevel,
  type Actor,
  type Credential,
} from './auth.rules.ts';
import { generateToken, hashToken, shouldTouchLastUsed } from './tokens.rules.ts';

/** Why a credential was refused; logged, never sent (Harvest answers every case the same way). */
export type AuthFailure =
  | 'missing_token'
  | 'missing_account'
  | 'unknown_token'
  | 'revoked_token'
  | 'expired_token'
  | 'wrong_account'
  | 'inactive_user'
  | 'inactive_account'
  | 'bad_credentials'
  | 'expired_jwt'
  | 'invalid_jwt';

/**
 * A refused credential. The reason is for the log and for the doors to word: Harvest answers
 * every case alike, the Flowtly door in LexikJWT's words (http/flowtly-wording.ts), the native
 * door in its own.
 */
export class AuthenticationError extends DomainError {
  readonly reason: AuthFailure;
  constructor(reason: AuthFailure) {
    super('unauthenticated', 'invalid_token', `credential refused: ${reason}`);
    this.reason = reason;
  }
}

/**
 * Node joins a repeated header with ", "; clients that set the account header twice send the
 * same id twice, so the first value decides.
 */
function parseAccountId(raw: string): number | null {
  const first = raw.split(',')[0]?.trim() ?? '';
  return /^\d{1,15}$/.test(first) ? Number(first) : null;
}

export interface AuthService {
  authenticateToken(token: string | undefined, accountId: string | undefined): Promise<Actor>;
  /** Flowtly: a bearer token alone (a JWT from login, or a personal access token). */
  authenticateBearer(token: string | undefined): Promise<Actor>;
  /**
   * Flowtly's `POST /api/login`: authenticates the login, then picks the account it acts in —
   * the one named, or the only one; with several and none named, an error that lists them.
   */
  login(username: string, password: string, accountId?: number): Promise<string>;
  /** The login a password proves, or null (for proving ownership without signing in). */
  verifyLogin(username: string, password: string): Promise<number | null>;
  /** A JWT for a person whose login was just proven (e.g. by accepting an invitation). */
  issueJwt(person: { userId: number; accountId: number }): Promise<string>;
  createToken(
    db: Kysely<Database>,
    input: { userId: number; name: string; expiresAt?: number | null },
  ): Promise<{ token: string; record: TokenRow }>;
  listTokens(userId: number): Promise<TokenRow[]>;
  /** A person's tokens that still work: not revoked, not expired. */
  liveTokens(userId: number): Promise<TokenRow[]>;
  /** A personal access token for scripts, lasting `days` from now, or until revoked (null). */
  issueToken(
    userId: number,
    name: string,
    days: number | null,
  ): Promise<{ token: string; record: TokenRow }>;
  /** The active accounts in which a login is an active person, by name. */
  accountsOfLogin(
    identityId: number | null,
  ): Promise<{ accountId: number; userId: number; name: string }[]>;
  revokeToken(userId: number, tokenId: number): Promise<boolean>;
  /**
   * The actor an active person of an active account is, for reading on their behalf with a
   * credential that is not theirs (a report's share link); null when they may no longer act.
   */
  actorOfPerson(userId: number, credential: Credential): Promise<Actor | null>;
  /** The login of an e-mail (normalized), read in the caller's unit of work. */
  identityByEmailIn(tx: Kysely<Database>, email: string): Promise<IdentityRow | undefined>;
  /** A new login, in the caller's unit of work; its password already hashed (or none yet). */
  addIdentityIn(
    tx: Kysely<Database>,
    identity: { email: string; passwordHash: string | null },
  ): Promise<IdentityRow>;
}

/**
 * A login that is a person in several accounts must say which one it signs in to: picking one
 * by itself (say, the oldest) would let whoever got a person linked first decide (ADR 0011).
 */
export function accountChoiceRequired(
  accounts: { account_id: number; account_name: string }[],
  field = 'account_id',
) {
  const choices = accounts.map((a) => `${a.account_id} (${a.account_name})`).join(', ');
  return new DomainError(
    'bad_request',
    AUTH_ERRORS.accountRequired,
    `This login belongs to several accounts; repeat the request with "${field}" set to one of: ${choices}.`,
  );
}

/** A login's JWT lasts an hour, LexikJWT's default. */
export const JWT_LIFETIME_SECONDS = 3600;

/** The actor a person's row makes, with the account settings read alongside. */
export function actorOfPerson(
  person: PersonRow,
  accessLevel: AccessLevel,
  credential: Credential,
): Actor {
  return {
    userId: person.user_id,
    accountId: person.account_id,
    identityId: person.identity_id,
    accessLevel,
    // Manager rights mean nothing on other levels, whatever an old row still holds.
    managerPermissions:
      accessLevel === 'manager' ? parseManagerPermissions(person.manager_permissions) : [],
    credential,
    settings: {
      timezone: person.account_timezone,
      clock: person.account_clock,
      timeRoundingMode: person.account_time_rounding_mode,
      timeRoundingMinutes: person.account_time_rounding_minutes,
      wantsTimestampTimers: person.account_wants_timestamp_timers === 1,
      weekStartDay: person.account_week_start_day,
      approvalsEnabled: person.account_approval_feature === 1,
      lockDate: person.account_lock_date,
      autoLockDays: person.account_auto_lock_days,
    },
  };
}

export function createAuthService(deps: { db: Kysely<Database>; clock: Clock }): AuthService {
  const { db, clock } = deps;

  async function jwtKey(): Promise<Uint8Array> {
    const secret = await sharedSecret(
      db,
      'jwt',
      () => randomBytes(32).toString('base64url'),
      clock.now().getTime(),
    );
    return new TextEncoder().encode(secret);
  }

  let decoy: Promise<string> | null = null;
  const decoyHash = () => (decoy ??= hashPassword('no such login; this hash only spends time'));

  async function authenticateJwt(token: string): Promise<Actor> {
    let claims: { sub?: string; acc?: unknown; iat?: number };
    try {
      ({ payload: claims } = await jwtVerify(token, await jwtKey(), {
        algorithms: ['HS256'],
        currentDate: clock.now(),
      }));
    } catch (error) {
      throw new AuthenticationError(
        error instanceof joseErrors.JWTExpired ? 'expired_jwt' : 'invalid_jwt',
      );
    }
    const userId = Number(claims.sub);
    const accountId = Number(claims.acc);
    if (!Number.isSafeInteger(userId) || !Number.isSafeInteger(accountId))
      throw new AuthenticationError('invalid_jwt');
    const person = await findPersonById(db, userId);
    // A login taken away since the token was signed ends the token too.
    if (!person || person.account_id !== accountId || person.identity_id === null)
      throw new AuthenticationError('invalid_jwt');
    // A password changed since the token was signed ends it, as it ends the other sessions.
    // `iat` has whole seconds: a token from the second of the change itself is let through.
    const changed = person.login_changed_at;
    if (changed !== null && (claims.iat ?? 0) * 1000 + 999 < changed) {
      throw new AuthenticationError('invalid_jwt');
    }
    if (person.account_is_active !== 1) throw new AuthenticationError('inactive_account');
    if (person.user_is_active !== 1 || !isAccessLevel(person.access_level))
      throw new AuthenticationError('inactive_user');
    return actorOfPerson(person, person.access_level, { kind: 'jwt' });
  }
  async function verifyLogin(username: string, password: string): Promise<number | null> {
    const identity = await findIdentityByEmail(db, username.trim().toLowerCase());
    if (!identity?.password_hash) {
      // As slow as a wrong password, so the answer's timing does not tell who has a login.
      await verifyPassword(await decoyHash(), password);
      return null;
    }
    if (!(await verifyPassword(identity.password_hash, password))) {
      return null;
    }
    return identity.id;
  }

  async function issueJwt(person: { userId: number; accountId: number }): Promise<string> {
    const now = Math.floor(clock.now().getTime() / 1000);
    return new SignJWT({ acc: person.accountId })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(String(person.userId))
      .setIssuedAt(now)
      .setExpirationTime(now + JWT_LIFETIME_SECONDS)
      .sign(await jwtKey());
  }

  return {
    identityByEmailIn: (tx, email) => findIdentityByEmail(tx, email),
    addIdentityIn: (tx, identity) =>
      insertIdentity(tx, {
        email: identity.email,
        password_hash: identity.passwordHash,
        at: clock.now().getTime(),
      }),

    async authenticateToken(token, accountIdRaw) {
      if (!token) throw new AuthenticationError('missing_token');
      if (!accountIdRaw) throw new AuthenticationError('missing_account');
      const principal = await findTokenPrincipal(db, hashToken(token));
      if (!principal) throw new AuthenticationError('unknown_token');
      const now = clock.now().getTime();
      if (principal.revoked_at !== null) throw new AuthenticationError('revoked_token');
      if (principal.expires_at !== null && principal.expires_at <= now) {
        throw new AuthenticationError('expired_token');
      }
      const accountId = parseAccountId(accountIdRaw);
      if (accountId === null) throw new AuthenticationError('wrong_account');
      // Like a Harvest PAT, a token speaks for its login: it reaches every account in which
      // that login is a person, and the account header says which one this request is for.
      const person =
        accountId === principal.account_id
          ? principal
          : principal.identity_id === null
            ? undefined
            : await findPersonInAccount(db, principal.identity_id, accountId);
      if (!person) throw new AuthenticationError('wrong_account');
      if (person.account_is_active !== 1) throw new AuthenticationError('inactive_account');
      if (person.user_is_active !== 1) throw new AuthenticationError('inactive_user');
      if (!isAccessLevel(person.access_level)) throw new AuthenticationError('inactive_user');
      if (shouldTouchLastUsed(principal.last_used_at, now)) {
        await touchTokenLastUsed(db, principal.token_id, now);
      }
      return actorOfPerson(person, person.access_level, {
        kind: 'token',
        tokenId: principal.token_id,
      });
    },

    async login(username, password, accountId) {
      const identityId = await verifyLogin(username, password);
      if (identityId === null) throw new AuthenticationError('bad_credentials');
      const accounts = await listAccountsOfIdentity(db, identityId);
      if (accountId !== undefined) {
        const chosen = accounts.find((a) => a.account_id === accountId);
        // Not a person there (or archived): the same answer as a wrong password.
        if (!chosen) throw new AuthenticationError('bad_credentials');
        return issueJwt({ userId: chosen.user_id, accountId: chosen.account_id });
      }
      const [only, ...others] = accounts;
      if (!only) throw new AuthenticationError('bad_credentials');
      if (others.length > 0) throw accountChoiceRequired(accounts);
      return issueJwt({ userId: only.user_id, accountId: only.account_id });
    },

    verifyLogin,
    issueJwt,

    async authenticateBearer(token) {
      if (!token) throw new AuthenticationError('missing_token');
      if (token.split('.').length === 3) return authenticateJwt(token);
      const principal = await findTokenPrincipal(db, hashToken(token));
      if (!principal) throw new AuthenticationError('unknown_token');
      return this.authenticateToken(token, String(principal.account_id));
    },

    async createToken(tx, input) {
      const generated = generateToken();
      const record = await insertToken(tx, {
        user_id: input.userId,
        name: input.name,
        token_hash: generated.hash,
        token_hint: generated.hint,
        created_at: clock.now().getTime(),
        expires_at: input.expiresAt ?? null,
      });
      return { token: generated.token, record };
    },

    listTokens: (userId) => listTokens(db, userId),
    async liveTokens(userId) {
      const now = clock.now().getTime();
      return (await listTokens(db, userId)).filter(
        (row) => row.revoked_at === null && (row.expires_at === null || row.expires_at > now),
      );
    },
    async issueToken(userId, name, days) {
      const expiresAt = days === null ? null : clock.now().getTime() + days * 86_400_000;
      return this.createToken(db, { userId, name, expiresAt });
    },
    async accountsOfLogin(identityId) {
      if (identityId === null) return [];
      return (await listAccountsOfIdentity(db, identityId)).map((a) => ({
        accountId: a.account_id,
        userId: a.user_id,
        name: a.account_name,
      }));
    },
    revokeToken: (userId, tokenId) => revokeToken(db, userId, tokenId, clock.now().getTime()),

    async actorOfPerson(userId, credential) {
      const person = await findPersonById(db, userId);
      if (!person || person.account_is_active !== 1 || person.user_is_active !== 1) return null;
      if (!isAccessLevel(person.access_level)) return null;
      return actorOfPerson(person, person.access_level, credential);
    },
  };
}
