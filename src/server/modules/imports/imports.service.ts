import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import type { Page } from '../../db/paginate.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalidAll, refusal } from '../../shared/domain-error.ts';
import { IMPORT_ERRORS, unimportable } from './imports.errors.ts';
import { InFlight } from '../../shared/in-flight.ts';
import type { PageRequest } from '../../shared/pagination.ts';
import type { AssignmentsService } from '../assignments/assignments.service.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import type { ClientsService } from '../clients/clients.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { TasksService } from '../tasks/tasks.service.ts';
import type { ImportPlan, TimeEntriesService } from '../time-entries/time-entries.service.ts';
import type { UsersService } from '../users/users.service.ts';
import { readCsv, readXlsx, UnreadableFile, type ExportFile } from './import-files.ts';
import {
  detectFormat,
  impliedColumns,
  mappingProblems,
  missingColumns,
  readExport,
  type ColumnMapping,
  type ImportFormat,
  type ImportRow,
  type RefusedRow,
} from './import-formats.rules.ts';
import { findImported, insertImportRecords } from './imports.repository.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';

export interface ImportInput {
  /** CSV text, or an XLSX workbook's bytes. */
  file: { kind: 'csv'; text: string } | { kind: 'xlsx'; bytes: Buffer };
  /** Told from the columns when left out; `custom` when `columns` are given. */
  format?: ImportFormat;
  /** Which of the file's columns holds each field (a `custom` file), its shape already checked. */
  columns?: ColumnMapping;
  dryRun: boolean;
}

export interface ImportReport {
  format: ImportFormat;
  dryRun: boolean;
  /** Rows read from the file (refused ones included). */
  rows: number;
  /** Rows imported by an earlier run of the same file: nothing is done for them. */
  alreadyImported: number;
  /** What was (or, on a dry run, would be) created. */
  created: {
    clients: string[];
    projects: string[];
    tasks: string[];
    assignments: number;
    entries: number;
    seconds: number;
  };
  refused: RefusedRow[];
  /** The first rows as Punch reads them (the web app's preview of the mapping). */
  preview: ImportRow[];
  /** The file's header row: what a mapping may name. */
  headers: string[];
  /** How the file was read: the mapping sent, or the one its format implies; null if none. */
  columns: ColumnMapping | null;
}

export interface ImportsService {
  run(actor: Actor, input: ImportInput): Promise<ImportReport>;
}

/**
 * Rows per transaction: a batch is imported whole or not at all. On SQLite each commit may
 * checkpoint the WAL, which cost 40% of a 200k-row import at 500 rows a batch and 15% at 5,000;
 * a batch holds the single writer for about a quarter of a second.
 */
const BATCH = 5000;
/**
 * Batches under way at once. While the database writes one batch, the server builds and sends
 * the next: on PostgreSQL the two overlap on separate connections (a 200k-row import went from
 * 0.33 to 0.49 of a raw insert's speed); SQLite's one connection runs them in turn.
 */
const IN_FLIGHT = 2;
const PREVIEW = 20;
/** A case-blind lookup key from names and ids (how a catalog is matched by name). */
export const key = (...parts: (string | number)[]) => parts.join('\u0000').toLowerCase();

/** Every row of a paged list, a page at a time. */
export async function all<T>(list: (page: PageRequest) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  for (let page = 1; ; page++) {
    const result = await list({ perPage: 2000, page, cursor: null });
    rows.push(...result.rows);
    if (result.rows.length < 2000) return rows;
  }
}

/** An account's catalog, as its own services list it: what an import matches against. */
export async function catalogOf(
  deps: {
    users: UsersService;
    clients: ClientsService;
    projects: ProjectsService;
    tasks: TasksService;
    assignments: AssignmentsService;
  },
  actor: Actor,
) {
  const [people, clients, projects, tasks, members, taskLinks] = await Promise.all([
    all((page) => deps.users.listUsers(actor, {}, page)),
    all((page) => deps.clients.listClients(actor, {}, page)),
    all((page) => deps.projects.listProjects(actor, {}, page)),
    all((page) => deps.tasks.listTasks(actor, {}, page)),
    all((page) => deps.assignments.listUserAssignments(actor, {}, page)),
    all((page) => deps.assignments.listTaskAssignments(actor, {}, page)),
  ]);
  return { people, clients, projects, tasks, members, taskLinks };
}

/**
 * Imports a tracker's export into the account: people are matched (by e-mail, then by name),
 * clients, projects, tasks and assignments are created when missing, and each row becomes a
 * time entry through the time-entries service, in batched transactions, remembered by its
 * external id so that a second run of the same file creates nothing. A dry run reports the
 * same without writing.
 */
export function createImportsService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  users: UsersService;
  clients: ClientsService;
  projects: ProjectsService;
  tasks: TasksService;
  assignments: AssignmentsService;
  timeEntries: TimeEntriesService;
  /** Rows a transaction (tests make it small, to cross batches with little data). */
  batchSize?: number;
}): ImportsService {
  const { db, clock } = deps;
  const batchSize = deps.batchSize ?? BATCH;

  async function read(
    input: ImportInput,
  ): Promise<{ format: ImportFormat; file: ExportFile; columns: ColumnMapping | null }> {
    let file: ExportFile;
    try {
      file =
        input.file.kind === 'csv' ? readCsv(input.file.text) : await readXlsx(input.file.bytes);
    } catch (error) {
      if (error instanceof UnreadableFile) throw unimportable('file', error.message);
      throw error;
    }
    if (input.columns) {
      if (input.format !== undefined && input.format !== 'custom')
        throw unimportable(
          'columns',
          `a file read through columns is format custom, not ${input.format}`,
        );
      const problems = mappingProblems(input.columns, file.headers);
      if (problems.length > 0)
        throw invalidAll(
          IMPORT_ERRORS.invalid,
          problems.map((problem) => refusal(IMPORT_ERRORS.invalid, { problem })),
        );
      return { format: 'custom', file, columns: input.columns };
    }
    if (input.format === 'custom') {
      // A dry run without columns is how a client learns the headers it may choose from.
      if (!input.dryRun)
        throw unimportable(
          'columns',
          'required with format custom (which column holds each field)',
        );
      return { format: 'custom', file, columns: null };
    }
    const format = input.format ?? detectFormat(file.headers);
    if (!format)
      throw unimportable(
        'file',
        'not an export of Harvest, Toggl Track, Clockify or Kimai (its columns are not theirs); choose its columns with format custom',
      );
    const missing = missingColumns(format, file.headers);
    if (missing.length > 0)
      throw unimportable('file', `a ${format} export needs the columns ${missing.join(', ')}`);
    return { format, file, columns: impliedColumns(format, file.headers) };
  }

  /**
   * A dry run asks the time rules of each row too (locked periods, submitted and approved
   * weeks, invoiced days, archived work), as the import would meet them once it has set up the
   * catalog: a project it would create stands in under a negative id, a task it would create
   * is left out, and people and tasks it would assign count as assigned.
   */
  async function checkDryRun(
    actor: Actor,
    report: ImportReport,
    accepted: readonly (ImportRow & { userId: number })[],
    catalog: {
      clientIds: ReadonlyMap<string, number>;
      clientActive: ReadonlyMap<number, boolean>;
      projectIds: ReadonlyMap<string, number>;
      taskIds: ReadonlyMap<string, number>;
      /** Tasks a new project starts with. */
      defaultTaskIds: ReadonlySet<number>;
      memberOf: ReadonlySet<string>;
      taskOf: ReadonlySet<string>;
    },
  ): Promise<void> {
    const standIns = new Map<string, number>();
    // The assignments the import would make: people and tasks it puts on projects, beyond
    // what a new project starts with (its creator and the default tasks).
    const assigns = new Set<string>();
    const items = accepted.map((row) => {
      const clientId = catalog.clientIds.get(key(row.client));
      const projectId =
        clientId === undefined ? undefined : catalog.projectIds.get(key(clientId, row.project));
      const taskId = row.task === null ? null : (catalog.taskIds.get(key(row.task)) ?? null);
      let plan: ImportPlan;
      let placedOn: number;
      if (projectId === undefined) {
        const label = key(row.client, row.project);
        placedOn = standIns.get(label) ?? -(standIns.size + 1);
        standIns.set(label, placedOn);
        plan = {
          newProject: {
            clientActive: clientId === undefined || catalog.clientActive.get(clientId) !== false,
          },
        };
        if (row.userId !== actor.userId) assigns.add(key(placedOn, 'person', row.userId));
        if (row.task !== null && (taskId === null || !catalog.defaultTaskIds.has(taskId)))
          assigns.add(key(placedOn, 'task', row.task));
      } else {
        placedOn = projectId;
        plan = {
          assignsPerson: !catalog.memberOf.has(key(projectId, row.userId)),
          linksTask: taskId !== null && !catalog.taskOf.has(key(projectId, taskId)),
        };
        if (plan.assignsPerson) assigns.add(key(placedOn, 'person', row.userId));
        if (row.task !== null && (taskId === null || plan.linksTask))
          assigns.add(key(placedOn, 'task', row.task));
      }
      return {
        key: row,
        plan,
        command: {
          userId: row.userId,
          projectId: placedOn,
          taskId: plan.newProject ? null : taskId,
          spentDate: row.spentDate,
          seconds: row.seconds,
          notes: row.notes,
          running: false,
        },
      };
    });
    for (let start = 0; start < items.length; start += batchSize) {
      const refused = await deps.timeEntries.checkImportedTimeEntries(
        actor,
        items.slice(start, start + batchSize),
      );
      for (const r of refused) {
        report.refused.push({ line: r.key.line, reason: r.reason });
        report.created.entries--;
        report.created.seconds -= r.key.seconds;
      }
    }
    report.created.assignments = assigns.size;
    report.refused.sort((a, b) => a.line - b.line);
  }

  return {
    async run(caller, input) {
      if (!isAdministrator(caller))
        throw forbidden(COMMON_ERRORS.administratorsOnly, { what: 'import' });
      // The audit log shows these changes as made by an import.
      const actor: Actor = { ...caller, door: 'import' };
      const { format, file, columns } = await read(input);
      const { rows, refused } = readExport(format, file.records, columns);
      // Read: the parsed records are let go, a million of them being most of the heap that
      // garbage collection would walk over and over while the batches are written.
      const rowCount = file.records.length;
      file.records = [];
      const done = await findImported(
        db,
        actor.accountId,
        rows.map((r) => r.externalId),
      );
      const fresh = rows.filter((r) => !done.has(r.externalId));

      const { people, clients, projects, tasks, members, taskLinks } = await catalogOf(deps, actor);
      const byEmail = new Map(people.map((p) => [p.email.toLowerCase(), p.id]));
      const byName = new Map(people.map((p) => [key(`${p.firstName} ${p.lastName}`.trim()), p.id]));
      const clientIds = new Map(clients.map((c) => [key(c.name), c.id]));
      const projectIds = new Map(projects.map((p) => [key(p.client.id, p.name), p.id]));
      const taskIds = new Map(tasks.map((t) => [key(t.name), t.id]));
      const memberOf = new Set(members.map((m) => key(m.project.id, m.person.id)));
      const taskOf = new Set(taskLinks.map((t) => key(t.project.id, t.task.id)));

      // People are matched, not made: who may sign in is the administrator's call.
      const accepted: (ImportRow & { userId: number })[] = [];
      for (const row of fresh) {
        const email = row.person.email?.toLowerCase();
        const userId =
          (email === undefined ? undefined : byEmail.get(email)) ??
          byName.get(key(row.person.name));
        if (userId === undefined)
          refused.push({
            line: row.line,
            reason: `no person ${row.person.email ?? row.person.name} in this account: add them first`,
          });
        else accepted.push(Object.assign(row, { userId }));
      }

      // Names are matched case-blind: `Acme` and `ACME` in one file are one new client.
      const distinct = (names: Iterable<string>) => [
        ...new Map([...names].map((name) => [key(name), name])).values(),
      ];
      const newClients = distinct(new Set(accepted.map((r) => r.client))).filter(
        (name) => !clientIds.has(key(name)),
      );
      const newTasks = distinct(
        new Set(accepted.flatMap((r) => (r.task === null ? [] : [r.task]))),
      ).filter((name) => !taskIds.has(key(name)));
      // Rows repeat a few clients, projects and tasks: each spelling is looked up once.
      const firstOfProject = new Map<string, (typeof accepted)[number]>();
      for (const row of accepted) {
        const spelled = `${row.client}\u0000${row.project}`;
        if (!firstOfProject.has(spelled)) firstOfProject.set(spelled, row);
      }
      const newProjects = distinct(
        [...firstOfProject.values()]
          .filter((r) => {
            const clientId = clientIds.get(key(r.client));
            return clientId === undefined || !projectIds.has(key(clientId, r.project));
          })
          .map((r) => `${r.client} / ${r.project}`),
      );
      const report: ImportReport = {
        format,
        dryRun: input.dryRun,
        rows: rowCount,
        alreadyImported: rows.length - fresh.length,
        created: {
          clients: newClients,
          projects: newProjects,
          tasks: newTasks,
          assignments: 0,
          entries: accepted.length,
          seconds: accepted.reduce((sum, r) => sum + r.seconds, 0),
        },
        refused: [...refused].sort((a, b) => a.line - b.line),
        preview: rows.slice(0, PREVIEW),
        headers: file.headers,
        columns,
      };
      if (input.dryRun) {
        await checkDryRun(actor, report, accepted, {
          clientIds,
          clientActive: new Map(clients.map((c) => [c.id, c.isActive])),
          projectIds,
          taskIds,
          defaultTaskIds: new Set(tasks.filter((t) => t.isDefault && t.isActive).map((t) => t.id)),
          memberOf,
          taskOf,
        });
        return report;
      }

      // The catalog first (each creation is its own change, with its event), then the time.
      for (const name of newClients)
        clientIds.set(key(name), (await deps.clients.createClient(actor, { name })).id);
      for (const name of newTasks)
        taskIds.set(key(name), (await deps.tasks.createTask(actor, { name })).id);
      for (const row of firstOfProject.values()) {
        const clientId = clientIds.get(key(row.client)) as number;
        if (!projectIds.has(key(clientId, row.project))) {
          const made = await deps.projects.createProject(actor, {
            clientId,
            name: row.project,
            ...(row.projectCode ? { code: row.projectCode } : {}),
          });
          projectIds.set(key(clientId, row.project), made.id);
          // A new project comes with its creator and the account's default tasks on it.
          const [people, linked] = await Promise.all([
            all((page) =>
              deps.assignments.listUserAssignments(actor, { projectId: made.id }, page),
            ),
            all((page) =>
              deps.assignments.listTaskAssignments(actor, { projectId: made.id }, page),
            ),
          ]);
          for (const m of people) memberOf.add(key(m.project.id, m.person.id));
          for (const l of linked) taskOf.add(key(l.project.id, l.task.id));
        }
      }
      // Where each row's time goes, now that the catalog is complete.
      // Nested by spelling, so that a row's lookup builds no string.
      type Placement = { projectId: number; taskId: number | null };
      const placements = new Map<string, Map<string, Map<string | null, Placement>>>();
      const placementOf = (row: ImportRow): Placement => {
        let projects = placements.get(row.client);
        if (!projects)
          placements.set(row.client, (projects = new Map<string, Map<string | null, Placement>>()));
        let tasks = projects.get(row.project);
        if (!tasks) projects.set(row.project, (tasks = new Map<string | null, Placement>()));
        let found = tasks.get(row.task);
        if (!found) {
          found = {
            projectId: projectIds.get(
              key(clientIds.get(key(row.client)) as number, row.project),
            ) as number,
            taskId: row.task === null ? null : (taskIds.get(key(row.task)) as number),
          };
          tasks.set(row.task, found);
        }
        return found;
      };
      let assignments = 0;
      const peopleOn = new Map<Placement, Set<number>>();
      for (const row of accepted) {
        const placement = placementOf(row);
        const { projectId, taskId } = placement;
        const people = peopleOn.get(placement) ?? new Set<number>();
        peopleOn.set(placement, people);
        if (people.has(row.userId)) continue;
        people.add(row.userId);
        if (!memberOf.has(key(projectId, row.userId))) {
          await deps.assignments.createUserAssignment(actor, projectId, { userId: row.userId });
          memberOf.add(key(projectId, row.userId));
          assignments++;
        }
        if (taskId !== null && !taskOf.has(key(projectId, taskId))) {
          await deps.assignments.createTaskAssignment(actor, projectId, {
            taskId,
            ...(row.billable === null ? {} : { billable: row.billable }),
          });
          taskOf.add(key(projectId, taskId));
          assignments++;
        }
      }
      report.created.assignments = assignments;

      let entries = 0;
      let seconds = 0;
      const batches = new InFlight(IN_FLIGHT);
      for (let start = 0; start < accepted.length && !batches.failed; start += batchSize) {
        const batch = accepted.slice(start, start + batchSize).map((row) => {
          const { projectId, taskId } = placementOf(row);
          return {
            key: row,
            command: {
              userId: row.userId,
              projectId,
              taskId,
              spentDate: row.spentDate,
              seconds: row.seconds,
              notes: row.notes,
              running: false,
            },
          };
        });
        const at = clock.now().getTime();
        await batches.add(
          deps.timeEntries
            .importTimeEntries(actor, batch, (tx, made) =>
              insertImportRecords(
                tx,
                made.map((m) => ({
                  account_id: actor.accountId,
                  external_id: m.key.externalId,
                  time_entry_id: m.id,
                  created_at: at,
                })),
              ),
            )
            .then((result) => {
              entries += result.made.length;
              seconds += result.made.reduce((sum, m) => sum + m.key.seconds, 0);
              for (const r of result.refused)
                report.refused.push({ line: r.key.line, reason: r.reason });
            }),
        );
      }
      await batches.settle();
      report.created.entries = entries;
      report.created.seconds = seconds;
      report.refused.sort((a, b) => a.line - b.line);
      return report;
    },
  };
}
