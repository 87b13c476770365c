import { minorDigits } from '../invoices/invoices.rules.ts';
import type { ProjectBudget } from './budgets.service.ts';

/** Hundredths of an hour or of the currency as the wire's number (hours, or money units). */
function amount(budget: ProjectBudget, hundredths: number): number {
  if (budget.unit === 'hours' || budget.currency === null) return hundredths / 100;
  // Money is held in hundredths whatever the currency; a yen budget still reads as yen.
  const digits = Math.min(minorDigits(budget.currency), 2);
  return Math.round(hundredths / 10 ** (2 - digits)) / 10 ** digits;
}

export function presentNativeBudget(budget: ProjectBudget) {
  const shown = !budget.hidden;
  const value = (hundredths: number) => (shown ? amount(budget, hundredths) : null);
  return {
    project: budget.project,
    client: budget.client,
    budgetBy: budget.budgetBy,
    isMonthly: budget.isMonthly,
    unit: budget.unit,
    currency: budget.currency,
    budget: value(budget.budget),
    spent: value(budget.spent),
    remaining: value(budget.remaining),
    percentSpent:
      shown && budget.budget > 0 ? Math.round((budget.spent / budget.budget) * 1000) / 10 : null,
    periodFrom: budget.period.from,
    periodTo: budget.period.to,
    alertPercentage: budget.alertPercentage,
    notifies: budget.notifies,
    level: (['ok', 'alert', 'over'] as const)[budget.level],
    forecast: {
      paceDays: budget.forecast.paceDays,
      pacePerDay: value(budget.forecast.pacePerDay),
      runsOutOn: budget.forecast.runsOutOn,
      endsOn: budget.forecast.endsOn,
      runsOutBeforeEnd: budget.forecast.runsOutBeforeEnd,
    },
  };
}

/** Harvest §7.3's row: the bare project name, amounts as numbers, null when not shown. */
export function presentHarvestBudget(budget: ProjectBudget) {
  const shown = !budget.hidden;
  return {
    project_id: budget.project.id,
    project_name: budget.project.name,
    client_id: budget.client.id,
    client_name: budget.client.name,
    budget_is_monthly: budget.isMonthly,
    budget_by: budget.budgetBy,
    is_active: budget.project.isActive,
    budget: shown ? amount(budget, budget.budget) : null,
    budget_spent: shown ? amount(budget, budget.spent) : null,
    budget_remaining: shown ? amount(budget, budget.remaining) : null,
  };
}
