import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import { harvestTimeZoneName } from '../accounts/accounts.rules.ts';
import {
  accessRoles,
  permissionsClaims,
  type AccessLevel,
  type ManagerPermission,
} from '../auth/auth.rules.ts';
import type { UserRow } from './users.repository.ts';
import type { HarvestTeammate, HarvestUser, HarvestUserRate } from './users.schemas.ts';
import type { RateView } from './users.service.ts';

export interface UserView {
  row: UserRow;
  accessLevel: AccessLevel;
  managerPermissions: readonly ManagerPermission[];
  roles: string[];
  rates: { billable: number | null; cost: number | null };
}

export function presentHarvestUser(view: UserView): HarvestUser {
  const { row, accessLevel, managerPermissions } = view;
  const isAdmin = accessLevel === 'administrator';
  const isManager = accessLevel === 'manager';
  return {
    id: row.id,
    first_name: row.first_name,
    last_name: row.last_name,
    email: row.email,
    telephone: row.telephone,
    timezone: harvestTimeZoneName(row.timezone),
    has_access_to_all_future_projects: row.has_access_to_all_future_projects === 1,
    is_contractor: row.is_contractor === 1,
    is_active: row.is_active === 1,
    weekly_capacity: row.weekly_capacity,
    default_hourly_rate: view.rates.billable === null ? null : fromCents(view.rates.billable),
    cost_rate: view.rates.cost === null ? null : fromCents(view.rates.cost),
    roles: view.roles,
    access_roles: accessRoles(accessLevel, managerPermissions),
    permissions_claims: permissionsClaims(accessLevel, managerPermissions),
    avatar_url: row.avatar_url,
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
    created_at: toWireInstant(row.created_at),
    updated_at: toWireInstant(row.updated_at),
  };
}

export function presentHarvestRate(view: RateView): HarvestUserRate {
  return {
    id: view.row.id,
    amount: fromCents(view.row.amount_cents),
    start_date: view.row.start_date,
    end_date: view.endDate,
    created_at: toWireInstant(view.row.created_at),
    updated_at: toWireInstant(view.row.updated_at),
  };
}

export function presentHarvestTeammate(row: UserRow): HarvestTeammate {
  return { id: row.id, first_name: row.first_name, last_name: row.last_name, email: row.email };
}
