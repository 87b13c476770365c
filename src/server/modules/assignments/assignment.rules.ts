import type { AccessLevel, ManagerPermission } from '../auth/auth.rules.ts';
import { seesBillableRates } from '../users/users.rules.ts';
import type {
  findProjectAssignments,
  TaskAssignmentView,
  UserAssignmentView,
} from './assignments.repository.ts';

type Viewer = { accessLevel: AccessLevel; managerPermissions: readonly ManagerPermission[] };

/**
 * A person on a project as the core hands it out: camelCase, flags as booleans, the hourly
 * rate already null for a viewer who may not see billable rates (§2.5).
 */
export interface UserAssignment extends PersonTerms {
  id: number;
  project: { id: number; name: string; code: string | null };
  person: { id: number; firstName: string; lastName: string };
}

/** What a person's assignment says, on its own and in a person's list of projects. */
interface PersonTerms {
  isActive: boolean;
  isProjectManager: boolean;
  useDefaultRates: boolean;
  hourlyRateCents: number | null;
  budgetHundredths: number | null;
  createdAt: number;
  updatedAt: number;
}

/** A task on a project, the same way. */
export interface TaskAssignment {
  id: number;
  project: { id: number; name: string; code: string | null };
  task: { id: number; name: string };
  isActive: boolean;
  billable: boolean;
  hourlyRateCents: number | null;
  budgetHundredths: number | null;
  createdAt: number;
  updatedAt: number;
}

/** One of a person's active projects, with its client and its active tasks. */
export interface ProjectAssignment extends PersonTerms {
  id: number;
  project: { id: number; name: string; code: string | null; isBillable: boolean };
  client: { id: number; name: string; currency: string };
  taskAssignments: TaskAssignment[];
}

type PersonTermsRow = Pick<
  UserAssignmentView,
  | 'is_active'
  | 'is_project_manager'
  | 'use_default_rates'
  | 'hourly_rate_cents'
  | 'budget_hundredths'
  | 'created_at'
  | 'updated_at'
>;

function personTermsOf(row: PersonTermsRow, seesRates: boolean): PersonTerms {
  return {
    isActive: row.is_active === 1,
    isProjectManager: row.is_project_manager === 1,
    useDefaultRates: row.use_default_rates === 1,
    hourlyRateCents: seesRates ? row.hourly_rate_cents : null,
    budgetHundredths: row.budget_hundredths,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function userAssignmentOf(row: UserAssignmentView, viewer: Viewer): UserAssignment {
  return {
    id: row.id,
    project: { id: row.project_id, name: row.project_name, code: row.project_code },
    person: { id: row.user_id, firstName: row.user_first_name, lastName: row.user_last_name },
    ...personTermsOf(row, seesBillableRates(viewer)),
  };
}

export function taskAssignmentOf(row: TaskAssignmentView, viewer: Viewer): TaskAssignment {
  return {
    id: row.id,
    project: { id: row.project_id, name: row.project_name, code: row.project_code },
    task: { id: row.task_id, name: row.task_name },
    isActive: row.is_active === 1,
    billable: row.billable === 1,
    hourlyRateCents: seesBillableRates(viewer) ? row.hourly_rate_cents : null,
    budgetHundredths: row.budget_hundredths,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** A page of a person's projects, each with the tasks of its project. */
export function projectAssignmentsOf(
  result: Awaited<ReturnType<typeof findProjectAssignments>>,
  viewer: Viewer,
): ProjectAssignment[] {
  const seesRates = seesBillableRates(viewer);
  return result.page.rows.map((row) => ({
    id: row.id,
    project: {
      id: row.project_id,
      name: row.project_name,
      code: row.project_code,
      isBillable: row.project_is_billable === 1,
    },
    client: { id: row.client_id, name: row.client_name, currency: row.client_currency },
    ...personTermsOf(row, seesRates),
    taskAssignments: result.tasks
      .filter((task) => task.project_id === row.project_id)
      .map((task) => taskAssignmentOf(task, viewer)),
  }));
}
