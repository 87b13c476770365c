import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialect } from '../src/server/db/database.ts';
import { DIALECTS } from './dialects.ts';
import { freePort, runPunch, startPunch } from './run-punch.ts';
import { knob } from './knobs.ts';
import { random } from '../bench/lib.ts';

/**
 * Crash safety: a write that got a 2xx answer survives `kill -9`. A real `punch serve` takes
 * concurrent creates, updates and deletes of time entries over HTTP; it is SIGKILLed mid-load,
 * restarted on the same database, and every acknowledged write must be there as answered.
 *
 * Knobs (`npm run test:crash` turns them up): CRASH_ROUNDS kill/restart rounds, CRASH_LOAD_MS of
 * load per round before the kill, CRASH_CLIENTS concurrent clients, CRASH_SEED for the choice
 * of operations and values (the interleaving is the machine's). TEST_DIALECTS narrows the
 * databases as everywhere; PostgreSQL runs when TEST_DATABASE_URL is set.
 */
const ROUNDS = knob('CRASH_ROUNDS', 3);
const LOAD_MS = knob('CRASH_LOAD_MS', 1500);
const CLIENTS = knob('CRASH_CLIENTS', 8);
const SEED = knob('CRASH_SEED', 20261204);

/** The fields a write sets, as the server answered them. */
interface Content {
  spent_date: string;
  hours: number;
  notes: string | null;
  project_id: number;
  task_id: number;
}

interface HarvestEntry {
  id: number;
  spent_date: string;
  hours: number;
  notes: string | null;
  project: { id: number };
  task: { id: number };
}

const contentOf = (entry: HarvestEntry): Content => ({
  spent_date: entry.spent_date,
  hours: entry.hours,
  notes: entry.notes,
  project_id: entry.project.id,
  task_id: entry.task.id,
});

const DELETED = 'deleted';
type State = Content | typeof DELETED;

/**
 * What the database may hold for an entry: one state after an acknowledged write; after a write
 * that got no answer (the kill), the state before it or the one it asked for.
 */
interface Tracked {
  states: State[];
}

interface Tally {
  creates: number;
  updates: number;
  deletes: number;
  unanswered: number;
  rejected: Record<string, number>;
}

interface Target {
  name: string;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
}

const targets: { dialect: Dialect; name: string; open: () => Promise<Target> }[] = [
  {
    dialect: 'sqlite',
    name: 'SQLite',
    open: () => {
      const dir = mkdtempSync(join(tmpdir(), 'punch-crash-'));
      return Promise.resolve({
        name: 'SQLite',
        env: { DATABASE_URL: `sqlite:${join(dir, 'punch.sqlite')}` },
        cleanup: () => {
          rmSync(dir, { recursive: true, force: true });
          return Promise.resolve();
        },
      });
    },
  },
];
// PGlite lives inside this process; a server that is killed needs a real PostgreSQL.
if (process.env.TEST_DATABASE_URL) {
  const serverUrl = process.env.TEST_DATABASE_URL;
  targets.push({
    dialect: 'postgres',
    name: 'PostgreSQL',
    open: async () => {
      const { default: pg } = await import('pg');
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      const schema = `punch_crash_${randomBytes(6).toString('hex')}`;
      await admin.query(`create schema ${schema}`);
      const url = new URL(serverUrl);
      url.searchParams.set('options', `-c search_path=${schema}`);
      return {
        name: 'PostgreSQL',
        env: { DATABASE_URL: url.toString() },
        cleanup: async () => {
          await admin.query(`drop schema ${schema} cascade`);
          await admin.end();
        },
      };
    },
  });
}

for (const target of targets.filter((t) => DIALECTS.includes(t.dialect))) {
  describe(`${target.name}: acknowledged writes survive SIGKILL`, () => {
    let db: Target;
    let server: Awaited<ReturnType<typeof startPunch>> | undefined;

    beforeAll(async () => {
      db = await target.open();
    });
    afterAll(async () => {
      if (server) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      await db.cleanup();
    });

    async function start(): Promise<string> {
      const port = await freePort();
      // No rate limit: the load is many times Harvest's 100 requests per 15 s.
      server = await startPunch({ ...db.env, PORT: String(port), RATE_LIMIT_MAX: '0' });
      return `http://127.0.0.1:${port}`;
    }

    it(
      `loses none of them over ${ROUNDS} kill/restart rounds of ${CLIENTS} clients for ${LOAD_MS} ms`,
      { timeout: 60_000 + ROUNDS * (LOAD_MS + 20_000) },
      async () => {
        const setup = await runPunch(
          [
            'setup',
            '--account',
            'Crash',
            '--email',
            'crash@example.com',
            '--password-stdin',
            '--json',
          ],
          db.env,
          'correct horse\n',
        );
        expect(setup.stderr).toBe('');
        const { token, account_id } = JSON.parse(setup.stdout) as {
          token: string;
          account_id: number;
        };
        const headers = {
          Authorization: `Bearer ${token}`,
          'Harvest-Account-Id': String(account_id),
          'User-Agent': 'crash test (crash@example.com)',
          'Content-Type': 'application/json',
        };
        let base = await start();
        const post = async (path: string, body: object) => {
          const res = await fetch(`${base}${path}`, {
            method: 'POST',
            headers,
            body: JSON.stringify(body),
          });
          expect(res.status, `POST ${path}: ${await res.clone().text()}`).toBe(201);
          return (await res.json()) as { id: number };
        };
        const customer = await post('/v2/clients', { name: 'Crash client' });
        const project = await post('/v2/projects', {
          client_id: customer.id,
          name: 'Crash project',
          is_billable: true,
          bill_by: 'Project',
          hourly_rate: 100,
          budget_by: 'none',
        });
        const task = await post('/v2/tasks', { name: 'Crash task' });
        await post(`/v2/projects/${project.id}/task_assignments`, { task_id: task.id });

        const tracked = new Map<number, Tracked>();
        // Each client's entries, so that it picks one to write to without scanning them all.
        const owned = Array.from({ length: CLIENTS }, () => [] as number[]);
        const tally: Tally = { creates: 0, updates: 0, deletes: 0, unanswered: 0, rejected: {} };

        for (let round = 0; round < ROUNDS; round++) {
          let killed = false;
          const workers = Array.from({ length: CLIENTS }, (_, c) =>
            runClient({
              base,
              headers,
              round,
              client: c,
              next: random(SEED + round * 1009 + c),
              projectId: project.id,
              taskId: task.id,
              tracked,
              owned: owned[c]!,
              tally,
              // Keep going until a request fails once the server is dead.
              stopped: () => killed,
            }),
          );
          // The clients never stop on their own: the kill lands mid-request for each of them.
          await new Promise((done) => setTimeout(done, LOAD_MS));
          server!.child.kill('SIGKILL');
          killed = true;
          await server!.exited;
          server = undefined;
          await Promise.all(workers);

          base = await start();
          const lost = await verify(base, headers, tracked);
          expect(lost, `round ${round + 1}: writes lost`).toEqual([]);
        }

        const acknowledged = tally.creates + tally.updates + tally.deletes;
        console.log(
          `crash test, ${target.name}: ${ROUNDS} rounds, ${acknowledged} acknowledged writes ` +
            `(${tally.creates} creates, ${tally.updates} updates, ${tally.deletes} deletes), ` +
            `none lost; ${tally.unanswered} cut off by the kill; rejected: ${JSON.stringify(tally.rejected)}`,
        );
        expect(tally.creates).toBeGreaterThan(0);
        expect(tally.updates).toBeGreaterThan(0);
        expect(tally.deletes).toBeGreaterThan(0);
        // Under load nothing but the kill may fail: no 5xx, no 4xx.
        expect(tally.rejected).toEqual({});
      },
    );
  });
}

/**
 * One client: a loop of creates (most), updates and deletes. It writes only to entries it
 * created (one writer per entry, so its own writes never race) and whose state is known.
 */
async function runClient(input: {
  base: string;
  headers: Record<string, string>;
  round: number;
  client: number;
  next: () => number;
  projectId: number;
  taskId: number;
  tracked: Map<number, Tracked>;
  owned: number[];
  tally: Tally;
  stopped: () => boolean;
}): Promise<void> {
  const { base, headers, next, tracked, owned, tally } = input;
  const body = (i: number) => ({
    project_id: input.projectId,
    task_id: input.taskId,
    spent_date: `2026-03-${String(1 + Math.floor(next() * 28)).padStart(2, '0')}`,
    hours: Math.round((0.25 + next() * 7.75) * 100) / 100,
    notes: `round ${input.round} client ${input.client} write ${i} ${next().toString(36).slice(2)}`,
  });

  for (let i = 0; ; i++) {
    const pick = next();
    const at = Math.floor(next() * owned.length);
    const id = owned[at];
    const target = id === undefined ? undefined : tracked.get(id);
    const writable = target?.states.length === 1 && target.states[0] !== DELETED;
    const op = !writable || pick < 0.7 ? 'create' : pick < 0.85 ? 'update' : 'delete';
    const payload = op === 'delete' ? undefined : body(i);
    let res: Response;
    let entry: HarvestEntry;
    try {
      res = await fetch(`${base}/v2/time_entries${op === 'create' ? '' : `/${id}`}`, {
        method: op === 'create' ? 'POST' : op === 'update' ? 'PATCH' : 'DELETE',
        headers: payload ? headers : withoutContentType(headers),
        ...(payload ? { body: JSON.stringify(payload) } : {}),
      });
      entry = (await res.json()) as HarvestEntry;
    } catch (error) {
      if (!input.stopped()) throw error;
      // No answer: the write may or may not have happened, and the server is gone.
      tally.unanswered++;
      if (op === 'update') {
        const before = target!.states[0] as Content;
        target!.states.push({ ...before, ...asked(payload!) });
      }
      if (op === 'delete') target!.states.push(DELETED);
      return;
    }
    if (res.status < 200 || res.status > 299) {
      const key = `${op} ${res.status}`;
      tally.rejected[key] = (tally.rejected[key] ?? 0) + 1;
      continue;
    }
    if (op === 'create') {
      expect(entry.notes).toBe(payload!.notes);
      tracked.set(entry.id, { states: [contentOf(entry)] });
      owned.push(entry.id);
      tally.creates++;
    } else if (op === 'update') {
      expect(entry.notes).toBe(payload!.notes);
      target!.states = [contentOf(entry)];
      tally.updates++;
    } else {
      target!.states = [DELETED];
      // Swap-remove: deleted for sure, never written to again.
      owned[at] = owned[owned.length - 1]!;
      owned.pop();
      tally.deletes++;
    }
  }
}

function withoutContentType(headers: Record<string, string>): Record<string, string> {
  const { 'Content-Type': _, ...rest } = headers;
  return rest;
}

/** What an unanswered update asked for, in the shape the server answers with. */
function asked(payload: { spent_date: string; hours: number; notes: string }): Partial<Content> {
  return { spent_date: payload.spent_date, hours: payload.hours, notes: payload.notes };
}

/** Reads every live entry through the restarted server; returns what does not match. */
async function verify(
  base: string,
  headers: Record<string, string>,
  tracked: Map<number, Tracked>,
): Promise<string[]> {
  const live = new Map<number, Content>();
  // By cursor (keyset): page numbers make each page past the first dearer as the list grows.
  // The cursor opens before everything: a date after any entry, an id above any id.
  const start = Buffer.from(
    JSON.stringify({ after: { id: 2 ** 40, spent_date: '9999-12-31' } }),
  ).toString('base64url');
  let url: string | null = `${base}/v2/time_entries?per_page=2000&cursor=${start}`;
  while (url) {
    const res = await fetch(url, { headers: withoutContentType(headers) });
    expect(res.status).toBe(200);
    const page = (await res.json()) as {
      time_entries: HarvestEntry[];
      links: { next: string | null };
    };
    for (const entry of page.time_entries) live.set(entry.id, contentOf(entry));
    url = page.links.next;
  }
  const lost: string[] = [];
  for (const [id, t] of tracked) {
    const found = live.get(id);
    const state: State = found ?? DELETED;
    const matches = t.states.some((s) =>
      s === DELETED || state === DELETED ? s === state : sameContent(s, state),
    );
    if (!matches) {
      lost.push(
        `entry ${id}: expected ${JSON.stringify(t.states)}, found ${JSON.stringify(state)}`,
      );
    }
    // What the database holds is now known, so later rounds may write to it again.
    if (matches && t.states.length > 1) t.states = [state];
  }
  return lost;
}

function sameContent(a: Content, b: Content): boolean {
  return (
    a.spent_date === b.spent_date &&
    a.hours === b.hours &&
    a.notes === b.notes &&
    a.project_id === b.project_id &&
    a.task_id === b.task_id
  );
}
