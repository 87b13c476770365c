import { describe, expect, it } from 'vitest';
import type { ProjectWithClient } from './projects.repository.ts';
import { projectOf } from './project.rules.ts';

const row: ProjectWithClient = {
  id: 3,
  account_id: 1,
  client_id: 2,
  name: 'Engine',
  code: 'ENG',
  is_active: 1,
  is_billable: 1,
  is_fixed_fee: 0,
  bill_by: 'Project',
  hourly_rate_cents: 9_000,
  budget_hundredths: 12_000,
  budget_by: 'project',
  budget_is_monthly: 0,
  notify_when_over_budget: 1,
  over_budget_notification_percentage: 80,
  over_budget_notification_date: null,
  show_budget_to_all: 0,
  cost_budget_cents: 500_000,
  cost_budget_include_expenses: 0,
  fee_cents: 1_000_000,
  notes: null,
  starts_on: '2026-01-01',
  ends_on: null,
  created_at: 1,
  updated_at: 2,
  deleted_at: null,
  client_name: 'Babbage Ltd',
  client_currency: 'GBP',
  client_is_active: 0,
};

describe('projectOf', () => {
  it('reads the row in camelCase, flags as booleans, money in minor units', () => {
    expect(projectOf(row, { accessLevel: 'administrator', managerPermissions: [] })).toMatchObject({
      id: 3,
      client: { id: 2, name: 'Babbage Ltd', currency: 'GBP', isActive: false },
      isActive: true,
      isFixedFee: false,
      notifyWhenOverBudget: true,
      hourlyRateCents: 9_000,
      feeCents: 1_000_000,
      costBudgetCents: 500_000,
      budgetHundredths: 12_000,
      startsOn: '2026-01-01',
    });
  });

  it('leaves out the rate, fee and cost budget for a viewer who may not see billable rates', () => {
    const hidden = { hourlyRateCents: null, feeCents: null, costBudgetCents: null };
    expect(projectOf(row, { accessLevel: 'manager', managerPermissions: [] })).toMatchObject({
      ...hidden,
      budgetHundredths: 12_000,
    });
    expect(projectOf(row, { accessLevel: 'member', managerPermissions: [] })).toMatchObject(hidden);
    expect(
      projectOf(row, { accessLevel: 'manager', managerPermissions: ['billable_rates_manager'] }),
    ).toMatchObject({ hourlyRateCents: 9_000, feeCents: 1_000_000, costBudgetCents: 500_000 });
  });
});
