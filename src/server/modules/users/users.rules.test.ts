import { describe, expect, it } from 'vitest';
import type { AccessLevel, ManagerPermission } from '../auth/auth.rules.ts';
import { visibleRates } from './users.rules.ts';

describe('visibleRates', () => {
  const rates = { billable: 10000, cost: 6000 };
  it.each<[AccessLevel, ManagerPermission[], { billable: number | null; cost: number | null }]>([
    ['administrator', [], { billable: 10000, cost: 6000 }],
    ['manager', ['billable_rates_manager'], { billable: 10000, cost: null }],
    ['manager', ['project_creator'], { billable: null, cost: null }],
    ['member', ['billable_rates_manager'], { billable: null, cost: null }],
  ])('%s %j sees %j', (accessLevel, managerPermissions, expected) => {
    expect(visibleRates({ accessLevel, managerPermissions }, rates)).toEqual(expected);
  });
});
