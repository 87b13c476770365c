/**
 * Imports per second: a generated Toggl Track export of N rows imported by a real `punch serve`
 * (POST /punch/v1/imports), beside a raw baseline in the same run that inserts the same rows
 * into time_entries in batched transactions with no rules at all. Each side starts from the
 * same freshly migrated database holding one account, raw first.
 *   npm run bench:imports -- [--db URL] [--rows 20000]
 */
import { once } from 'node:events';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { sql } from 'kysely';
import { createAuthService } from '../src/server/modules/auth/auth.service.ts';
import { createSetupService } from '../src/server/modules/setup/setup.service.ts';
import { systemClock } from '../src/server/shared/clock.ts';
import { createCatalog } from '../test/factories.ts';
import { isoDay, openBenchDatabase, startBenchServer } from './lib.ts';

const opts = new Command('bench-imports')
  .option('--db <url>', 'database (emptied first)', 'sqlite:./bench/data/imports.sqlite')
  .option('--rows <n>', 'rows in the export', '20000')
  .parse()
  .opts<{ db: string; rows: string }>();
const N = Number(opts.rows);
const PORT = 8095;

mkdirSync('bench/data', { recursive: true });

/** The database emptied, migrated and given one account: each side starts from the same state. */
async function freshAccount() {
  if (opts.db.startsWith('sqlite:')) {
    const file = opts.db.slice('sqlite:'.length);
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  } else {
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
  return { data, owner, person };
}

// A year of a team's time in Toggl's export: 10 projects, 4 tasks, 15 minutes to 3 hours.
const header =
  'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration';
const today = Math.floor(Date.now() / 86_400_000);
const exportOf = (person: { first_name: string; last_name: string; email: string }) => {
  const lines = [header];
  for (let i = 0; i < N; i++) {
    const day = isoDay(today - 1 - (i % 365));
    const minutes = 15 + ((i * 37) % 166);
    const h = String(Math.floor(minutes / 60)).padStart(2, '0');
    const m = String(minutes % 60).padStart(2, '0');
    lines.push(
      `${person.first_name} ${person.last_name},${person.email},Client ${i % 3},Project ${i % 10},Task ${i % 4},Work item ${i},Yes,${day},08:00:00,${day},${String(8 + Math.floor(minutes / 60)).padStart(2, '0')}:${m}:00,${h}:${m}:00`,
    );
  }
  return lines;
};

// ---- raw: the same rows straight into time_entries, batched, no rules, no events ---------
let rawSeconds: number;
{
  const { data, owner, person } = await freshAccount();
  const lines = exportOf(person);
  const now = Date.now();
  // The raw side needs a project to point at; the test factory writes one as the schema wants.
  const { project } = await createCatalog(data.db, systemClock, owner.account_id);
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
  rawSeconds = (performance.now() - rawStarted) / 1000;
  await data.close();
}

// ---- Punch: the export uploaded to a real server, from the same empty account ------------
let punchSeconds: number;
let rssMb = 0;
{
  const { data, owner, person } = await freshAccount();
  await data.close();
  const csv = `${exportOf(person).join('\n')}\n`;
  const server = await startBenchServer(PORT, { DATABASE_URL: opts.db, RATE_LIMIT_MAX: '0' });
  const peak = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
      const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
      rssMb = Math.max(rssMb, Math.round(kb / 1024));
    } catch {
      // not on Linux, or gone
    }
  }, 500);
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
  punchSeconds = (performance.now() - started) / 1000;
  clearInterval(peak);
  if (report.created.entries !== N) throw new Error(`imported ${report.created.entries} of ${N}`);
  server.kill('SIGTERM');
  // Waited for, so that a profile asked for through BENCH_SERVER_NODE_ARGS gets written.
  await once(server, 'exit');
}

const dialect = opts.db.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL';
const table = [
  `Imports on ${dialect}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| rows | Punch s | Punch rows/s | raw s | raw rows/s | Punch/raw | server peak RSS |',
  '|---:|---:|---:|---:|---:|---:|---:|',
  `| ${N.toLocaleString('en')} | ${punchSeconds.toFixed(1)} | ${Math.round(N / punchSeconds).toLocaleString('en')} | ${rawSeconds.toFixed(2)} | ${Math.round(N / rawSeconds).toLocaleString('en')} | ${(rawSeconds / punchSeconds).toFixed(3)} | ${rssMb} MB |`,
  '',
].join('\n');
console.log(table);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  `bench/results/${new Date().toISOString().slice(0, 10)}-imports-${dialect.toLowerCase()}.md`,
  table,
);
process.exit(0);
