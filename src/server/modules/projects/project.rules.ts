import { seesBillableRates } from '../users/users.rules.ts';
import type { AccessLevel, ManagerPermission } from '../auth/auth.rules.ts';
import type { ProjectWithClient } from './projects.repository.ts';

/**
 * A project as the core hands it to every door: camelCase, flags as booleans, money in minor
 * units, and its rate, fee and cost budget already null for a viewer who may not see billable
 * rates (§2.5), so no door decides that on its own.
 */
export interface Project {
  id: number;
  name: string;
  code: string | null;
  client: { id: number; name: string; currency: string; isActive: boolean };
  isActive: boolean;
  isBillable: boolean;
  isFixedFee: boolean;
  billBy: string;
  hourlyRateCents: number | null;
  feeCents: number | null;
  /** Hours or money (hundredths either way), as `budgetBy` says. */
  budgetHundredths: number | null;
  budgetBy: string;
  budgetIsMonthly: boolean;
  notifyWhenOverBudget: boolean;
  overBudgetNotificationPercentage: number;
  overBudgetNotificationDate: string | null;
  showBudgetToAll: boolean;
  costBudgetCents: number | null;
  costBudgetIncludeExpenses: boolean;
  notes: string | null;
  startsOn: string | null;
  endsOn: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A project's row read as the domain object for this viewer. */
export function projectOf(
  row: ProjectWithClient,
  viewer: { accessLevel: AccessLevel; managerPermissions: readonly ManagerPermission[] },
): Project {
  const seesRates = seesBillableRates(viewer);
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    client: {
      id: row.client_id,
      name: row.client_name,
      currency: row.client_currency,
      isActive: row.client_is_active === 1,
    },
    isActive: row.is_active === 1,
    isBillable: row.is_billable === 1,
    isFixedFee: row.is_fixed_fee === 1,
    billBy: row.bill_by,
    hourlyRateCents: seesRates ? row.hourly_rate_cents : null,
    feeCents: seesRates ? row.fee_cents : null,
    budgetHundredths: row.budget_hundredths,
    budgetBy: row.budget_by,
    budgetIsMonthly: row.budget_is_monthly === 1,
    notifyWhenOverBudget: row.notify_when_over_budget === 1,
    overBudgetNotificationPercentage: row.over_budget_notification_percentage,
    overBudgetNotificationDate: row.over_budget_notification_date,
    showBudgetToAll: row.show_budget_to_all === 1,
    costBudgetCents: seesRates ? row.cost_budget_cents : null,
    costBudgetIncludeExpenses: row.cost_budget_include_expenses === 1,
    notes: row.notes,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
