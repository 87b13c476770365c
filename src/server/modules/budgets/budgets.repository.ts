import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';

/** The account's projects that budget something, with what their budgets add up from. */
export async function findBudgetedProjects(
  db: Kysely<Database>,
  accountId: number,
  filter: { projectIds?: readonly number[]; isActive?: boolean },
) {
  let q = db
    .selectFrom('projects as p')
    .innerJoin('clients as c', 'c.id', 'p.client_id')
    .select([
      'p.id',
      'p.name',
      'p.code',
      'p.is_active',
      'p.budget_by',
      'p.budget_hundredths',
      'p.cost_budget_cents',
      'p.budget_is_monthly',
      'p.notify_when_over_budget',
      'p.over_budget_notification_percentage',
      'p.show_budget_to_all',
      'p.starts_on',
      'p.ends_on',
      'c.id as client_id',
      'c.name as client_name',
      'c.currency',
    ])
    .where('p.account_id', '=', accountId)
    .where('p.budget_by', '!=', 'none')
    .orderBy('p.name')
    .orderBy('p.id');
  if (filter.projectIds) {
    if (filter.projectIds.length === 0) return [];
    q = q.where('p.id', 'in', [...filter.projectIds]);
  }
  if (filter.isActive !== undefined) q = q.where('p.is_active', '=', filter.isActive ? 1 : 0);
  return q.execute();
}

/** The task and person budgets of some projects (task, task_fees and person budgets). */
export async function findAssignmentBudgets(db: Kysely<Database>, projectIds: readonly number[]) {
  if (projectIds.length === 0) return { tasks: [], people: [] };
  const [tasks, people] = await Promise.all([
    db
      .selectFrom('task_assignments')
      .select(['project_id', 'budget_hundredths'])
      .where('project_id', 'in', [...projectIds])
      .where('budget_hundredths', 'is not', null)
      .execute(),
    db
      .selectFrom('user_assignments')
      .select(['project_id', 'budget_hundredths'])
      .where('project_id', 'in', [...projectIds])
      .where('budget_hundredths', 'is not', null)
      .execute(),
  ]);
  return { tasks, people };
}

export function findBudgetStates(db: Kysely<Database>, projectIds: readonly number[]) {
  if (projectIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('budget_states')
    .selectAll()
    .where('project_id', 'in', [...projectIds])
    .execute();
}

export async function saveBudgetState(
  db: Kysely<Database>,
  state: {
    project_id: number;
    account_id: number;
    period: string;
    level: number;
    runs_out_on: string | null;
    updated_at: number;
  },
): Promise<void> {
  await db
    .insertInto('budget_states')
    .values(state)
    .onConflict((oc) =>
      oc.column('project_id').doUpdateSet({
        period: state.period,
        level: state.level,
        runs_out_on: state.runs_out_on,
        updated_at: state.updated_at,
      }),
    )
    .execute();
}
