import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import type { Page } from '../../db/paginate.ts';
import type { Actor } from '../auth/auth.rules.ts';
import type { AccountsService } from '../accounts/accounts.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { UsersService } from '../users/users.service.ts';
import type { EntryDisplay, TimeEntry } from './time-entry.rules.ts';
import type { TimeEntryFilters } from './time-entries.repository.ts';
import type { TimeEntriesService, TimeEntryView } from './time-entries.service.ts';
import { referenceNotFound } from '../../shared/domain-error.ts';

/**
 * A work time to write, as a door read it: the person and project by reference (an id, or a
 * project's segment: id, code or slug), the reference as written kept for the refusal that
 * names it.
 */
export interface WriteWorkTime {
  employeeId?: number;
  projectSegment?: string;
  projectIri?: string;
  employeeIri?: string;
  spentDate?: string;
  seconds?: number;
  description?: string | null;
}

export interface WorkTimesService {
  listWorkTimes(
    actor: Actor,
    filters: TimeEntryFilters & { projectSegments?: string[] },
    page: { page: number; perPage: number },
  ): Promise<{ page: Page<TimeEntry>; display: EntryDisplay }>;
  getWorkTime(actor: Actor, id: number): Promise<TimeEntryView>;
  createWorkTime(
    actor: Actor,
    request: Required<
      Pick<WriteWorkTime, 'employeeId' | 'projectSegment' | 'spentDate' | 'seconds'>
    > &
      WriteWorkTime,
  ): Promise<TimeEntryView>;
  updateWorkTime(actor: Actor, id: number, request: WriteWorkTime): Promise<TimeEntryView>;
  deleteWorkTime(actor: Actor, id: number): Promise<void>;
  /** The account's time zone, in which a WorkTime's date is a day. */
  timeZoneOf(actor: Actor): Promise<string>;
  /** Flowtly filter values (IRIs, ids, slugs) to project ids; unknown ones match nothing. */
  projectIdsOf(actor: Actor, segments: string[]): Promise<number[]>;
}

/**
 * Flowtly's WorkTime over Punch's time entries: resolves IRIs (400 when they name nothing)
 * and hands over to the time entries service, so both APIs share every rule.
 */
export function createWorkTimesService(deps: {
  db: Kysely<Database>;
  timeEntries: TimeEntriesService;
  accounts: Pick<AccountsService, 'accountIn'>;
  projects: Pick<ProjectsService, 'bySegmentIn'>;
  users: Pick<UsersService, 'personIn'>;
}): WorkTimesService {
  const { db, timeEntries, accounts, projects, users } = deps;

  async function resolve(actor: Actor, request: WriteWorkTime) {
    let projectId: number | undefined;
    if (request.projectSegment !== undefined) {
      const project = await projects.bySegmentIn(db, actor.accountId, request.projectSegment);
      if (!project) throw referenceNotFound(request.projectIri ?? request.projectSegment);
      projectId = project.id;
    }
    if (
      request.employeeId !== undefined &&
      !(await users.personIn(db, actor.accountId, request.employeeId))
    ) {
      throw referenceNotFound(request.employeeIri ?? String(request.employeeId));
    }
    return { projectId, userId: request.employeeId };
  }

  return {
    async listWorkTimes(actor, { projectSegments, ...filters }, page) {
      // Project filter values name projects by IRI, id or slug; unknown ones match nothing.
      const projectIds =
        projectSegments === undefined ? undefined : await this.projectIdsOf(actor, projectSegments);
      return timeEntries.listTimeEntries(
        actor,
        { ...filters, ...(projectIds ? { projectIds } : {}) },
        { perPage: page.perPage, page: page.page, cursor: null },
      );
    },

    getWorkTime: (actor, id) => timeEntries.getTimeEntry(actor, id),

    async createWorkTime(actor, request) {
      const { projectId, userId } = await resolve(actor, request);
      // A missing person reads as Flowtly's "employee" at the door (http/flowtly-wording.ts).
      return timeEntries.createTimeEntry(actor, {
        userId: userId ?? actor.userId,
        projectId: projectId ?? 0,
        taskId: null,
        spentDate: request.spentDate,
        seconds: request.seconds,
        notes: request.description ?? null,
        running: false,
      });
    },

    async updateWorkTime(actor, id, request) {
      const { projectId, userId } = await resolve(actor, request);
      return timeEntries.updateWorkTime(actor, id, {
        userId,
        projectId,
        spentDate: request.spentDate,
        seconds: request.seconds,
        notes: request.description,
      });
    },

    async timeZoneOf(actor) {
      return (await accounts.accountIn(db, actor.accountId))?.timezone ?? 'UTC';
    },

    async deleteWorkTime(actor, id) {
      await timeEntries.deleteTimeEntry(actor, id);
    },

    async projectIdsOf(actor, segments) {
      const ids: number[] = [];
      for (const segment of segments) {
        const project = await projects.bySegmentIn(db, actor.accountId, segment);
        if (project) ids.push(project.id);
      }
      return ids;
    },
  };
}
