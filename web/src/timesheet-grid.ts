import { parseDuration } from '../../src/shared/duration.ts';
import type { Timesheet, TimesheetCell } from './types.ts';

/** A row of the grid: a project and task, with the server's cells or none yet. */
export interface GridRow {
  key: string;
  projectId: number;
  taskId: number;
  project: string;
  task: string;
  client: string;
  cells: (TimesheetCell | null)[];
  /** Time tracked without a task (through Flowtly): shown and counted, typed in elsewhere. */
  withoutTask: boolean;
}

export const cellKey = (projectId: number, taskId: number, date: string) =>
  `${projectId}:${taskId}:${date}`;

/**
 * The server's rows, then rows added on this screen that have no time yet, each project-task
 * pair once. Rows without a task (tracked through Flowtly) are shown and counted, but a cell
 * is written for a project and a task, so they cannot be typed into.
 */
export function gridRows(
  sheet: Timesheet,
  added: { projectId: number; taskId: number; project: string; task: string; client: string }[],
): GridRow[] {
  const rows: GridRow[] = sheet.rows.map((row) => ({
    key: `${row.project.id}:${row.task?.id ?? 'none'}`,
    projectId: row.project.id,
    taskId: row.task?.id ?? 0,
    project: row.project.name,
    task: row.task?.name ?? '',
    client: row.client.name,
    cells: row.cells,
    withoutTask: row.task === null,
  }));
  for (const extra of added) {
    const key = `${extra.projectId}:${extra.taskId}`;
    if (rows.some((row) => row.key === key)) continue;
    rows.push({ ...extra, key, cells: sheet.days.map(() => null), withoutTask: false });
  }
  return rows;
}

export type CellInput = { ok: true; seconds: number } | { ok: false };

/** What a typed cell means: empty is zero (the time goes), a duration, or not a duration. */
export function readCell(text: string): CellInput {
  if (text.trim() === '') return { ok: true, seconds: 0 };
  const seconds = parseDuration(text, 'hours');
  if (seconds === null || seconds > 24 * 3600) return { ok: false };
  return { ok: true, seconds };
}
