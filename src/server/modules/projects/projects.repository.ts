import type { Insertable, Kysely, Selectable, Updateable } from 'kysely';
import type { Database, ProjectsTable } from '../../db/database-types.ts';
import { pageNewestFirst, type Page } from '../../db/paginate.ts';
import type { PageRequest } from '../../shared/pagination.ts';

export type ProjectRow = Selectable<ProjectsTable>;
export type ProjectWithClient = ProjectRow & {
  client_name: string;
  client_currency: string;
  client_is_active: number;
};

export interface ProjectFilters {
  isActive?: boolean;
  clientId?: number;
  updatedSince?: number;
  /** Restrict to these projects (those a manager manages). */
  onlyIds?: number[];
}

function live(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('projects')
    .innerJoin('clients', 'clients.id', 'projects.client_id')
    .selectAll('projects')
    .select([
      'clients.name as client_name',
      'clients.currency as client_currency',
      'clients.is_active as client_is_active',
    ])
    .where('projects.account_id', '=', accountId)
    .where('projects.deleted_at', 'is', null);
}

export function findProject(
  db: Kysely<Database>,
  accountId: number,
  id: number,
): Promise<ProjectWithClient | undefined> {
  return live(db, accountId).where('projects.id', '=', id).executeTakeFirst();
}

export function findProjectByName(
  db: Kysely<Database>,
  clientId: number,
  name: string,
): Promise<ProjectRow | undefined> {
  return db
    .selectFrom('projects')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('name', '=', name)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export function listProjects(
  db: Kysely<Database>,
  accountId: number,
  filters: ProjectFilters,
  request: PageRequest,
): Promise<Page<ProjectWithClient>> {
  let query = live(db, accountId);
  if (filters.isActive !== undefined) {
    query = query.where('projects.is_active', '=', filters.isActive ? 1 : 0);
  }
  if (filters.clientId !== undefined)
    query = query.where('projects.client_id', '=', filters.clientId);
  if (filters.updatedSince !== undefined) {
    query = query.where('projects.updated_at', '>=', filters.updatedSince);
  }
  if (filters.onlyIds !== undefined) {
    query =
      filters.onlyIds.length > 0
        ? query.where('projects.id', 'in', filters.onlyIds)
        : query.where('projects.id', '=', -1);
  }
  return pageNewestFirst(query, 'projects.id', request);
}

export function insertProject(
  db: Kysely<Database>,
  values: Insertable<ProjectsTable>,
): Promise<ProjectRow> {
  return db.insertInto('projects').values(values).returningAll().executeTakeFirstOrThrow();
}

export async function updateProject(
  db: Kysely<Database>,
  id: number,
  changes: Updateable<ProjectsTable>,
): Promise<void> {
  await db.updateTable('projects').set(changes).where('id', '=', id).execute();
}

/** Projects in which the person is an active project manager. */
export async function findManagedProjectIds(
  db: Kysely<Database>,
  userId: number,
): Promise<number[]> {
  const rows = await db
    .selectFrom('user_assignments')
    .select('project_id')
    .where('user_id', '=', userId)
    .where('is_project_manager', '=', 1)
    .where('is_active', '=', 1)
    .execute();
  return rows.map((r) => r.project_id);
}

/** Lower-case words joined by hyphens: "Aurora Website" → "aurora-website". */
export function slugOf(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The project a Flowtly IRI segment names: `12` or `prj_12` by id, otherwise its code or the
 * slug of its name (`/api/projects/aurora`), case-insensitively.
 */
export async function findProjectBySegment(
  db: Kysely<Database>,
  accountId: number,
  segment: string,
): Promise<ProjectWithClient | undefined> {
  const numeric = /^(?:prj_)?(\d{1,15})$/.exec(segment);
  if (numeric) return findProject(db, accountId, Number(numeric[1]));
  const wanted = segment.toLowerCase();
  const candidates = await live(db, accountId).execute();
  return (
    candidates.find((p) => p.code !== null && p.code.toLowerCase() === wanted) ??
    candidates.find((p) => slugOf(p.name) === slugOf(segment))
  );
}
