import { fromCents } from '../../shared/money.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { ProjectAssignment, TaskAssignment, UserAssignment } from './assignment.rules.ts';
import type {
  HarvestProjectAssignment,
  HarvestTaskAssignment,
  HarvestUserAssignment,
} from './assignments.schemas.ts';

const amount = (hundredths: number | null) => (hundredths === null ? null : fromCents(hundredths));

/** Rates arrive already null for a viewer who may not see them (§2.5). */
export function presentHarvestUserAssignment(assignment: UserAssignment): HarvestUserAssignment {
  const { person } = assignment;
  return {
    id: assignment.id,
    project: assignment.project,
    user: { id: person.id, name: `${person.firstName} ${person.lastName}`.trim() },
    is_active: assignment.isActive,
    is_project_manager: assignment.isProjectManager,
    use_default_rates: assignment.useDefaultRates,
    hourly_rate: amount(assignment.hourlyRateCents),
    budget: amount(assignment.budgetHundredths),
    created_at: toWireInstant(assignment.createdAt),
    updated_at: toWireInstant(assignment.updatedAt),
  };
}

export function presentHarvestTaskAssignment(assignment: TaskAssignment): HarvestTaskAssignment {
  return {
    id: assignment.id,
    project: assignment.project,
    task: assignment.task,
    is_active: assignment.isActive,
    billable: assignment.billable,
    hourly_rate: amount(assignment.hourlyRateCents),
    budget: amount(assignment.budgetHundredths),
    created_at: toWireInstant(assignment.createdAt),
    updated_at: toWireInstant(assignment.updatedAt),
  };
}

export function presentHarvestProjectAssignment(
  assignment: ProjectAssignment,
): HarvestProjectAssignment {
  return {
    id: assignment.id,
    is_project_manager: assignment.isProjectManager,
    is_active: assignment.isActive,
    use_default_rates: assignment.useDefaultRates,
    budget: amount(assignment.budgetHundredths),
    created_at: toWireInstant(assignment.createdAt),
    updated_at: toWireInstant(assignment.updatedAt),
    hourly_rate: amount(assignment.hourlyRateCents),
    project: {
      id: assignment.project.id,
      name: assignment.project.name,
      code: assignment.project.code,
      is_billable: assignment.project.isBillable,
    },
    client: assignment.client,
    task_assignments: assignment.taskAssignments.map(presentHarvestTaskAssignment),
  };
}
