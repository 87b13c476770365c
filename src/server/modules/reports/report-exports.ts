import { createRequire } from 'node:module';
import { PassThrough, Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import PDFDocument from 'pdfkit';
import { formatClockTime } from '../../../shared/time.ts';
import { minorDigits } from '../invoices/invoices.rules.ts';
import type { NativeReport, ReportEntry } from './native-reports.service.ts';
import { presentReport, type MoneyView } from './native-reports.presenter.ts';

/**
 * A report's detailed entries or grouped totals as CSV, XLSX or PDF, written as they are read:
 * entries arrive a page at a time and leave as bytes, so a million rows cost the memory of one
 * page. Hours are given both as tracked and as rounded, like Harvest's exports, beside the
 * exact duration so that totals can be checked to the second.
 */

export type ExportFormat = 'csv' | 'xlsx' | 'pdf';

const require = createRequire(import.meta.url);
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
};

type Cell = string | number | null;

interface Table {
  columns: string[];
  /** Which columns hold numbers (right-aligned in the PDF, numeric in XLSX). */
  numeric: ReadonlySet<string>;
  /** A page of rows at a time: a page becomes cells only as the writer takes it. */
  pages: AsyncIterable<Cell[][]>;
  title: string;
}

const hours = (seconds: number) => Math.round(seconds / 36) / 100;
const duration = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
};
const divisors = new Map<string, number>();
const money = (minor: number | null, currency: string) => {
  if (minor === null) return null;
  let divisor = divisors.get(currency);
  if (divisor === undefined) divisors.set(currency, (divisor = 10 ** minorDigits(currency)));
  return minor / divisor;
};
const clock = (time: number | null) => (time === null ? null : formatClockTime(time, '24h'));

const ENTRY_COLUMNS = [
  'Date',
  'Client',
  'Project',
  'Project code',
  'Task',
  'Person',
  'Notes',
  'Started',
  'Ended',
  'Duration',
  'Seconds',
  'Hours',
  'Rounded hours',
  'Billable',
  'Currency',
  'Billable amount',
  'Cost amount',
  'Approval',
  'Invoice',
];

/** The detailed entries as a table, page by page. */
export function entriesTable(
  pages: AsyncIterable<ReportEntry[]>,
  view: MoneyView,
  title: string,
): Table {
  return {
    title,
    columns: ENTRY_COLUMNS,
    numeric: new Set(['Seconds', 'Hours', 'Rounded hours', 'Billable amount', 'Cost amount']),
    // Cells straight from the entries: a million rows, so no presented copy in between.
    pages: (async function* () {
      const amounts = view.showsAmounts;
      const costs = amounts && view.showsCosts;
      for await (const page of pages) {
        yield page.map((e): Cell[] => [
          e.spentDate,
          e.client.name,
          e.project.name,
          e.project.code,
          e.task?.name ?? null,
          e.person.name,
          e.notes,
          clock(e.startedTime),
          clock(e.endedTime),
          duration(e.seconds),
          e.seconds,
          hours(e.seconds),
          e.roundedSeconds / 3600,
          e.billable ? 'Yes' : 'No',
          e.currency,
          amounts ? money(e.billableAmountMinor, e.currency) : null,
          costs ? money(e.costAmountMinor, view.costCurrency) : null,
          e.approvalStatus,
          e.invoice?.number ?? null,
        ]);
      }
    })(),
  };
}

const DIMENSION_LABELS: Record<string, string> = {
  client: 'Client',
  project: 'Project',
  task: 'Task',
  person: 'Person',
  day: 'Day',
  week: 'Week',
  month: 'Month',
};

/** The grouped totals as a table: one line per row and per child, then the total. */
export function totalsTable(report: NativeReport, view: MoneyView, title: string): Table {
  const presented = presentReport(report, view);
  const currencies = [
    ...new Set((presented.totals.billableAmounts ?? []).map((a) => a.currency)),
  ].sort();
  const dims = report.groupBy.map((d) => DIMENSION_LABELS[d] ?? d);
  const amountColumns = currencies.map((c) => `Billable amount ${c}`);
  const columns = [
    ...dims,
    'Duration',
    'Seconds',
    'Hours',
    'Rounded hours',
    'Billable hours',
    'Billable rounded hours',
    ...amountColumns,
    ...(view.showsCosts ? [`Cost amount ${view.costCurrency}`] : []),
    'Capacity hours',
    'Utilization %',
  ];
  type F = (typeof presented)['totals'];
  const line = (names: (string | null)[], f: F): Cell[] => [
    ...names,
    duration(f.seconds),
    f.seconds,
    hours(f.seconds),
    f.roundedSeconds / 3600,
    hours(f.billableSeconds),
    f.billableRoundedSeconds / 3600,
    ...currencies.map((c) => {
      const amount = f.billableAmounts?.find((a) => a.currency === c);
      return amount ? money(amount.amountMinor, c) : 0;
    }),
    ...(view.showsCosts ? [money(f.costAmountMinor, view.costCurrency)] : []),
    f.capacitySeconds === null ? null : hours(f.capacitySeconds),
    f.utilization === null ? null : Math.round(f.utilization * 1000) / 10,
  ];
  const label = (key: { name: string; dimension: string }) =>
    key.name === '' && key.dimension === 'task' ? '(no task)' : key.name;
  const rows: Cell[][] = [];
  for (const row of presented.rows) {
    rows.push(line([label(row.key), ...dims.slice(1).map(() => null)], row.figures));
    for (const child of row.children)
      rows.push(line([label(row.key), label(child.key)], child.figures));
  }
  rows.push(line(['Total', ...dims.slice(1).map(() => null)], presented.totals));
  return {
    title,
    columns,
    numeric: new Set(columns.filter((c, i) => i >= dims.length && c !== 'Duration')),
    pages: (async function* () {
      yield rows;
    })(),
  };
}

/** The table in a format, as a stream the response pipes out. */
export function writeTable(table: Table, format: ExportFormat): Readable {
  switch (format) {
    case 'csv':
      return writeCsv(table);
    case 'xlsx':
      return writeXlsx(table);
    case 'pdf':
      return writePdf(table);
  }
}

/**
 * A text cell a spreadsheet would read as a formula (=, +, -, @, or a tab or return first) is
 * written with a leading apostrophe: notes are anyone's to type, and a file opened elsewhere
 * must not run them (OWASP's CSV injection advice). Numbers stay numbers.
 */
export const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A page becomes one string: Papa Parse writes a page of 1,000 rows about three times as fast as
 * a row-at-a-time transform stream, which kept a million-row export below 100k rows/s.
 */
function csvLines(rows: Cell[][]): string {
  return `${Papa.unparse(rows, { header: false, newline: '\n', escapeFormulae: FORMULA_START })}\n`;
}

function writeCsv(table: Table): Readable {
  return Readable.from(
    (async function* () {
      yield `\uFEFF${csvLines([table.columns])}`;
      for await (const page of table.pages) if (page.length > 0) yield csvLines(page);
    })(),
    { highWaterMark: 1 },
  );
}

function writeXlsx(table: Table): Readable {
  const out = new PassThrough();
  // No shared strings and no styles: each row is written and forgotten (constant memory).
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useSharedStrings: false,
    useStyles: false,
  });
  const sheet = workbook.addWorksheet(table.title.slice(0, 31).replace(/[[\]*?/\\:]/g, ' '));
  sheet.columns = table.columns.map((header) => ({ header, key: header }));
  void (async () => {
    try {
      let written = 0;
      for await (const page of table.pages)
        for (const row of page) {
          sheet.addRow(row).commit();
          // Rows are turned into XML faster than the zip compresses them: wait for it.
          if (++written % 500 === 0) await settle(out, sheet);
        }
      sheet.commit();
      await workbook.commit();
    } catch (error) {
      out.destroy(error as Error);
    }
  })();
  return out;
}

const BACKLOG_BYTES = 4 << 20;

/**
 * Bytes a streaming worksheet has written and the zip has not yet taken. ExcelJS's worksheet
 * stream ignores backpressure: it pushes every row into the stream archiver reads the entry
 * from, so without this a million rows queued half a gigabyte. The path into ExcelJS's
 * internals is held by a test.
 */
export function xlsxBacklog(sheet: object): number | null {
  const stream = (sheet as { stream?: { pipes?: unknown } }).stream;
  const pipes = stream?.pipes;
  if (!Array.isArray(pipes)) return null;
  let bytes = 0;
  // archiver's PassThrough comes from readable-stream 2, which predates writableLength.
  type Queue = { length?: number } | undefined;
  for (const pipe of pipes as { _writableState?: Queue; _readableState?: Queue }[])
    bytes += (pipe._writableState?.length ?? 0) + (pipe._readableState?.length ?? 0);
  return bytes;
}

/** Waits while the zip or the response side still holds more than a few megabytes. */
async function settle(out: PassThrough, sheet: object): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while (
    out.readableLength > BACKLOG_BYTES ||
    out.writableNeedDrain ||
    (xlsxBacklog(sheet) ?? 0) > BACKLOG_BYTES
  )
    await new Promise((resolve) => setTimeout(resolve, 2));
}

function writePdf(table: Table): Readable {
  const doc = new PDFDocument({ size: 'A4', layout: 'landscape', margin: 28, bufferPages: false });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', BOLD);
  // Fewer columns fit a page: the PDF keeps what a reader scans, the files keep everything.
  const skip = new Set(['Seconds', 'Project code', 'Started', 'Ended', 'Approval', 'Invoice']);
  const shown = table.columns.map((c, i) => [c, i] as const).filter(([c]) => !skip.has(c));
  const width = doc.page.width - 56;
  const wide = new Set(['Notes', 'Project', 'Client', 'Task', 'Person']);
  const weights = shown.map(([c]) => (wide.has(c) ? 2 : 1));
  const unit = width / weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => w * unit);
  const line = (cells: Cell[], font: 'body' | 'bold') => {
    if (doc.y > doc.page.height - 48) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    let x = 28;
    doc.font(font).fontSize(7);
    shown.forEach(([name, index], i) => {
      const cellWidth = widths[i] ?? unit;
      const value = cells[index];
      const text = value === null || value === undefined ? '' : String(value);
      doc.text(text, x + 1, y, {
        width: cellWidth - 2,
        height: 9,
        ellipsis: true,
        lineBreak: false,
        align: table.numeric.has(name) ? 'right' : 'left',
      });
      x += cellWidth;
    });
    doc.x = 28;
    doc.y = y + 11;
  };
  const header = () => line(table.columns, 'bold');
  doc.font('bold').fontSize(12).text(table.title, 28, 28);
  doc.moveDown(0.5);
  header();
  void (async () => {
    try {
      let written = 0;
      for await (const page of table.pages)
        for (const row of page) {
          line(row, row[0] === 'Total' ? 'bold' : 'body');
          // pdfkit pushes without waiting for its reader: hold the next rows while bytes queue
          // (a PDF row is some 20 bytes, so a megabyte is plenty), and let other requests in.
          if (++written % 200 === 0) {
            await new Promise((resolve) => setImmediate(resolve));
            while ((doc as unknown as Readable).readableLength > 1 << 20)
              await new Promise((resolve) => setTimeout(resolve, 5));
          }
        }
      doc.end();
    } catch (error) {
      doc.destroy(error as Error);
    }
  })();
  return doc;
}

/** A file name for a download: letters, digits, dots and dashes only. */
export function exportFileName(base: string, format: ExportFormat): string {
  return `${base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'report'}.${format}`;
}

/**
 * The download's Content-Disposition: an ASCII name for every client, and the name as written
 * (a Ukrainian or Chinese report's) for those that read RFC 6266's `filename*`.
 */
export function contentDisposition(base: string, format: ExportFormat): string {
  const ascii = exportFileName(base, format);
  // Path separators, characters file systems refuse, and control characters become dashes.
  let cleaned = '';
  for (const c of base) cleaned += c < ' ' || '\\/:*?"<>|'.includes(c) ? '-' : c;
  cleaned = cleaned.trim();
  const full = `${cleaned || 'report'}.${format}`;
  // RFC 5987 leaves ' ( ) * out of a value: encodeURIComponent keeps them, so they are escaped.
  const encoded = encodeURIComponent(full).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
