import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type {
  TaskAssignmentView,
  UserAssignmentView,
  findProjectAssignments,
} from './assignments.repository.ts';
import type {
  HarvestProjectAssignment,
  HarvestTaskAssignment,
  HarvestUserAssignment,
} from './assignments.schemas.ts';

const amount = (hundredths: number | null) => (hundredths === null ? null : fromCents(hundredths));

/**
 * What the viewer may see: `seesRates` (users.rules `seesBillableRates`) shows hourly rates;
 * without it they are null, as Harvest hides them (§2.5).
 */
export interface AssignmentViewer {
  seesRates: boolean;
}

export function presentHarvestUserAssignment(
  row: UserAssignmentView,
  viewer: AssignmentViewer,
): HarvestUserAssignment {
  return {
    id: row.id,
    project: { id: row.project_id, name: row.project_name, code: row.project_code },
    user: { id: row.user_id, name: `${row.user_first_name} ${row.user_last_name}`.trim() },
    is_active: row.is_active === 1,
    is_project_manager: row.is_project_manager === 1,
    use_default_rates: row.use_default_rates === 1,
    hourly_rate: viewer.seesRates ? amount(row.hourly_rate_cents) : null,
    budget: amount(row.budget_hundredths),
    created_at: toWireInstant(row.created_at),
    updated_at: toWireInstant(row.updated_at),
  };
}

export function presentHarvestTaskAssignment(
  row: TaskAssignmentView,
  viewer: AssignmentViewer,
): HarvestTaskAssignment {
  return {
    id: row.id,
    project: { id: row.project_id, name: row.project_name, code: row.project_code },
    task: { id: row.task_id, name: row.task_name },
    is_active: row.is_active === 1,
    billable: row.billable === 1,
    hourly_rate: viewer.seesRates ? amount(row.hourly_rate_cents) : null,
    budget: amount(row.budget_hundredths),
    created_at: toWireInstant(row.created_at),
    updated_at: toWireInstant(row.updated_at),
  };
}

type ProjectAssignments = Awaited<ReturnType<typeof findProjectAssignments>>;

export function presentHarvestProjectAssignments(
  result: ProjectAssignments,
  viewer: AssignmentViewer,
): HarvestProjectAssignment[] {
  return result.page.rows.map((row) => ({
    id: row.id,
    is_project_manager: row.is_project_manager === 1,
    is_active: row.is_active === 1,
    use_default_rates: row.use_default_rates === 1,
    budget: amount(row.budget_hundredths),
    created_at: toWireInstant(row.created_at),
    updated_at: toWireInstant(row.updated_at),
    hourly_rate: viewer.seesRates ? amount(row.hourly_rate_cents) : null,
    project: {
      id: row.project_id,
      name: row.project_name,
      code: row.project_code,
      is_billable: row.project_is_billable === 1,
    },
    client: { id: row.client_id, name: row.client_name, currency: row.client_currency },
    task_assignments: result.tasks
      .filter((task) => task.project_id === row.project_id)
      .map((task) => presentHarvestTaskAssignment(task, viewer)),
  }));
}
