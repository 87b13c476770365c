import { describe, expect, it } from 'vitest';
import { gridRows, readCell } from './timesheet-grid.ts';
import { pickerData } from './tracking.ts';
import type { TimeEntry, Timesheet } from './types.ts';

const days = [
  '2026-03-02',
  '2026-03-03',
  '2026-03-04',
  '2026-03-05',
  '2026-03-06',
  '2026-03-07',
  '2026-03-08',
];

describe('readCell', () => {
  it('reads an empty cell as zero and a duration as seconds', () => {
    expect(readCell('')).toEqual({ ok: true, seconds: 0 });
    expect(readCell('1:30')).toEqual({ ok: true, seconds: 5400 });
    expect(readCell('2')).toEqual({ ok: true, seconds: 7200 });
  });

  it('refuses what is not a duration, and more than a day', () => {
    expect(readCell('soon')).toEqual({ ok: false });
    expect(readCell('25')).toEqual({ ok: false });
  });
});

describe('gridRows', () => {
  const sheet: Timesheet = {
    userId: 1,
    days,
    closed: days.map(() => null),
    rows: [
      {
        project: { id: 1, name: 'Web', code: null },
        client: { id: 9, name: 'Acme' },
        task: { id: 2, name: 'Design' },
        seconds: 3600,
        cells: days.map((date, i) => ({
          date,
          seconds: i === 0 ? 3600 : 0,
          entryIds: i === 0 ? [5] : [],
          editable: true,
          readOnlyReason: null,
          lockedReason: null,
        })),
      },
      {
        project: { id: 1, name: 'Web', code: null },
        client: { id: 9, name: 'Acme' },
        task: null,
        seconds: 600,
        cells: days.map((date) => ({
          date,
          seconds: 0,
          entryIds: [],
          editable: false,
          readOnlyReason: 'several_entries' as const,
          lockedReason: null,
        })),
      },
    ],
    dayTotals: [3600, 0, 0, 0, 0, 0, 0],
    seconds: 3600,
  };

  it("keeps the server's rows (those without a task marked) and adds new pairs once, without cells", () => {
    const added = { projectId: 1, taskId: 3, project: 'Web', task: 'Build', client: 'Acme' };
    const rows = gridRows(sheet, [added, added, { ...added, taskId: 2 }]);
    expect(rows.map((r) => [r.key, r.withoutTask])).toEqual([
      ['1:2', false],
      ['1:none', true],
      ['1:3', false],
    ]);
    expect(rows[2]?.cells).toEqual([null, null, null, null, null, null, null]);
  });
});

describe('pickerData', () => {
  const options = [
    {
      value: '1:2',
      projectId: 1,
      taskId: 2,
      label: 'Web — Design',
      client: 'Acme',
      projectName: 'Web',
      taskName: 'Design',
    },
    {
      value: '1:3',
      projectId: 1,
      taskId: 3,
      label: 'Web — Build',
      client: 'Acme',
      projectName: 'Web',
      taskName: 'Build',
    },
    {
      value: '4:2',
      projectId: 4,
      taskId: 2,
      label: 'App — Design',
      client: 'Beta',
      projectName: 'App',
      taskName: 'Design',
    },
  ];
  const entry = (projectId: number, taskId: number) =>
    ({ project: { id: projectId }, task: { id: taskId } }) as TimeEntry;

  it('puts recent pairs first, once each, and groups the rest by client', () => {
    const data = pickerData(options, [entry(4, 2), entry(4, 2), entry(7, 7)], 'Recent');
    expect(data).toEqual([
      { group: 'Recent', items: [{ value: '4:2', label: 'App — Design' }] },
      {
        group: 'Acme',
        items: [
          { value: '1:2', label: 'Web — Design' },
          { value: '1:3', label: 'Web — Build' },
        ],
      },
    ]);
  });
});

describe('pickerData with favourites', () => {
  const options = [
    {
      value: '1:2',
      projectId: 1,
      taskId: 2,
      label: 'Web — Design',
      client: 'Acme',
      projectName: 'Web',
      taskName: 'Design',
    },
    {
      value: '4:2',
      projectId: 4,
      taskId: 2,
      label: 'App — Design',
      client: 'Beta',
      projectName: 'App',
      taskName: 'Design',
    },
  ];
  it('puts favourites before recent pairs and leaves them out of the rest', () => {
    const recent = [{ project: { id: 1 }, task: { id: 2 } } as TimeEntry];
    const data = pickerData(options, recent, 'Recent', {
      keys: ['4:2', '9:9'],
      label: 'Favourites',
    });
    expect(data.map((g) => [g.group, g.items.map((i) => i.value)])).toEqual([
      ['Favourites', ['4:2']],
      ['Recent', ['1:2']],
    ]);
  });
});
