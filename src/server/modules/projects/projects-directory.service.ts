import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { forbidden, notFound } from '../../shared/domain-error.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import {
  findManagedProjectIds,
  findProject,
  findProjectBySegment,
  type ProjectWithClient,
} from './projects.repository.ts';

/**
 * The projects as the modules the projects service is itself built on read them (time entries,
 * assignments): which exist, who manages which. Every call runs in the caller's unit of work
 * and it has no dependency of its own, so those modules need neither the projects repository nor
 * the projects service.
 */
export interface ProjectsDirectory {
  /** Whether the account has this project, asked in the caller's unit of work. */
  existsIn: (tx: Kysely<Database>, accountId: number, id: number) => Promise<boolean>;
  /** The ids of the projects a person manages. */
  managedProjectIdsIn: (tx: Kysely<Database>, userId: number) => Promise<number[]>;
  /** The project a Flowtly IRI segment names, as stored, read in the caller's unit of work. */
  bySegmentIn: (
    tx: Kysely<Database>,
    accountId: number,
    segment: string,
  ) => Promise<{ id: number; is_active: number } | undefined>;
  /** The project, if the actor may manage it (edit it, assign people and tasks). */
  loadManageable: (tx: Kysely<Database>, actor: Actor, id: number) => Promise<ProjectWithClient>;
  /** The project, whoever asks; not found when the account has none such. */
  load: (tx: Kysely<Database>, actor: Actor, id: number) => Promise<ProjectWithClient>;
  /** Whether the actor manages this project (an administrator manages all). */
  managedBy: (tx: Kysely<Database>, actor: Actor, projectId: number) => Promise<boolean>;
}

export function createProjectsDirectory(): ProjectsDirectory {
  async function load(tx: Kysely<Database>, actor: Actor, id: number): Promise<ProjectWithClient> {
    const project = await findProject(tx, actor.accountId, id);
    if (!project) throw notFound('project');
    return project;
  }

  async function managedBy(tx: Kysely<Database>, actor: Actor, projectId: number) {
    if (isAdministrator(actor)) return true;
    if (actor.accessLevel !== 'manager') return false;
    return (await findManagedProjectIds(tx, actor.userId)).includes(projectId);
  }

  return {
    load,
    managedBy,
    async loadManageable(tx, actor, id) {
      const project = await load(tx, actor, id);
      if (!(await managedBy(tx, actor, id))) throw forbidden();
      return project;
    },
    existsIn: async (tx, accountId, id) => (await findProject(tx, accountId, id)) !== undefined,
    managedProjectIdsIn: (tx, userId) => findManagedProjectIds(tx, userId),
    bySegmentIn: (tx, accountId, segment) => findProjectBySegment(tx, accountId, segment),
  };
}
