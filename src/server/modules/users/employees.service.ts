import type { Page } from '../../db/paginate.ts';
import { referenceNotFound } from '../../shared/domain-error.ts';
import type { Actor } from '../auth/auth.rules.ts';
import type { Invitation, LoginsService } from '../auth/logins.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { Person } from './person.rules.ts';
import type { UserFilters } from './users.repository.ts';
import type { EmployeeExtras, UpdatePerson, UsersService } from './users.service.ts';

/**
 * A person to write, as a door read it: the default project by reference (its segment, and the
 * reference as written for the refusal that names it).
 */
export interface WriteEmployee {
  firstName?: string;
  lastName?: string;
  email?: string;
  contactEmail?: string | null;
  phone?: string | null;
  active?: boolean;
  weeklyCapacitySeconds?: number;
  defaultProject?: { segment: string; iri: string } | null;
}

export interface EmployeeListRequest {
  filters: UserFilters;
  page: number;
  perPage: number;
}

/**
 * Flowtly's Employee operations over Punch's people: the same rules as the Harvest users API
 * (who may see and change whom), with Flowtly's own fields and error shapes.
 */
export interface EmployeesService {
  listEmployees(actor: Actor, request: EmployeeListRequest): Promise<Page<Person>>;
  getMyEmployee(actor: Actor): Promise<Person>;
  getEmployee(actor: Actor, id: number): Promise<Person>;
  createEmployee(actor: Actor, request: WriteEmployee): Promise<Person>;
  updateEmployee(actor: Actor, id: number, request: WriteEmployee): Promise<Person>;
  deleteEmployee(actor: Actor, id: number): Promise<void>;
  grantLogin(
    actor: Actor,
    id: number,
    password: string | null,
  ): Promise<{ view: Person; invitation: Invitation | null }>;
  revokeLogin(actor: Actor, id: number): Promise<void>;
}

export function createEmployeesService(deps: {
  users: UsersService;
  logins: LoginsService;
  projects: Pick<ProjectsService, 'projectIdBySegment'>;
}): EmployeesService {
  const { users, logins } = deps;

  async function extrasOf(actor: Actor, request: WriteEmployee): Promise<EmployeeExtras> {
    const extras: EmployeeExtras = { contactEmail: request.contactEmail };
    if (request.defaultProject === null) extras.defaultProjectId = null;
    else if (request.defaultProject !== undefined) {
      const projectId = await deps.projects.projectIdBySegment(
        actor,
        request.defaultProject.segment,
      );
      if (projectId === null) throw referenceNotFound(request.defaultProject.iri);
      extras.defaultProjectId = projectId;
    }
    return extras;
  }

  /** An employee's fields, as the person command names them. */
  function personFields(request: WriteEmployee): UpdatePerson {
    return {
      firstName: request.firstName,
      lastName: request.lastName,
      email: request.email,
      telephone: request.phone === undefined ? undefined : (request.phone ?? ''),
      isActive: request.active,
      weeklyCapacity: request.weeklyCapacitySeconds,
    };
  }

  return {
    async listEmployees(actor, request) {
      return users.listUsers(actor, request.filters, {
        page: request.page,
        perPage: request.perPage,
        cursor: null,
      });
    },

    getMyEmployee: (actor) => users.getCurrentUser(actor),

    getEmployee: (actor, id) => users.getUser(actor, id),

    async createEmployee(actor, request) {
      const extras = await extrasOf(actor, request);
      const { firstName, lastName, email } = request;
      // decodeEmployee makes these three present on a POST; the check keeps the types honest.
      if (firstName === undefined || lastName === undefined || email === undefined) {
        throw new Error('decodeEmployee let a POST through without its required fields');
      }
      return users.createUser(actor, {
        ...personFields(request),
        ...extras,
        firstName,
        lastName,
        email,
      });
    },

    async updateEmployee(actor, id, request) {
      const extras = await extrasOf(actor, request);
      return users.updateUser(actor, id, { ...personFields(request), ...extras });
    },

    async deleteEmployee(actor, id) {
      await users.deleteUser(actor, id);
    },

    async grantLogin(actor, id, password) {
      const { invitation } = await logins.grantLogin(actor, id, password);
      return { view: await users.getUser(actor, id), invitation };
    },

    revokeLogin: (actor, id) => logins.revokeLogin(actor, id),
  };
}
