/**
 * Exports of a million entries: a real `punch serve` streams a report's detailed entries as CSV
 * and XLSX while its memory is sampled, beside a raw baseline in the same run that reads the
 * same keyset pages with the same SQL and writes them with the same libraries, in process.
 *   npm run bench:exports -- [--db URL] [--entries 1000000] [--reset]
 * The data set spans two years (a report covers at most 731 days), seeded on first use.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Command } from 'commander';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { sql } from 'kysely';
import { createAuthService } from '../src/server/modules/auth/auth.service.ts';
import { findReportEntries } from '../src/server/modules/reports/reports.repository.ts';
import { systemClock } from '../src/server/shared/clock.ts';
import { isoDay, epochDay, openBenchDatabase } from './lib.ts';
import { seed } from './seed.ts';

const opts = new Command('bench-exports')
  .option('--db <url>', 'database', 'sqlite:./bench/data/exports.sqlite')
  .option('--entries <n>', 'entries in the data set', '1000000')
  .option('--reset', 'seed again', false)
  .option('--only <format>', 'csv or xlsx alone')
  .option('--server-node-options <text>', "the server's NODE_OPTIONS (a heap limit, say)")
  .parse()
  .opts<{
    db: string;
    entries: string;
    reset: boolean;
    only?: string;
    serverNodeOptions?: string;
  }>();

const log = (line: string) => console.error(line);
const PORT = 8097;
const today = new Date().toISOString().slice(0, 10);

let data = await openBenchDatabase(opts.db);
const count = async () =>
  Number(
    (
      await data.db
        .selectFrom('time_entries')
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
if (opts.reset || (await count()) < Number(opts.entries) * 0.9) {
  await data.close();
  log(`seeding ${opts.entries} entries over two years into ${opts.db}`);
  await seed({ url: opts.db, entries: Number(opts.entries), years: 2, reset: true, log });
  data = await openBenchDatabase(opts.db);
}
const admin = await data.db
  .selectFrom('users')
  .select(['id', 'account_id'])
  .where('access_level', '=', 'administrator')
  .orderBy('id')
  .executeTakeFirstOrThrow();
const accountId = admin.account_id;
const from = isoDay(epochDay(today) - 730);
const inRange = Number(
  (
    await data.db
      .selectFrom('time_entries')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where('account_id', '=', accountId)
      .where('deleted_at', 'is', null)
      .where('spent_date', '>=', from)
      .where('spent_date', '<=', today)
      .executeTakeFirstOrThrow()
  ).n,
);
const token = (
  await createAuthService({ db: data.db, clock: systemClock }).createToken(data.db, {
    userId: admin.id,
    name: 'bench exports',
  })
).token;
const versions =
  data.dialect === 'sqlite'
    ? `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(data.db)).rows[0]?.v ?? '?'}`
    : `PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(data.db)).rows[0]?.v ?? '?'}`;

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
}

/** A sink that counts bytes and lines and keeps nothing. */
function counter() {
  const state = { bytes: 0, lines: 0 };
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      state.bytes += chunk.length;
      for (const byte of chunk) if (byte === 10) state.lines++;
      done();
    },
  });
  return { state, sink };
}

// ---- Punch -----------------------------------------------------------------------------------
const server = spawn(process.execPath, ['bin/punch.js', 'serve'], {
  env: {
    ...process.env,
    DATABASE_URL: opts.db,
    PORT: String(PORT),
    HOST: '127.0.0.1',
    RATE_LIMIT_MAX: '0',
    LOG_LEVEL: 'warn',
    ...(opts.serverNodeOptions ? { NODE_OPTIONS: opts.serverNodeOptions } : {}),
  },
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (let i = 0; i < 200; i++) {
  try {
    if ((await fetch(`http://127.0.0.1:${PORT}/health`)).ok) break;
  } catch {
    // not listening yet
  }
  await new Promise((r) => setTimeout(r, 100));
}

const definition = { period: 'custom', from, to: today, groupBy: ['project'] };

async function punchExport(format: 'csv' | 'xlsx') {
  // Settle first: the baseline is what the server holds before the export starts.
  await new Promise((r) => setTimeout(r, 1000));
  const before = rssMb(server.pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 100);
  const started = performance.now();
  const response = await fetch(`http://127.0.0.1:${PORT}/punch/v1/reports/export`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ definition, format, content: 'entries' }),
  });
  if (!response.ok || !response.body) throw new Error(`export ${format}: ${response.status}`);
  const { state, sink } = counter();
  await pipeline(response.body, sink);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  return { seconds, bytes: state.bytes, lines: state.lines, before, peak };
}

// ---- raw baseline: the same pages, the same writers, no rules or presentation ----------------
const filters = {
  from,
  to: today,
  projectIds: null,
  taskIds: null,
  userIds: null,
  approvalStatuses: null,
  invoiced: null,
};
async function* rawPages() {
  let after: { date: string; id: number } | null = null;
  for (;;) {
    const page = await findReportEntries(data.db, accountId, filters, after, 1000);
    if (page.length > 0) yield page;
    const last = page.at(-1);
    if (page.length < 1000 || !last) return;
    after = { date: last.spent_date, id: last.id };
  }
}
async function rawExport(format: 'csv' | 'xlsx') {
  const started = performance.now();
  const { state, sink } = counter();
  if (format === 'csv') {
    for await (const page of rawPages()) {
      const text = Papa.unparse(page, { header: false, newline: '\n' });
      if (!sink.write(`${text}\n`)) await new Promise((r) => sink.once('drain', r));
    }
    sink.end();
  } else {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: sink,
      useSharedStrings: false,
      useStyles: false,
    });
    const sheet = book.addWorksheet('raw');
    for await (const page of rawPages())
      for (const row of page) sheet.addRow(Object.values(row)).commit();
    sheet.commit();
    await book.commit();
  }
  return { seconds: (performance.now() - started) / 1000, bytes: state.bytes, lines: state.lines };
}

const rows: string[] = [];
// The server goes whatever happens: a leftover would hold the port and the terminal.
process.on('exit', () => server.kill('SIGTERM'));
for (const format of (['csv', 'xlsx'] as const).filter((f) => !opts.only || f === opts.only)) {
  log(`• ${format}: Punch`);
  const punch = await punchExport(format);
  log(`• ${format}: raw`);
  const raw = await rawExport(format);
  const punchRate = Math.round(inRange / punch.seconds);
  const rawRate = Math.round(inRange / raw.seconds);
  rows.push(
    `| ${format.toUpperCase()} entries | ${inRange.toLocaleString('en')} | ${punch.seconds.toFixed(1)} | ${punchRate.toLocaleString('en')} | ${(punch.bytes / 1e6).toFixed(0)} | ${punch.before} → ${punch.peak} (+${punch.peak - punch.before}) | ${raw.seconds.toFixed(1)} | ${rawRate.toLocaleString('en')} | ${(punchRate / rawRate).toFixed(2)} |` +
      (format === 'csv'
        ? ` ${punch.lines - 1 === inRange ? 'every row' : `${punch.lines - 1} rows`} |`
        : ' |'),
  );
}
server.kill('SIGTERM');
await data.close();

const table = [
  `Exports on ${opts.db.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'} (${versions}), Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| export | entries | Punch s | Punch rows/s | MB | Punch RSS MB (before → peak) | raw s | raw rows/s | Punch/raw | check |',
  '|---|---:|---:|---:|---:|---|---:|---:|---:|---|',
  ...rows,
  '',
].join('\n');
console.log(table);
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${today}-exports-${opts.db.startsWith('sqlite') ? 'sqlite' : 'postgres'}.md`;
writeFileSync(file, table);
log(`written to ${file}`);
