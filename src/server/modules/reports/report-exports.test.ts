import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { writeTable, xlsxBacklog } from './report-exports.ts';

type Table = Parameters<typeof writeTable>[0];

/** A table of `count` rows in pages of 1,000, counting how many rows the writer has taken. */
function counted(count: number, row: (i: number) => (string | number | null)[]) {
  const state = { taken: 0 };
  const table: Table = {
    title: 'Test',
    columns: ['Date', 'Notes', 'Seconds'],
    numeric: new Set(['Seconds']),
    pages: (async function* () {
      for (let start = 0; start < count; start += 1000) {
        const page = [];
        for (let i = start; i < Math.min(count, start + 1000); i++) page.push(row(i));
        state.taken += page.length;
        yield page;
      }
    })(),
  };
  return { table, state };
}

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

describe('report exports', () => {
  it('writes CSV pages with quoting, and formulas as text even across lines', async () => {
    const notes = ['plain', 'a, "quoted" note', '=HYPERLINK("x")', '-2+3\n=cmd', '@SUM(A1)', null];
    const { table } = counted(notes.length, (i) => ['2026-12-01', notes[i] ?? null, i * 60]);
    const body = await text(writeTable(table, 'csv'));
    expect(body.startsWith('\uFEFFDate,Notes,Seconds\n')).toBe(true);
    const rows: Record<string, string>[] = parse(body, { columns: true, bom: true });
    expect(rows.map((r) => r.Notes)).toEqual([
      'plain',
      'a, "quoted" note',
      `'=HYPERLINK("x")`,
      `'-2+3\n=cmd`,
      `'@SUM(A1)`,
      '',
    ]);
    expect(rows.map((r) => r.Seconds)).toEqual(['0', '60', '120', '180', '240', '300']);
  });

  it('finds the bytes ExcelJS has queued for the zip (the path into its internals holds)', () => {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: new PassThrough(),
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = workbook.addWorksheet('Test');
    expect(xlsxBacklog(sheet)).toBe(0);
    for (let i = 0; i < 2000; i++) sheet.addRow(['2026-12-01', `row ${i}`, i]).commit();
    expect(xlsxBacklog(sheet)).toBeGreaterThan(10_000);
  });

  it.each(['csv', 'xlsx', 'pdf'] as const)(
    'stops reading rows while nobody reads the %s (constant memory)',
    async (format) => {
      const { table, state } = counted(200_000, (i) => ['2026-12-01', `notes ${i}`, i]);
      const stream = writeTable(table, format);
      // Nobody reads for a while: the writer must stall, not take every row into memory.
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(state.taken).toBeLessThan(100_000);
      stream.destroy();
    },
  );
});
