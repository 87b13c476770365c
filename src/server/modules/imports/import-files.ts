import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';

/**
 * An export file as header names and records: CSV (any of the trackers' dialects: commas or
 * semicolons, a byte-order mark, quoted fields over several lines) or XLSX (its first sheet).
 */
export interface ExportFile {
  headers: string[];
  records: Record<string, string>[];
}

export class UnreadableFile extends Error {
  override name = 'UnreadableFile';
}

export function readCsv(text: string): ExportFile {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  // Kimai and spreadsheets in many locales write semicolons.
  const delimiter =
    (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    throw new UnreadableFile(`not a CSV file: ${(error as Error).message}`);
  }
  return recordsOf(rows);
}

export async function readXlsx(bytes: Buffer): Promise<ExportFile> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new UnreadableFile(`not an XLSX file: ${(error as Error).message}`);
  }
  const sheet = book.worksheets[0];
  if (!sheet) throw new UnreadableFile('the workbook has no sheet');
  const rows: string[][] = [];
  sheet.eachRow((row) => {
    const values = (row.values as unknown[]).slice(1);
    rows.push(values.map(cellText));
  });
  return recordsOf(rows);
}

/** A cell as the CSV export would have written it. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Spreadsheets keep dates and times as instants in UTC; the day and clock are what count.
    // A time alone sits on Excel's day zero (1899-12-30); a day with a time keeps both.
    const iso = value.toISOString();
    if (iso.endsWith('T00:00:00.000Z')) return iso.slice(0, 10);
    if (iso.startsWith('1899-12-30')) return iso.slice(11, 19);
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  // Rich text and formulas: their text, or the value the formula last gave.
  if (typeof value === 'object' && 'text' in value) return cellText(value.text);
  if (typeof value === 'object' && 'result' in value) return cellText(value.result);
  if (typeof value === 'object') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  return typeof value === 'number' || typeof value === 'boolean' ? `${value}` : '';
}

function recordsOf(rows: string[][]): ExportFile {
  const [header, ...body] = rows;
  if (!header || header.length === 0) throw new UnreadableFile('the file is empty');
  const headers = header.map((h) => h.trim());
  return {
    headers,
    records: body.map((cells) => {
      const record: Record<string, string> = {};
      headers.forEach((h, i) => {
        record[h] = (cells[i] ?? '').trim();
      });
      return record;
    }),
  };
}
