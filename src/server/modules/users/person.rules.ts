import {
  isAccessLevel,
  parseManagerPermissions,
  type AccessLevel,
  type ManagerPermission,
} from '../auth/auth.rules.ts';
import type { UserRow } from './users.repository.ts';
import { visibleRates } from './users.rules.ts';

/**
 * A person of an account as the core hands it to every door: camelCase, flags as booleans,
 * the access read from its stored form, and the rates in force today already null where the
 * viewer may not see them (§2.5).
 */
export interface Person {
  id: number;
  accountId: number;
  /** The login behind the person, if they have one. */
  identityId: number | null;
  firstName: string;
  lastName: string;
  email: string;
  contactEmail: string | null;
  /** Empty when unknown, as Harvest stores it. */
  telephone: string;
  /** IANA zone. */
  timezone: string;
  hasAccessToAllFutureProjects: boolean;
  isContractor: boolean;
  isActive: boolean;
  weeklyCapacitySeconds: number;
  accessLevel: AccessLevel;
  managerPermissions: readonly ManagerPermission[];
  avatarUrl: string | null;
  defaultProjectId: number | null;
  /** The web app's language; null follows the browser. */
  locale: string | null;
  /** Business roles, by name. */
  roles: string[];
  rates: { billable: number | null; cost: number | null };
  createdAt: number;
  updatedAt: number;
}

/** A person's row, with their roles and today's rates, read as the domain object. */
export function personOf(
  row: UserRow,
  extra: { roles: string[]; rates: { billable: number | null; cost: number | null } },
  viewer: { accessLevel: AccessLevel; managerPermissions: readonly ManagerPermission[] },
): Person {
  return {
    id: row.id,
    accountId: row.account_id,
    identityId: row.identity_id,
    firstName: row.first_name,
    lastName: row.last_name,
    email: row.email,
    contactEmail: row.contact_email,
    telephone: row.telephone,
    timezone: row.timezone,
    hasAccessToAllFutureProjects: row.has_access_to_all_future_projects === 1,
    isContractor: row.is_contractor === 1,
    isActive: row.is_active === 1,
    weeklyCapacitySeconds: row.weekly_capacity,
    accessLevel: isAccessLevel(row.access_level) ? row.access_level : 'member',
    managerPermissions: parseManagerPermissions(row.manager_permissions),
    avatarUrl: row.avatar_url,
    defaultProjectId: row.default_project_id,
    locale: row.locale,
    roles: extra.roles,
    rates: visibleRates(viewer, extra.rates),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
