import { describe, expect, it } from 'vitest';
import { planCell, timesheetRows, weekDays, type SheetEntry } from './timesheet.rules.ts';

const entry = (overrides: Partial<SheetEntry>): SheetEntry => ({
  id: 1,
  projectId: 10,
  taskId: 20,
  spentDate: '2026-03-04',
  seconds: 3600,
  running: false,
  locked: false,
  ...overrides,
});

describe('weekDays', () => {
  it("gives the seven days of the week holding a date, from the account's week start", () => {
    expect(weekDays('2026-03-04', 'Monday')).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(weekDays('2026-03-04', 'Sunday')[0]).toBe('2026-03-01');
    expect(weekDays('2026-03-01', 'Monday')[0]).toBe('2026-02-23');
  });
});

describe('timesheetRows', () => {
  const days = weekDays('2026-03-04', 'Monday');

  it('sums each day of each project and task, rows in the order they were first used', () => {
    const rows = timesheetRows(
      [
        entry({ id: 3, taskId: 21, spentDate: '2026-03-02', seconds: 600 }),
        entry({ id: 1, seconds: 3600 }),
        entry({ id: 2, seconds: 1800 }),
        entry({ id: 4, spentDate: '2026-03-09' }),
      ],
      days,
    );
    expect(rows.map((r) => [r.taskId, r.seconds])).toEqual([
      [20, 5400],
      [21, 600],
    ]);
    expect(rows[0]?.cells[2]).toEqual({
      date: '2026-03-04',
      seconds: 5400,
      entryIds: [1, 2],
      editable: false,
      readOnlyReason: 'several_entries',
      lockedReason: null,
    });
    expect(rows[1]?.cells[0]?.editable).toBe(true);
  });

  it('marks a running or locked entry as not editable', () => {
    const [running] = timesheetRows([entry({ running: true })], days);
    expect(running?.cells[2]?.editable).toBe(false);
    expect(running?.cells[2]?.readOnlyReason).toBe('timer_running');
    const [locked] = timesheetRows(
      [entry({ locked: true, lockedReason: 'Item Approved and Locked for this Time Period' })],
      days,
    );
    expect(locked?.cells[2]).toMatchObject({
      editable: false,
      readOnlyReason: 'locked',
      lockedReason: 'Item Approved and Locked for this Time Period',
    });
  });

  it('says a lock, not the other reasons, when a locked entry shares the cell', () => {
    const [row] = timesheetRows(
      [
        entry({ id: 1, lockedReason: null }),
        entry({ id: 2, locked: true, lockedReason: 'Invoiced' }),
      ],
      days,
    );
    expect(row?.cells[2]).toMatchObject({ readOnlyReason: 'locked', lockedReason: 'Invoiced' });
    const [later] = timesheetRows(
      [entry({ id: 1, locked: true, lockedReason: 'Invoiced' }), entry({ id: 2 })],
      days,
    );
    expect(later?.cells[2]).toMatchObject({ readOnlyReason: 'locked', lockedReason: 'Invoiced' });
  });
});

describe('planCell', () => {
  const write = { projectId: 10, taskId: 20, date: '2026-03-04', seconds: 1800 };

  it('creates, updates, deletes or leaves a cell by its one entry', () => {
    expect(planCell(write, [])).toEqual({ kind: 'create', write });
    expect(planCell({ ...write, seconds: 0 }, [])).toMatchObject({ kind: 'unchanged' });
    expect(planCell(write, [entry({ id: 5 })])).toEqual({ kind: 'update', entryId: 5, write });
    expect(planCell({ ...write, seconds: 0 }, [entry({ id: 5 })])).toMatchObject({
      kind: 'delete',
      entryId: 5,
    });
    expect(planCell({ ...write, seconds: 3600 }, [entry({})])).toMatchObject({
      kind: 'unchanged',
    });
  });

  it('refuses a cell of several entries or of a running timer', () => {
    expect(planCell(write, [entry({ id: 1 }), entry({ id: 2 })])).toMatchObject({
      code: 'cell_has_several_entries',
    });
    expect(planCell(write, [entry({ running: true })])).toMatchObject({ code: 'timer_running' });
  });

  it('leaves other rows and days alone', () => {
    expect(planCell(write, [entry({ taskId: 21 }), entry({ spentDate: '2026-03-05' })])).toEqual({
      kind: 'create',
      write,
    });
  });
});
