import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type {
  Database,
  TaskAssignmentsTable,
  UserAssignmentsTable,
} from '../../db/database-types.ts';
import { pageNewestFirst, type Page } from '../../db/paginate.ts';
import type { PageRequest } from '../../shared/pagination.ts';

export type UserAssignmentRow = Selectable<UserAssignmentsTable>;
export type TaskAssignmentRow = Selectable<TaskAssignmentsTable>;

/** An assignment with the names Harvest nests in it. */
export type UserAssignmentView = UserAssignmentRow & {
  project_name: string;
  project_code: string | null;
  user_first_name: string;
  user_last_name: string;
};
export type TaskAssignmentView = TaskAssignmentRow & {
  project_name: string;
  project_code: string | null;
  task_name: string;
};

export interface AssignmentFilters {
  projectId?: number;
  /** Restrict to these projects (those a manager manages). */
  projectIds?: number[];
  userId?: number;
  isActive?: boolean;
  updatedSince?: number;
}

function userAssignments(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('user_assignments as a')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .innerJoin('users as u', 'u.id', 'a.user_id')
    .selectAll('a')
    .select([
      'p.name as project_name',
      'p.code as project_code',
      'u.first_name as user_first_name',
      'u.last_name as user_last_name',
    ])
    .where('a.account_id', '=', accountId)
    .where('p.deleted_at', 'is', null);
}

function taskAssignments(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('task_assignments as a')
    .innerJoin('projects as p', 'p.id', 'a.project_id')
    .innerJoin('tasks as t', 't.id', 'a.task_id')
    .selectAll('a')
    .select(['p.name as project_name', 'p.code as project_code', 't.name as task_name'])
    .where('a.account_id', '=', accountId)
    .where('p.deleted_at', 'is', null)
    .where('t.deleted_at', 'is', null);
}

export function listUserAssignments(
  db: Kysely<Database>,
  accountId: number,
  filters: AssignmentFilters,
  request: PageRequest,
): Promise<Page<UserAssignmentView>> {
  let query = userAssignments(db, accountId);
  if (filters.projectId !== undefined) query = query.where('a.project_id', '=', filters.projectId);
  if (filters.projectIds !== undefined)
    query = query.where('a.project_id', 'in', [-1, ...filters.projectIds]);
  if (filters.userId !== undefined) query = query.where('a.user_id', '=', filters.userId);
  if (filters.isActive !== undefined)
    query = query.where('a.is_active', '=', filters.isActive ? 1 : 0);
  if (filters.updatedSince !== undefined)
    query = query.where('a.updated_at', '>=', filters.updatedSince);
  return pageNewestFirst(query, 'a.id', request);
}

export function listTaskAssignments(
  db: Kysely<Database>,
  accountId: number,
  filters: AssignmentFilters,
  request: PageRequest,
): Promise<Page<TaskAssignmentView>> {
  let query = taskAssignments(db, accountId);
  if (filters.projectId !== undefined) query = query.where('a.project_id', '=', filters.projectId);
  if (filters.projectIds !== undefined)
    query = query.where('a.project_id', 'in', [-1, ...filters.projectIds]);
  if (filters.isActive !== undefined)
    query = query.where('a.is_active', '=', filters.isActive ? 1 : 0);
  if (filters.updatedSince !== undefined)
    query = query.where('a.updated_at', '>=', filters.updatedSince);
  return pageNewestFirst(query, 'a.id', request);
}

export function findUserAssignment(
  db: Kysely<Database>,
  accountId: number,
  projectId: number,
  id: number,
): Promise<UserAssignmentView | undefined> {
  return userAssignments(db, accountId)
    .where('a.project_id', '=', projectId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export function findTaskAssignment(
  db: Kysely<Database>,
  accountId: number,
  projectId: number,
  id: number,
): Promise<TaskAssignmentView | undefined> {
  return taskAssignments(db, accountId)
    .where('a.project_id', '=', projectId)
    .where('a.id', '=', id)
    .executeTakeFirst();
}

export function findUserAssignmentOf(db: Kysely<Database>, projectId: number, userId: number) {
  return db
    .selectFrom('user_assignments')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export function findTaskAssignmentOf(db: Kysely<Database>, projectId: number, taskId: number) {
  return db
    .selectFrom('task_assignments')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('task_id', '=', taskId)
    .executeTakeFirst();
}

export function insertUserAssignment(
  db: Kysely<Database>,
  values: Insertable<UserAssignmentsTable>,
): Promise<UserAssignmentRow> {
  return db.insertInto('user_assignments').values(values).returningAll().executeTakeFirstOrThrow();
}

export function insertTaskAssignment(
  db: Kysely<Database>,
  values: Insertable<TaskAssignmentsTable>,
): Promise<TaskAssignmentRow> {
  return db.insertInto('task_assignments').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateUserAssignment(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<UserAssignmentsTable>,
): Promise<void> {
  await db.updateTable('user_assignments').set(changes).where('id', '=', id).execute();
}

export async function updateTaskAssignment(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<TaskAssignmentsTable>,
): Promise<void> {
  await db.updateTable('task_assignments').set(changes).where('id', '=', id).execute();
}

export async function deleteUserAssignment(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('user_assignments').where('id', '=', id).execute();
}

export async function deleteTaskAssignment(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('task_assignments').where('id', '=', id).execute();
}

/**
 * The projects a person is actively assigned to, with their client and active task
 * assignments: what a timer client may track time to.
 */
export async function findProjectAssignments(
  db: Kysely<Database>,
  accountId: number,
  userId: number,
  request: PageRequest,
) {
  const page = await pageNewestFirst(
    db
      .selectFrom('user_assignments as a')
      .innerJoin('projects as p', 'p.id', 'a.project_id')
      .innerJoin('clients as c', 'c.id', 'p.client_id')
      .selectAll('a')
      .select([
        'p.name as project_name',
        'p.code as project_code',
        'p.is_billable as project_is_billable',
        'c.id as client_id',
        'c.name as client_name',
        'c.currency as client_currency',
      ])
      .where('a.account_id', '=', accountId)
      .where('a.user_id', '=', userId)
      .where('a.is_active', '=', 1)
      .where('p.is_active', '=', 1)
      .where('p.deleted_at', 'is', null),
    'a.id',
    request,
  );
  const projectIds = page.rows.map((r) => r.project_id);
  const tasks =
    projectIds.length === 0
      ? []
      : await taskAssignments(db, accountId)
          .where('a.project_id', 'in', projectIds)
          .where('a.is_active', '=', 1)
          .where('t.is_active', '=', 1)
          .orderBy('a.id')
          .execute();
  return { page, tasks };
}

/** People who join every new project automatically. */
export function findFutureProjectPeople(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('users')
    .select(['id', 'access_level'])
    .where('account_id', '=', accountId)
    .where('has_access_to_all_future_projects', '=', 1)
    .where('is_active', '=', 1)
    .orderBy('id')
    .execute();
}

/** A deleted project's assignments go with it; its time stays (soft-deleted with it). */
export async function deleteAssignmentsOfProject(db: Kysely<Database>, projectId: number) {
  await db.deleteFrom('task_assignments').where('project_id', '=', projectId).execute();
  await db.deleteFrom('user_assignments').where('project_id', '=', projectId).execute();
}

/** A deleted task leaves the projects it was assigned to. */
export async function deleteTaskAssignmentsOfTask(
  db: Kysely<Database>,
  taskId: number,
): Promise<void> {
  await db.deleteFrom('task_assignments').where('task_id', '=', taskId).execute();
}

/** A deleted person leaves the projects they were on. */
export async function deleteUserAssignmentsOfPerson(
  db: Kysely<Database>,
  userId: number,
): Promise<void> {
  await db.deleteFrom('user_assignments').where('user_id', '=', userId).execute();
}
