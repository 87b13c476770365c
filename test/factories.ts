import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../src/server/db/database-types.ts';
import { insertAccount } from '../src/server/modules/accounts/accounts.repository.ts';
import type { AccessLevel, ManagerPermission } from '../src/server/modules/auth/auth.rules.ts';
import { insertIdentity } from '../src/server/modules/auth/auth.repository.ts';
import { createAuthService } from '../src/server/modules/auth/auth.service.ts';
import { insertUser, type UserRow } from '../src/server/modules/users/users.repository.ts';
import type { Clock } from '../src/server/shared/clock.ts';
import { createSetupService } from '../src/server/modules/setup/setup.service.ts';

const unique = () => randomBytes(4).toString('hex');

export async function createAccount(
  db: Kysely<Database>,
  clock: Clock,
  overrides: { name?: string; timezone?: string } = {},
) {
  return insertAccount(db, {
    name: overrides.name ?? `Account ${unique()}`,
    timezone: overrides.timezone ?? 'UTC',
    created_at: clock.now().getTime(),
  });
}

export async function createUser(
  db: Kysely<Database>,
  clock: Clock,
  accountId: number,
  overrides: Partial<{
    accessLevel: AccessLevel;
    managerPermissions: ManagerPermission[];
    firstName: string;
    lastName: string;
    email: string;
    timezone: string;
    isActive: boolean;
    identityId: number | null;
  }> = {},
): Promise<UserRow> {
  const at = clock.now().getTime();
  return insertUser(db, {
    account_id: accountId,
    identity_id: overrides.identityId ?? null,
    first_name: overrides.firstName ?? 'Ada',
    last_name: overrides.lastName ?? 'Lovelace',
    email: overrides.email ?? `person-${unique()}@example.com`,
    telephone: '',
    timezone: overrides.timezone ?? 'UTC',
    has_access_to_all_future_projects: 0,
    is_contractor: 0,
    is_active: overrides.isActive === false ? 0 : 1,
    weekly_capacity: 126000,
    access_level: overrides.accessLevel ?? 'member',
    manager_permissions: (overrides.managerPermissions ?? []).join(','),
    avatar_url: null,
    created_at: at,
    updated_at: at,
  });
}

/** A login (no password) that people in several accounts can share. */
export async function createIdentity(db: Kysely<Database>, clock: Clock) {
  return insertIdentity(db, {
    email: `login-${unique()}@example.com`,
    password_hash: null,
    at: clock.now().getTime(),
  });
}

export async function createToken(
  db: Kysely<Database>,
  clock: Clock,
  userId: number,
  options: { expiresAt?: number } = {},
) {
  return createAuthService({ db, clock }).createToken(db, {
    userId,
    name: 'test',
    expiresAt: options.expiresAt ?? null,
  });
}

/** An account with one person of the given level and a token, plus Harvest request headers. */
export async function createHarvestCaller(
  db: Kysely<Database>,
  clock: Clock,
  options: {
    accessLevel?: AccessLevel;
    managerPermissions?: ManagerPermission[];
    accountId?: number;
  } = {},
) {
  const accountId = options.accountId ?? (await createAccount(db, clock)).id;
  const user = await createUser(db, clock, accountId, {
    accessLevel: options.accessLevel ?? 'administrator',
    managerPermissions: options.managerPermissions ?? [],
  });
  const { token, record } = await createToken(db, clock, user.id);
  return {
    accountId,
    user,
    token,
    tokenId: record.id,
    headers: {
      authorization: `Bearer ${token}`,
      'harvest-account-id': String(accountId),
      'user-agent': 'Punch tests (tests@example.com)',
    },
  };
}

/** A client, a project under it and a task, inserted directly (no API, no permission checks). */
export async function createCatalog(db: Kysely<Database>, clock: Clock, accountId: number) {
  const at = clock.now().getTime();
  const client = await db
    .insertInto('clients')
    .values({
      account_id: accountId,
      name: `Client ${unique()}`,
      is_active: 1,
      address: null,
      statement_key: unique(),
      currency: 'USD',
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const project = await db
    .insertInto('projects')
    .values({
      account_id: accountId,
      client_id: client.id,
      name: `Project ${unique()}`,
      code: null,
      is_active: 1,
      is_billable: 1,
      is_fixed_fee: 0,
      bill_by: 'none',
      hourly_rate_cents: null,
      budget_hundredths: null,
      budget_by: 'none',
      budget_is_monthly: 0,
      notify_when_over_budget: 0,
      over_budget_notification_percentage: 80,
      over_budget_notification_date: null,
      show_budget_to_all: 0,
      cost_budget_cents: null,
      cost_budget_include_expenses: 0,
      fee_cents: null,
      notes: null,
      starts_on: null,
      ends_on: null,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const task = await db
    .insertInto('tasks')
    .values({
      account_id: accountId,
      name: `Task ${unique()}`,
      billable_by_default: 1,
      default_hourly_rate_cents: 0,
      is_default: 0,
      is_active: 1,
      created_at: at,
      updated_at: at,
      deleted_at: null,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { client, project, task };
}

export const OWNER_PASSWORD = 'correct horse battery';

/** A new account set up as the CLI does: its administrator has a login with a password. */
export async function createOwnerWithLogin(db: Kysely<Database>, clock: Clock) {
  const email = `owner-${unique()}@example.com`;
  const setup = createSetupService({ db, clock, auth: createAuthService({ db, clock }) });
  const made = await setup.setupAccount({ account: 'Acme', email, password: OWNER_PASSWORD });
  return {
    email,
    password: OWNER_PASSWORD,
    accountId: made.account_id,
    userId: made.user_id,
    token: made.token,
  };
}
