import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { systemClock } from '../src/server/shared/clock.ts';
import { createHarvestCaller } from './factories.ts';
import { scopedPostgres } from './postgres-schema.ts';
import { freePort, startPunch } from './run-punch.ts';
import { webhookReceiver } from './webhook-receiver.ts';

/**
 * Webhooks as real `punch serve` processes deliver them: an event committed just before a
 * SIGKILL is delivered by the next process, and on one PostgreSQL several processes deliver
 * each event once.
 */

type Serve = (env: Record<string, string>) => Promise<{
  url: string;
  kill(signal: NodeJS.Signals): Promise<void>;
}>;

const ALLOW = { WEBHOOK_ALLOWED_TARGETS: '127.0.0.1', RATE_LIMIT_MAX: '0' };

async function until(check: () => boolean, what: string, ms = 15_000) {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function api(base: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/punch/v1${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(res.status, `${method} ${path}`).toBeLessThan(300);
    return res.json() as Promise<Record<string, unknown>>;
  };
}

function survivesSigkill(name: string, open: () => Promise<{ db: DatabaseHandle; serve: Serve }>) {
  it(`${name}: an event committed just before a SIGKILL is delivered after the restart`, async () => {
    const { db, serve } = await open();
    const hooks = await webhookReceiver();
    try {
      const admin = await createHarvestCaller(db.db, systemClock);
      // This process never looks for work (its first round would come in ten minutes).
      const doomed = await serve({ ...ALLOW, WEBHOOK_POLL_MS: '600000' });
      const call = api(doomed.url, admin.token);
      await call('POST', '/webhooks', { url: hooks.url, events: ['client.created'] });
      await call('POST', '/clients', { name: 'Committed before the kill' });
      await doomed.kill('SIGKILL');
      expect(hooks.received).toHaveLength(0);

      await serve({ ...ALLOW, WEBHOOK_POLL_MS: '50' });
      await until(() => hooks.received.length > 0, 'the delivery after the restart');
      // Nothing more comes: it was delivered once.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(hooks.received.map((r) => [r.json.type, r.json.data.name])).toEqual([
        ['client.created', 'Committed before the kill'],
      ]);
    } finally {
      await hooks.close();
    }
  });
}

describe('webhooks across processes', () => {
  describe('SQLite file', () => {
    let dir: string;
    let handle: DatabaseHandle;
    const children: { kill(signal: NodeJS.Signals): Promise<void> }[] = [];
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'punch-webhooks-'));
      handle = createDatabase({ dialect: 'sqlite', filename: join(dir, 'punch.sqlite') });
      await migrateToLatest(handle.db, 'sqlite');
    });
    afterAll(async () => {
      for (const child of children) await child.kill('SIGTERM');
      await handle.close();
      await rm(dir, { recursive: true, force: true });
    });
    survivesSigkill('SQLite', async () => ({
      db: handle,
      serve: async (env) => {
        const port = await freePort();
        const server = await startPunch({
          DATABASE_URL: `sqlite:${join(dir, 'punch.sqlite')}`,
          PORT: String(port),
          ...env,
        });
        const kill = async (signal: NodeJS.Signals) => {
          if (server.child.exitCode !== null || server.child.signalCode !== null) return;
          server.child.kill(signal);
          await server.exited;
        };
        children.push({ kill });
        return { url: `http://127.0.0.1:${port}`, kill };
      },
    }));
  });

  describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL', () => {
    let pg: Awaited<ReturnType<typeof scopedPostgres>>;
    beforeAll(async () => {
      pg = await scopedPostgres('punch_webhooks');
    });
    afterAll(() => pg.drop());

    survivesSigkill('PostgreSQL', async () => ({
      db: pg.handle,
      serve: (env) => pg.process(env),
    }));

    it('PostgreSQL: two processes deliver every event once between them', async () => {
      const hooks = await webhookReceiver();
      try {
        const admin = await createHarvestCaller(pg.handle.db, systemClock);
        const settings = { ...ALLOW, WEBHOOK_POLL_MS: '10' };
        const [a, b] = [await pg.process(settings), await pg.process(settings)];
        const callA = api(a.url, admin.token);
        const callB = api(b.url, admin.token);
        await callA('POST', '/webhooks', { url: hooks.url, events: ['client.created'] });
        const names = Array.from({ length: 40 }, (_, i) => `Client ${i}`);
        // Written through both processes, some at the same moment.
        await Promise.all(
          names.map((name, i) => (i % 2 === 0 ? callA : callB)('POST', '/clients', { name })),
        );
        await until(() => hooks.received.length >= names.length, 'forty deliveries');
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const got = hooks.received.map((r) => String(r.json.data.name)).sort();
        expect(got).toEqual([...names].sort());
        const ids = hooks.received.map((r) => r.json.id);
        expect(new Set(ids).size).toBe(ids.length);
        const attempts = await pg.handle.db
          .selectFrom('webhook_deliveries')
          .select(['status', 'attempts'])
          .where('account_id', '=', admin.accountId)
          .execute();
        expect(attempts).toHaveLength(names.length);
        expect(attempts.every((d) => d.status === 'succeeded' && d.attempts === 1)).toBe(true);
      } finally {
        await hooks.close();
      }
    });
  });
});
