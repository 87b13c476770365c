import { DateTime } from 'luxon';
import type { Params } from '../../shared/domain-error.ts';
import { periodsAround } from './working-hours.rules.ts';
import { TIME_ENTRY_ERRORS } from './time-entries.errors.ts';

/** The seven days of the week (the account's week start) that holds `date`. */
export function weekDays(date: string, weekStartDay: string): string[] {
  const from = DateTime.fromISO(periodsAround(date, weekStartDay).week.from, { zone: 'UTC' });
  return Array.from({ length: 7 }, (_, i) => from.plus({ days: i }).toFormat('yyyy-MM-dd'));
}

/** What a timesheet needs of an entry. */
export interface SheetEntry {
  id: number;
  projectId: number;
  taskId: number | null;
  spentDate: string;
  seconds: number;
  running: boolean;
  locked: boolean;
  /** Why it is locked (Harvest's words), when it is. */
  lockedReason?: string | null;
}

/** Why a cell cannot be typed over, for the screen to say so. */
export type ReadOnlyReason = 'several_entries' | 'timer_running' | 'locked' | ClosedDayReason;

/** Why nothing can be typed on a day at all: its week is submitted or approved, or locked. */
export type ClosedDayReason = 'week_submitted' | 'week_approved' | 'period_locked';

/** A day's closure, from what the approval workflow and locked periods say about it. */
export function closedDayReason(day: {
  weekStatus: string;
  periodLocked: boolean;
}): ClosedDayReason | null {
  if (day.periodLocked) return 'period_locked';
  if (day.weekStatus === 'submitted') return 'week_submitted';
  if (day.weekStatus === 'approved') return 'week_approved';
  return null;
}

export interface SheetCell {
  date: string;
  seconds: number;
  entryIds: number[];
  /** One value can be typed over it: at most one entry, not running, not locked. */
  editable: boolean;
  readOnlyReason: ReadOnlyReason | null;
  /** The lock's own reason when a locked entry is what stops the typing. */
  lockedReason: string | null;
}

export interface SheetRow {
  projectId: number;
  taskId: number | null;
  cells: SheetCell[];
  seconds: number;
}

const rowKey = (projectId: number, taskId: number | null) => `${projectId}:${taskId ?? ''}`;

/**
 * A person's week as rows (project and task) by days, the way Harvest and Kimai show a
 * timesheet: each cell sums that day's entries of the row. Rows come in the order their first
 * entry was made, so a row does not jump when a cell of it changes.
 */
export function timesheetRows(
  entries: readonly SheetEntry[],
  days: readonly string[],
  /** Days nothing may be typed on; their cells are read-only for that reason above all. */
  closed: readonly (ClosedDayReason | null)[] = [],
): SheetRow[] {
  const rows = new Map<string, SheetRow>();
  const ordered = [...entries].sort((a, b) => a.id - b.id);
  for (const entry of ordered) {
    const column = days.indexOf(entry.spentDate);
    if (column < 0) continue;
    const key = rowKey(entry.projectId, entry.taskId);
    let row = rows.get(key);
    if (!row) {
      row = {
        projectId: entry.projectId,
        taskId: entry.taskId,
        cells: days.map((date) => ({
          date,
          seconds: 0,
          entryIds: [],
          editable: true,
          readOnlyReason: null,
          lockedReason: null,
        })),
        seconds: 0,
      };
      rows.set(key, row);
    }
    const cell = row.cells[column] as SheetCell;
    cell.seconds += entry.seconds;
    cell.entryIds.push(entry.id);
    row.seconds += entry.seconds;
    // A lock outranks the rest: nothing changes it, while the others have a way round.
    if (entry.locked) {
      cell.readOnlyReason = 'locked';
      cell.lockedReason = entry.lockedReason ?? null;
    } else if (cell.readOnlyReason !== 'locked') {
      cell.readOnlyReason = entry.running
        ? 'timer_running'
        : cell.entryIds.length > 1
          ? 'several_entries'
          : cell.readOnlyReason;
    }
    cell.editable = cell.readOnlyReason === null;
  }
  for (const row of rows.values()) {
    row.cells.forEach((cell, i) => {
      const reason = closed[i] ?? null;
      if (reason === null) return;
      cell.readOnlyReason = reason;
      cell.editable = false;
    });
  }
  return [...rows.values()];
}

/** A cell's new total, as typed into the timesheet. */
export interface CellWrite {
  projectId: number;
  taskId: number;
  date: string;
  seconds: number;
}

export type CellPlan =
  | { kind: 'create'; write: CellWrite }
  | { kind: 'update'; entryId: number; write: CellWrite }
  | { kind: 'delete'; entryId: number; write: CellWrite }
  | { kind: 'unchanged'; write: CellWrite };

export type CellRefusal = { write: CellWrite; code: string; params: Params };

/**
 * What writing one cell does to its entries: nothing there and time typed creates an entry;
 * one entry takes the new total, or goes when the total is zero. A cell of several entries,
 * or of a running timer, has no single value to overwrite: it is refused, not guessed at.
 */
export function planCell(
  write: CellWrite,
  existing: readonly SheetEntry[],
): CellPlan | CellRefusal {
  const here = existing.filter(
    (e) =>
      e.projectId === write.projectId && e.taskId === write.taskId && e.spentDate === write.date,
  );
  if (here.length === 0) {
    return write.seconds === 0 ? { kind: 'unchanged', write } : { kind: 'create', write };
  }
  if (here.length > 1) {
    return {
      write,
      code: TIME_ENTRY_ERRORS.cellHasSeveralEntries,
      params: { date: write.date, entries: here.length },
    };
  }
  const entry = here[0] as SheetEntry;
  if (entry.running) {
    return {
      write,
      code: TIME_ENTRY_ERRORS.timerRunning,
      params: { while: 'writing_cell', date: write.date },
    };
  }
  if (entry.seconds === write.seconds) return { kind: 'unchanged', write };
  return write.seconds === 0
    ? { kind: 'delete', entryId: entry.id, write }
    : { kind: 'update', entryId: entry.id, write };
}
