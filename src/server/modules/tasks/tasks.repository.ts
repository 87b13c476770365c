import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, TasksTable } from '../../db/database-types.ts';
import { pageNewestFirst, type Page } from '../../db/paginate.ts';
import type { PageRequest } from '../../shared/pagination.ts';

export type TaskRow = Selectable<TasksTable>;

export interface TaskFilters {
  isActive?: boolean;
  updatedSince?: number;
}

function live(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('tasks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null);
}

export function findTask(
  db: Kysely<Database>,
  accountId: number,
  id: number,
): Promise<TaskRow | undefined> {
  return live(db, accountId).where('id', '=', id).executeTakeFirst();
}

export function findTaskByName(
  db: Kysely<Database>,
  accountId: number,
  name: string,
): Promise<TaskRow | undefined> {
  return live(db, accountId).where('name', '=', name).executeTakeFirst();
}

export function listTasks(
  db: Kysely<Database>,
  accountId: number,
  filters: TaskFilters,
  request: PageRequest,
): Promise<Page<TaskRow>> {
  let query = live(db, accountId);
  if (filters.isActive !== undefined)
    query = query.where('is_active', '=', filters.isActive ? 1 : 0);
  if (filters.updatedSince !== undefined)
    query = query.where('updated_at', '>=', filters.updatedSince);
  return pageNewestFirst(query, 'id', request);
}

/** Tasks added to every new project (`is_default`), oldest first. */
export function listDefaultTasks(db: Kysely<Database>, accountId: number): Promise<TaskRow[]> {
  return live(db, accountId)
    .where('is_default', '=', 1)
    .where('is_active', '=', 1)
    .orderBy('id')
    .execute();
}

export function insertTask(db: Kysely<Database>, values: Insertable<TasksTable>): Promise<TaskRow> {
  return db.insertInto('tasks').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateTask(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<TasksTable>,
): Promise<TaskRow> {
  return db
    .updateTable('tasks')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
