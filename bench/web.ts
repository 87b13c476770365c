/**
 * The web app's week timesheet on a big account, in Debian's Chromium:
 *   npm run bench:web -- [--entries 1000000] [--db sqlite:./bench/data/web.sqlite] [--runs 9]
 * Seeds the database when it is empty, gives the person with the fullest current week a login,
 * starts `punch serve` on it and loads /timesheet again and again. For each load it reads the
 * request's timing and the app's own mark for "the week is on screen", and beside them a raw
 * baseline in the same page: the same JSON turned into a plain HTML table with innerHTML.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { sql } from 'kysely';
import { chromium } from 'playwright-core';
import { hashPassword } from '../src/server/modules/auth/passwords.ts';
import { freePort, startPunch } from '../test/run-punch.ts';
import { openBenchDatabase } from './lib.ts';
import { seed } from './seed.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Timing {
  request: number;
  app: number;
  raw: number;
  rows: number;
}

/**
 * Runs in the page (plain JavaScript, so the bench compiles without the DOM's types): the
 * request's timing, the app's "on screen" mark, and the raw baseline, which draws the same
 * answer as a plain table with innerHTML, no framework at all.
 */
const MEASURE = `(async () => {
  const resource = performance
    .getEntriesByType('resource')
    .find((e) => e.name.includes('/punch/v1/timesheet'));
  const mark = performance.getEntriesByName('punch:timesheet-rendered')[0];
  const response = await fetch(resource.name, { credentials: 'same-origin' });
  const fetched = performance.now();
  const sheet = await response.json();
  const table = document.createElement('table');
  table.innerHTML = sheet.rows
    .map((row) => '<tr><th>' + row.project.name + '</th>' +
      row.cells.map((c) => '<td><input value="' + (c.seconds / 3600).toFixed(2) + '"></td>').join('') +
      '<td>' + row.seconds + '</td></tr>')
    .join('');
  document.body.append(table);
  void table.offsetHeight;
  const drawn = performance.now();
  table.remove();
  return {
    request: resource.responseEnd - resource.requestStart,
    app: mark.startTime - resource.responseEnd,
    raw: drawn - fetched,
    rows: sheet.rows.length,
  };
})()`;
const PASSWORD = 'bench-password';

const program = new Command('bench:web')
  .option('--entries <n>', 'time entries in the account', '1000000')
  .option('--db <url>', 'DATABASE_URL (seeded when empty)', 'sqlite:./bench/data/web.sqlite')
  .option('--runs <n>', 'page loads to time', '9')
  .parse();
const opts = program.opts<{ entries: string; db: string; runs: string }>();

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function prepare(): Promise<{ email: string; entries: number; weekEntries: number }> {
  const handle = await openBenchDatabase(opts.db);
  try {
    const { db } = handle;
    const accounts = await db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(accounts.n) === 0) {
      await handle.close();
      console.log(`seeding ${Number(opts.entries).toLocaleString('en')} entries…`);
      await seed({ url: opts.db, entries: Number(opts.entries), years: 3, reset: false });
      return await prepare();
    }
    const total = await db
      .selectFrom('time_entries')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    // The fullest week among the last seven days' entries: the heaviest timesheet to draw.
    const since = new Date(Date.now() - 7 * 86_400_000).toISOString().slice(0, 10);
    const busiest = await db
      .selectFrom('time_entries as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .select(['u.id', 'u.email', 'u.identity_id', sql<string | number>`count(*)`.as('n')])
      .where('e.spent_date', '>=', since)
      .where('e.deleted_at', 'is', null)
      .groupBy(['u.id', 'u.email', 'u.identity_id'])
      .orderBy('n', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();
    if (busiest.identity_id === null) {
      const at = Date.now();
      const identity = await db
        .insertInto('identities')
        .values({
          email: busiest.email,
          password_hash: await hashPassword(PASSWORD),
          created_at: at,
          updated_at: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await db
        .updateTable('users')
        .set({ identity_id: identity.id })
        .where('id', '=', busiest.id)
        .execute();
    }
    return { email: busiest.email, entries: Number(total.n), weekEntries: Number(busiest.n) };
  } finally {
    await handle.close();
  }
}

if (!existsSync(join(ROOT, 'dist', 'web', 'index.html'))) {
  spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-web.js')], { stdio: 'inherit' });
}
const person = await prepare();
const port = await freePort();
const server = await startPunch({
  DATABASE_URL: opts.db,
  PORT: String(port),
  RATE_LIMIT_MAX: '0',
  LOG_LEVEL: 'warn',
});
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--no-first-run',
    '--disable-sync',
    '--disable-quic',
  ],
});
try {
  const page = await browser.newPage({ locale: 'en-US', timezoneId: 'UTC' });
  await page.goto(base);
  await page.getByLabel('E-mail').fill(person.email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL('**/timesheet');

  const request: number[] = [];
  const app: number[] = [];
  const raw: number[] = [];
  let rows = 0;
  for (let run = 0; run < Number(opts.runs) + 1; run++) {
    await page.goto(`${base}/timesheet`);
    await page.waitForFunction(
      "performance.getEntriesByName('punch:timesheet-rendered').length > 0",
    );
    const timing = await page.evaluate<Timing>(MEASURE);
    // The first load warms the server's caches and the browser's; it is not counted.
    if (run === 0) continue;
    request.push(timing.request);
    app.push(timing.app);
    raw.push(timing.raw);
    rows = timing.rows;
  }
  const ms = (v: number) => v.toFixed(1);
  console.log(
    `\nWeek timesheet, ${person.entries.toLocaleString('en')} entries in the account; ` +
      `${person.email}: ${person.weekEntries} entries in the last 7 days, ${rows} rows; ` +
      `${opts.runs} loads after one warm-up\n`,
  );
  console.log('| measure | p50 ms | p90 ms |');
  console.log('|---|---:|---:|');
  console.log(
    `| GET /punch/v1/timesheet (request to last byte) | ${ms(percentile(request, 50))} | ${ms(percentile(request, 90))} |`,
  );
  console.log(
    `| Punch web app: answer to week on screen | ${ms(percentile(app, 50))} | ${ms(percentile(app, 90))} |`,
  );
  console.log(
    `| raw baseline: same JSON as a plain HTML table | ${ms(percentile(raw, 50))} | ${ms(percentile(raw, 90))} |`,
  );
} finally {
  await browser.close();
  server.child.kill('SIGTERM');
  await server.exited;
}
