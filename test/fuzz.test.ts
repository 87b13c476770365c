import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import fc from 'fast-check';
import type { FastifyInstance, RouteOptions } from 'fastify';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/server/db/database-types.ts';
import { isFlowtlyPath } from '../src/server/http/flowtly-transport.ts';
import { isHarvestPath } from '../src/server/http/harvest-transport.ts';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { DIALECTS } from './dialects.ts';
import { createCatalog, createHarvestCaller, createUser } from './factories.ts';
import {
  encodeForm,
  encodeMultipart,
  encodeQuery,
  PLACEHOLDER,
  requestFor,
  WHOLE_PLACEHOLDER,
  type BodyPlan,
  type Operation,
  type RequestPlan,
  type SchemaNode,
  type Vocabulary,
} from './fuzz-requests.ts';
import { knob } from './knobs.ts';

/**
 * Property-based bad input, derived from the routes themselves: every route the app registers
 * (collected as it is registered, hidden aliases included) gets requests generated from its
 * schemas (path ids of a real world, hostile segments, query keys in every bracket form, bodies
 * with fields made hostile, malformed JSON, broken multipart, wrong content types and
 * credentials). Two properties must hold for each request:
 *  - no answer is a 5xx;
 *  - a refused write (4xx) leaves every table as it was.
 * A PostgreSQL data exception that the error handler's safety net turned into a 422 counts as
 * a failure too: it is a bound missing from the schemas (src/server/shared/bounds.ts), and
 * SQLite answers the same request otherwise.
 *
 * Each operation stops at its first failure (the others go on), which is printed with the
 * request, the server's stack and the line that replays it.
 *
 * Knobs (`npm run test:fuzz` turns them up):
 *  - FUZZ_RUNS: runs per operation, for every dialect (default below); operations whose input
 *    the schema leaves loose get twice as many, hidden aliases a quarter;
 *  - FUZZ_SEED: the base seed; each operation's seed is derived from it and its route, so a
 *    new route does not change the others' requests;
 *  - FUZZ_OP: only the operation named exactly (`PATCH /v2/company`), or else every operation
 *    whose name contains it; FUZZ_PATH (with FUZZ_OP) replays one counterexample;
 *  - FUZZ_SHRINK=1: shrink a failure to a smaller request (slower; the world moves meanwhile);
 *  - FUZZ_VERBOSE=1: the statuses each operation answered (what the generators reach);
 *    FUZZ_VERBOSE=2: also every request and the start of its answer.
 */

/**
 * Runs per operation. SQLite answers in about 1 ms and PGlite in about 10: each dialect gets
 * what fits in some 30 s on two cores. Most defects are the code's, not the database's, and
 * SQLite's many runs find them; PostgreSQL's runs find the values only it refuses.
 */
const DEFAULT_RUNS: Record<(typeof DIALECTS)[number], number> = { sqlite: 100, postgres: 20 };
const RUNS_OVERRIDE = knob('FUZZ_RUNS', 0);
const SEED = knob('FUZZ_SEED', 20260304);
const ONLY = process.env.FUZZ_OP ?? '';
const REPLAY_PATH = process.env.FUZZ_PATH;
const SHRINK = process.env.FUZZ_SHRINK === '1';
const VERBOSE = Number(process.env.FUZZ_VERBOSE ?? 0);

/** A stable 32-bit hash of an operation, so adding a route does not change the others' seeds. */
function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h | 0;
}

// ---------------------------------------------------------------------------------------------
// The app, observed from its creation: every route as it is registered, every error raised

interface Observed {
  t: TestApp;
  routes: RouteOptions[];
  errors: unknown[];
}

/**
 * Fastify publishes each new instance on the `fastify.initialization` diagnostics channel
 * before any plugin or route is registered, so hooks added there see every route (hidden ones
 * too) and every error, without app.ts knowing.
 */
async function observeApp(dialect: (typeof DIALECTS)[number]): Promise<Observed> {
  const routes: RouteOptions[] = [];
  const errors: unknown[] = [];
  const onCreate = (message: unknown) => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route) => {
      routes.push(route);
    });
    fastify.addHook('onError', async (_request, _reply, error) => {
      errors.push(error);
    });
  };
  subscribe('fastify.initialization', onCreate);
  try {
    const t = await buildTestApp(dialect);
    return { t, routes, errors };
  } finally {
    unsubscribe('fastify.initialization', onCreate);
  }
}

interface RouteSchema {
  body?: SchemaNode;
  params?: SchemaNode;
  querystring?: SchemaNode;
  consumes?: string[];
  hide?: boolean;
  response?: Record<string, SchemaNode | undefined>;
}

/** One operation per method of each registered route (HEAD is GET's handler again). */
function operationsOf(routes: RouteOptions[]): Operation[] {
  const seen = new Set<string>();
  const operations: Operation[] = [];
  for (const route of routes) {
    const schema = (route.schema ?? {}) as RouteSchema;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD' || method === 'OPTIONS') continue;
      const key = `${method} ${route.url}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const response = schema.response?.['201'] ?? schema.response?.['200'];
      operations.push({
        method,
        url: route.url,
        api: isHarvestPath(route.url) ? 'harvest' : isFlowtlyPath(route.url) ? 'flowtly' : 'public',
        hidden: schema.hide === true,
        body: schema.body,
        querystring: schema.querystring,
        params: schema.params,
        consumes: schema.consumes ?? [],
        shape: response?.properties,
        searchKeys: [],
      });
    }
  }
  return operations;
}

/** Operations that stream without end (Server-Sent Events). */
const STREAMS = ['GET /punch/v1/events'];

/** Every property name the app's input and output schemas use. */
function vocabularyOf(operations: Operation[]): Vocabulary {
  const keys = new Set<string>();
  for (const op of operations) {
    for (const schema of [op.body?.properties, op.querystring?.properties, op.shape]) {
      for (const key of Object.keys(schema ?? {})) keys.add(key);
    }
  }
  return { knownKeys: [...keys].sort() };
}

/** Query keys of the transports themselves, which no route schema lists. */
const TRANSPORT_QUERY_KEYS = {
  harvest: ['access_token', 'account_id', 'page', 'per_page'],
  flowtly: ['page', 'itemsPerPage', 'pagination'],
  public: [],
};

/**
 * Runs for an operation. Where the schema leaves input loose (a free-form body, text path ids,
 * filters the route reads itself), the code parses what the schema did not: twice the runs.
 * Hidden aliases run the same handlers as the documented routes: a quarter.
 */
function runsFor(op: Operation, base: number): number {
  const textParams = Object.values(op.params?.properties ?? {}).some((p) => p.type === 'string');
  const freeBody = op.body !== undefined && op.body.properties === undefined;
  const loose = textParams || freeBody || op.searchKeys.length > 0;
  const runs = loose ? base * 2 : base;
  return op.hidden ? Math.max(2, Math.ceil(runs / 4)) : runs;
}

// ---------------------------------------------------------------------------------------------
// The world the requests point at

type World = Record<string, number | string> & {
  accountId: number;
  token: string;
  tokenId: number;
  self: number;
};

const LOGIN_PASSWORD = 'fuzz-password-1';

interface Base {
  otherAccount: number;
  loginEmail: string;
}

async function buildBase(t: TestApp): Promise<Base> {
  const other = await createHarvestCaller(t.db, t.clock);
  const person = await createUser(t.db, t.clock, other.accountId);
  await expectOk(
    t,
    'POST',
    `/api/employees/emp_${person.id}/user`,
    { authorization: `Bearer ${other.token}` },
    JSON.stringify({ password: LOGIN_PASSWORD }),
    'application/ld+json',
  );
  return { otherAccount: other.accountId, loginEmail: person.email };
}

async function expectOk(
  t: TestApp,
  method: 'POST' | 'PATCH',
  url: string,
  headers: Record<string, string>,
  payload?: string | Buffer,
  type?: string,
): Promise<Record<string, unknown>> {
  const res = await t.app.inject({
    method,
    url,
    headers: { ...headers, ...(type ? { 'content-type': type } : {}) },
    ...(payload === undefined ? {} : { payload }),
  });
  if (res.statusCode >= 300) {
    throw new Error(`building the world: ${method} ${url} → ${res.statusCode} ${res.body}`);
  }
  return res.json();
}

/**
 * An account with an administrator (the caller) and their running timer, a member with a time
 * entry, rates, a role, a project rate and a document, an invitee with a pending invitation, a
 * manager, and things that can be deleted (assignments without time, tasks on no project).
 */
async function buildWorld(t: TestApp, base: Base): Promise<World> {
  const admin = await createHarvestCaller(t.db, t.clock);
  const member = await createUser(t.db, t.clock, admin.accountId, { accessLevel: 'member' });
  const invitee = await createUser(t.db, t.clock, admin.accountId);
  const manager = await createUser(t.db, t.clock, admin.accountId, { accessLevel: 'manager' });
  const { client, project, task } = await createCatalog(t.db, t.clock, admin.accountId);
  // Tasks on no project yet, so that assigning or deleting one can succeed.
  const spare = await createCatalog(t.db, t.clock, admin.accountId);
  const unused = await createCatalog(t.db, t.clock, admin.accountId);
  const json = (value: unknown) => JSON.stringify(value);
  const harvest = (url: string, payload: unknown) =>
    expectOk(t, 'POST', url, admin.headers, json(payload), 'application/json');
  const flowtly = { authorization: admin.headers.authorization };
  const assignments = `/v2/projects/${project.id}`;
  const userAssignment = await harvest(`${assignments}/user_assignments`, { user_id: member.id });
  await harvest(`${assignments}/user_assignments`, { user_id: admin.user.id });
  const taskAssignment = await harvest(`${assignments}/task_assignments`, { task_id: task.id });
  // Assignments without time, which can be deleted.
  const spareUserAssignment = await harvest(`${assignments}/user_assignments`, {
    user_id: invitee.id,
  });
  const spareTaskAssignment = await harvest(`${assignments}/task_assignments`, {
    task_id: unused.task.id,
  });
  const entry = await harvest('/v2/time_entries', {
    user_id: member.id,
    project_id: project.id,
    task_id: task.id,
    spent_date: '2026-03-02',
    hours: 1.5,
    notes: 'fuzz',
  });
  // The caller's running timer (no hours: Harvest starts one), for stop and restart.
  const running = await harvest('/v2/time_entries', {
    project_id: project.id,
    task_id: task.id,
    spent_date: '2026-03-04',
  });
  const role = await harvest('/v2/roles', { name: `Role ${member.id}`, user_ids: [member.id] });
  const billable = await harvest(`/v2/users/${member.id}/billable_rates`, { amount: 100 });
  const cost = await harvest(`/v2/users/${member.id}/cost_rates`, { amount: 40 });
  const employee = `/api/employees/emp_${member.id}`;
  const rates = await expectOk(
    t,
    'POST',
    `${employee}/project-rates`,
    flowtly,
    json({
      project: `/api/projects/prj_${project.id}`,
      ratePerHour: '95.00',
      position: 'Developer',
      dateFrom: '2026-01-01',
    }),
    'application/ld+json',
  );
  const upload = encodeMultipart({
    kind: 'multipart',
    field: 'file',
    fileName: 'contract.pdf',
    fileType: 'application/pdf',
    content: '%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n',
    damage: 'none',
  });
  const document = await expectOk(
    t,
    'POST',
    `${employee}/documents`,
    flowtly,
    upload.payload,
    upload.type,
  );
  const invited = await expectOk(t, 'POST', `/api/employees/emp_${invitee.id}/user`, flowtly);
  const rateList = rates.rates as { id: number }[];
  return {
    accountId: admin.accountId,
    account: admin.accountId,
    token: admin.token,
    tokenId: admin.tokenId,
    self: admin.user.id,
    member: member.id,
    invitee: invitee.id,
    manager: manager.id,
    client: client.id,
    project: project.id,
    task: task.id,
    spareTask: spare.task.id,
    entry: entry.id as number,
    runningEntry: running.id as number,
    role: role.id as number,
    billableRate: billable.id as number,
    costRate: cost.id as number,
    userAssignment: userAssignment.id as number,
    taskAssignment: taskAssignment.id as number,
    spareUserAssignment: spareUserAssignment.id as number,
    spareTaskAssignment: spareTaskAssignment.id as number,
    projectRate: rateList[0]!.id,
    document: document.id as number,
    invitation: invited.invitationToken as string,
    otherAccount: base.otherAccount,
    loginEmail: base.loginEmail,
    loginPassword: LOGIN_PASSWORD,
  };
}

/** Whether a successful write broke the world: the caller's access, or a thing requests name. */
async function worldIntact(db: Kysely<Database>, w: World): Promise<boolean> {
  const ids = (table: keyof Database, id: number) =>
    db
      .selectFrom(table as 'roles')
      .select('id')
      .where('id', '=', id)
      .executeTakeFirst();
  const live = (table: 'clients' | 'projects' | 'tasks' | 'time_entries', id: number) =>
    db
      .selectFrom(table as 'clients')
      .select('id')
      .where('id', '=', id)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
  const [people, token, ...things] = await Promise.all([
    db
      .selectFrom('users')
      .select(['id', 'is_active', 'access_level'])
      .where('id', 'in', [w.self, Number(w.member)])
      .execute(),
    db
      .selectFrom('personal_access_tokens')
      .select('revoked_at')
      .where('id', '=', w.tokenId)
      .executeTakeFirst(),
    live('clients', Number(w.client)),
    live('projects', Number(w.project)),
    live('tasks', Number(w.task)),
    live('time_entries', Number(w.entry)),
    ids('roles', Number(w.role)),
    ids('user_rates', Number(w.billableRate)),
    ids('user_rates', Number(w.costRate)),
    ids('user_assignments', Number(w.userAssignment)),
    ids('task_assignments', Number(w.taskAssignment)),
    ids('project_rates', Number(w.projectRate)),
    ids('employee_documents', Number(w.document)),
  ]);
  const admin = people.find((p) => p.id === w.self);
  return (
    people.length === 2 &&
    admin?.is_active === 1 &&
    admin.access_level === 'administrator' &&
    token?.revoked_at === null &&
    things.every((row) => row !== undefined)
  );
}

// ---------------------------------------------------------------------------------------------
// What "nothing stored" means: every row of the world's account, and every table's row count

const ofAccount = (a: number) => sql`account_id = ${a}`;
const peopleOf = (a: number) => sql`(select id from users where account_id = ${a})`;
const ofPeople = (a: number) => sql`user_id in ${peopleOf(a)}`;

/**
 * Every table but `server_secrets` (the signing key, made on first use by any request), each
 * with the rows that belong to an account. Rows of other accounts are counted, not compared,
 * so that a snapshot costs the same however many worlds came before.
 */
const SCOPES: Partial<Record<keyof Database, (account: number) => RawBuilder<unknown>>> = {
  accounts: (a) => sql`id = ${a}`,
  identities: (a) => sql`id in (select identity_id from users where account_id = ${a})`,
  users: ofAccount,
  user_rates: ofPeople,
  roles: ofAccount,
  role_users: (a) => sql`role_id in (select id from roles where account_id = ${a})`,
  personal_access_tokens: ofPeople,
  clients: ofAccount,
  tasks: ofAccount,
  projects: ofAccount,
  user_assignments: ofAccount,
  task_assignments: ofAccount,
  teammates: (a) => sql`manager_id in ${peopleOf(a)} or teammate_id in ${peopleOf(a)}`,
  time_entries: ofAccount,
  project_rates: ofPeople,
  employee_documents: ofPeople,
  invitations: ofPeople,
  idempotency_keys: (a) =>
    sql`token_id in (select id from personal_access_tokens where user_id in ${peopleOf(a)})`,
};
const TABLES = Object.keys(SCOPES) as (keyof Database)[];
/** Columns a refused request may still change: a token's last use is recorded on every request. */
const VOLATILE = new Set(['last_used_at']);

type Snapshot = Map<string, readonly string[]>;

/** Every table's row count, in one query (a snapshot runs after every write). */
const COUNTS = sql<Record<string, unknown>>`select ${sql.join(
  TABLES.map((table) => sql`(select count(*) from ${sql.table(table)}) as ${sql.ref(table)}`),
)}`;

async function snapshot(db: Kysely<Database>, account: number): Promise<Snapshot> {
  const [counts, ...tables] = await Promise.all([
    COUNTS.execute(db),
    ...TABLES.map(async (table) => {
      const scope = SCOPES[table]!(account);
      const rows = await sql<
        Record<string, unknown>
      >`select * from ${sql.table(table)} where ${scope}`.execute(db);
      const texts = rows.rows.map((row) =>
        JSON.stringify(row, (key, value: unknown) =>
          VOLATILE.has(key)
            ? undefined
            : value instanceof Uint8Array
              ? Buffer.from(value).toString('base64')
              : value,
        ),
      );
      return [table, texts.sort()] as const;
    }),
  ]);
  const totals = counts.rows[0] ?? {};
  return new Map(
    tables.map(([table, texts]) => [
      table,
      [`(${String(totals[table])} rows in all accounts)`, ...texts],
    ]),
  );
}

function changes(before: Snapshot, after: Snapshot): string[] {
  const found: string[] = [];
  for (const table of TABLES) {
    const was = before.get(table) ?? [];
    const is = after.get(table) ?? [];
    if (was.join('\n') === is.join('\n')) continue;
    const wasSet = new Set(was);
    const isSet = new Set(is);
    const gone = was.filter((row) => !isSet.has(row)).slice(0, 3);
    const added = is.filter((row) => !wasSet.has(row)).slice(0, 3);
    found.push(
      `${table}: ${was.length} → ${is.length} rows; before: ${gone.join(' ') || '-'}; after: ${added.join(' ') || '-'}`,
    );
  }
  return found;
}

// ---------------------------------------------------------------------------------------------
// Turning a plan into a request

function fillText(text: string, w: World): string {
  return text.replace(PLACEHOLDER, (_all, name: string) => String(w[name] ?? `no-${name}`));
}

function fillJson(value: unknown, w: World): unknown {
  if (typeof value === 'string') {
    const whole = WHOLE_PLACEHOLDER.exec(value);
    return whole ? (w[whole[1]!] ?? null) : fillText(value, w);
  }
  if (Array.isArray(value)) return value.map((v) => fillJson(v, w));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      // defineProperty: a `__proto__` key stays an own key, as a client's JSON would carry it.
      Object.defineProperty(out, key, {
        value: fillJson(child, w),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

interface Sent {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

function rightType(op: Operation): string {
  if (op.consumes[0]) return op.consumes[0];
  return op.api === 'flowtly' && op.method === 'PATCH'
    ? 'application/merge-patch+json'
    : 'application/json';
}

function toRequest(op: Operation, plan: RequestPlan, w: World): Sent {
  const headers: Record<string, string> =
    op.api === 'harvest'
      ? {
          authorization: `Bearer ${w.token}`,
          'harvest-account-id': String(w.accountId),
          'user-agent': 'Punch fuzz (tests@example.com)',
        }
      : { authorization: `Bearer ${w.token}` };
  const query = encodeQuery(
    plan.query.map((pair) => ({
      ...pair,
      key: fillText(pair.key, w),
      value: fillText(pair.value, w),
    })),
  );
  const extra: string[] = [];
  switch (plan.auth) {
    case 'ok':
      break;
    case 'none':
      delete headers.authorization;
      break;
    case 'bad-token':
      headers.authorization = 'Bearer pat_0000000000000000000000000000000000';
      break;
    case 'basic':
      headers.authorization = 'Basic Zm9vOmJhcg==';
      break;
    case 'bad-account':
      headers['harvest-account-id'] = plan.badAccountId;
      break;
    case 'other-account':
      headers['harvest-account-id'] = String(w.otherAccount);
      break;
    case 'no-agent':
      delete headers['user-agent'];
      break;
    case 'query-token':
      delete headers.authorization;
      delete headers['harvest-account-id'];
      extra.push(`access_token=${w.token}`, `account_id=${w.accountId}`);
      break;
  }
  if (plan.accept !== undefined) headers.accept = plan.accept;
  const fullQuery = [query, ...extra].filter((q) => q !== '').join('&');
  const url = fillText(plan.path, w) + (fullQuery ? `?${fullQuery}` : '');
  const { payload, type } = encodeBody(op, plan, plan.body, w);
  if (type !== undefined) headers['content-type'] = type;
  for (const [name, value] of Object.entries(headers)) headers[name] = fillText(value, w);
  return { method: plan.method, url, headers, ...(payload === undefined ? {} : { payload }) };
}

function encodeBody(
  op: Operation,
  plan: RequestPlan,
  body: BodyPlan,
  w: World,
): { payload?: string | Buffer; type?: string } {
  if (body.kind === 'multipart') {
    const encoded = encodeMultipart({
      ...body,
      fileName: fillText(body.fileName, w),
    });
    return plan.contentType === 'right' || plan.contentType === 'form'
      ? encoded
      : { payload: encoded.payload, type: plan.contentType === 'none' ? undefined : 'text/plain' };
  }
  if (body.kind === 'none') {
    return plan.contentType === 'other-json' ? { type: rightType(op) } : {};
  }
  const value = body.kind === 'text' ? undefined : fillJson(body.value, w);
  const json = body.kind === 'text' ? fillText(body.text, w) : JSON.stringify(value ?? null);
  switch (plan.contentType) {
    case 'right':
      return {
        payload: json,
        type: rightType(op).startsWith('multipart/') ? 'application/json' : rightType(op),
      };
    case 'none':
      return { payload: json };
    case 'text/plain':
      return { payload: json, type: 'text/plain' };
    case 'other-json':
      return {
        payload: json,
        type: op.api === 'flowtly' ? 'application/json' : 'application/json; charset=iso-8859-1',
      };
    case 'form':
      return {
        payload: body.kind === 'text' ? json : encodeForm(value),
        type: 'application/x-www-form-urlencoded',
      };
  }
}

function describeRequest(sent: Sent): string {
  const payload =
    sent.payload === undefined
      ? ''
      : typeof sent.payload === 'string'
        ? sent.payload
        : sent.payload.toString('utf8');
  const shown =
    payload.length > 1500 ? `${payload.slice(0, 1500)}… (${payload.length} chars)` : payload;
  const url =
    sent.url.length > 600 ? `${sent.url.slice(0, 600)}… (${sent.url.length} chars)` : sent.url;
  const headers = Object.entries(sent.headers)
    .map(([k, v]) => `${k}: ${v.length > 120 ? `${v.slice(0, 120)}…` : v}`)
    .join('\n    ');
  return `${sent.method} ${url}\n    ${headers}${shown ? `\n    body: ${JSON.stringify(shown)}` : ''}`;
}

/** A PostgreSQL data exception (SQLSTATE class 22), which only a missing schema bound lets through. */
function isDataException(error: unknown): boolean {
  const e = error as { code?: unknown; severity?: unknown };
  return typeof e.code === 'string' && e.code.startsWith('22') && typeof e.severity === 'string';
}

function stackOf(error: unknown): string {
  if (error instanceof Error)
    return (error.stack ?? error.message).split('\n').slice(0, 8).join('\n');
  return String(error);
}

// ---------------------------------------------------------------------------------------------

for (const dialect of DIALECTS) {
  describe(`${dialect}: fuzzing every route with inputs derived from its schemas`, () => {
    let observed: Observed;
    let t: TestApp;
    let operations: Operation[];
    let vocabulary: Vocabulary;
    let base: Base;

    beforeAll(async () => {
      observed = await observeApp(dialect);
      t = observed.t;
      operations = operationsOf(observed.routes);
      vocabulary = vocabularyOf(operations);
      base = await buildBase(t);
    });
    afterAll(() => t.close());

    it('collects every operation of the OpenAPI document, hidden routes besides', () => {
      const documented = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
      const keys = new Set(operations.map((op) => `${op.method} ${op.url}`));
      const missing: string[] = [];
      for (const [path, methods] of Object.entries(documented.paths)) {
        for (const method of Object.keys(methods)) {
          const key = `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`;
          if (!keys.has(key)) missing.push(key);
        }
      }
      expect(missing).toEqual([]);
      expect(operations.filter((op) => op.hidden).length).toBeGreaterThan(0);
    });

    it(
      'answers no request with a 5xx and stores nothing on a refused write',
      { timeout: 3_600_000 },
      async () => {
        const started = performance.now();
        const runs = RUNS_OVERRIDE || DEFAULT_RUNS[dialect];
        const stats = {
          requests: 0,
          serverErrors: 0,
          refusedWrites: 0,
          acceptedWrites: 0,
          changingWrites: 0,
          rebuilds: 0,
          reached: 0,
          statuses: new Map<number, number>(),
        };
        let world = await buildWorld(t, base);
        let current = await snapshot(t.db, world.accountId);

        // Flowtly collections advertise their filters (hydra:search): read them, as a client would.
        for (const op of operations) {
          if (op.method !== 'GET' || op.api !== 'flowtly' || op.url.includes(':')) continue;
          const res = await t.app.inject({
            method: 'GET',
            url: op.url,
            headers: { authorization: `Bearer ${world.token}`, accept: 'application/ld+json' },
          });
          const search = res.json<{
            'hydra:search'?: { 'hydra:mapping'?: { variable: string }[] };
          }>()['hydra:search'];
          op.searchKeys = (search?.['hydra:mapping'] ?? []).map((m) => m.variable);
        }

        // FUZZ_OP names one operation exactly, or picks every operation whose name contains it.
        const exact = operations.filter((op) => `${op.method} ${op.url}` === ONLY);
        const selected = (
          exact.length > 0
            ? exact
            : operations.filter((op) => `${op.method} ${op.url}`.includes(ONLY))
        )
          // A live-update stream answers until the client leaves, which inject() never does;
          // its input is one optional id, tested with its own suite (native-events.api.test).
          .filter((op) => !STREAMS.includes(`${op.method} ${op.url}`));
        const failures: string[] = [];

        for (const op of selected) {
          const key = `${op.method} ${op.url}`;
          const writes = op.method !== 'GET';
          // Reads before this operation may have changed nothing, but start from what is there.
          if (writes) current = await snapshot(t.db, world.accountId);
          const perOperation: number[] = [];
          const property = fc.asyncProperty(
            requestFor(op, vocabulary, TRANSPORT_QUERY_KEYS[op.api]),
            async (plan) => {
              const sent = toRequest(op, plan, world);
              observed.errors.length = 0;
              const res = await t.app.inject({
                method: sent.method as 'GET',
                url: sent.url,
                headers: sent.headers,
                ...(sent.payload === undefined ? {} : { payload: sent.payload }),
              });
              stats.requests++;
              stats.statuses.set(res.statusCode, (stats.statuses.get(res.statusCode) ?? 0) + 1);
              perOperation.push(res.statusCode);
              if (VERBOSE === 2) {
                console.log(
                  `${describeRequest(sent)}\n  → ${res.statusCode} ${res.body.slice(0, 300)}`,
                );
              }
              const errors = [...observed.errors];
              if (res.statusCode >= 500) {
                stats.serverErrors++;
                throw new Error(
                  `${res.statusCode} for\n  ${describeRequest(sent)}\n  answer: ${res.body.slice(0, 300)}\n  ${errors.map(stackOf).join('\n  ')}`,
                );
              }
              const bound = errors.find(isDataException);
              if (bound) {
                throw new Error(
                  `a value reached PostgreSQL that it cannot hold (answered ${res.statusCode} by the safety net; a bound is missing):\n  ${describeRequest(sent)}\n  ${stackOf(bound)}`,
                );
              }
              if (!writes) return;
              const after = await snapshot(t.db, world.accountId);
              if (res.statusCode >= 400) {
                stats.refusedWrites++;
                const changed = changes(current, after);
                current = after;
                if (changed.length > 0) {
                  throw new Error(
                    `refused with ${res.statusCode} but stored:\n  ${describeRequest(sent)}\n  answer: ${res.body.slice(0, 300)}\n  ${changed.join('\n  ')}`,
                  );
                }
                return;
              }
              stats.acceptedWrites++;
              // The same comparison sees accepted writes: proof that it would see a refused one.
              if (changes(current, after).length > 0) stats.changingWrites++;
              current = after;
              if (!(await worldIntact(t.db, world))) {
                stats.rebuilds++;
                world = await buildWorld(t, base);
                current = await snapshot(t.db, world.accountId);
              }
            },
          );
          const result = await fc.check(property, {
            seed: (SEED + hash(key)) | 0,
            numRuns: runsFor(op, runs),
            endOnFailure: !SHRINK,
            ...(REPLAY_PATH && ONLY ? { path: REPLAY_PATH } : {}),
          });
          if (perOperation.some((status) => status < 300)) stats.reached++;
          if (VERBOSE >= 1) console.log(`${key}: ${perOperation.sort().join(' ')}`);
          if (result.failed) {
            const error = result.errorInstance;
            failures.push(
              `${key}: ${error instanceof Error ? error.message : String(error)}\n  replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${runs} FUZZ_OP='${key}' FUZZ_PATH='${result.counterexamplePath ?? ''}' TEST_DIALECTS=${dialect}`,
            );
          }
        }

        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        const statuses = [...stats.statuses.entries()]
          .sort(([a], [b]) => a - b)
          .map(([status, n]) => `${status}×${n}`)
          .join(' ');
        console.log(
          `fuzz ${dialect}: ${selected.length} operations (${stats.reached} answered 2xx at least once), ` +
            `${stats.requests} requests, ${stats.serverErrors} 5xx, ` +
            `${stats.refusedWrites} refused writes checked unchanged, ${stats.acceptedWrites} accepted ` +
            `(${stats.changingWrites} seen changing rows), ` +
            `${stats.rebuilds} world rebuilds, ${seconds} s (seed ${SEED}, ${runs} runs per operation)\n  ${statuses}`,
        );
        expect(failures, failures.join('\n\n')).toEqual([]);
      },
    );
  });
}
