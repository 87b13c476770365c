import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { ClientsTable, Database } from '../../db/database-types.ts';
import { pageNewestFirst, type Page } from '../../db/paginate.ts';
import type { PageRequest } from '../../shared/pagination.ts';

export type ClientRow = Selectable<ClientsTable>;

export interface ClientFilters {
  isActive?: boolean;
  updatedSince?: number;
}

function live(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('clients')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null);
}

export function findClient(
  db: Kysely<Database>,
  accountId: number,
  id: number,
): Promise<ClientRow | undefined> {
  return live(db, accountId).where('id', '=', id).executeTakeFirst();
}

export function listClients(
  db: Kysely<Database>,
  accountId: number,
  filters: ClientFilters,
  request: PageRequest,
): Promise<Page<ClientRow>> {
  let query = live(db, accountId);
  if (filters.isActive !== undefined)
    query = query.where('is_active', '=', filters.isActive ? 1 : 0);
  if (filters.updatedSince !== undefined)
    query = query.where('updated_at', '>=', filters.updatedSince);
  return pageNewestFirst(query, 'id', request);
}

export function insertClient(
  db: Kysely<Database>,
  values: Insertable<ClientsTable>,
): Promise<ClientRow> {
  return db.insertInto('clients').values(values).returningAll().executeTakeFirstOrThrow();
}

export function updateClient(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<ClientsTable>,
): Promise<ClientRow> {
  return db
    .updateTable('clients')
    .set(changes)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Live projects under the client: while any exist, the client cannot be deleted. */
export async function countLiveProjects(db: Kysely<Database>, clientId: number): Promise<number> {
  const row = await db
    .selectFrom('projects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('client_id', '=', clientId)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return row.n;
}
