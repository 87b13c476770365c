import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { Project } from './project.rules.ts';
import type { HarvestProject } from './projects.schemas.ts';

const amount = (hundredths: number | null) => (hundredths === null ? null : fromCents(hundredths));

/** A project on Harvest's wire (its money already null for a viewer who may not see rates). */
export function presentHarvestProject(project: Project): HarvestProject {
  return {
    id: project.id,
    name: project.name,
    code: project.code,
    is_active: project.isActive,
    is_billable: project.isBillable,
    is_fixed_fee: project.isFixedFee,
    bill_by: project.billBy,
    budget: amount(project.budgetHundredths),
    budget_by: project.budgetBy,
    budget_is_monthly: project.budgetIsMonthly,
    notify_when_over_budget: project.notifyWhenOverBudget,
    over_budget_notification_percentage: project.overBudgetNotificationPercentage,
    show_budget_to_all: project.showBudgetToAll,
    created_at: toWireInstant(project.createdAt),
    updated_at: toWireInstant(project.updatedAt),
    starts_on: project.startsOn,
    ends_on: project.endsOn,
    over_budget_notification_date: project.overBudgetNotificationDate,
    notes: project.notes,
    cost_budget: amount(project.costBudgetCents),
    cost_budget_include_expenses: project.costBudgetIncludeExpenses,
    hourly_rate: amount(project.hourlyRateCents),
    fee: amount(project.feeCents),
    client: {
      id: project.client.id,
      name: project.client.name,
      currency: project.client.currency,
    },
  };
}
