/**
 * The raw baseline (issue 6): a minimal Fastify server that runs the same SQL as Punch with
 * prepared statements straight on the driver, and returns the rows as JSON. No validation, no
 * auth, no presentation: what is left is the floor the stack itself sets.
 *   node --import tsx bench/raw-server.ts --db URL --port N --account ID
 */
import Fastify from 'fastify';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Command } from 'commander';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { parseDatabaseUrl } from '../src/server/config.ts';
import { pgTypes } from '../src/server/db/database.ts';
import type { Database } from '../src/server/db/database-types.ts';
import { detailed } from '../src/server/modules/time-entries/time-entries.repository.ts';
import {
  reportFactsQuery,
  timeTotalsQuery,
} from '../src/server/modules/reports/reports.repository.ts';
import { ratePeriodStarts } from '../src/server/modules/reports/reports.rules.ts';
import type { RoundingMode } from '../src/shared/time.ts';

const opts = new Command('raw-server')
  .requiredOption('--db <url>')
  .requiredOption('--port <n>')
  .requiredOption('--account <id>')
  .parse()
  .opts<{ db: string; port: string; account: string }>();
const accountId = Number(opts.account);
const config = parseDatabaseUrl(opts.db);

// Kysely only compiles here: each query's SQL comes from Punch's own builder, then runs raw.
const compiler =
  config.dialect === 'sqlite'
    ? new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(':memory:') }) })
    : new Kysely<Database>({
        dialect: new PostgresDialect({ pool: new pg.Pool({ max: 1 }) }),
      });

/** Sentinels mark where request values go in a compiled query's parameters. */
const P = {
  user: -9001,
  project: -9002,
  from: '1000-01-01',
  to: '1000-01-02',
  id: -9003,
  at: -9004,
};

interface Prepared {
  sql: string;
  params: readonly unknown[];
}

function compile(query: { compile(): { sql: string; parameters: readonly unknown[] } }): Prepared {
  const compiled = query.compile();
  return { sql: compiled.sql, params: compiled.parameters };
}

const base = () => detailed(compiler, accountId);
const count = () =>
  compiler
    .selectFrom('time_entries as t')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('t.account_id', '=', accountId)
    .where('t.deleted_at', 'is', null);
const queries = {
  personMonth: compile(
    base()
      .where('t.user_id', '=', P.user)
      .where('t.spent_date', '>=', P.from)
      .where('t.spent_date', '<=', P.to)
      .orderBy('t.spent_date', 'desc')
      .orderBy('t.id', 'desc')
      .limit(100),
  ),
  // Punch's lists report their total (Harvest's total_entries, Hydra's totalItems): so do these.
  personMonthCount: compile(
    count()
      .where('t.user_id', '=', P.user)
      .where('t.spent_date', '>=', P.from)
      .where('t.spent_date', '<=', P.to),
  ),
  projectWeekCount: compile(
    count()
      .where('t.project_id', '=', P.project)
      .where('t.spent_date', '>=', P.from)
      .where('t.spent_date', '<=', P.to),
  ),
  latestCount: compile(count()),
  projectWeek: compile(
    base()
      .where('t.project_id', '=', P.project)
      .where('t.spent_date', '>=', P.from)
      .where('t.spent_date', '<=', P.to)
      .orderBy('t.spent_date', 'desc')
      .orderBy('t.id', 'desc')
      .limit(100),
  ),
  latest: compile(base().orderBy('t.spent_date', 'desc').orderBy('t.id', 'desc').limit(100)),
  one: compile(base().where('t.id', '=', P.id)),
  workTimes: compile(
    base()
      .where('t.user_id', '=', P.user)
      .where('t.spent_date', '>=', P.from)
      .where('t.spent_date', '<=', P.to)
      .orderBy('t.id', 'asc')
      .limit(30),
  ),
  // The plainest covering-index GROUP BY (a year's seconds per project): a floor, shown alone.
  groupedByProject: coveringOnSqlite(
    compiler
      .selectFrom('time_entries as t')
      .select(['t.project_id', sql<number>`sum(t.duration_seconds)`.as('seconds')])
      .where('t.account_id', '=', accountId)
      .where('t.deleted_at', 'is', null)
      .where('t.spent_date', '>=', P.from)
      .where('t.spent_date', '<=', P.to)
      .groupBy('t.project_id'),
  ),
  insert: compile(
    compiler
      .insertInto('time_entries')
      .values({
        account_id: accountId,
        user_id: P.user,
        project_id: P.project,
        task_id: P.id,
        spent_date: P.from,
        duration_seconds: 5400,
        timer_started_at: null,
        started_time: null,
        ended_time: null,
        notes: 'raw baseline',
        approval_status: 'unsubmitted',
        created_at: 0,
        updated_at: 0,
        deleted_at: null,
      })
      .returning('id'),
  ),
  startTimer: compile(
    compiler
      .insertInto('time_entries')
      .values({
        account_id: accountId,
        user_id: P.user,
        project_id: P.project,
        task_id: P.id,
        spent_date: P.from,
        duration_seconds: 0,
        timer_started_at: P.at,
        started_time: null,
        ended_time: null,
        notes: null,
        approval_status: 'unsubmitted',
        created_at: P.at,
        updated_at: P.at,
        deleted_at: null,
      })
      .returning('id'),
  ),
  stopTimer: compile(
    compiler
      .updateTable('time_entries')
      .set({ timer_started_at: null, duration_seconds: 60 })
      .where('user_id', '=', P.user)
      .where('timer_started_at', 'is not', null),
  ),
};

/**
 * The grouped total read from the covering totals index alone. SQLite's planner prefers the
 * project index (it avoids sorting for GROUP BY) and then reads the table for every row, so
 * the baseline names the index; PostgreSQL picks the index-only scan by itself.
 */
function coveringOnSqlite(query: Parameters<typeof compile>[0]): Prepared {
  const prepared = compile(query);
  if (config.dialect !== 'sqlite') return prepared;
  return {
    ...prepared,
    sql: prepared.sql.replace(
      'from "time_entries" as "t"',
      'from "time_entries" as "t" indexed by "time_entries_live_totals_idx"',
    ),
  };
}

type Values = Partial<Record<keyof typeof P, unknown>>;
const SENTINEL_KEY = new Map<unknown, keyof typeof P>(
  Object.entries(P).map(([key, value]) => [value, key as keyof typeof P]),
);
const bind = (query: Prepared, values: Values) =>
  query.params.map((param) => {
    const key = SENTINEL_KEY.get(param);
    return key === undefined ? param : values[key];
  });

interface Runner {
  all(query: Prepared, values: Values): Promise<unknown[]>;
  transaction(work: () => Promise<unknown>): Promise<unknown>;
}

function sqliteRunner(filename: string): Runner {
  const db = new SQLite(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  // Punch's own settings: foreign keys are checked on every write (a third of an insert's time).
  db.pragma('foreign_keys = ON');
  const statements = new Map<string, SQLite.Statement>();
  const statement = (text: string) => {
    let prepared = statements.get(text);
    if (!prepared) {
      prepared = db.prepare(text);
      statements.set(text, prepared);
    }
    return prepared;
  };
  return {
    all: async (query, values) => {
      const prepared = statement(query.sql);
      const params = bind(query, values);
      if (prepared.reader) return prepared.all(...params);
      prepared.run(...params);
      return [];
    },
    // better-sqlite3 is synchronous: a transaction is BEGIN … COMMIT around the calls.
    transaction: async (work) => {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work();
        db.exec('COMMIT');
        return result;
      } catch (error) {
        db.exec('ROLLBACK');
        throw error;
      }
    },
  };
}

function pgRunner(connectionString: string): Runner {
  // The same pool size as Punch's, so neither side gets more database connections.
  const pool = new pg.Pool({ connectionString, types: pgTypes, max: 10 });
  const names = new Map<string, string>();
  const nameOf = (text: string) => {
    let name = names.get(text);
    if (!name) {
      name = `q${names.size + 1}`;
      names.set(text, name);
    }
    return name;
  };
  return {
    all: async (query, values) =>
      (await pool.query({ name: nameOf(query.sql), text: query.sql, values: bind(query, values) }))
        .rows as unknown[],
    transaction: async (work) => work(),
  };
}

const db =
  config.dialect === 'sqlite' ? sqliteRunner(config.filename) : pgRunner(config.connectionString);

const app = Fastify({ logger: false });
type Q = Record<string, string | undefined>;

app.get('/bare', async () => ({ hello: 'world' }));
const ping: Prepared = { sql: 'select 1 as ok', params: [] };
app.get('/health', async () => db.all(ping, {}));
/** A list page and its total, as Punch's lists answer. */
async function pageWithTotal(rows: Prepared, total: Prepared, values: Values) {
  const [page, count] = await Promise.all([db.all(rows, values), db.all(total, values)]);
  return { rows: page, total: count };
}
const range = (q: Q) => ({
  user: Number(q.user),
  project: Number(q.project),
  from: q.from,
  to: q.to,
});

interface WriteBody {
  user_id: number;
  project_id: number;
  task_id: number;
  spent_date: string;
}
const writeValues = (body: WriteBody) => ({
  user: body.user_id,
  project: body.project_id,
  id: body.task_id,
  from: body.spent_date,
  at: Date.now(),
});

app.get('/person-month', async (request) =>
  pageWithTotal(queries.personMonth, queries.personMonthCount, range(request.query as Q)),
);
app.get('/project-week', async (request) =>
  pageWithTotal(queries.projectWeek, queries.projectWeekCount, range(request.query as Q)),
);
app.get('/latest', async () => pageWithTotal(queries.latest, queries.latestCount, {}));
app.get('/work-times', async (request) =>
  pageWithTotal(queries.workTimes, queries.personMonthCount, range(request.query as Q)),
);
app.get('/entry/:id', async (request) => {
  const rows = await db.all(queries.one, { id: Number((request.params as Q).id) });
  return rows[0] ?? null;
});
// The time report's totals: Punch's own builder and rate-period rule, for the account's
// rounding and rate history as loaded once at start, compiled once per period asked for.
const [rounding] = (await db.all(
  compile(
    compiler
      .selectFrom('accounts')
      .select(['time_rounding_mode as mode', 'time_rounding_minutes as minutes'])
      .where('id', '=', accountId),
  ),
  {},
)) as { mode: RoundingMode; minutes: number }[];
const rateStarts = (
  (await db.all(
    compile(
      compiler
        .selectFrom('user_rates as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select('r.start_date')
        .where('u.account_id', '=', accountId)
        .where('r.kind', '=', 'billable'),
    ),
    {},
  )) as { start_date: string | null }[]
).map((r) => r.start_date);
const projectRates = (await db.all(
  compile(
    compiler
      .selectFrom('project_rates as r')
      .innerJoin('users as u', 'u.id', 'r.user_id')
      .select(['r.date_from as dateFrom', 'r.date_to as dateTo'])
      .where('u.account_id', '=', accountId),
  ),
  {},
)) as { dateFrom: string; dateTo: string | null }[];
const totalsByRange = new Map<string, Prepared>();
function totalsQuery(from: string, to: string): Prepared {
  const key = `${from}..${to}`;
  let prepared = totalsByRange.get(key);
  if (!prepared) {
    prepared = coveringOnSqlite(
      timeTotalsQuery(compiler, accountId, {
        from,
        to,
        periodStarts: ratePeriodStarts({ from, to }, rateStarts, projectRates),
        rounding: rounding ?? { mode: 'none', minutes: 0 },
      }),
    );
    totalsByRange.set(key, prepared);
  }
  return prepared;
}
app.get('/grouped', async (request) => {
  const q = request.query as Q;
  return db.all(totalsQuery(q.from ?? '', q.to ?? ''), {});
});
// A native report's two GROUP BYs (the table's groups and the chart's series), as Punch's own
// builders write them for a year grouped by project and month, compiled once per range.
const allRateStarts = (
  (await db.all(
    compile(
      compiler
        .selectFrom('user_rates as r')
        .innerJoin('users as u', 'u.id', 'r.user_id')
        .select('r.start_date')
        .where('u.account_id', '=', accountId),
    ),
    {},
  )) as { start_date: string | null }[]
).map((r) => r.start_date);
const nativeByRange = new Map<string, [Prepared, Prepared]>();
function nativeQueries(from: string, to: string): [Prepared, Prepared] {
  const key = `${from}..${to}`;
  let prepared = nativeByRange.get(key);
  if (!prepared) {
    const filters = {
      from,
      to,
      projectIds: null,
      taskIds: null,
      userIds: null,
      approvalStatuses: null,
      invoiced: null,
      rounding: rounding ?? { mode: 'none' as const, minutes: 0 },
      weekStart: 1,
    };
    prepared = [
      coveringOnSqlite(
        reportFactsQuery(compiler, accountId, {
          ...filters,
          periodStarts: ratePeriodStarts({ from, to }, allRateStarts, projectRates),
          keys: { task: true, user: true, period: true },
          bucket: 'month',
        }),
      ),
      coveringOnSqlite(
        reportFactsQuery(compiler, accountId, {
          ...filters,
          periodStarts: [],
          keys: { task: false, user: false, period: false },
          bucket: 'month',
        }),
      ),
    ];
    nativeByRange.set(key, prepared);
  }
  return prepared;
}
app.get('/native-report', async (request) => {
  const q = request.query as Q;
  const [groups, series] = nativeQueries(q.from ?? '', q.to ?? '');
  return { groups: await db.all(groups, {}), series: await db.all(series, {}) };
});
// Harvest's project budget report: the budgeted projects' time, all time for total budgets,
// this month for monthly ones, and the last ten working days for the forecast's pace.
const budgeted = (await db.all(
  compile(
    compiler
      .selectFrom('projects')
      .select(['id', 'budget_is_monthly'])
      .where('account_id', '=', accountId)
      .where('budget_by', '!=', 'none'),
  ),
  {},
)) as { id: number; budget_is_monthly: number }[];
function budgetQuery(projectIds: number[], from: string, to: string): Prepared {
  return coveringOnSqlite(
    reportFactsQuery(compiler, accountId, {
      from,
      to,
      projectIds,
      taskIds: null,
      userIds: null,
      approvalStatuses: null,
      invoiced: null,
      rounding: rounding ?? { mode: 'none' as const, minutes: 0 },
      weekStart: 1,
      periodStarts: ratePeriodStarts({ from, to }, allRateStarts, projectRates),
      keys: { task: true, user: true, period: true },
      bucket: null,
    }),
  );
}
const today = new Date().toISOString().slice(0, 10);
const budgetQueries = [
  budgetQuery(
    budgeted.filter((p) => p.budget_is_monthly !== 1).map((p) => p.id),
    '0001-01-01',
    '9999-12-31',
  ),
  budgetQuery(
    budgeted.filter((p) => p.budget_is_monthly === 1).map((p) => p.id),
    `${today.slice(0, 7)}-01`,
    `${today.slice(0, 7)}-31`,
  ),
  budgetQuery(
    budgeted.map((p) => p.id),
    new Date(Date.now() - 14 * 86_400_000).toISOString().slice(0, 10),
    today,
  ),
];
app.get('/project-budget', async () => Promise.all(budgetQueries.map((q) => db.all(q, {}))));
app.get('/grouped-by-project', async (request) =>
  db.all(queries.groupedByProject, range(request.query as Q)),
);
app.post('/entry', async (request, reply) => {
  const rows = await db.all(queries.insert, writeValues(request.body as WriteBody));
  return reply.code(201).send(rows[0]);
});
app.post('/timer', async (request, reply) => {
  const values = writeValues(request.body as WriteBody);
  const rows = await db.transaction(async () => {
    await db.all(queries.stopTimer, values);
    return db.all(queries.startTimer, values);
  });
  return reply.code(201).send(rows);
});

await app.listen({ host: '127.0.0.1', port: Number(opts.port) });
console.log(`raw baseline listening on ${opts.port}`);
