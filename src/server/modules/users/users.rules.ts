import type { AccessLevel, ManagerPermission } from '../auth/auth.rules.ts';

export interface Rates {
  billable: number | null;
  cost: number | null;
}

/**
 * What a viewer may see of someone's rates (Harvest reference §2.5): billable rates are for
 * administrators and managers holding `billable_rates_manager`; cost rates for administrators
 * only. Hidden rates are shown as null, never as 0, so nobody mistakes them for a real rate.
 */
export function visibleRates(
  viewer: { accessLevel: AccessLevel; managerPermissions: readonly ManagerPermission[] },
  rates: Rates,
): Rates {
  const isAdmin = viewer.accessLevel === 'administrator';
  const seesBillable =
    isAdmin ||
    (viewer.accessLevel === 'manager' &&
      viewer.managerPermissions.includes('billable_rates_manager'));
  return { billable: seesBillable ? rates.billable : null, cost: isAdmin ? rates.cost : null };
}
