import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { transactionOr } from '../../db/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import {
  CONSTRAINT,
  DomainError,
  forbidden,
  notFound,
  ViolationError,
} from '../../shared/domain-error.ts';
import { findUserById } from '../users/users.repository.ts';
import {
  deleteInvitationsOfUser,
  findIdentityByEmail,
  findOpenInvitation,
  insertIdentity,
  insertInvitation,
  markInvitationAccepted,
  revokeTokensOfUser,
  setFirstPassword,
  setUserIdentity,
  countPeopleOfIdentity,
  deleteInvitationsOfIdentity,
} from './auth.repository.ts';
import { isAdministrator, type Actor } from './auth.rules.ts';
import type { AuthService } from './auth.service.ts';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.ts';
import { generateToken, hashToken } from './tokens.rules.ts';

/** An invitation is good for a week: long enough for a holiday, short enough to go stale. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

export interface Invitation {
  token: string;
  expiresAt: number;
}

/**
 * Logins for people (Flowtly's `POST/DELETE /employees/{id}/user`). A person can exist without
 * a login; granting one either sets a password or hands out a one-time invitation token that
 * the person redeems with a password of their own.
 */
export interface LoginsService {
  grantLogin(
    actor: Actor,
    userId: number,
    password: string | null,
  ): Promise<{ invitation: Invitation | null }>;
  revokeLogin(actor: Actor, userId: number): Promise<void>;
  /** Redeems an invitation: sets the password and answers a JWT, as `POST /api/login` does. */
  acceptInvitation(token: string, password: string): Promise<string>;
}

const violation = (propertyPath: string, message: string, code: string = CONSTRAINT.invalid) =>
  new ViolationError([{ propertyPath, message, code }]);

function assertPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw violation(
      'password',
      `This value is too short. It should have ${MIN_PASSWORD_LENGTH} characters or more.`,
      CONSTRAINT.length,
    );
  }
}

export function createLoginsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  auth: AuthService;
}): LoginsService {
  const { db, clock, auth } = deps;

  /** Two grants at once race to create the same login: the loser is told, not given a 500. */
  const inTransaction = <T>(work: (tx: Kysely<Database>) => Promise<T>): Promise<T> =>
    transactionOr(db, () => violation('user', 'This employee already has a user.'), work);

  return {
    async grantLogin(actor, userId, password) {
      if (!isAdministrator(actor)) throw forbidden('Access Denied.');
      if (password !== null) assertPassword(password);
      // Hashing is slow (~50 ms): do it before the transaction holds any lock.
      const passwordHash = password === null ? null : await hashPassword(password);
      return inTransaction(async (tx) => {
        const user = await findUserById(tx, actor.accountId, userId);
        if (!user) throw notFound('employee');
        if (user.identity_id !== null) throw violation('user', 'This employee already has a user.');
        const at = clock.now().getTime();
        let identity = await findIdentityByEmail(tx, user.email);
        if (identity && passwordHash !== null) {
          // The login exists (another account, or an earlier grant): its owner keeps the password.
          throw violation(
            'password',
            'A user with this email already exists and keeps its own password; grant without one.',
          );
        }
        // Only a login nobody else uses may be invited here: inviting a login that people in
        // other accounts share would let this account's administrator set its password.
        const shared = identity ? (await countPeopleOfIdentity(tx, identity.id)) > 0 : false;
        identity ??= await insertIdentity(tx, {
          email: user.email,
          password_hash: passwordHash,
          at,
        });
        await setUserIdentity(tx, userId, identity.id, at);
        if (identity.password_hash !== null || shared) return { invitation: null };
        const generated = generateToken('punch_inv_');
        const expiresAt = at + INVITATION_LIFETIME_MS;
        await insertInvitation(tx, {
          user_id: userId,
          identity_id: identity.id,
          token_hash: generated.hash,
          created_at: at,
          expires_at: expiresAt,
        });
        return { invitation: { token: generated.token, expiresAt } };
      });
    },

    async revokeLogin(actor, userId) {
      if (!isAdministrator(actor)) throw forbidden('Access Denied.');
      if (userId === actor.userId) throw violation('user', 'You cannot remove your own user.');
      await db.transaction().execute(async (tx) => {
        const user = await findUserById(tx, actor.accountId, userId);
        if (!user || user.identity_id === null) throw notFound('user');
        const at = clock.now().getTime();
        await setUserIdentity(tx, userId, null, at);
        await revokeTokensOfUser(tx, userId, at);
        await deleteInvitationsOfUser(tx, userId);
      });
    },

    async acceptInvitation(token, password) {
      assertPassword(password);
      const passwordHash = await hashPassword(password);
      const email = await db.transaction().execute(async (tx) => {
        const at = clock.now().getTime();
        const invitation = await findOpenInvitation(tx, hashToken(token), at);
        if (!invitation || !(await markInvitationAccepted(tx, invitation.id, at))) {
          throw new DomainError(
            'bad_request',
            'invalid_invitation',
            'This invitation is unknown, expired or already used.',
          );
        }
        // An invitation sets a first password, never replaces one.
        if (!(await setFirstPassword(tx, invitation.identity_id, passwordHash, at))) {
          throw new DomainError(
            'bad_request',
            'invalid_invitation',
            'This invitation is unknown, expired or already used.',
          );
        }
        await deleteInvitationsOfIdentity(tx, invitation.identity_id);
        return invitation.email;
      });
      return auth.login(email, password);
    },
  };
}
