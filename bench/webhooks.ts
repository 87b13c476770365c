/**
 * Webhook deliveries per second: events already committed (inserted as the services record
 * them) are delivered by a real `punch serve` to a local receiver, beside a raw baseline in the
 * same run that POSTs the same number of signed bodies to the same receiver with the same
 * concurrency and no database at all.
 *   npm run bench:webhooks -- [--db URL] [--events 5000]
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Command } from 'commander';
import { sql } from 'kysely';
import { createAuthService } from '../src/server/modules/auth/auth.service.ts';
import { createSetupService } from '../src/server/modules/setup/setup.service.ts';
import { send } from '../src/server/modules/webhooks/webhooks.delivery.ts';
import { signatureHeader } from '../src/server/modules/webhooks/webhooks.rules.ts';
import { systemClock } from '../src/server/shared/clock.ts';
import { openBenchDatabase, startBenchServer } from './lib.ts';

const opts = new Command('bench-webhooks')
  .option('--db <url>', 'database (emptied first)', 'sqlite:./bench/data/webhooks.sqlite')
  .option('--events <n>', 'events to deliver', '5000')
  .parse()
  .opts<{ db: string; events: string }>();
const log = (line: string) => console.error(line);
const N = Number(opts.events);
const PORT = 8096;

if (opts.db.startsWith('sqlite:')) rmSync(opts.db.slice('sqlite:'.length), { force: true });
else {
  const admin = await openBenchDatabase(opts.db);
  await sql`drop schema public cascade`.execute(admin.db);
  await sql`create schema public`.execute(admin.db);
  await admin.close();
}
mkdirSync('bench/data', { recursive: true });
const data = await openBenchDatabase(opts.db);
const clock = systemClock;
const owner = await createSetupService({
  db: data.db,
  clock,
  auth: createAuthService({ db: data.db, clock }),
}).setupAccount({ account: 'Hooks', email: 'hooks@example.com', password: 'bench-password' });

// The receiver answers 204 at once and counts.
let received = 0;
let allIn: () => void = () => undefined;
const receiver = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.writeHead(204).end();
    if (++received === N) allIn();
  });
});
await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

const server = await startBenchServer(PORT, {
  DATABASE_URL: opts.db,
  WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
  WEBHOOK_POLL_MS: '50',
});
const subscribed = await fetch(`http://127.0.0.1:${PORT}/punch/v1/webhooks`, {
  method: 'POST',
  headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/json' },
  body: JSON.stringify({ url: target, events: ['client.created'] }),
});
if (subscribed.status !== 201) throw new Error(`subscribe: ${subscribed.status}`);

// ---- Punch: N committed events, delivered by the server's worker ----------------------------
const at = Date.now();
const events = Array.from({ length: N }, (_, i) => ({
  account_id: owner.account_id,
  type: 'client.created',
  entity_type: 'client',
  entity_id: i + 1,
  user_id: null,
  project_id: null,
  actor_user_id: owner.user_id,
  actor_credential: 'token',
  door: 'native',
  occurred_at: at,
  before_json: null,
  after_json: JSON.stringify({ id: i + 1, name: `Client ${i + 1}`, currency: 'USD' }),
}));
const done = new Promise<void>((resolve) => (allIn = resolve));
const started = performance.now();
for (let i = 0; i < N; i += 500)
  await data.db
    .insertInto('events')
    .values(events.slice(i, i + 500))
    .execute();
await done;
const punchSeconds = (performance.now() - started) / 1000;
server.kill('SIGTERM');

// ---- raw: the same bodies, signed and POSTed 32 at a time (as the worker attempts them), no database -----------------------
received = 0;
const rawDone = new Promise<void>((resolve) => (allIn = resolve));
const rawStarted = performance.now();
let next = 0;
await Promise.all(
  Array.from({ length: 32 }, async () => {
    while (next < N) {
      const body = JSON.stringify({
        id: next,
        type: 'client.created',
        data: events[next]?.after_json,
      });
      next++;
      await send(
        target,
        body,
        {
          'content-type': 'application/json',
          'punch-signature': signatureHeader('whsec_bench', Math.floor(Date.now() / 1000), body),
        },
        { timeoutMs: 10_000, allowedTargets: ['127.0.0.1'], elapsed: () => performance.now() },
      );
    }
  }),
);
await rawDone;
const rawSeconds = (performance.now() - rawStarted) / 1000;
receiver.close();
await data.close();

const dialect = opts.db.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL';
const punchRate = Math.round(N / punchSeconds);
const rawRate = Math.round(N / rawSeconds);
const table = [
  `Webhook deliveries on ${dialect}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`,
  '',
  '| events | Punch s | Punch deliveries/s | raw s | raw POSTs/s | Punch/raw |',
  '|---:|---:|---:|---:|---:|---:|',
  `| ${N.toLocaleString('en')} | ${punchSeconds.toFixed(1)} | ${punchRate.toLocaleString('en')} | ${rawSeconds.toFixed(1)} | ${rawRate.toLocaleString('en')} | ${(punchRate / rawRate).toFixed(2)} |`,
  '',
].join('\n');
console.log(table);
mkdirSync('bench/results', { recursive: true });
const file = `bench/results/${new Date().toISOString().slice(0, 10)}-webhooks-${dialect.toLowerCase()}.md`;
writeFileSync(file, table);
log(`written to ${file}`);
process.exit(0);
