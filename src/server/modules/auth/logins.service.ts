import {
  eventActorOf,
  type EventActor,
  type EventType,
  type Snapshot,
} from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { transactionOr } from '../../db/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, forbidden, invalid, notFound } from '../../shared/domain-error.ts';
import type { UsersService } from '../users/users.service.ts';
import {
  deleteInvitationsOfUser,
  findIdentityByEmail,
  findOpenInvitation,
  identityHasPersonInAccount,
  insertIdentity,
  insertInvitation,
  markInvitationAccepted,
  revokeTokensOfUser,
} from './auth.repository.ts';
import { AUTH_ERRORS } from './auth.errors.ts';
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
 * a login. An administrator may create a login with a password only when no login has the
 * person's e-mail yet; otherwise, and whenever no password is given, the person gets a one-time
 * invitation, and the login is attached only when its owner proves it on accepting: by being
 * signed in, by giving that login's password, or (no login yet) by choosing one (ADR 0011).
 */
export interface LoginsService {
  grantLogin(
    actor: Actor,
    userId: number,
    password: string | null,
  ): Promise<{ invitation: Invitation | null }>;
  revokeLogin(actor: Actor, userId: number): Promise<void>;
  /** Redeems an invitation and answers a JWT for the invited person's account. */
  acceptInvitation(input: AcceptInvitation): Promise<string>;
}

export interface AcceptInvitation {
  token: string;
  /** The new login's password, or the existing login's when not signed in. */
  password: string | null;
  /** The login of whoever is signed in while accepting (a JWT or a token of theirs), if any. */
  signedInIdentityId: number | null;
}

const hasLogin = () => invalid(AUTH_ERRORS.personHasLogin);

function assertPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw invalid(AUTH_ERRORS.passwordTooShort, { min: MIN_PASSWORD_LENGTH });
  }
}

const invalidInvitation = () =>
  new DomainError(
    'bad_request',
    AUTH_ERRORS.invalidInvitation,
    'This invitation is unknown, expired or already used.',
  );

export function createLoginsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  auth: AuthService;
  events: EventsService;
  users: Pick<UsersService, 'personIn' | 'setLoginIn'>;
}): LoginsService {
  const { db, clock, auth, events, users } = deps;

  /** A person's login changed: on the person, with the e-mail and never a secret. */
  const loginEvent = (
    tx: Kysely<Database>,
    actor: EventActor,
    type: EventType,
    userId: number,
    after: Snapshot | null,
    before: Snapshot | null = null,
  ) =>
    events.record(tx, actor, {
      type,
      entityId: userId,
      userId,
      before: before && { userId, ...before },
      after: after && { userId, ...after },
    });

  /** Two grants at once race to create the same login: the loser is told, not given a 500. */
  const inTransaction = <T>(work: (tx: Kysely<Database>) => Promise<T>): Promise<T> =>
    transactionOr(db, hasLogin, work);

  return {
    async grantLogin(actor, userId, password) {
      if (!isAdministrator(actor)) throw forbidden();
      if (password !== null) assertPassword(password);
      // Hashing is slow (~50 ms): do it before the transaction holds any lock.
      const passwordHash = password === null ? null : await hashPassword(password);
      return inTransaction(async (tx) => {
        const user = await users.personIn(tx, actor.accountId, userId);
        if (!user) throw notFound('employee');
        if (user.identity_id !== null) throw hasLogin();
        const at = clock.now().getTime();
        if (passwordHash !== null) {
          // A login that exists is its owner's, wherever it was made: nobody else sets or
          // learns its password, and nobody attaches it to a person without the owner.
          if (await findIdentityByEmail(tx, user.email)) {
            throw invalid(AUTH_ERRORS.loginKeepsPassword);
          }
          const identity = await insertIdentity(tx, {
            email: user.email,
            password_hash: passwordHash,
            at,
          });
          await users.setLoginIn(tx, userId, identity.id, at);
          await loginEvent(tx, eventActorOf(actor), 'login.granted', userId, { email: user.email });
          return { invitation: null };
        }
        const generated = generateToken('punch_inv_');
        const expiresAt = at + INVITATION_LIFETIME_MS;
        await insertInvitation(tx, {
          user_id: userId,
          token_hash: generated.hash,
          created_at: at,
          expires_at: expiresAt,
        });
        // The token itself never goes into an event: whoever reads events could accept it.
        await loginEvent(tx, eventActorOf(actor), 'login.invited', userId, {
          email: user.email,
          expiresAt: new Date(expiresAt).toISOString(),
        });
        return { invitation: { token: generated.token, expiresAt } };
      });
    },

    async revokeLogin(actor, userId) {
      if (!isAdministrator(actor)) throw forbidden();
      if (userId === actor.userId) {
        throw invalid(AUTH_ERRORS.cannotRemoveOwnLogin);
      }
      await db.transaction().execute(async (tx) => {
        const user = await users.personIn(tx, actor.accountId, userId);
        if (!user || user.identity_id === null) throw notFound('user');
        const at = clock.now().getTime();
        await users.setLoginIn(tx, userId, null, at);
        await revokeTokensOfUser(tx, userId, at);
        await deleteInvitationsOfUser(tx, userId);
        await loginEvent(tx, eventActorOf(actor), 'login.revoked', userId, null, {
          email: user.email,
        });
      });
    },

    async acceptInvitation({ token, password, signedInIdentityId }) {
      const tokenHash = hashToken(token);
      const invited = await findOpenInvitation(db, tokenHash, clock.now().getTime());
      if (!invited) throw invalidInvitation();
      // Which login the person gets, proven before anything is written.
      let identityId = signedInIdentityId;
      let newPasswordHash: string | null = null;
      if (identityId === null) {
        if (password === null || password === '') {
          throw invalid(AUTH_ERRORS.passwordRequired);
        }
        if (await findIdentityByEmail(db, invited.email)) {
          identityId = await auth.verifyLogin(invited.email, password);
          if (identityId === null) {
            throw invalid(AUTH_ERRORS.loginExists);
          }
        } else {
          assertPassword(password);
          newPasswordHash = await hashPassword(password);
        }
      }
      const person = await transactionOr(
        db,
        // Someone made a login with this e-mail meanwhile: accepting again proves it or not.
        () => invalidInvitation(),
        async (tx) => {
          const at = clock.now().getTime();
          const invitation = await findOpenInvitation(tx, tokenHash, at);
          if (!invitation || !(await markInvitationAccepted(tx, invitation.id, at))) {
            throw invalidInvitation();
          }
          const loginId =
            identityId ??
            (
              await insertIdentity(tx, {
                email: invitation.email,
                password_hash: newPasswordHash,
                at,
              })
            ).id;
          if (await identityHasPersonInAccount(tx, loginId, invitation.account_id)) {
            throw invalid(AUTH_ERRORS.alreadyInAccount);
          }
          await users.setLoginIn(tx, invitation.user_id, loginId, at);
          await deleteInvitationsOfUser(tx, invitation.user_id);
          // The invited person acts here, proven by the invitation rather than a credential.
          await loginEvent(
            tx,
            {
              accountId: invitation.account_id,
              userId: invitation.user_id,
              credential: 'invitation',
            },
            'login.accepted',
            invitation.user_id,
            { email: invitation.email },
          );
          return { userId: invitation.user_id, accountId: invitation.account_id };
        },
      );
      return auth.issueJwt(person);
    },
  };
}
