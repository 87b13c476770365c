import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { ProjectWithClient } from './projects.repository.ts';
import type { HarvestProject } from './projects.schemas.ts';

const amount = (hundredths: number | null) => (hundredths === null ? null : fromCents(hundredths));

/**
 * `seesRates` (users.rules `seesBillableRates`): a project's hourly rate, fee and cost budget
 * are shown only to viewers who may see billable rates; others get null (§2.5).
 */
export function presentHarvestProject(
  row: ProjectWithClient,
  viewer: { seesRates: boolean },
): HarvestProject {
  return {
    id: row.id,
    name: row.name,
    code: row.code,
    is_active: row.is_active === 1,
    is_billable: row.is_billable === 1,
    is_fixed_fee: row.is_fixed_fee === 1,
    bill_by: row.bill_by,
    budget: amount(row.budget_hundredths),
    budget_by: row.budget_by,
    budget_is_monthly: row.budget_is_monthly === 1,
    notify_when_over_budget: row.notify_when_over_budget === 1,
    over_budget_notification_percentage: row.over_budget_notification_percentage,
    show_budget_to_all: row.show_budget_to_all === 1,
    created_at: toWireInstant(row.created_at),
    updated_at: toWireInstant(row.updated_at),
    starts_on: row.starts_on,
    ends_on: row.ends_on,
    over_budget_notification_date: row.over_budget_notification_date,
    notes: row.notes,
    cost_budget: viewer.seesRates ? amount(row.cost_budget_cents) : null,
    cost_budget_include_expenses: row.cost_budget_include_expenses === 1,
    hourly_rate: viewer.seesRates ? amount(row.hourly_rate_cents) : null,
    fee: viewer.seesRates ? amount(row.fee_cents) : null,
    client: { id: row.client_id, name: row.client_name, currency: row.client_currency },
  };
}
