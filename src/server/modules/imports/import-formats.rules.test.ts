import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCsv, readXlsx } from './import-files.ts';
import {
  COLUMN_FIELDS,
  detectFormat,
  endsBeforeStart,
  impliedColumns,
  isCalendarDay,
  mappingProblems,
  NO_COLUMNS,
  parseColumns,
  readExport,
  type ColumnMapping,
  type KnownFormat,
} from './import-formats.rules.ts';
import { ImportColumnsSchema } from './native-imports.schemas.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/imports/${name}`, import.meta.url), 'utf8');

/** What each sample export holds: its rows' total, and the rows it must refuse. */
const SAMPLES: Record<KnownFormat, { seconds: number; rows: number; refused: [number, string][] }> =
  {
    harvest: { seconds: 5400 + 8100 + 2700, rows: 3, refused: [[5, 'no valid date']] },
    toggl: { seconds: 5400 + 900 + 9930, rows: 3, refused: [[5, 'negative duration']] },
    clockify: { seconds: 12600 + 1500, rows: 2, refused: [[4, 'zero duration']] },
    kimai: { seconds: 7200 + 3000, rows: 2, refused: [[4, 'no project']] },
  };

describe('import formats', () => {
  for (const [format, expected] of Object.entries(SAMPLES) as [
    KnownFormat,
    (typeof SAMPLES)['harvest'],
  ][]) {
    it(`reads ${format}'s export to the second, and refuses its broken rows with the reason`, () => {
      const file = readCsv(fixture(`${format}.csv`));
      expect(detectFormat(file.headers)).toBe(format);
      const { rows, refused } = readExport(format, file.records);
      expect(rows).toHaveLength(expected.rows);
      expect(rows.reduce((sum, r) => sum + r.seconds, 0)).toBe(expected.seconds);
      expect(refused.map((r) => [r.line, r.reason])).toEqual(expected.refused);
      // The same file read again names the same entries.
      expect(readExport(format, file.records).rows.map((r) => r.externalId)).toEqual(
        rows.map((r) => r.externalId),
      );
    });
  }

  it('keeps what each tracker says: people, projects, tasks, notes, times and billability', () => {
    const harvest = readExport('harvest', readCsv(fixture('harvest.csv')).records).rows[0];
    expect(harvest).toMatchObject({
      spentDate: '2026-11-02',
      person: { name: 'Olena Koval', email: null },
      client: 'Acme',
      project: 'Website relaunch',
      projectCode: 'WEB',
      task: 'Design',
      notes: 'Header, footer and "hero"',
      billable: true,
    });
    const clockify = readExport('clockify', readCsv(fixture('clockify.csv')).records).rows;
    expect(clockify[0]).toMatchObject({
      spentDate: '2026-11-06',
      startedTime: '08:30',
      endedTime: '12:00',
      person: { email: 'olena@example.com' },
    });
    expect(clockify[1]).toMatchObject({ startedTime: '13:15', endedTime: '13:40' });
    const toggl = readExport('toggl', readCsv(fixture('toggl.csv')).records).rows;
    expect(toggl[1]).toMatchObject({ task: null, notes: 'Standup', billable: false });
  });

  it('keeps the external ids of earlier versions, so that a re-run after an upgrade creates nothing', () => {
    const rows = readExport('toggl', readCsv(fixture('toggl.csv')).records).rows;
    expect(rows.map((r) => r.externalId)).toEqual([
      'toggl:ce7fab9c798e67ea69d89002e618973a:1',
      'toggl:01219d0ddfc9a3dc70401d1ffc1ea243:1',
      'toggl:27aa990c8e2183e72343049cedb5e695:1',
    ]);
  });

  it('tells two identical entries in one file apart', () => {
    const file = readCsv(fixture('kimai.csv'));
    const twice = [file.records[0]!, file.records[0]!];
    const ids = readExport('kimai', twice).rows.map((r) => r.externalId);
    expect(new Set(ids).size).toBe(2);
  });

  it('reads semicolon CSV and XLSX alike, and names unknown files', async () => {
    const semicolons = fixture('kimai.csv').replace(/,/g, ';');
    expect(detectFormat(readCsv(semicolons).headers)).toBe('kimai');
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet('Export');
    const csv = readCsv(fixture('toggl.csv'));
    sheet.addRow(csv.headers);
    for (const record of csv.records) sheet.addRow(csv.headers.map((h) => record[h]));
    const xlsx = await readXlsx(Buffer.from(await book.xlsx.writeBuffer()));
    expect(detectFormat(xlsx.headers)).toBe('toggl');
    expect(readExport('toggl', xlsx.records).rows.reduce((s, r) => s + r.seconds, 0)).toBe(
      SAMPLES.toggl.seconds,
    );
    expect(detectFormat(['Name', 'Amount'])).toBeNull();
    await expect(readXlsx(Buffer.from('not a zip'))).rejects.toThrow(/not an XLSX file/);
  });

  it('lets an entry run past midnight, but not end before it starts', () => {
    expect(endsBeforeStart('2026-11-04', 23 * 60, 60, '2026-11-05')).toBe(false);
    expect(endsBeforeStart('2026-11-04', 10 * 60, 9 * 60, '2026-11-04')).toBe(true);
    expect(endsBeforeStart('2026-11-04', 10 * 60, 11 * 60, '2026-11-03')).toBe(true);
    expect(endsBeforeStart('2026-11-04', 23 * 60, 60, undefined)).toBe(false);
  });

  it("reads each tracker's sample alike through the mapping its format implies", () => {
    for (const format of Object.keys(SAMPLES) as KnownFormat[]) {
      const file = readCsv(fixture(`${format}.csv`));
      const columns = impliedColumns(format, file.headers);
      expect(mappingProblems(columns, file.headers), format).toEqual([]);
      expect(parseColumns(JSON.parse(JSON.stringify(columns))).problems, format).toEqual([]);
      const own = readExport(format, file.records);
      const mapped = readExport('custom', file.records, columns);
      expect(mapped.refused, format).toEqual(own.refused);
      const strip = ({ externalId: _, ...row }: (typeof own.rows)[number]) => row;
      expect(mapped.rows.map(strip), format).toEqual(own.rows.map(strip));
      expect(mapped.rows.every((r) => r.externalId.startsWith('custom:'))).toBe(true);
    }
    // Kimai exports without the full name still name the user.
    expect(impliedColumns('kimai', ['Date', 'From', 'To', 'Duration', 'User'])).toMatchObject({
      person: 'User',
    });
    expect(impliedColumns('harvest', ['Date', 'Hours'])).not.toHaveProperty('projectCode');
  });

  describe('a mapping of columns', () => {
    const minimal = { date: 'Day', person: 'Who', client: 'Customer', project: 'Job' };
    it.each([
      ['not an object', ['Day'], /^columns: an object naming/],
      [
        'a field Punch does not read',
        { ...minimal, duration: 'H', rate: 'R' },
        /^columns\.rate: not a field Punch reads/,
      ],
      [
        'a column that is not text',
        { ...minimal, duration: 3 },
        /^columns\.duration: a column's name, as text$/,
      ],
      [
        'no date',
        { person: 'Who', client: 'C', project: 'P', duration: 'H' },
        /^columns\.date: required/,
      ],
      [
        'no person (an empty name is none)',
        { ...minimal, person: ' ', duration: 'H' },
        /^columns\.person: required/,
      ],
      [
        'no way to a duration',
        minimal,
        /^columns\.duration: required, unless columns\.start and columns\.end/,
      ],
      [
        'a start without an end',
        { ...minimal, start: 'From' },
        /^columns\.end: required with columns\.start/,
      ],
      [
        'an end without a start',
        { ...minimal, end: 'To' },
        /^columns\.start: required with columns\.end/,
      ],
      [
        'an unknown date order',
        { ...minimal, duration: 'H', dateOrder: 'ymd' },
        /^columns\.dateOrder: dmy or mdy, not "ymd"$/,
      ],
    ])('is refused when it has %s, saying which field', (_, value, reason) => {
      const parsed = parseColumns(value);
      expect(parsed.columns).toBeNull();
      expect(parsed.problems).toHaveLength(1);
      expect(parsed.problems[0]).toMatch(reason);
    });

    it('takes a duration or a start and end; trims names, and reads null as not chosen', () => {
      expect(parseColumns({ ...minimal, duration: ' Hours ', task: null, notes: '' })).toEqual({
        columns: { ...minimal, duration: 'Hours' },
        problems: [],
      });
      expect(
        parseColumns({ ...minimal, start: 'From', end: 'To', dateOrder: 'mdy' }).columns,
      ).toEqual({ ...minimal, start: 'From', end: 'To', dateOrder: 'mdy' });
    });

    it('names every column the file does not have', () => {
      const columns: ColumnMapping = { ...minimal, duration: 'Hours', notes: 'Memo' };
      expect(mappingProblems(columns, ['Day', 'Who', 'Customer', 'Job', 'Time'])).toEqual([
        'columns.notes: the file has no column "Memo"',
        'columns.duration: the file has no column "Hours"',
      ]);
    });

    it('documents every field it reads', () => {
      expect(Object.keys(ImportColumnsSchema.properties).sort()).toEqual(
        [...COLUMN_FIELDS, 'dateOrder'].sort(),
      );
    });
  });

  describe('a custom file', () => {
    const columns: ColumnMapping = {
      date: 'Tag',
      person: 'Mitarbeiter',
      client: 'Kunde',
      project: 'Auftrag',
      notes: 'Was',
      duration: 'Dauer',
    };
    const record = (over: Record<string, string>) => ({
      Tag: '04.11.2026',
      Mitarbeiter: 'Olena Koval',
      Kunde: 'Acme',
      Auftrag: 'Website relaunch',
      Was: 'Wireframes',
      Dauer: '1:30',
      ...over,
    });

    it('reads clock and decimal durations, and dates as spreadsheets write them', () => {
      const { rows, refused } = readExport(
        'custom',
        [
          record({}),
          record({ Dauer: '0.25', Tag: '2026-11-05 09:00:00' }),
          record({ Dauer: '2', Tag: '2026-11-06' }),
          record({ Dauer: '-1:00' }),
          record({ Dauer: 'lots' }),
          record({ Tag: '31/02/2026' }),
        ],
        columns,
      );
      expect(rows.map((r) => [r.spentDate, r.seconds])).toEqual([
        ['2026-11-04', 5400],
        ['2026-11-05', 900],
        ['2026-11-06', 7200],
      ]);
      expect(rows[0]).toMatchObject({
        person: { name: 'Olena Koval', email: null },
        client: 'Acme',
        project: 'Website relaunch',
        task: null,
        notes: 'Wireframes',
        billable: null,
      });
      expect(refused).toEqual([
        { line: 5, reason: 'negative duration' },
        { line: 6, reason: 'duration not readable' },
        { line: 7, reason: 'no valid date' },
      ]);
    });

    it('reads slashed dates month first when told', () => {
      const read = (dateOrder?: 'dmy' | 'mdy') =>
        readExport('custom', [record({ Tag: '11/04/2026' })], { ...columns, dateOrder }).rows[0]
          ?.spentDate;
      expect(read()).toBe('2026-04-11');
      expect(read('dmy')).toBe('2026-04-11');
      expect(read('mdy')).toBe('2026-11-04');
    });

    it('takes the time between start and end when no duration is chosen, past midnight too', () => {
      const times: ColumnMapping = { ...columns, duration: undefined, start: 'Von', end: 'Bis' };
      const { rows, refused } = readExport(
        'custom',
        [
          record({ Von: '09:00', Bis: '10:45:30' }),
          record({ Von: '23:30', Bis: '01:00' }),
          record({ Von: '2026-11-04T01:05:00', Bis: '2026-11-04 02:05 PM' }),
          record({ Von: '09:00', Bis: 'soon' }),
          record({ Von: '09:00', Bis: '09:00' }),
        ],
        times,
      );
      expect(rows.map((r) => [r.seconds, r.startedTime, r.endedTime])).toEqual([
        [6330, '09:00', '10:45'],
        [5400, '23:30', '01:00'],
        [13 * 3600, '01:05', '14:05'],
      ]);
      expect(refused).toEqual([
        { line: 5, reason: 'start or end not a time of day' },
        { line: 6, reason: 'zero duration' },
      ]);
    });

    it('joins split names, and matches a person by the e-mail address the file gives', () => {
      const rows = readExport(
        'custom',
        [
          { ...record({}), First: 'Li', Last: 'Wei', Mail: 'li@example.com' },
          record({ Mitarbeiter: 'olena@example.com' }),
        ],
        { ...columns, person: 'First', lastName: 'Last', email: 'Mail' },
      ).rows;
      expect(rows[0]?.person).toEqual({ name: 'Li Wei', email: 'li@example.com' });
      const byMail = readExport('custom', [record({ Mitarbeiter: 'olena@example.com' })], columns);
      expect(byMail.rows[0]?.person).toEqual({
        name: 'olena@example.com',
        email: 'olena@example.com',
      });
    });

    it('names its rows the same on every run, whatever the order of the mapping', () => {
      const records = [record({}), record({}), record({ Dauer: '2:00' })];
      const ids = readExport('custom', records, columns).rows.map((r) => r.externalId);
      expect(new Set(ids).size).toBe(3);
      const reordered = Object.fromEntries(Object.entries(columns).reverse()) as ColumnMapping;
      expect(readExport('custom', records, reordered).rows.map((r) => r.externalId)).toEqual(ids);
    });

    it('reads nothing without columns, saying so on the header line', () => {
      expect(readExport('custom', [record({})])).toEqual({
        rows: [],
        refused: [{ line: 1, reason: NO_COLUMNS }],
      });
    });
  });
});

describe('calendar days', () => {
  it('agrees with the calendar on every day and every impossible day of four years', () => {
    for (let year = 2023; year <= 2026; year++)
      for (let month = 1; month <= 12; month++)
        for (let day = 0; day <= 32; day++) {
          const text = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const date = new Date(Date.UTC(year, month - 1, day));
          const real = date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
          expect(isCalendarDay(text), text).toBe(real);
        }
  });

  it('knows the century leap years and refuses months and years out of range', () => {
    expect(isCalendarDay('2000-02-29')).toBe(true);
    expect(isCalendarDay('2100-02-29')).toBe(false);
    expect(isCalendarDay('2026-00-10')).toBe(false);
    expect(isCalendarDay('2026-13-10')).toBe(false);
    expect(isCalendarDay('0050-01-01')).toBe(false);
  });
});
