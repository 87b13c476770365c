import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import {
  findTeammateIds,
  findUserById,
  findUsersByEmail,
  insertUser,
  setUserIdentity,
} from './users.repository.ts';
import type { UserRow } from './users.repository.ts';

/**
 * Who is who, for the modules the people service is itself built on (time entries, setup): the
 * reads and the one write they need. Every call runs in the caller's unit of work and the
 * directory has no dependency of its own, so nothing reaches into the users repository from
 * outside and no construction cycle arises.
 */
export interface UsersDirectory {
  /**
   * A person of the account as stored, read in the caller's unit of work; undefined when the
   * account has no such person.
   */
  personIn: (
    tx: Kysely<Database>,
    accountId: number,
    userId: number,
  ) => Promise<UserRow | undefined>;
  /** The ids of a manager's teammates (whose time and assignments the manager sees). */
  teammateIdsIn: (tx: Kysely<Database>, managerId: number) => Promise<number[]>;
  /** Every person with this (normalized) e-mail, in any account, oldest first. */
  peopleWithEmailIn: (tx: Kysely<Database>, email: string) => Promise<UserRow[]>;
  /** Gives a person a login, or takes it away (`null`), in the caller's unit of work. */
  setLoginIn: (
    tx: Kysely<Database>,
    userId: number,
    identityId: number | null,
    at: number,
  ) => Promise<void>;
  /** A new account's first person, its administrator, in the caller's unit of work. */
  addFounderIn: (tx: Kysely<Database>, founder: Founder) => Promise<UserRow>;
}

export interface Founder {
  accountId: number;
  identityId: number;
  firstName: string;
  lastName: string;
  email: string;
  timezone: string;
  weeklyCapacity: number;
  at: number;
}

export function createUsersDirectory(): UsersDirectory {
  return {
    personIn: (tx, accountId, userId) => findUserById(tx, accountId, userId),
    teammateIdsIn: (tx, managerId) => findTeammateIds(tx, managerId),
    peopleWithEmailIn: (tx, email) => findUsersByEmail(tx, email),
    setLoginIn: (tx, userId, identityId, at) => setUserIdentity(tx, userId, identityId, at),
    addFounderIn: (tx, founder) =>
      insertUser(tx, {
        account_id: founder.accountId,
        identity_id: founder.identityId,
        first_name: founder.firstName,
        last_name: founder.lastName,
        email: founder.email,
        telephone: '',
        timezone: founder.timezone,
        has_access_to_all_future_projects: 1,
        is_contractor: 0,
        is_active: 1,
        weekly_capacity: founder.weeklyCapacity,
        access_level: 'administrator',
        manager_permissions: '',
        avatar_url: null,
        created_at: founder.at,
        updated_at: founder.at,
      }),
  };
}
