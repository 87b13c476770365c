/**
 * Imports per second: a generated Toggl Track export of N rows imported by a real `punch serve`
 * (POST /punch/v1/imports), beside a raw baseline in the same run that inserts the same rows
 * into time_entries in batched transactions with no rules at all.
 *   npm run bench:imports -- [--db URL] [--rows 20000]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { sql } from 'kysely';
import { createAuthService } from '../src/server/modules/auth/auth.service.ts';
import { createSetupService } from '../src/server/modules/setup/setup.service.ts';
import { systemClock } from '../src/server/shared/clock.ts';
import { isoDay, openBenchDatabase, startBenchServer } from './lib.ts';

const opts = new Command('bench-imports')
  .option('--db <url>', 'database (emptied first)', 'sqlite:./bench/data/imports.sqlite')
  .option('--rows <n>', 'rows in the export', '20000')
  .parse()
  .opts<{ db: string; rows: string }>();
const N = Number(opts.rows);
const PORT = 8095;

mkdirSync('bench/data', { recursive: true });
if (opts.db.startsWith('sqlite:')) rmSync(opts.db.slice('sqlite:'.length), { force: true });
else {
  const admin = await openBenchDatabase(opts.db);
  await sql`drop schema public cascade`.execute(admin.db);
  await sql`create schema public`.execute(admin.db);
  await admin.close();
}
const data = await openBenchDatabase(opts.db);
const owner = await createSetupService({
  db: data.db,
  clock: systemClock,
  auth: createAuthService({ db: data.db, clock: systemClock }),
}).setupAccount({ account: 'Imports', email: 'imports@example.com', password: 'bench-password' });
const person = await data.db
  .selectFrom('users')
  .select(['first_name', 'last_name', 'email'])
  .where('id', '=', owner.user_id)
  .executeTakeFirstOrThrow();

// A year of a team's time in Toggl's export: 10 projects, 4 tasks, 15 minutes to 3 hours.
const header =
  'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration';
const lines = [header];
const today = Math.floor(Date.now() / 86_400_000);
for (let i = 0; i < N; i++) {
  const day = isoDay(today - 1 - (i % 365));
  const minutes = 15 + ((i * 37) % 166);
  const h = String(Math.floor(minutes / 60)).padStart(2, '0');
  const m = String(minutes % 60).padStart(2, '0');
  lines.push(
    `${person.first_name} ${person.last_name},${person.email},Client ${i % 3},Project ${i % 10},Task ${i % 4},Work item ${i},Yes,${day},08:00:00,${day},${String(8 + Math.floor(minutes / 60)).padStart(2, '0')}:${m}:00,${h}:${m}:00`,
  );
}
const csv = `${lines.join('\n')}\n`;

const server = await startBenchServer(PORT, { DATABASE_URL: opts.db, RATE_LIMIT_MAX: '0' });
const started = performance.now();
const form = new FormData();
form.append('file', new Blob([csv]), 'toggl.csv');
const res = await fetch(`http://127.0.0.1:${PORT}/punch/v1/imports`, {
  method: 'POST',
  headers: { authorization: `Bearer ${owner.token}` },
  body: form,
});
const report = (await res.json()) as { created: { entries: number }; refused: unknown[] };
if (!res.ok) throw new Error(`import: ${res.status} ${JSON.stringify(report).slice(0, 300)}`);
const punchSeconds = (performance.now() - started) / 1000;
if (report.created.entries !== N) throw new Error(`imported ${report.created.entries} of ${N}`);
server.kill('SIGTERM');

// ---- raw: the same rows straight into time_entries, batched ------------------------------
const project = await data.db.selectFrom('projects').select(['id']).executeTakeFirstOrThrow();
const now = Date.now();
const rows = lines.slice(1).map((line) => {
  const cells = line.split(',');
  const [h = '0', m = '0'] = (cells[11] ?? '').split(':');
  return {
    account_id: owner.account_id,
    user_id: owner.user_id,
    project_id: project.id,
    task_id: null,
    spent_date: cells[7] ?? '',
    duration_seconds: Number(h) * 3600 + Number(m) * 60,
    timer_started_at: null,
    started_time: null,
    ended_time: null,
    notes: cells[5] ?? null,
    external_reference_id: null,
    external_reference_group_id: null,
    external_reference_account_id: null,
    external_reference_permalink: null,
    approval_status: 'unsubmitted',
    invoice_id: null,
    invoice_number: null,
    invoice_line_item_id: null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
});
const rawStarted = performance.now();
for (let i = 0; i < rows.length; i += 500)
  await data.db.transaction().execute((tx) =>
    tx
      .insertInto('time_entries')
      .values(rows.slice(i, i + 500))
      .execute(),
  );
const rawSeconds = (performance.now() - rawStarted) / 1000;
await data.close();

const dialect = opts.db.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL';
const table = [
  `Imports on ${dialect}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| rows | Punch s | Punch rows/s | raw s | raw rows/s | Punch/raw |',
  '|---:|---:|---:|---:|---:|---:|',
  `| ${N.toLocaleString('en')} | ${punchSeconds.toFixed(1)} | ${Math.round(N / punchSeconds).toLocaleString('en')} | ${rawSeconds.toFixed(2)} | ${Math.round(N / rawSeconds).toLocaleString('en')} | ${(rawSeconds / punchSeconds).toFixed(3)} |`,
  '',
].join('\n');
console.log(table);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/${new Date().toISOString().slice(0, 10)}-imports-${dialect.toLowerCase()}.md`,
  table,
);
process.exit(0);
