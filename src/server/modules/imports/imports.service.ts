import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import type { Page } from '../../db/paginate.ts';
import type { Clock } from '../../shared/clock.ts';
import { forbidden, invalid } from '../../shared/domain-error.ts';
import type { PageRequest } from '../../shared/pagination.ts';
import type { AssignmentsService } from '../assignments/assignments.service.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import type { ClientsService } from '../clients/clients.service.ts';
import type { ProjectsService } from '../projects/projects.service.ts';
import type { TasksService } from '../tasks/tasks.service.ts';
import type { TimeEntriesService } from '../time-entries/time-entries.service.ts';
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
  type Refusal,
} from './import-formats.rules.ts';
import { findImported, insertImportRecords } from './imports.repository.ts';

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
  refused: Refusal[];
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
}): ImportsService {
  const { db, clock } = deps;

  async function read(
    input: ImportInput,
  ): Promise<{ format: ImportFormat; file: ExportFile; columns: ColumnMapping | null }> {
    let file: ExportFile;
    try {
      file =
        input.file.kind === 'csv' ? readCsv(input.file.text) : await readXlsx(input.file.bytes);
    } catch (error) {
      if (error instanceof UnreadableFile)
        throw invalid([`file: ${error.message}`], 'invalid_import');
      throw error;
    }
    if (input.columns) {
      if (input.format !== undefined && input.format !== 'custom')
        throw invalid(
          [`columns: a file read through columns is format custom, not ${input.format}`],
          'invalid_import',
        );
      const problems = mappingProblems(input.columns, file.headers);
      if (problems.length > 0) throw invalid(problems, 'invalid_import');
      return { format: 'custom', file, columns: input.columns };
    }
    if (input.format === 'custom') {
      // A dry run without columns is how a client learns the headers it may choose from.
      if (!input.dryRun)
        throw invalid(
          ['columns: required with format custom (which column holds each field)'],
          'invalid_import',
        );
      return { format: 'custom', file, columns: null };
    }
    const format = input.format ?? detectFormat(file.headers);
    if (!format)
      throw invalid(
        [
          'file: not an export of Harvest, Toggl Track, Clockify or Kimai (its columns are not theirs); choose its columns with format custom',
        ],
        'invalid_import',
      );
    const missing = missingColumns(format, file.headers);
    if (missing.length > 0)
      throw invalid(
        [`file: a ${format} export needs the columns ${missing.join(', ')}`],
        'invalid_import',
      );
    return { format, file, columns: impliedColumns(format, file.headers) };
  }

  return {
    async run(caller, input) {
      if (!isAdministrator(caller)) throw forbidden('Only administrators can import');
      // The audit log shows these changes as made by an import.
      const actor: Actor = { ...caller, door: 'import' };
      const { format, file, columns } = await read(input);
      const { rows, refused } = readExport(format, file.records, columns);
      const done = await findImported(
        db,
        actor.accountId,
        rows.map((r) => r.externalId),
      );
      const fresh = rows.filter((r) => !done.has(r.externalId));

      const { people, clients, projects, tasks, members, taskLinks } = await catalogOf(deps, actor);
      const byEmail = new Map(people.map((p) => [p.row.email.toLowerCase(), p.row.id]));
      const byName = new Map(
        people.map((p) => [key(`${p.row.first_name} ${p.row.last_name}`.trim()), p.row.id]),
      );
      const clientIds = new Map(clients.map((c) => [key(c.name), c.id]));
      const projectIds = new Map(projects.map((p) => [key(p.client_id, p.name), p.id]));
      const taskIds = new Map(tasks.map((t) => [key(t.name), t.id]));
      const memberOf = new Set(members.map((m) => key(m.project_id, m.user_id)));
      const taskOf = new Set(taskLinks.map((t) => key(t.project_id, t.task_id)));

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
        else accepted.push({ ...row, userId });
      }

      const newClients = [...new Set(accepted.map((r) => r.client))].filter(
        (name) => !clientIds.has(key(name)),
      );
      const newTasks = [
        ...new Set(accepted.flatMap((r) => (r.task === null ? [] : [r.task]))),
      ].filter((name) => !taskIds.has(key(name)));
      const projectLabel = (r: ImportRow) => `${r.client} / ${r.project}`;
      const newProjects = [
        ...new Set(
          accepted
            .filter((r) => {
              const clientId = clientIds.get(key(r.client));
              return clientId === undefined || !projectIds.has(key(clientId, r.project));
            })
            .map(projectLabel),
        ),
      ];
      const report: ImportReport = {
        format,
        dryRun: input.dryRun,
        rows: file.records.length,
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
      if (input.dryRun) return report;

      // The catalog first (each creation is its own change, with its event), then the time.
      for (const name of newClients)
        clientIds.set(key(name), (await deps.clients.createClient(actor, { name })).id);
      for (const name of newTasks)
        taskIds.set(key(name), (await deps.tasks.createTask(actor, { name })).id);
      for (const row of accepted) {
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
          for (const m of people) memberOf.add(key(m.project_id, m.user_id));
          for (const l of linked) taskOf.add(key(l.project_id, l.task_id));
        }
      }
      let assignments = 0;
      for (const row of accepted) {
        const projectId = projectIds.get(
          key(clientIds.get(key(row.client)) as number, row.project),
        ) as number;
        if (!memberOf.has(key(projectId, row.userId))) {
          await deps.assignments.createUserAssignment(actor, projectId, { userId: row.userId });
          memberOf.add(key(projectId, row.userId));
          assignments++;
        }
        const taskId = row.task === null ? null : (taskIds.get(key(row.task)) as number);
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
      for (let start = 0; start < accepted.length; start += BATCH) {
        const batch = accepted.slice(start, start + BATCH).map((row) => ({
          key: row,
          command: {
            userId: row.userId,
            projectId: projectIds.get(
              key(clientIds.get(key(row.client)) as number, row.project),
            ) as number,
            taskId: row.task === null ? null : (taskIds.get(key(row.task)) as number),
            spentDate: row.spentDate,
            seconds: row.seconds,
            notes: row.notes,
            running: false,
          },
        }));
        const at = clock.now().getTime();
        const result = await deps.timeEntries.importTimeEntries(actor, batch, (tx, made) =>
          insertImportRecords(
            tx,
            made.map((m) => ({
              account_id: actor.accountId,
              external_id: m.key.externalId,
              time_entry_id: m.id,
              created_at: at,
            })),
          ),
        );
        entries += result.made.length;
        seconds += result.made.reduce((sum, m) => sum + m.key.seconds, 0);
        for (const r of result.refused) report.refused.push({ line: r.key.line, reason: r.reason });
      }
      report.created.entries = entries;
      report.created.seconds = seconds;
      report.refused.sort((a, b) => a.line - b.line);
      return report;
    },
  };
}
