import { describe, expect, it } from 'vitest';
import type { TaskAssignmentView, UserAssignmentView } from './assignments.repository.ts';
import { projectAssignmentsOf, taskAssignmentOf, userAssignmentOf } from './assignment.rules.ts';

const member: UserAssignmentView = {
  id: 11,
  account_id: 1,
  project_id: 3,
  user_id: 7,
  is_active: 1,
  is_project_manager: 0,
  use_default_rates: 0,
  hourly_rate_cents: 9_500,
  budget_hundredths: 4_000,
  created_at: 10,
  updated_at: 20,
  project_name: 'Engine',
  project_code: 'ENG',
  user_first_name: 'Ada',
  user_last_name: 'Lovelace',
};
const task: TaskAssignmentView = {
  id: 12,
  account_id: 1,
  project_id: 3,
  task_id: 5,
  is_active: 1,
  billable: 1,
  hourly_rate_cents: 7_000,
  budget_hundredths: null,
  created_at: 10,
  updated_at: 20,
  project_name: 'Engine',
  project_code: 'ENG',
  task_name: 'Design',
};
const admin = { accessLevel: 'administrator', managerPermissions: [] } as const;
const plainManager = { accessLevel: 'manager', managerPermissions: [] } as const;

describe('assignments as domain objects', () => {
  it('reads a person on a project, the rate hidden from a viewer who may not see rates', () => {
    expect(userAssignmentOf(member, admin)).toMatchObject({
      project: { id: 3, name: 'Engine', code: 'ENG' },
      person: { id: 7, firstName: 'Ada', lastName: 'Lovelace' },
      isProjectManager: false,
      useDefaultRates: false,
      hourlyRateCents: 9_500,
      budgetHundredths: 4_000,
    });
    expect(userAssignmentOf(member, plainManager).hourlyRateCents).toBeNull();
  });

  it('reads a task on a project the same way', () => {
    expect(taskAssignmentOf(task, admin)).toMatchObject({
      task: { id: 5, name: 'Design' },
      billable: true,
      hourlyRateCents: 7_000,
    });
    expect(taskAssignmentOf(task, plainManager).hourlyRateCents).toBeNull();
  });

  it('gives each of a person’s projects the tasks of that project only', () => {
    const row = {
      ...member,
      project_is_billable: 1 as const,
      client_id: 2,
      client_name: 'Babbage Ltd',
      client_currency: 'GBP',
    };
    const other = { ...task, id: 13, project_id: 4, task_id: 6, task_name: 'Build' };
    const [only] = projectAssignmentsOf(
      { page: { rows: [row], total: 1, hasOlder: false, hasNewer: false }, tasks: [task, other] },
      admin,
    );
    expect(only?.project).toEqual({ id: 3, name: 'Engine', code: 'ENG', isBillable: true });
    expect(only?.client).toEqual({ id: 2, name: 'Babbage Ltd', currency: 'GBP' });
    expect(only?.taskAssignments.map((t) => t.id)).toEqual([12]);
  });
});
