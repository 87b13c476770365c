import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readCsv, readXlsx } from './import-files.ts';
import {
  detectFormat,
  endsBeforeStart,
  readExport,
  type ImportFormat,
} from './import-formats.rules.ts';

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/imports/${name}`, import.meta.url), 'utf8');

/** What each sample export holds: its rows' total, and the rows it must refuse. */
const SAMPLES: Record<
  ImportFormat,
  { seconds: number; rows: number; refused: [number, string][] }
> = {
  harvest: { seconds: 5400 + 8100 + 2700, rows: 3, refused: [[5, 'no valid date']] },
  toggl: { seconds: 5400 + 900 + 9930, rows: 3, refused: [[5, 'negative duration']] },
  clockify: { seconds: 12600 + 1500, rows: 2, refused: [[4, 'zero duration']] },
  kimai: { seconds: 7200 + 3000, rows: 2, refused: [[4, 'no project']] },
};

describe('import formats', () => {
  for (const [format, expected] of Object.entries(SAMPLES) as [
    ImportFormat,
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
});
