import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, ProjectRatesTable } from '../../db/database-types.ts';
import { supportsRowLocks } from '../../db/dialect.ts';

export type ProjectRateRow = Selectable<ProjectRatesTable> & { currency: string };

/** A person's per-project rates, oldest first, with the currency of each project's client. */
export function listProjectRates(db: Kysely<Database>, userId: number): Promise<ProjectRateRow[]> {
  return db
    .selectFrom('project_rates as r')
    .innerJoin('projects as p', 'p.id', 'r.project_id')
    .innerJoin('clients as c', 'c.id', 'p.client_id')
    .selectAll('r')
    .select('c.currency')
    .where('r.user_id', '=', userId)
    .where('p.deleted_at', 'is', null)
    .orderBy('r.project_id')
    .orderBy('r.date_from')
    .execute();
}

export async function insertProjectRate(
  db: Kysely<Database>,
  values: Omit<Insertable<ProjectRatesTable>, 'created_at' | 'updated_at'> & { at: number },
): Promise<number> {
  const { at, ...rest } = values;
  const row = await db
    .insertInto('project_rates')
    .values({ ...rest, created_at: at, updated_at: at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateProjectRate(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<ProjectRatesTable>,
): Promise<void> {
  await db.updateTable('project_rates').set(changes).where('id', '=', id).execute();
}

export async function deleteProjectRate(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('project_rates').where('id', '=', id).execute();
}

/**
 * Serializes rate changes for one person, so two concurrent writes cannot both pass the overlap
 * check. PostgreSQL locks the person's row; SQLite already lets one writer in at a time.
 */
export async function lockPersonForRates(db: Kysely<Database>, userId: number): Promise<void> {
  if (!supportsRowLocks(db)) return;
  await db.selectFrom('users').select('id').where('id', '=', userId).forUpdate().execute();
}

/** The project rates of several people at once, for pricing a page of time entries. */
