import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { transactionOr } from '../../db/errors.ts';
import { eventActorOf, rowSnapshot } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import type { Page } from '../../db/paginate.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, notFound } from '../../shared/domain-error.ts';
import { ROLE_ERRORS } from './roles.errors.ts';
import type { PageRequest } from '../../shared/pagination.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import {
  deleteRole,
  findAccountUserIds,
  findRole,
  findRoleByName,
  findRoleUserIds,
  insertRole,
  listRoles,
  replaceRoleUsers,
  setRoleNames,
  updateRole,
  type RoleRow,
} from './roles.repository.ts';

/** A role as stored, with its people: what the service reads and records events of. */
interface RoleView {
  id: number;
  row: RoleRow;
  userIds: number[];
}

/** A business role as the core hands it out: a label on people (administrators only). */
export interface Role {
  id: number;
  name: string;
  /** The people who carry it, by id. */
  userIds: number[];
  createdAt: number;
  updatedAt: number;
}

const roleOf = (view: RoleView): Role => ({
  id: view.id,
  name: view.row.name,
  userIds: view.userIds,
  createdAt: view.row.created_at,
  updatedAt: view.row.updated_at,
});

/** A business role: a label on people (administrators only). */
export interface CreateRole {
  name: string;
  /** The people who carry it; left out, nobody yet. */
  userIds?: number[];
}

/** Changes to a role: left out stays; `userIds` replaces the people who carry it. */
export type UpdateRole = Partial<CreateRole>;

export interface RolesService {
  listRoles(actor: Actor, page: PageRequest): Promise<Page<Role>>;
  getRole(actor: Actor, id: number): Promise<Role>;
  createRole(actor: Actor, command: CreateRole): Promise<Role>;
  updateRole(actor: Actor, id: number, command: UpdateRole): Promise<Role>;
  deleteRole(actor: Actor, id: number): Promise<Role>;
  /**
   * Gives a person exactly these roles by name, in the caller's unit of work (a person's create
   * or update), creating the roles that do not exist yet.
   */
  setRolesOfPersonIn(
    tx: Kysely<Database>,
    accountId: number,
    userId: number,
    names: readonly string[],
  ): Promise<void>;
}

export function createRolesService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
}): RolesService {
  const { db, clock, events } = deps;

  function roleEvent(
    tx: Kysely<Database>,
    actor: Actor,
    type: 'role.created' | 'role.updated' | 'role.deleted',
    before: RoleView | null,
    after: RoleView | null,
  ) {
    const snapshot = (view: RoleView) => ({ ...rowSnapshot(view.row), userIds: view.userIds });
    return events.record(tx, eventActorOf(actor), {
      type,
      entityId: (after ?? before)?.id ?? 0,
      before: before && snapshot(before),
      after: after && snapshot(after),
    });
  }

  // Roles are managed by administrators only (§6.8).
  function assertAdmin(actor: Actor): void {
    if (!isAdministrator(actor)) throw forbidden();
  }

  async function load(tx: Kysely<Database>, actor: Actor, id: number): Promise<RoleView> {
    const row = await findRole(tx, actor.accountId, id);
    if (!row) throw notFound('role');
    const userIds = (await findRoleUserIds(tx, [id])).get(id) ?? [];
    return { id, row, userIds };
  }

  async function checkedUserIds(tx: Kysely<Database>, actor: Actor, ids: number[]) {
    const unique = [...new Set(ids)];
    const known = await findAccountUserIds(tx, actor.accountId, unique);
    const unknown = unique.filter((id) => !known.has(id));
    if (unknown.length > 0)
      throw invalid(ROLE_ERRORS.personNotFound, { userIds: unknown.join(', ') });
    return unique;
  }

  const inTransaction = <T>(work: (tx: Kysely<Database>) => Promise<T>): Promise<T> =>
    transactionOr(db, () => invalid(ROLE_ERRORS.nameTaken), work);

  return {
    setRolesOfPersonIn: (tx, accountId, userId, names) =>
      setRoleNames(tx, accountId, userId, [...names], clock.now().getTime()),

    async listRoles(actor, page) {
      assertAdmin(actor);
      const result = await listRoles(db, actor.accountId, page);
      const members = await findRoleUserIds(
        db,
        result.rows.map((r) => r.id),
      );
      return {
        ...result,
        rows: result.rows.map((row) =>
          roleOf({ id: row.id, row, userIds: members.get(row.id) ?? [] }),
        ),
      };
    },

    async getRole(actor, id) {
      assertAdmin(actor);
      return roleOf(await load(db, actor, id));
    },

    async createRole(actor, command) {
      assertAdmin(actor);
      const name = command.name.trim();
      if (name === '') throw invalid(ROLE_ERRORS.nameBlank);
      return inTransaction(async (tx) => {
        if (await findRoleByName(tx, actor.accountId, name)) throw invalid(ROLE_ERRORS.nameTaken);
        const userIds = await checkedUserIds(tx, actor, command.userIds ?? []);
        const row = await insertRole(tx, {
          account_id: actor.accountId,
          name,
          at: clock.now().getTime(),
        });
        await replaceRoleUsers(tx, row.id, userIds);
        const created = await load(tx, actor, row.id);
        await roleEvent(tx, actor, 'role.created', null, created);
        return roleOf(created);
      });
    },

    async updateRole(actor, id, command) {
      assertAdmin(actor);
      const name = command.name?.trim();
      if (name === '') throw invalid(ROLE_ERRORS.nameBlank);
      return inTransaction(async (tx) => {
        const before = await load(tx, actor, id);
        if (name !== undefined) {
          const clash = await findRoleByName(tx, actor.accountId, name);
          if (clash && clash.id !== id) throw invalid(ROLE_ERRORS.nameTaken);
        }
        if (command.userIds !== undefined) {
          await replaceRoleUsers(tx, id, await checkedUserIds(tx, actor, command.userIds));
        }
        await updateRole(tx, id, { name, updated_at: clock.now().getTime() });
        const after = await load(tx, actor, id);
        await roleEvent(tx, actor, 'role.updated', before, after);
        return roleOf(after);
      });
    },

    async deleteRole(actor, id) {
      assertAdmin(actor);
      return db.transaction().execute(async (tx) => {
        const view = await load(tx, actor, id);
        await deleteRole(tx, id);
        await roleEvent(tx, actor, 'role.deleted', view, null);
        return roleOf(view);
      });
    },
  };
}
