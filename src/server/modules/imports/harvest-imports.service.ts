import type { Kysely } from 'kysely';
import { Type, type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import type { Database } from '../../db/database-types.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import type { Clock } from '../../shared/clock.ts';
import { BOUNDS } from '../../shared/bounds.ts';
import { Nullable } from '../../shared/schema.ts';
import { DomainError, forbidden, refusalsOf, type Reason } from '../../shared/domain-error.ts';
import type { AssignmentsService } from '../assignments/assignments.service.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import type { ClientsService } from '../clients/clients.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { TasksService } from '../tasks/tasks.service.ts';
import type {
  CreateTimeEntry,
  ImportPlan,
  TimeEntriesService,
} from '../time-entries/time-entries.service.ts';
import type { UsersService } from '../users/users.service.ts';
import {
  harvestCompany,
  harvestList,
  SourceProblem,
  sourceBase,
  type HarvestAccountRef,
  type SourceOptions,
} from './harvest-account.source.ts';
import { all, catalogOf, key } from './imports.service.ts';
import { isCalendarDay } from './import-formats.rules.ts';
import { findImported, insertImportRecords } from './imports.repository.ts';
import { IMPORT_ERRORS, unimportable } from './imports.errors.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';

/**
 * Harvest v2's records, as far as an import reads them. The source is another server: each
 * record is checked against these before use, and one that does not fit is refused by id.
 */
const Id = Type.Integer({ minimum: 1, maximum: BOUNDS.id });
const Ref = Type.Object({ id: Id });
const Money = Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: BOUNDS.money })));
const Rate = Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: BOUNDS.rate })));
const Text = Type.Optional(Nullable(Type.String({ maxLength: BOUNDS.text })));
const Short = Type.Optional(Nullable(Type.String({ maxLength: BOUNDS.name })));
const Name = Type.String({ minLength: 1, maxLength: BOUNDS.name });
const Flag = Type.Optional(Nullable(Type.Boolean()));

const HUser = Type.Object({
  id: Id,
  first_name: Type.String({ maxLength: BOUNDS.name }),
  last_name: Type.String({ maxLength: BOUNDS.name }),
  email: Name,
  telephone: Short,
  timezone: Short,
  has_access_to_all_future_projects: Flag,
  is_contractor: Flag,
  is_active: Flag,
  weekly_capacity: Type.Optional(Nullable(Type.Integer({ minimum: 0, maximum: 7 * 86_400 }))),
  default_hourly_rate: Rate,
  cost_rate: Rate,
  roles: Type.Optional(Type.Array(Type.String({ maxLength: BOUNDS.name }), { maxItems: 100 })),
  access_roles: Type.Optional(
    Type.Array(Type.String({ maxLength: BOUNDS.name }), { maxItems: 100 }),
  ),
});
const HClient = Type.Object({
  id: Id,
  name: Name,
  is_active: Flag,
  address: Text,
  currency: Short,
});
const HTask = Type.Object({
  id: Id,
  name: Name,
  billable_by_default: Flag,
  default_hourly_rate: Rate,
  is_default: Flag,
  is_active: Flag,
});
const HProject = Type.Object({
  id: Id,
  client: Type.Union([Type.Object({ id: Id, name: Type.String() }), Type.Null()]),
  name: Name,
  code: Short,
  is_active: Flag,
  is_billable: Flag,
  is_fixed_fee: Flag,
  bill_by: Short,
  hourly_rate: Rate,
  budget: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: BOUNDS.budgetHours }))),
  budget_by: Short,
  budget_is_monthly: Flag,
  notify_when_over_budget: Flag,
  over_budget_notification_percentage: Type.Optional(
    Nullable(Type.Number({ minimum: 0, maximum: BOUNDS.percentage })),
  ),
  show_budget_to_all: Flag,
  cost_budget: Money,
  cost_budget_include_expenses: Flag,
  fee: Money,
  notes: Text,
  starts_on: Short,
  ends_on: Short,
});
const HUserAssignment = Type.Object({
  id: Id,
  project: Ref,
  user: Ref,
  is_active: Flag,
  is_project_manager: Flag,
  use_default_rates: Flag,
  hourly_rate: Rate,
  budget: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: BOUNDS.budgetHours }))),
});
const HTaskAssignment = Type.Object({
  id: Id,
  project: Ref,
  task: Ref,
  is_active: Flag,
  billable: Flag,
  hourly_rate: Rate,
  budget: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: BOUNDS.budgetHours }))),
});
const HTimeEntry = Type.Object({
  id: Id,
  spent_date: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
  user: Ref,
  project: Ref,
  task: Type.Union([Ref, Type.Null()]),
  hours: Type.Number({ minimum: 0, maximum: BOUNDS.entryHours }),
  hours_without_timer: Type.Optional(Type.Number({ minimum: 0, maximum: BOUNDS.entryHours })),
  notes: Text,
  is_running: Type.Boolean(),
  external_reference: Type.Optional(
    Type.Union([
      Type.Object({
        id: Type.String({ maxLength: BOUNDS.name }),
        group_id: Short,
        account_id: Short,
        permalink: Text,
      }),
      Type.Null(),
    ]),
  ),
});
type HUser = Static<typeof HUser>;
type HClient = Static<typeof HClient>;
type HTask = Static<typeof HTask>;
type HProject = Static<typeof HProject>;
type HUserAssignment = Static<typeof HUserAssignment>;
type HTaskAssignment = Static<typeof HTaskAssignment>;
type HTimeEntry = Static<typeof HTimeEntry>;

/** The records of a page that fit their shape, and the ids of those that do not. */
function fitting<T extends TSchema>(
  schema: T,
): (records: unknown[]) => { fit: Static<T>[]; misfits: number[] } {
  const validator = Compile(schema);
  return (records) => {
    const fit: Static<T>[] = [];
    const misfits: number[] = [];
    for (const record of records) {
      if (validator.Check(record)) fit.push(record);
      else {
        const id = (record as { id?: unknown } | null)?.id;
        misfits.push(typeof id === 'number' && Number.isSafeInteger(id) ? id : 0);
      }
    }
    return { fit, misfits };
  };
}

export interface HarvestImportInput {
  source: HarvestAccountRef;
  dryRun: boolean;
}

export interface HarvestImportProgress {
  stage: 'catalog' | 'entries';
  done: number;
  total: number | null;
}

export interface HarvestImportReport {
  source: { baseUrl: string; accountId: string; name: string | null };
  dryRun: boolean;
  /** What was (or, on a dry run, would be) created, by name. */
  created: {
    people: string[];
    clients: string[];
    projects: string[];
    tasks: string[];
    assignments: number;
    entries: number;
    seconds: number;
  };
  /** Source records found here already (people by e-mail, the rest by name). */
  matched: { people: number; clients: number; projects: number; tasks: number };
  /** Entries a previous run imported: nothing is done for them. */
  alreadyImported: number;
  refused: { kind: string; sourceId: number; reason: Reason }[];
}

export interface HarvestImportsService {
  run(
    actor: Actor,
    input: HarvestImportInput,
    onProgress?: (progress: HarvestImportProgress) => void,
  ): Promise<HarvestImportReport>;
}

/** Entries per transaction: a page of the source is imported in batches of this many. */
const BATCH = 2000;

/**
 * Copies a Harvest-compatible account (Harvest itself, or another Punch) into this one through
 * its public API: people, clients, tasks, projects with their rates and budgets, assignments,
 * and time entries. Everything goes through this account's services, so the usual rules and
 * events hold. The catalog is matched by e-mail and name and entries by their source id, so
 * running it again, after an interruption or to pick up new time, creates only what is new.
 */
export function createHarvestImportsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  source: SourceOptions;
  users: UsersService;
  clients: ClientsService;
  projects: ProjectsService;
  tasks: TasksService;
  assignments: AssignmentsService;
  timeEntries: TimeEntriesService;
}): HarvestImportsService {
  const { db, clock } = deps;

  /** A batch, or a clear refusal when another import of the same entries got there first. */
  const importBatch: TimeEntriesService['importTimeEntries'] = async (actor, batch, keep) => {
    try {
      return await deps.timeEntries.importTimeEntries(actor, batch, keep);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      throw new DomainError(
        'conflict',
        IMPORT_ERRORS.busy,
        'Another import of this account is writing the same entries: run it again when it ends',
      );
    }
  };

  return {
    async run(caller, input, onProgress = () => {}) {
      if (!isAdministrator(caller))
        throw forbidden(COMMON_ERRORS.administratorsOnly, { what: 'import' });
      const actor: Actor = { ...caller, door: 'import' };
      const ref = input.source;
      let base: URL;
      try {
        base = sourceBase(ref.baseUrl);
      } catch (error) {
        throw asDomainError(error);
      }
      if (!/^\d+$/.test(ref.accountId.trim()))
        throw unimportable('accountId', 'the source account id is a number');
      const options = deps.source;
      const misfit: { kind: string; sourceId: number; reason: Reason }[] = [];
      const read = async <T extends TSchema>(path: string, kind: string, schema: T) => {
        const check = fitting(schema);
        const rows: Static<T>[] = [];
        for await (const page of harvestList<unknown>(ref, path, path, options)) {
          const { fit, misfits } = check(page.records);
          for (const row of fit) rows.push(row);
          for (const sourceId of misfits)
            misfit.push({ kind, sourceId, reason: `not a Harvest ${kind} record` });
        }
        return rows;
      };
      // Which source this is, in external ids: the same entry from another account is another.
      const origin = `harvest:${base.host}${base.pathname}:${ref.accountId.trim()}`;

      let company: Record<string, unknown>;
      let sourceUsers: HUser[];
      let sourceClients: HClient[];
      let sourceTasks: HTask[];
      let sourceProjects: HProject[];
      let sourceMembers: HUserAssignment[];
      let sourceTaskLinks: HTaskAssignment[];
      try {
        company = await harvestCompany(ref, options);
        onProgress({ stage: 'catalog', done: 0, total: null });
        sourceUsers = await read('users', 'user', HUser);
        sourceClients = await read('clients', 'client', HClient);
        sourceTasks = await read('tasks', 'task', HTask);
        sourceProjects = await read('projects', 'project', HProject);
        sourceMembers = await read('user_assignments', 'user_assignment', HUserAssignment);
        sourceTaskLinks = await read('task_assignments', 'task_assignment', HTaskAssignment);
      } catch (error) {
        throw asDomainError(error);
      }

      const report: HarvestImportReport = {
        source: {
          baseUrl: base.toString().replace(/\/$/, ''),
          accountId: ref.accountId.trim(),
          name: typeof company.name === 'string' ? company.name : null,
        },
        dryRun: input.dryRun,
        created: {
          people: [],
          clients: [],
          projects: [],
          tasks: [],
          assignments: 0,
          entries: 0,
          seconds: 0,
        },
        matched: { people: 0, clients: 0, projects: 0, tasks: 0 },
        alreadyImported: 0,
        refused: misfit,
      };
      const refuse = (kind: string, sourceId: number, error: unknown) => {
        if (!(error instanceof DomainError)) throw error;
        report.refused.push({ kind, sourceId, reason: refusalsOf(error) });
      };

      const { people, clients, projects, tasks, members, taskLinks } = await catalogOf(deps, actor);
      // A dry run has no ids for what it would create: a negative stand-in keeps the maps whole.
      let standIn = 0;
      const made = <T>(create: () => Promise<T>, id: (made: T) => number) =>
        input.dryRun ? Promise.resolve(--standIn) : create().then(id);

      const userOf = new Map<number, number>();
      const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p.id]));
      for (const u of sourceUsers) {
        const found = byEmail.get(u.email.toLowerCase());
        if (found !== undefined) {
          userOf.set(u.id, found);
          report.matched.people++;
          continue;
        }
        try {
          const id = await made(
            () =>
              deps.users.createUser(actor, {
                firstName: u.first_name,
                lastName: u.last_name,
                email: u.email,
                ...(u.telephone ? { telephone: u.telephone } : {}),
                ...(u.timezone ? { timezone: u.timezone } : {}),
                hasAccessToAllFutureProjects: u.has_access_to_all_future_projects ?? false,
                isContractor: u.is_contractor ?? false,
                isActive: u.is_active ?? true,
                ...(u.weekly_capacity == null ? {} : { weeklyCapacity: u.weekly_capacity }),
                defaultHourlyRate: u.default_hourly_rate ?? null,
                costRate: u.cost_rate ?? null,
                roles: u.roles ?? [],
                ...(u.access_roles?.length ? { accessRoles: u.access_roles } : {}),
              }),
            (view) => view.id,
          );
          userOf.set(u.id, id);
          byEmail.set(u.email.toLowerCase(), id);
          report.created.people.push(`${u.first_name} ${u.last_name} <${u.email}>`.trim());
        } catch (error) {
          refuse('user', u.id, error);
        }
      }

      const clientOf = new Map<number, number>();
      const clientIds = new Map(clients.map((c) => [key(c.name), c.id]));
      for (const c of sourceClients) {
        const found = clientIds.get(key(c.name));
        if (found !== undefined) {
          clientOf.set(c.id, found);
          report.matched.clients++;
          continue;
        }
        try {
          const id = await made(
            () =>
              deps.clients.createClient(actor, {
                name: c.name,
                isActive: c.is_active ?? true,
                address: c.address ?? null,
                ...(c.currency ? { currency: c.currency } : {}),
              }),
            (row) => row.id,
          );
          clientOf.set(c.id, id);
          clientIds.set(key(c.name), id);
          report.created.clients.push(c.name);
        } catch (error) {
          refuse('client', c.id, error);
        }
      }

      const taskOf = new Map<number, number>();
      const taskIds = new Map(tasks.map((t) => [key(t.name), t.id]));
      for (const t of sourceTasks) {
        const found = taskIds.get(key(t.name));
        if (found !== undefined) {
          taskOf.set(t.id, found);
          report.matched.tasks++;
          continue;
        }
        try {
          const id = await made(
            () =>
              deps.tasks.createTask(actor, {
                name: t.name,
                billableByDefault: t.billable_by_default ?? true,
                defaultHourlyRate: t.default_hourly_rate ?? null,
                isDefault: t.is_default ?? false,
                isActive: t.is_active ?? true,
              }),
            (row) => row.id,
          );
          taskOf.set(t.id, id);
          taskIds.set(key(t.name), id);
          report.created.tasks.push(t.name);
        } catch (error) {
          refuse('task', t.id, error);
        }
      }

      const projectOf = new Map<number, number>();
      const projectIds = new Map(projects.map((p) => [key(p.client.id, p.name), p.id]));
      const memberOf = new Set(members.map((m) => key(m.project.id, m.person.id)));
      const linkedTo = new Set(taskLinks.map((l) => key(l.project.id, l.task.id)));
      // What this account had before the run: a dry run tells it from what the run would add.
      const membersBefore = new Set(memberOf);
      const linksBefore = new Set(linkedTo);
      for (const p of sourceProjects) {
        const clientId = p.client ? clientOf.get(p.client.id) : undefined;
        if (clientId === undefined) {
          report.refused.push({
            kind: 'project',
            sourceId: p.id,
            reason: `its client ${p.client?.name ?? '(none)'} was not imported`,
          });
          continue;
        }
        const found = projectIds.get(key(clientId, p.name));
        if (found !== undefined) {
          projectOf.set(p.id, found);
          report.matched.projects++;
          continue;
        }
        try {
          const id = await made(
            () =>
              deps.projects.createProject(actor, {
                clientId,
                name: p.name,
                code: p.code ?? null,
                isActive: p.is_active ?? true,
                isBillable: p.is_billable ?? true,
                isFixedFee: p.is_fixed_fee ?? false,
                ...(p.bill_by ? { billBy: p.bill_by } : {}),
                hourlyRate: p.hourly_rate ?? null,
                budget: p.budget ?? null,
                ...(p.budget_by ? { budgetBy: p.budget_by } : {}),
                budgetIsMonthly: p.budget_is_monthly ?? false,
                notifyWhenOverBudget: p.notify_when_over_budget ?? false,
                ...(p.over_budget_notification_percentage == null
                  ? {}
                  : { overBudgetNotificationPercentage: p.over_budget_notification_percentage }),
                showBudgetToAll: p.show_budget_to_all ?? false,
                costBudget: p.cost_budget ?? null,
                costBudgetIncludeExpenses: p.cost_budget_include_expenses ?? false,
                fee: p.fee ?? null,
                notes: p.notes ?? null,
                startsOn: p.starts_on ?? null,
                endsOn: p.ends_on ?? null,
              }),
            (row) => row.id,
          );
          projectOf.set(p.id, id);
          projectIds.set(key(clientId, p.name), id);
          report.created.projects.push(`${p.client?.name ?? ''} / ${p.name}`);
          if (id > 0) {
            // A new project comes with its creator and the default tasks: known, not re-added.
            const [mine, linked] = await Promise.all([
              all((page) => deps.assignments.listUserAssignments(actor, { projectId: id }, page)),
              all((page) => deps.assignments.listTaskAssignments(actor, { projectId: id }, page)),
            ]);
            for (const m of mine) memberOf.add(key(m.project.id, m.person.id));
            for (const l of linked) linkedTo.add(key(l.project.id, l.task.id));
          }
        } catch (error) {
          refuse('project', p.id, error);
        }
      }

      for (const a of sourceMembers) {
        const projectId = projectOf.get(a.project.id);
        const userId = userOf.get(a.user.id);
        if (projectId === undefined || userId === undefined) continue;
        if (memberOf.has(key(projectId, userId))) continue;
        memberOf.add(key(projectId, userId));
        report.created.assignments++;
        if (input.dryRun) continue;
        try {
          await deps.assignments.createUserAssignment(actor, projectId, {
            userId,
            isActive: a.is_active ?? true,
            isProjectManager: a.is_project_manager ?? false,
            useDefaultRates: a.use_default_rates ?? true,
            hourlyRate: a.hourly_rate ?? null,
            budget: a.budget ?? null,
          });
        } catch (error) {
          report.created.assignments--;
          refuse('user_assignment', a.id, error);
        }
      }
      for (const a of sourceTaskLinks) {
        const projectId = projectOf.get(a.project.id);
        const taskId = taskOf.get(a.task.id);
        if (projectId === undefined || taskId === undefined) continue;
        if (linkedTo.has(key(projectId, taskId))) continue;
        linkedTo.add(key(projectId, taskId));
        report.created.assignments++;
        if (input.dryRun) continue;
        try {
          await deps.assignments.createTaskAssignment(actor, projectId, {
            taskId,
            isActive: a.is_active ?? true,
            billable: a.billable ?? true,
            hourlyRate: a.hourly_rate ?? null,
            budget: a.budget ?? null,
          });
        } catch (error) {
          report.created.assignments--;
          refuse('task_assignment', a.id, error);
        }
      }

      // Time, a page of the source at a time: each page's new entries in batched transactions,
      // each entry remembered by its source id in the same transaction.
      let done = 0;
      try {
        const check = fitting(HTimeEntry);
        const seen = new Set<string>();
        for await (const page of harvestList<unknown>(
          ref,
          'time_entries',
          'time_entries',
          options,
        )) {
          onProgress({ stage: 'entries', done, total: page.total });
          done += page.records.length;
          const { fit: records, misfits } = check(page.records);
          for (const sourceId of misfits)
            report.refused.push({
              kind: 'time_entry',
              sourceId,
              reason: 'not a Harvest time_entry record',
            });
          const ids = records.map((e) => `${origin}:time_entry:${e.id}`);
          const imported = await findImported(db, actor.accountId, ids);
          // A source may list an entry twice (a repeat, or a page boundary moving under us):
          // the first sighting is imported, a later one counts as imported already.
          const repeated = ids.map((id) => {
            const again = seen.has(id);
            seen.add(id);
            return again;
          });
          const batch: {
            key: { sourceId: number; externalId: string; seconds: number };
            command: CreateTimeEntry;
          }[] = [];
          for (const [index, entry] of records.entries()) {
            const externalId = ids[index] as string;
            if (imported.has(externalId) || repeated[index]) {
              report.alreadyImported++;
              continue;
            }
            const why = (reason: string) =>
              report.refused.push({ kind: 'time_entry', sourceId: entry.id, reason });
            if (entry.is_running) {
              why('a running timer: import again once it is stopped');
              continue;
            }
            if (!isCalendarDay(entry.spent_date)) {
              why(`no such day: ${entry.spent_date}`);
              continue;
            }
            const userId = userOf.get(entry.user.id);
            const projectId = projectOf.get(entry.project.id);
            const taskId = entry.task ? taskOf.get(entry.task.id) : null;
            if (userId === undefined) {
              why(`its person (${entry.user.id}) was not imported`);
              continue;
            }
            if (projectId === undefined) {
              why(`its project (${entry.project.id}) was not imported`);
              continue;
            }
            if (taskId === undefined) {
              why(`its task (${entry.task?.id}) was not imported`);
              continue;
            }
            // Harvest gives hours in hundredths: 36 seconds is as fine as a source can say.
            const seconds = Math.round((entry.hours_without_timer ?? entry.hours) * 3600);
            const ref_ = entry.external_reference;
            batch.push({
              key: { sourceId: entry.id, externalId, seconds },
              command: {
                userId,
                projectId,
                taskId,
                spentDate: entry.spent_date,
                seconds,
                notes: entry.notes,
                running: false,
                ...(ref_
                  ? {
                      externalReference: {
                        id: ref_.id,
                        groupId: ref_.group_id ?? null,
                        accountId: ref_.account_id ?? null,
                        permalink: ref_.permalink ?? null,
                      },
                    }
                  : {}),
              },
            });
          }
          if (input.dryRun) {
            // The time rules too, as the import would meet them with its catalog in place:
            // negative ids stand for what it would create.
            const refusals = await deps.timeEntries.checkImportedTimeEntries(
              actor,
              batch.map((b) => {
                const { userId, projectId, taskId } = b.command as CreateTimeEntry & {
                  userId: number;
                };
                const plan: ImportPlan =
                  projectId < 0
                    ? { newProject: { clientActive: true }, newPerson: userId < 0 }
                    : {
                        newPerson: userId < 0,
                        assignsPerson:
                          memberOf.has(key(projectId, userId)) &&
                          !membersBefore.has(key(projectId, userId)),
                        linksTask:
                          taskId !== null &&
                          linkedTo.has(key(projectId, taskId)) &&
                          !linksBefore.has(key(projectId, taskId)),
                      };
                return {
                  ...b,
                  plan,
                  command: { ...b.command, taskId: taskId !== null && taskId < 0 ? null : taskId },
                };
              }),
            );
            const refusedIds = new Set(refusals.map((r) => r.key.sourceId));
            for (const r of refusals)
              report.refused.push({
                kind: 'time_entry',
                sourceId: r.key.sourceId,
                reason: r.reason,
              });
            for (const b of batch) {
              if (refusedIds.has(b.key.sourceId)) continue;
              report.created.entries++;
              report.created.seconds += b.key.seconds;
            }
            continue;
          }
          for (let start = 0; start < batch.length; start += BATCH) {
            const at = clock.now().getTime();
            const result = await importBatch(actor, batch.slice(start, start + BATCH), (tx, rows) =>
              insertImportRecords(
                tx,
                rows.map((m) => ({
                  account_id: actor.accountId,
                  external_id: m.key.externalId,
                  time_entry_id: m.id,
                  created_at: at,
                })),
              ),
            );
            report.created.entries += result.made.length;
            report.created.seconds += result.made.reduce((sum, m) => sum + m.key.seconds, 0);
            for (const r of result.refused)
              report.refused.push({
                kind: 'time_entry',
                sourceId: r.key.sourceId,
                reason: r.reason,
              });
          }
        }
      } catch (error) {
        throw asDomainError(error);
      }
      onProgress({ stage: 'entries', done, total: done });
      for (const names of [
        report.created.people,
        report.created.clients,
        report.created.projects,
        report.created.tasks,
      ])
        names.sort((a, b) => a.localeCompare(b));
      return report;
    },
  };
}

/** A source that cannot be read is the caller's problem to fix: a 422 with what went wrong. */
function asDomainError(error: unknown): unknown {
  if (!(error instanceof SourceProblem)) return error;
  const code =
    error.kind === 'refused' ? IMPORT_ERRORS.sourceRefused : IMPORT_ERRORS.sourceUnreachable;
  return unimportable('source', error.message, code);
}
