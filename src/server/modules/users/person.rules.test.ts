import { describe, expect, it } from 'vitest';
import type { UserRow } from './users.repository.ts';
import { personOf } from './person.rules.ts';

const row: UserRow = {
  id: 7,
  account_id: 1,
  identity_id: 4,
  first_name: 'Ada',
  last_name: 'Lovelace',
  email: 'ada@example.com',
  telephone: '',
  timezone: 'Europe/London',
  has_access_to_all_future_projects: 1,
  is_contractor: 0,
  is_active: 1,
  weekly_capacity: 126_000,
  access_level: 'manager',
  manager_permissions: 'people_manager,billable_rates_manager',
  avatar_url: null,
  contact_email: null,
  default_project_id: 3,
  locale: 'uk',
  created_at: 10,
  updated_at: 20,
};
const extra = { roles: ['Design'], rates: { billable: 12_000, cost: 4_000 } };
const admin = { accessLevel: 'administrator', managerPermissions: [] } as const;

describe('personOf', () => {
  it('reads the row in camelCase, its access parsed from the stored form', () => {
    expect(personOf(row, extra, admin)).toMatchObject({
      id: 7,
      identityId: 4,
      firstName: 'Ada',
      hasAccessToAllFutureProjects: true,
      isContractor: false,
      weeklyCapacitySeconds: 126_000,
      accessLevel: 'manager',
      managerPermissions: ['people_manager', 'billable_rates_manager'],
      defaultProjectId: 3,
      locale: 'uk',
      roles: ['Design'],
      rates: { billable: 12_000, cost: 4_000 },
    });
  });

  it('reads an access level it does not know as a member', () => {
    expect(personOf({ ...row, access_level: 'owner' }, extra, admin).accessLevel).toBe('member');
  });

  it('hides the rates a viewer may not see (§2.5)', () => {
    const member = { accessLevel: 'member', managerPermissions: [] } as const;
    expect(personOf(row, extra, member).rates).toEqual({ billable: null, cost: null });
    const rater = {
      accessLevel: 'manager',
      managerPermissions: ['billable_rates_manager'],
    } as const;
    expect(personOf(row, extra, rater).rates).toEqual({ billable: 12_000, cost: null });
  });
});
