import { refusal, type Refusal } from '../../shared/domain-error.ts';
import { PROJECT_ERRORS } from './projects.errors.ts';
/** How billable rates are chosen for a project's time (note Harvest's capitalisation). */
export const BILL_BY = ['Project', 'Tasks', 'People', 'none'] as const;
/** What a project's budget counts. */
export const BUDGET_BY = [
  'project',
  'project_cost',
  'task',
  'task_fees',
  'person',
  'none',
] as const;

export interface ProjectDates {
  starts_on: string | null;
  ends_on: string | null;
}

/** Cross-field checks the schema cannot express; each problem is a coded refusal. */
export function projectProblems(
  project: ProjectDates & { is_fixed_fee: boolean; fee: number | null },
): Refusal[] {
  const problems: Refusal[] = [];
  if (project.starts_on && project.ends_on && project.ends_on < project.starts_on) {
    problems.push(refusal(PROJECT_ERRORS.endsBeforeStarts));
  }
  if (!project.is_fixed_fee && project.fee !== null && project.fee > 0) {
    problems.push(refusal(PROJECT_ERRORS.feeWithoutFixedFee));
  }
  return problems;
}

/**
 * Who manages a project by default when assigned: Harvest makes administrators and managers
 * project managers of projects they are added to, members not.
 */
export function isProjectManagerByDefault(accessLevel: string): boolean {
  return accessLevel === 'administrator' || accessLevel === 'manager';
}
