/**
 * The benchmark (issue 6): Punch and a raw baseline, each a real server process, under the
 * same autocannon load, scenario by scenario.
 *   npm run bench -- [--db URL] [--entries N] [--quick] [--duration S] [--connections C]
 *                    [--only TEXT] [--runs N]
 * Prints one markdown table and writes it with the machine's details to
 * bench/results/<date>-<db>.md. Figures only: nothing here passes or fails.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { Command } from 'commander';
import { sql } from 'kysely';
import { createAuthService } from '../src/server/modules/auth/auth.service.ts';
import { systemClock } from '../src/server/shared/clock.ts';
import { DEFAULT_BENCH_DB, epochDay, isoDay, openBenchDatabase } from './lib.ts';
import { seed } from './seed.ts';

const opts = new Command('bench')
  .option('--db <url>', 'DATABASE_URL to benchmark', DEFAULT_BENCH_DB)
  .option('--entries <n>', 'time entries in the data set', '1000000')
  .option('--quick', '100k entries and short runs (under two minutes)', false)
  .option('--duration <s>', 'seconds per measured run')
  .option('--connections <n>', 'concurrent connections', '50')
  .option('--reseed', 'seed again even when the data set is already there', false)
  .option('--projects <n>', 'projects in the data set (half budgeted); scales with it by default')
  .option('--only <text>', 'only the scenarios whose name contains this text')
  .option('--runs <n>', 'measure each scenario this many times, Punch and raw in turn', '1')
  .parse()
  .opts<{
    db: string;
    entries: string;
    quick: boolean;
    duration?: string;
    connections: string;
    reseed: boolean;
    projects?: string;
    only?: string;
    runs: string;
  }>();

const entries = opts.quick ? 100_000 : Number(opts.entries);
const duration = Number(opts.duration ?? (opts.quick ? 3 : 10));
const connections = Number(opts.connections);
const PUNCH_PORT = 9801;
const RAW_PORT = 9802;
const log = (line: string) => console.error(line);

// ---- data set --------------------------------------------------------------------------------

const handle = await openBenchDatabase(opts.db);
const { db, dialect } = handle;
const present = await db
  .selectFrom('time_entries')
  .select((eb) => eb.fn.countAll<number>().as('n'))
  .executeTakeFirstOrThrow();
const projects = opts.projects ? Number(opts.projects) : undefined;
const projectsPresent = (
  await db
    .selectFrom('projects')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
).n;
if (
  opts.reseed ||
  Math.abs(present.n - entries) > entries * 0.05 ||
  (projects !== undefined && projectsPresent !== projects)
) {
  log(`seeding ${entries.toLocaleString('en')} entries…`);
  await handle.close();
  const seeded = await seed({
    url: opts.db,
    entries,
    years: 3,
    reset: true,
    log,
    ...(projects !== undefined ? { projects } : {}),
  });
  log(
    `seeded in ${seeded.seconds.toFixed(1)} s (${seeded.rowsPerSecond.toLocaleString('en')} rows/s)`,
  );
}
const data = await openBenchDatabase(opts.db);
if (dialect === 'postgres') {
  // What autovacuum does on a live database: without it, freshly loaded rows are not yet
  // visible-all and index-only scans (counts, totals) still read the table.
  log('vacuum analyze…');
  await sql`vacuum analyze time_entries`.execute(data.db);
}

const account = await data.db
  .selectFrom('time_entries')
  .select(['account_id', (eb) => eb.fn.countAll<number>().as('n')])
  .groupBy('account_id')
  .orderBy('n', 'desc')
  .executeTakeFirstOrThrow();
const accountId = account.account_id;
const admin = await data.db
  .selectFrom('users')
  .select('id')
  .where('account_id', '=', accountId)
  .where('access_level', '=', 'administrator')
  .executeTakeFirstOrThrow();
const last = await data.db
  .selectFrom('time_entries')
  .select((eb) => eb.fn.max('spent_date').as('d'))
  .where('account_id', '=', accountId)
  .executeTakeFirstOrThrow();
const lastDay = epochDay(last.d);
const lastDate = new Date(lastDay * 86_400_000);
const monthFrom =
  isoDay(epochDay(`${lastDate.toISOString().slice(0, 7)}-01`) - 1).slice(0, 7) + '-01';
const monthTo = isoDay(epochDay(`${lastDate.toISOString().slice(0, 7)}-01`) - 1);
// The last full Monday–Sunday week before the last day.
const lastSunday = lastDay - ((lastDate.getUTCDay() + 7) % 7 || 7);
const weekFrom = isoDay(lastSunday - 6);
const weekTo = isoDay(lastSunday);
const yearFrom = isoDay(lastDay - 364);
const yearTo = isoDay(lastDay);

const person = await data.db
  .selectFrom('time_entries')
  .select(['user_id', (eb) => eb.fn.countAll<number>().as('n')])
  .where('account_id', '=', accountId)
  .where('spent_date', '>=', monthFrom)
  .where('spent_date', '<=', monthTo)
  .where('deleted_at', 'is', null)
  .groupBy('user_id')
  .orderBy('n', 'desc')
  .executeTakeFirstOrThrow();
const project = await data.db
  .selectFrom('time_entries')
  .select(['project_id', (eb) => eb.fn.countAll<number>().as('n')])
  .where('account_id', '=', accountId)
  .where('spent_date', '>=', weekFrom)
  .where('spent_date', '<=', weekTo)
  .where('deleted_at', 'is', null)
  .groupBy('project_id')
  .orderBy('n', 'desc')
  .executeTakeFirstOrThrow();
const entryIds = (
  await data.db
    .selectFrom('time_entries')
    .select('id')
    .where('account_id', '=', accountId)
    .where('deleted_at', 'is', null)
    .orderBy(sql`id * 7919 % 1000003`)
    .limit(1000)
    .execute()
).map((r) => r.id);
/** People with a project and task they may track on: who creates entries and starts timers. */
const trackers = await data.db
  .selectFrom('user_assignments as ua')
  .innerJoin('task_assignments as ta', 'ta.project_id', 'ua.project_id')
  .innerJoin('users as u', 'u.id', 'ua.user_id')
  .select(['ua.user_id', 'ua.project_id', 'ta.task_id'])
  .where('ua.account_id', '=', accountId)
  .where('u.access_level', '!=', 'administrator')
  .orderBy('ua.user_id')
  .execute();
const byUser = new Map<number, { user_id: number; project_id: number; task_id: number }>();
for (const row of trackers) if (!byUser.has(row.user_id)) byUser.set(row.user_id, row);
const writers = [...byUser.values()].slice(0, 50);
const token = (
  await createAuthService({ db: data.db, clock: systemClock }).createToken(data.db, {
    userId: admin.id,
    name: 'bench',
  })
).token;
const versions =
  dialect === 'sqlite'
    ? `SQLite ${(await sql<{ v: string }>`select sqlite_version() as v`.execute(data.db)).rows[0]?.v ?? '?'}`
    : `PostgreSQL ${(await sql<{ v: string }>`select current_setting('server_version') as v`.execute(data.db)).rows[0]?.v ?? '?'}`;
const totalEntries = (
  await data.db
    .selectFrom('time_entries')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
).n;
await data.close();

// ---- servers ---------------------------------------------------------------------------------

function start(args: string[], env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  child.on('exit', (code) => {
    if (code !== null && code !== 0) log(`server ${args.join(' ')} exited with ${code}`);
  });
  return child;
}

async function ready(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} never answered`);
}

function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return Math.round(kb / 1024);
}

const punch = start(['bin/punch.js', 'serve'], {
  DATABASE_URL: opts.db,
  HOST: '127.0.0.1',
  PORT: String(PUNCH_PORT),
  RATE_LIMIT_MAX: '0',
  LOG_LEVEL: 'warn',
});
const raw = start(
  [
    '--import',
    'tsx',
    'bench/raw-server.ts',
    '--db',
    opts.db,
    '--port',
    String(RAW_PORT),
    '--account',
    String(accountId),
  ],
  {},
);
await ready(`http://127.0.0.1:${PUNCH_PORT}/health`);
await ready(`http://127.0.0.1:${RAW_PORT}/bare`);

// ---- scenarios -------------------------------------------------------------------------------

type Request = NonNullable<autocannon.Options['requests']>[number];
interface Side {
  port: number;
  requests: Request[];
}
interface Scenario {
  name: string;
  punch: Side | null;
  raw: Side;
  /** What limits or explains the row, for the table's notes. */
  note?: string;
  /**
   * Connections for this scenario: a query of most of a second queued 50 deep only measures
   * timeouts, so the heavy reports are measured a few at a time (said in the notes).
   */
  connections?: number;
}

const harvestHeaders = {
  authorization: `Bearer ${token}`,
  'harvest-account-id': String(accountId),
  'user-agent': 'Punch bench (bench@example.com)',
  'content-type': 'application/json',
};
const flowtlyHeaders = { authorization: `Bearer ${token}`, accept: 'application/ld+json' };
const get = (path: string, headers: Record<string, string> = {}): Request => ({
  method: 'GET',
  path,
  headers,
});
let turn = 0;
const rotating = (paths: (i: number) => string, headers: Record<string, string> = {}): Request => ({
  method: 'GET',
  headers,
  setupRequest: (request) => ({ ...request, path: paths(turn++) }),
});
const writing = (
  path: string,
  headers: Record<string, string>,
  body: (i: number) => object,
): Request => ({
  method: 'POST',
  path,
  headers: { ...headers, 'content-type': 'application/json' },
  setupRequest: (request) => ({ ...request, body: JSON.stringify(body(turn++)) }),
});
const writer = (i: number) =>
  writers[i % writers.length] ?? { user_id: admin.id, project_id: 0, task_id: 0 };

const scenarios: Scenario[] = [
  {
    name: 'bare JSON route',
    punch: null,
    raw: { port: RAW_PORT, requests: [get('/bare')] },
    note: "the stack's ceiling: Fastify answering a constant",
  },
  {
    name: `person-month list (${monthFrom.slice(0, 7)})`,
    punch: {
      port: PUNCH_PORT,
      requests: [
        get(
          `/v2/time_entries?user_id=${person.user_id}&from=${monthFrom}&to=${monthTo}&per_page=100`,
          harvestHeaders,
        ),
      ],
    },
    raw: {
      port: RAW_PORT,
      requests: [get(`/person-month?user=${person.user_id}&from=${monthFrom}&to=${monthTo}`)],
    },
  },
  {
    name: `project-week list (${weekFrom})`,
    punch: {
      port: PUNCH_PORT,
      requests: [
        get(
          `/v2/time_entries?project_id=${project.project_id}&from=${weekFrom}&to=${weekTo}&per_page=100`,
          harvestHeaders,
        ),
      ],
    },
    raw: {
      port: RAW_PORT,
      requests: [get(`/project-week?project=${project.project_id}&from=${weekFrom}&to=${weekTo}`)],
    },
  },
  {
    name: 'account latest page',
    punch: { port: PUNCH_PORT, requests: [get('/v2/time_entries?per_page=100', harvestHeaders)] },
    raw: { port: RAW_PORT, requests: [get('/latest')] },
  },
  {
    name: 'retrieve one entry',
    punch: {
      port: PUNCH_PORT,
      requests: [
        rotating((i) => `/v2/time_entries/${entryIds[i % entryIds.length] ?? 0}`, harvestHeaders),
      ],
    },
    raw: {
      port: RAW_PORT,
      requests: [rotating((i) => `/entry/${entryIds[i % entryIds.length] ?? 0}`)],
    },
  },
  {
    name: 'create by duration',
    punch: {
      port: PUNCH_PORT,
      requests: [
        writing('/v2/time_entries', harvestHeaders, (i) => ({
          ...writer(i),
          spent_date: yearTo,
          hours: 1.5,
          notes: 'bench',
        })),
      ],
    },
    raw: {
      port: RAW_PORT,
      requests: [writing('/entry', {}, (i) => ({ ...writer(i), spent_date: yearTo }))],
    },
  },
  {
    name: 'start timer (stops the running one)',
    punch: {
      port: PUNCH_PORT,
      requests: [
        writing('/v2/time_entries', harvestHeaders, (i) => ({ ...writer(i), spent_date: yearTo })),
      ],
    },
    raw: {
      port: RAW_PORT,
      requests: [writing('/timer', {}, (i) => ({ ...writer(i), spent_date: yearTo }))],
    },
  },
  {
    name: 'Flowtly work-time collection',
    punch: {
      port: PUNCH_PORT,
      requests: [
        get(
          `/api/work-times?employee=/api/employees/emp_${person.user_id}&date[after]=${monthFrom}&date[before]=${monthTo}`,
          flowtlyHeaders,
        ),
      ],
    },
    raw: {
      port: RAW_PORT,
      requests: [get(`/work-times?user=${person.user_id}&from=${monthFrom}&to=${monthTo}`)],
    },
  },
  {
    name: `year-long grouped total (${yearFrom}..${yearTo})`,
    punch: {
      port: PUNCH_PORT,
      requests: [get(`/v2/reports/time/projects?from=${yearFrom}&to=${yearTo}`, harvestHeaders)],
    },
    raw: { port: RAW_PORT, requests: [get(`/grouped?from=${yearFrom}&to=${yearTo}`)] },
    note: 'Harvest time report by project: rounded per entry, priced per rate period',
  },
  {
    name: `native report, a year by project and month with its chart (${yearFrom}..${yearTo})`,
    punch: {
      port: PUNCH_PORT,
      requests: [
        {
          method: 'POST',
          path: '/punch/v1/reports/run',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            period: 'custom',
            from: yearFrom,
            to: yearTo,
            groupBy: ['project', 'month'],
            interval: 'month',
          }),
        },
      ],
    },
    raw: { port: RAW_PORT, requests: [get(`/native-report?from=${yearFrom}&to=${yearTo}`)] },
    note: '4 connections; both GROUP BYs (groups by project, task, person, rate period and month; the series by project and month), priced, named and presented',
    connections: 4,
  },
  {
    name: 'project budget report (every budgeted project)',
    punch: { port: PUNCH_PORT, requests: [get('/v2/reports/project_budget', harvestHeaders)] },
    raw: { port: RAW_PORT, requests: [get('/project-budget')] },
    note: "4 connections; Harvest's report: all-time, this month's and the pace window's GROUP BYs, priced per rate period, with forecasts",
    connections: 4,
  },
  {
    name: 'covering GROUP BY of seconds per project alone (floor)',
    punch: null,
    raw: { port: RAW_PORT, requests: [get(`/grouped-by-project?from=${yearFrom}&to=${yearTo}`)] },
    note: 'the least a grouped total can cost: no task, person, rounding or rate periods',
  },
];

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  rssMb: number;
}

/**
 * Waits until a server's database answers fast again: a slow scenario leaves queries queued
 * in the pool after the load stops, and they must not be billed to the next scenario.
 */
async function drain(port: number): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const started = performance.now();
    try {
      await fetch(`http://127.0.0.1:${port}/health`);
    } catch {
      // a closed socket counts as busy
    }
    if (performance.now() - started < 50) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function load(
  side: Side,
  seconds: number,
  pid: number | undefined,
  conns = connections,
): Promise<Figures> {
  await drain(side.port);
  let peak = 0;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssMb(pid));
  }, 250);
  const result = await autocannon({
    url: `http://127.0.0.1:${side.port}`,
    connections: conns,
    duration: seconds,
    requests: side.requests,
  });
  clearInterval(sampler);
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    rssMb: Math.max(peak, rssMb(pid)),
  };
}

const rows: string[] = [];
const runs = Math.max(1, Number(opts.runs));
const chosen = scenarios.filter((s) => !opts.only || s.name.includes(opts.only));
for (const [index, scenario] of chosen.flatMap((s) =>
  Array.from({ length: runs }, (_, run) => [run, s] as const),
)) {
  const name = runs > 1 ? `${scenario.name} (run ${index + 1})` : scenario.name;
  log(`• ${name}`);
  let punchFigures: Figures | null = null;
  if (scenario.punch) {
    await load(scenario.punch, 1, punch.pid, scenario.connections); // warm-up: JIT, caches, prepared statements
    punchFigures = await load(scenario.punch, duration, punch.pid, scenario.connections);
  }
  await load(scenario.raw, 1, raw.pid, scenario.connections);
  const rawFigures = await load(scenario.raw, duration, raw.pid, scenario.connections);
  const ratio = punchFigures ? (punchFigures.rps / rawFigures.rps).toFixed(2) : '—';
  const cell = (f: Figures | null, pick: (f: Figures) => string) => (f ? pick(f) : '—');
  rows.push(
    `| ${name} | ${cell(punchFigures, (f) => f.rps.toLocaleString('en'))} | ${cell(punchFigures, (f) => `${f.p50}`)} | ${cell(punchFigures, (f) => `${f.p99}`)} | ${rawFigures.rps.toLocaleString('en')} | ${rawFigures.p50} | ${rawFigures.p99} | ${ratio} | ${cell(punchFigures, (f) => `${f.rssMb}`)} | ${[
      punchFigures && punchFigures.errors > 0 ? `${punchFigures.errors} Punch errors` : '',
      rawFigures.errors > 0 ? `${rawFigures.errors} raw errors` : '',
      scenario.note ?? '',
    ]
      .filter(Boolean)
      .join('; ')} |`,
  );
}

// Sustained load on the person-month list: RSS early against RSS late.
const sustainSeconds = opts.quick ? 8 : 60;
// Skipped when only some scenarios run: that is a focused measurement, not a full report.
const listSide = opts.only ? undefined : scenarios[1]?.punch;
let memoryLine = '';
if (listSide) {
  log(`• sustained person-month list for ${sustainSeconds} s`);
  const samples: number[] = [];
  const sampler = setInterval(() => samples.push(rssMb(punch.pid)), 500);
  await autocannon({
    url: `http://127.0.0.1:${PUNCH_PORT}`,
    connections,
    duration: sustainSeconds,
    requests: listSide.requests,
  });
  clearInterval(sampler);
  const tenth = Math.max(1, Math.floor(samples.length / 10));
  const avg = (xs: number[]) => Math.round(xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length));
  const early = avg(samples.slice(tenth, 2 * tenth));
  const late = avg(samples.slice(-tenth));
  memoryLine = `Sustained person-month list, ${sustainSeconds} s at ${connections} connections: Punch RSS ${early} MB in the second tenth, ${late} MB in the last tenth (${late >= early ? '+' : ''}${late - early} MB).`;
}

punch.kill('SIGTERM');
raw.kill('SIGTERM');

const cpus = os.cpus();
const today = new Date().toISOString().slice(0, 10);
const report = [
  `# Benchmark ${today} — ${dialect}${opts.quick ? ' (quick)' : ''}`,
  '',
  `- Machine: ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, ${os.type()} ${os.release()}`,
  `- Node ${process.version}; ${versions}`,
  `- Data: ${totalEntries.toLocaleString('en')} time entries; account ${accountId}, person ${person.user_id} (${person.n} entries in ${monthFrom.slice(0, 7)}), project ${project.project_id} (${project.n} entries in the week of ${weekFrom})`,
  `- Load: autocannon in this process, ${connections} connections, ${duration} s per run after a 1 s warm-up; Punch with LOG_LEVEL=warn and rate limiting off; both servers on the same machine as the load generator`,
  '',
  '| scenario | Punch req/s | p50 ms | p99 ms | raw req/s | raw p50 | raw p99 | Punch/raw | Punch RSS MB | notes |',
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
  ...rows,
  '',
  memoryLine,
  '',
].join('\n');
console.log(report);
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${today}-${dialect}${opts.quick ? '-quick' : ''}${opts.only ? '-partial' : ''}.md`;
writeFileSync(file, report);
log(`written to ${file}`);
