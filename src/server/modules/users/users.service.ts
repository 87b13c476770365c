import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { transactionOr } from '../../db/errors.ts';
import type { Page } from '../../db/paginate.ts';
import { localDate } from '../../../shared/dates.ts';
import { toBit } from '../../shared/bits.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid, invalidAll, notFound } from '../../shared/domain-error.ts';
import { USER_ERRORS } from './users.errors.ts';
import { amountFromInput } from '../../shared/money.ts';
import type { PageRequest } from '../../shared/pagination.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import { normalizeTimeZone } from '../accounts/accounts.rules.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import {
  hasClaim,
  isAdministrator,
  parseManagerPermissions,
  type Actor,
  type ManagerPermission,
} from '../auth/auth.rules.ts';
import { normalizeEmail } from '../setup/setup.rules.ts';
import { personOf, type Person } from './person.rules.ts';
import { createUsersDirectory, type UsersDirectory } from './users-directory.service.ts';
import { createAssignmentsDirectory } from '../assignments/assignments-directory.service.ts';
import type { RolesService } from '../roles/roles.service.ts';
import {
  countActiveAdministrators,
  deleteUser,
  deleteUserRates,
  findCurrentRates,
  findRoleNames,
  findTeammateIds,
  managesPerson,
  findUserByEmailInAccount,
  findUserById,
  findUsersByIds,
  insertUser,
  insertUserRate,
  listUserRates,
  listUsers,
  replaceTeammates,
  updateUser,
  type RateKind,
  type UserFilters,
  type UserRateRow,
  type UserRow,
} from './users.repository.ts';
import {
  managerEditProblem,
  profileProblems,
  parseAccessRoles,
  rateEndDates,
  ratesReplacedBy,
} from './users.rules.ts';
import { TIME_ENTRY_ERRORS } from '../time-entries/time-entries.errors.ts';
import { eventActorOf, rowSnapshot } from '../events/events.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import type { TimeEntriesService } from '../time-entries/time-entries.service.ts';

/** A person's rate over a period: from its start day (or always) until the next one starts. */
export interface Rate {
  id: number;
  userId: number;
  kind: 'billable' | 'cost';
  amountCents: number;
  startDate: string | null;
  /** The day before the next rate of its kind starts; null while it is the last. */
  endDate: string | null;
  createdAt: number;
  updatedAt: number;
}

/**
 * A person's rate from a day on (from the start, without one): per hour, in the account
 * currency. The periods it overlaps are replaced.
 */
export interface SetRate {
  amount: number;
  startDate?: string | null;
}

/** What Flowtly's Employee adds to a person; Harvest never sends these. */
export interface EmployeeExtras {
  contactEmail?: string | null;
  defaultProjectId?: number | null;
}

/**
 * A new person. Rates are per hour in the account currency; `accessRoles` are Harvest's words
 * for the access level and manager permissions, `roles` the business roles (labels).
 */
export interface CreatePerson extends EmployeeExtras {
  firstName: string;
  lastName: string;
  email: string;
  telephone?: string;
  timezone?: string;
  hasAccessToAllFutureProjects?: boolean;
  isContractor?: boolean;
  isActive?: boolean;
  weeklyCapacity?: number;
  defaultHourlyRate?: number | null;
  costRate?: number | null;
  roles?: string[];
  accessRoles?: string[];
}

/** Changes to a person: a field left out stays as it is. */
export type UpdatePerson = Partial<CreatePerson>;

/** A person's own settings; `locale` is the web app's language (null: the browser's). */
export interface UpdateProfile {
  firstName?: string;
  lastName?: string;
  timezone?: string;
  locale?: string | null;
}

/**
 * The fields a change names, by the names the manager rules (and their messages) use; the
 * employee record's own fields are not among those rules.
 */
function wireFields(command: UpdatePerson): Record<string, unknown> {
  const { contactEmail: _contact, defaultProjectId: _project, ...rest } = command;
  return Object.fromEntries(
    Object.entries(rest).map(([key, value]) => [
      key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`),
      value,
    ]),
  );
}

export interface UsersService extends Pick<
  UsersDirectory,
  'personIn' | 'teammateIdsIn' | 'setLoginIn'
> {
  getCurrentUser(actor: Actor): Promise<Person>;
  listUsers(actor: Actor, filters: UserFilters, page: PageRequest): Promise<Page<Person>>;
  getUser(actor: Actor, id: number): Promise<Person>;
  createUser(actor: Actor, command: CreatePerson): Promise<Person>;
  updateUser(actor: Actor, id: number, command: UpdatePerson): Promise<Person>;
  /** What everyone may change about themselves: name, time zone and language. */
  updateProfile(actor: Actor, command: UpdateProfile): Promise<Person>;
  deleteUser(actor: Actor, id: number): Promise<Person>;
  listRates(actor: Actor, userId: number, kind: RateKind): Promise<Rate[]>;
  getRate(actor: Actor, userId: number, kind: RateKind, rateId: number): Promise<Rate>;
  createRate(actor: Actor, userId: number, kind: RateKind, command: SetRate): Promise<Rate>;
  listTeammates(actor: Actor, managerId: number): Promise<UserRow[]>;
  updateTeammates(actor: Actor, managerId: number, teammateIds: number[]): Promise<UserRow[]>;
}

export function createUsersService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  /** The owner of time entries: whether time or a running timer stands in the way. */
  timeEntries: Pick<TimeEntriesService, 'hasRunningTimers' | 'hasTrackedTime'>;
  accounts: Pick<AccountsService, 'accountIn'>;
  projects: Pick<ProjectsService, 'existsIn'>;
  roles: Pick<RolesService, 'setRolesOfPersonIn'>;
}): UsersService {
  const { db, clock, events, timeEntries, accounts, projects } = deps;
  // Business roles (labels on people), not access roles: the roles module owns them.
  const businessRoles = deps.roles;
  const assignments = createAssignmentsDirectory();
  const directory = createUsersDirectory();

  /** A person's change as an event, visible to them and to whoever sees their time. */
  function personEventIn(
    tx: Kysely<Database>,
    actor: Actor,
    type: 'person.created' | 'person.updated' | 'person.deleted',
    before: UserRow | null,
    after: UserRow | null,
  ) {
    const person = (after ?? before) as UserRow;
    return events.record(tx, eventActorOf(actor), {
      type,
      entityId: person.id,
      userId: person.id,
      before: before && rowSnapshot(before, ['identity_id']),
      after: after && rowSnapshot(after, ['identity_id']),
    });
  }

  // Takes the caller's connection: inside a transaction, a query on `db` would wait for the
  // transaction's own connection (SQLite has one) and never return.
  async function today(tx: Kysely<Database>, accountId: number): Promise<string> {
    const account = await accounts.accountIn(tx, accountId);
    return localDate(clock.now(), account?.timezone ?? 'UTC');
  }

  /** Roles and current rates for a page of people in two queries, rates filtered per viewer. */
  async function views(tx: Kysely<Database>, actor: Actor, rows: UserRow[]): Promise<Person[]> {
    const ids = rows.map((r) => r.id);
    const [roles, rates] = await Promise.all([
      findRoleNames(tx, ids),
      findCurrentRates(tx, ids, await today(tx, actor.accountId)),
    ]);
    return rows.map((row) =>
      personOf(
        row,
        {
          roles: roles.get(row.id) ?? [],
          rates: rates.get(row.id) ?? { billable: null, cost: null },
        },
        actor,
      ),
    );
  }

  async function view(tx: Kysely<Database>, actor: Actor, row: UserRow): Promise<Person> {
    const [only] = await views(tx, actor, [row]);
    if (!only) throw notFound('user');
    return only;
  }

  async function load(tx: Kysely<Database>, actor: Actor, id: number): Promise<UserRow> {
    const row = await findUserById(tx, actor.accountId, id);
    if (!row) throw notFound('user');
    return row;
  }

  /** Administrators see everyone; a manager with teammates sees them; everyone sees themselves. */
  async function assertCanRead(actor: Actor, id: number): Promise<void> {
    if (isAdministrator(actor) || actor.userId === id) return;
    if (actor.managerPermissions.includes('people_manager')) {
      if ((await findTeammateIds(db, actor.userId)).includes(id)) return;
    }
    throw forbidden();
  }

  function assertAdmin(actor: Actor): void {
    if (!isAdministrator(actor)) throw forbidden();
  }

  /** An account must keep one active administrator, or nobody could ever manage it again. */
  async function assertKeepsAnAdministrator(
    tx: Kysely<Database>,
    user: UserRow,
    stillAdmin: boolean,
  ) {
    if (user.access_level === 'administrator' && user.is_active === 1 && !stillAdmin) {
      if ((await countActiveAdministrators(tx, user.account_id)) <= 1) {
        throw invalid(USER_ERRORS.lastAdministrator);
      }
    }
  }

  const inTransaction = <T>(work: (tx: Kysely<Database>) => Promise<T>): Promise<T> =>
    transactionOr(db, () => invalid(USER_ERRORS.emailTaken), work);

  function access(input: string[] | undefined) {
    if (input === undefined) return undefined;
    const parsed = parseAccessRoles(input);
    if ('errors' in parsed) throw invalidAll(USER_ERRORS.invalidAccess, parsed.errors);
    return parsed;
  }

  function zone(input: string | undefined): string | undefined {
    if (input === undefined) return undefined;
    const iana = normalizeTimeZone(input);
    if (!iana) throw invalid(USER_ERRORS.unknownTimeZone);
    return iana;
  }

  async function assertDefaultProject(tx: Kysely<Database>, actor: Actor, extras: EmployeeExtras) {
    const id = extras.defaultProjectId;
    if (id != null && !(await projects.existsIn(tx, actor.accountId, id))) {
      throw invalid(USER_ERRORS.defaultProjectNotFound);
    }
  }

  function rateView(rows: UserRateRow[], row: UserRateRow): Rate {
    const ends = rateEndDates(rows.map((r) => ({ id: r.id, startDate: r.start_date })));
    return {
      id: row.id,
      userId: row.user_id,
      kind: row.kind,
      amountCents: row.amount_cents,
      startDate: row.start_date,
      endDate: ends.get(row.id) ?? null,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /**
   * Rates of a person: administrators read and write every one; a manager with
   * `billable_rates_manager` reads and writes billable rates only of people they manage
   * (§2.5); nobody else, and cost rates are the administrators' alone.
   */
  async function assertRatesAccess(
    tx: Kysely<Database>,
    actor: Actor,
    userId: number,
    kind: RateKind,
    access: 'read' | 'write',
  ): Promise<void> {
    const scope = kind === 'cost' ? 'cost_rates' : 'billable_rates';
    if (hasClaim(actor, `${scope}:${access}:all`)) return;
    if (
      hasClaim(actor, `${scope}:${access}:managed`) &&
      (await managesPerson(tx, actor.userId, userId))
    ) {
      return;
    }
    throw forbidden();
  }

  return {
    async getCurrentUser(actor) {
      return view(db, actor, await load(db, actor, actor.userId));
    },

    async listUsers(actor, filters, page) {
      let onlyIds: number[] | undefined;
      if (!isAdministrator(actor)) {
        if (!actor.managerPermissions.includes('people_manager')) throw forbidden();
        onlyIds = await findTeammateIds(db, actor.userId);
      }
      const result = await listUsers(db, actor.accountId, { ...filters, onlyIds }, page);
      return { ...result, rows: await views(db, actor, result.rows) };
    },

    personIn: directory.personIn,
    teammateIdsIn: directory.teammateIdsIn,
    setLoginIn: directory.setLoginIn,

    async getUser(actor, id) {
      await assertCanRead(actor, id);
      return view(db, actor, await load(db, actor, id));
    },

    async createUser(actor, command) {
      assertAdmin(actor);
      const email = normalizeEmail(command.email);
      const roles = access(command.accessRoles) ?? { level: 'member' as const, permissions: [] };
      const timezone = zone(command.timezone);
      const billable =
        command.defaultHourlyRate == null
          ? 0
          : amountFromInput(command.defaultHourlyRate, 'defaultHourlyRate');
      const cost = command.costRate == null ? 0 : amountFromInput(command.costRate, 'costRate');
      return inTransaction(async (tx) => {
        if (await findUserByEmailInAccount(tx, actor.accountId, email)) {
          throw invalid(USER_ERRORS.emailTaken);
        }
        const account = await accounts.accountIn(tx, actor.accountId);
        if (!account) throw notFound('company');
        await assertDefaultProject(tx, actor, command);
        const at = clock.now().getTime();
        // A new person has no login, even if one exists under this e-mail: only its owner can
        // attach it, by accepting an invitation (ADR 0011).
        const row = await insertUser(tx, {
          account_id: actor.accountId,
          identity_id: null,
          first_name: command.firstName.trim(),
          last_name: command.lastName.trim(),
          email,
          telephone: command.telephone ?? '',
          timezone: timezone ?? account.timezone,
          has_access_to_all_future_projects: command.hasAccessToAllFutureProjects ? 1 : 0,
          is_contractor: command.isContractor ? 1 : 0,
          is_active: command.isActive === false ? 0 : 1,
          weekly_capacity: command.weeklyCapacity ?? 126000,
          access_level: roles.level,
          manager_permissions: roles.permissions.join(','),
          avatar_url: null,
          contact_email: command.contactEmail ?? null,
          default_project_id: command.defaultProjectId ?? null,
          created_at: at,
          updated_at: at,
        });
        await insertUserRate(tx, {
          user_id: row.id,
          kind: 'billable',
          amount_cents: billable,
          start_date: null,
          at,
        });
        await insertUserRate(tx, {
          user_id: row.id,
          kind: 'cost',
          amount_cents: cost,
          start_date: null,
          at,
        });
        if (command.roles)
          await businessRoles.setRolesOfPersonIn(tx, actor.accountId, row.id, command.roles);
        await personEventIn(tx, actor, 'person.created', null, row);
        return view(tx, actor, row);
      });
    },

    async updateUser(actor, id, command) {
      if (!isAdministrator(actor)) {
        const refused = managerEditProblem(actor, wireFields(command));
        if (refused !== null) throw forbidden(refused.code, refused.params);
        if (!(await findTeammateIds(db, actor.userId)).includes(id)) throw forbidden();
      }
      const roles = access(command.accessRoles);
      const timezone = zone(command.timezone);
      return inTransaction(async (tx) => {
        const user = await load(tx, actor, id);
        await assertDefaultProject(tx, actor, command);
        if (
          command.isActive === false &&
          (await timeEntries.hasRunningTimers(tx, { userId: id }))
        ) {
          throw invalid(TIME_ENTRY_ERRORS.timerRunning, { while: 'archiving_person' });
        }
        const reactivating = command.isActive === true;
        const identityChange = command.firstName ?? command.lastName ?? command.email;
        if (user.is_active === 0 && !reactivating && identityChange !== undefined) {
          throw invalid(USER_ERRORS.archived);
        }
        const email = command.email === undefined ? undefined : normalizeEmail(command.email);
        if (
          email !== undefined &&
          email !== user.email &&
          (await findUserByEmailInAccount(tx, actor.accountId, email))
        ) {
          throw invalid(USER_ERRORS.emailTaken);
        }
        const level = roles?.level ?? user.access_level;
        const active = command.isActive ?? user.is_active === 1;
        await assertKeepsAnAdministrator(tx, user, level === 'administrator' && active);
        const at = clock.now().getTime();
        for (const [kind, value, field] of [
          ['billable', command.defaultHourlyRate, 'defaultHourlyRate'],
          ['cost', command.costRate, 'costRate'],
        ] as const) {
          if (value === undefined || value === null) continue;
          // A rate without a start date replaces the person's whole history, as on /billable_rates.
          const existing = await listUserRates(tx, id, kind);
          await deleteUserRates(
            tx,
            existing.map((r) => r.id),
          );
          await insertUserRate(tx, {
            user_id: id,
            kind,
            amount_cents: amountFromInput(value, field),
            start_date: null,
            at,
          });
        }
        if (command.roles)
          await businessRoles.setRolesOfPersonIn(tx, actor.accountId, id, command.roles);
        // Someone who stops being a manager stops managing their teammates.
        if (roles && roles.level !== 'manager') await replaceTeammates(tx, id, []);
        const row = await updateUser(tx, id, {
          first_name: command.firstName?.trim(),
          last_name: command.lastName?.trim(),
          email,
          telephone: command.telephone,
          timezone,
          has_access_to_all_future_projects: toBit(command.hasAccessToAllFutureProjects),
          is_contractor: toBit(command.isContractor),
          is_active: toBit(command.isActive),
          weekly_capacity: command.weeklyCapacity,
          contact_email: command.contactEmail,
          default_project_id: command.defaultProjectId,
          access_level: roles?.level,
          manager_permissions: roles
            ? roles.level === 'manager'
              ? keepPeopleManager(roles.permissions, user).join(',')
              : ''
            : undefined,
          updated_at: at,
        });
        await personEventIn(tx, actor, 'person.updated', user, row);
        return view(tx, actor, row);
      });
    },

    async updateProfile(actor, command) {
      const problems = profileProblems(command);
      if (problems.length > 0) throw invalidAll(USER_ERRORS.invalidProfile, problems);
      const timezone = zone(command.timezone);
      return inTransaction(async (tx) => {
        const user = await load(tx, actor, actor.userId);
        const row = await updateUser(tx, user.id, {
          first_name: command.firstName?.trim(),
          last_name: command.lastName?.trim(),
          timezone,
          locale: command.locale,
          updated_at: clock.now().getTime(),
        });
        await personEventIn(tx, actor, 'person.updated', user, row);
        return view(tx, actor, row);
      });
    },

    async deleteUser(actor, id) {
      assertAdmin(actor);
      if (id === actor.userId) throw invalid(USER_ERRORS.cannotDeleteSelf);
      return db.transaction().execute(async (tx) => {
        const user = await load(tx, actor, id);
        await assertKeepsAnAdministrator(tx, user, false);
        if (await timeEntries.hasTrackedTime(tx, { userId: id })) {
          throw invalid(USER_ERRORS.notRemovable);
        }
        const shown = await view(tx, actor, user);
        // Their assignments are the assignments module's to remove.
        await assignments.removePersonIn(tx, id);
        await deleteUser(tx, id);
        await personEventIn(tx, actor, 'person.deleted', user, null);
        return shown;
      });
    },

    async listRates(actor, userId, kind) {
      await load(db, actor, userId);
      await assertRatesAccess(db, actor, userId, kind, 'read');
      const rows = await listUserRates(db, userId, kind);
      rows.sort((a, b) =>
        (a.start_date ?? '') < (b.start_date ?? '')
          ? -1
          : (a.start_date ?? '') > (b.start_date ?? '')
            ? 1
            : a.id - b.id,
      );
      return rows.map((row) => rateView(rows, row));
    },

    async getRate(actor, userId, kind, rateId) {
      const rates = await this.listRates(actor, userId, kind);
      const found = rates.find((r) => r.id === rateId);
      if (!found) throw notFound('rate');
      return found;
    },

    async createRate(actor, userId, kind, command) {
      await load(db, actor, userId);
      await assertRatesAccess(db, actor, userId, kind, 'write');
      const startDate = command.startDate ?? null;
      const amount = amountFromInput(command.amount, 'amount');
      const day = await today(db, actor.accountId);
      if (startDate !== null && startDate > day) throw invalid(USER_ERRORS.startDateInFuture);
      return db.transaction().execute(async (tx) => {
        await load(tx, actor, userId);
        const existing = await listUserRates(tx, userId, kind);
        await deleteUserRates(
          tx,
          ratesReplacedBy(
            existing.map((r) => ({ id: r.id, startDate: r.start_date })),
            startDate,
          ),
        );
        const row = await insertUserRate(tx, {
          user_id: userId,
          kind,
          amount_cents: amount,
          start_date: startDate,
          at: clock.now().getTime(),
        });
        // The amount stays out: the event reaches the person, who may not see rates (§2.5).
        await events.record(tx, eventActorOf(actor), {
          type: 'rate.created',
          entityId: row.id,
          userId,
          before: null,
          after: { id: row.id, userId, kind, startDate },
        });
        return rateView(await listUserRates(tx, userId, kind), row);
      });
    },

    async listTeammates(actor, managerId) {
      assertAdmin(actor);
      const manager = await load(db, actor, managerId);
      if (manager.access_level !== 'manager') throw invalid(USER_ERRORS.notAManager);
      return findUsersByIds(db, actor.accountId, await findTeammateIds(db, managerId));
    },

    async updateTeammates(actor, managerId, teammateIds) {
      assertAdmin(actor);
      return db.transaction().execute(async (tx) => {
        const manager = await load(tx, actor, managerId);
        if (manager.access_level !== 'manager') throw invalid(USER_ERRORS.notAManager);
        const unique = [...new Set(teammateIds)].filter((id) => id !== managerId);
        const found = await findUsersByIds(tx, actor.accountId, unique);
        if (found.length !== unique.length) throw invalid(USER_ERRORS.teammateNotFound);
        await replaceTeammates(tx, managerId, unique);
        // Harvest grants people_manager with the first teammate and takes it with the last.
        const permissions: ManagerPermission[] = parseManagerPermissions(
          manager.manager_permissions,
        ).filter((p) => p !== 'people_manager');
        if (unique.length > 0) permissions.push('people_manager');
        await updateUser(tx, managerId, {
          manager_permissions: permissions.join(','),
          updated_at: clock.now().getTime(),
        });
        return found;
      });
    },
  };
}

/** people_manager follows the teammates list, not access_roles, so an edit keeps it. */
function keepPeopleManager(permissions: ManagerPermission[], user: UserRow): ManagerPermission[] {
  const had = parseManagerPermissions(user.manager_permissions).includes('people_manager');
  const rest = permissions.filter((p) => p !== 'people_manager');
  return had ? [...rest, 'people_manager'] : rest;
}
