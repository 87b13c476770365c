import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import { harvestTimeZoneName } from '../accounts/accounts.rules.ts';
import { accessRoles, permissionsClaims } from '../auth/auth.rules.ts';
import type { Person } from './person.rules.ts';
import type { UserRow } from './users.repository.ts';
import type { HarvestTeammate, HarvestUser, HarvestUserRate } from './users.schemas.ts';
import type { Rate } from './users.service.ts';

export function presentHarvestUser(person: Person): HarvestUser {
  const { accessLevel, managerPermissions } = person;
  const isAdmin = accessLevel === 'administrator';
  const isManager = accessLevel === 'manager';
  return {
    id: person.id,
    first_name: person.firstName,
    last_name: person.lastName,
    email: person.email,
    telephone: person.telephone,
    timezone: harvestTimeZoneName(person.timezone),
    has_access_to_all_future_projects: person.hasAccessToAllFutureProjects,
    is_contractor: person.isContractor,
    is_active: person.isActive,
    weekly_capacity: person.weeklyCapacitySeconds,
    default_hourly_rate: person.rates.billable === null ? null : fromCents(person.rates.billable),
    cost_rate: person.rates.cost === null ? null : fromCents(person.rates.cost),
    roles: person.roles,
    access_roles: accessRoles(accessLevel, managerPermissions),
    permissions_claims: permissionsClaims(accessLevel, managerPermissions),
    avatar_url: person.avatarUrl,
    calendar_integration_enabled: false,
    calendar_integration_source: null,
    can_create_projects: isAdmin || (isManager && managerPermissions.includes('project_creator')),
    is_admin: isAdmin,
    is_project_manager: isManager,
    can_see_rates: isAdmin || (isManager && managerPermissions.includes('billable_rates_manager')),
    can_create_invoices:
      isAdmin ||
      (isManager &&
        (managerPermissions.includes('managed_projects_invoice_drafter') ||
          managerPermissions.includes('managed_projects_invoice_manager'))),
    created_at: toWireInstant(person.createdAt),
    updated_at: toWireInstant(person.updatedAt),
  };
}

export function presentHarvestRate(rate: Rate): HarvestUserRate {
  return {
    id: rate.id,
    amount: fromCents(rate.amountCents),
    start_date: rate.startDate,
    end_date: rate.endDate,
    created_at: toWireInstant(rate.createdAt),
    updated_at: toWireInstant(rate.updatedAt),
  };
}

export function presentHarvestTeammate(row: UserRow): HarvestTeammate {
  return { id: row.id, first_name: row.first_name, last_name: row.last_name, email: row.email };
}
