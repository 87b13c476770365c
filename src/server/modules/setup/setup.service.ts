import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import { DomainError, invalid, invalidAll, refusal } from '../../shared/domain-error.ts';
import { SETUP_ERRORS } from './setup.errors.ts';
import { createAccountsDirectory } from '../accounts/accounts-directory.service.ts';
import { normalizeTimeZone } from '../accounts/accounts.rules.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { createUsersDirectory } from '../users/users-directory.service.ts';
import { randomBytes } from 'node:crypto';
import { hashToken } from '../auth/tokens.rules.ts';
import { consumeSetupCode, insertSetupCode } from './setup.repository.ts';
import {
  formatSetupCode,
  namesFromEmail,
  normalizeEmail,
  normalizeSetupCode,
  SETUP_CODE_LIFETIME_MS,
  validateSetupInput,
} from './setup.rules.ts';
import { ACCOUNT_ERRORS } from '../accounts/accounts.errors.ts';

export interface SetupInput {
  account: string;
  email: string;
  password: string;
  firstName?: string;
  lastName?: string;
  timezone?: string;
}

export interface IssuedToken {
  account_id: number;
  user_id: number;
  token: string;
}

export interface PersonRef {
  email: string;
  accountId?: number;
}

export interface TokenSummary {
  id: number;
  name: string;
  hint: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface SetupService {
  setupAccount(input: SetupInput): Promise<IssuedToken>;
  createToken(input: PersonRef & { name?: string }): Promise<IssuedToken>;
  listTokens(
    input: PersonRef,
  ): Promise<{ user_id: number; account_id: number; tokens: TokenSummary[] }>;
  revokeToken(input: PersonRef & { tokenId: number }): Promise<void>;
  countAccounts(): Promise<number>;
  /**
   * A fresh one-time code for creating the first account in the browser, or null when an
   * account exists already. Each call adds a code; any code in force is accepted.
   */
  issueSetupCode(): Promise<string | null>;
  /** Whether the first account is still to be created. */
  needsSetup(): Promise<boolean>;
  /** The first account and its administrator, for the holder of a setup code; uses the code up. */
  setupFirstAccount(
    code: string,
    input: SetupInput,
  ): Promise<{ account_id: number; user_id: number }>;
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const alreadySetUp = () =>
  new DomainError('conflict', 'already_set_up', 'Punch has an account already; sign in instead.');

function identityConflict(email: string): DomainError {
  return new DomainError(
    'conflict',
    'identity_exists',
    `${email} already has a login; give its current password to add another account`,
  );
}

/** Runs `work` in a transaction; two setups racing for one new email end in a clear conflict. */
async function inTransaction<T>(
  db: Kysely<Database>,
  work: (tx: Kysely<Database>) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError('conflict', 'identity_exists', 'that email was just taken; try again');
    }
    throw error;
  }
}

export function createSetupService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  auth: AuthService;
}): SetupService {
  const { db, clock, auth } = deps;
  // A new account and its first person are the accounts' and people's to write; setup sits on
  // their directories, which need nothing, so every caller builds setup from the same three.
  const accounts = createAccountsDirectory();
  const people = createUsersDirectory();
  return {
    async setupAccount(input) {
      const prepared = await prepare(input);
      return inTransaction(db, async (tx) => {
        const created = await createAccount(tx, input, prepared);
        const { token } = await auth.createToken(tx, { userId: created.user_id, name: 'setup' });
        return { ...created, token };
      });
    },

    async createToken(input) {
      const user = await resolvePerson(input);
      const { token } = await auth.createToken(db, { userId: user.id, name: input.name ?? 'cli' });
      return { token, user_id: user.id, account_id: user.account_id };
    },

    async listTokens(input) {
      const user = await resolvePerson(input);
      const tokens = await auth.listTokens(user.id);
      return {
        user_id: user.id,
        account_id: user.account_id,
        tokens: tokens.map((t) => ({
          id: t.id,
          name: t.name,
          hint: t.token_hint,
          created_at: new Date(t.created_at).toISOString(),
          last_used_at: isoOrNull(t.last_used_at),
          expires_at: isoOrNull(t.expires_at),
          revoked_at: isoOrNull(t.revoked_at),
        })),
      };
    },

    async revokeToken(input) {
      const user = await resolvePerson(input);
      if (!(await auth.revokeToken(user.id, input.tokenId))) {
        throw new DomainError(
          'not_found',
          'token_not_found',
          `no live token ${input.tokenId} for ${user.email} in account ${user.account_id}`,
        );
      }
    },

    countAccounts: () => accounts.countIn(db),

    async issueSetupCode() {
      if ((await accounts.countIn(db)) > 0) return null;
      const code = formatSetupCode(randomBytes(12));
      const at = clock.now().getTime();
      await insertSetupCode(db, {
        code_hash: hashToken(code),
        created_at: at,
        expires_at: at + SETUP_CODE_LIFETIME_MS,
      });
      return code;
    },

    async needsSetup() {
      return (await accounts.countIn(db)) === 0;
    },

    async setupFirstAccount(code, input) {
      const prepared = await prepare(input);
      return inTransaction(db, async (tx) => {
        if (
          !(await consumeSetupCode(tx, hashToken(normalizeSetupCode(code)), clock.now().getTime()))
        ) {
          if ((await accounts.countIn(tx)) > 0) throw alreadySetUp();
          throw new DomainError(
            'forbidden',
            'setup_code_invalid',
            'That setup code is not right or has expired; use the one `punch serve` printed last.',
          );
        }
        if ((await accounts.countIn(tx)) > 0) throw alreadySetUp();
        return createAccount(tx, input, prepared);
      });
    },
  };

  /** Checks the input and the login before the transaction: hashing is slow and needs no lock. */
  async function prepare(input: SetupInput) {
    const errors = validateSetupInput(input);
    const timezone = normalizeTimeZone(input.timezone ?? 'UTC');
    if (!timezone) errors.push(refusal(ACCOUNT_ERRORS.unknownTimeZone));
    if (errors.length > 0 || !timezone) throw invalidAll(SETUP_ERRORS.invalidSetup, errors);
    const email = normalizeEmail(input.email);
    const existing = await auth.identityByEmailIn(db, email);
    // A login that exists joins this account only with its own password (ADR 0011).
    if (
      existing &&
      !(existing.password_hash && (await verifyPassword(existing.password_hash, input.password)))
    ) {
      throw identityConflict(email);
    }
    const newHash = existing ? null : await hashPassword(input.password);
    return { timezone, email, existing, newHash };
  }

  async function createAccount(
    tx: Kysely<Database>,
    input: SetupInput,
    prepared: Awaited<ReturnType<typeof prepare>>,
  ): Promise<{ account_id: number; user_id: number }> {
    const { timezone, email, existing, newHash } = prepared;
    const derived = namesFromEmail(email);
    const at = clock.now().getTime();
    // Re-read inside the transaction: another setup may have created or changed this login
    // since the check above, and its password must not be bypassed or overwritten.
    const current = await auth.identityByEmailIn(tx, email);
    if (current?.id !== existing?.id || current?.password_hash !== existing?.password_hash) {
      throw identityConflict(email);
    }
    const identity = current ?? (await auth.addIdentityIn(tx, { email, passwordHash: newHash }));
    const account = await accounts.openIn(tx, { name: input.account.trim(), timezone, at });
    const user = await people.addFounderIn(tx, {
      accountId: account.id,
      identityId: identity.id,
      firstName: input.firstName?.trim() || derived.firstName,
      lastName: input.lastName?.trim() ?? derived.lastName,
      email,
      timezone,
      weeklyCapacity: account.weekly_capacity,
      at,
    });
    return { account_id: account.id, user_id: user.id };
  }

  /** The one active person an email (and, when needed, an account) designates. */
  async function resolvePerson(input: PersonRef) {
    const email = normalizeEmail(input.email);
    const users = (await people.peopleWithEmailIn(db, email)).filter((u) => u.is_active === 1);
    const candidates =
      input.accountId === undefined ? users : users.filter((u) => u.account_id === input.accountId);
    if (candidates.length === 0) {
      throw new DomainError(
        'not_found',
        'user_not_found',
        input.accountId === undefined
          ? `no active person with email ${email}`
          : `no active person with email ${email} in account ${input.accountId}`,
      );
    }
    if (candidates.length > 1) {
      throw invalid(SETUP_ERRORS.accountRequired, {
        email,
        accounts: candidates.map((u) => u.account_id).join(', '),
      });
    }
    const [only] = candidates;
    if (!only) throw new Error('unreachable: candidates checked above');
    return only;
  }
}
