import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type Locator,
  type Page,
} from 'playwright-core';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runPunch, startPunch } from '../run-punch.ts';
import { webhookReceiver } from '../webhook-receiver.ts';
import { verifySignature } from '../../src/server/modules/webhooks/webhooks.rules.ts';
import { scopedPostgres } from '../postgres-schema.ts';

/**
 * The web app end to end: a real `punch serve` and Debian's Chromium, the way a new team meets
 * Punch. Without /usr/bin/chromium the suite says so in one line and skips (CI installs it).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HAS_CHROMIUM = existsSync(CHROMIUM);
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SCREENSHOTS = process.env.UPDATE_SCREENSHOTS ? join(ROOT, 'docs', 'screenshots') : null;
const AXE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

if (!HAS_CHROMIUM && process.env.E2E_REQUIRED) {
  throw new Error(`E2E_REQUIRED is set but there is no Chromium at ${CHROMIUM}`);
}
if (!HAS_CHROMIUM) {
  console.log(`web e2e: skipped, no Chromium at ${CHROMIUM} (apt-get install -y chromium)`);
}

const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

function ensureBuilt(): void {
  if (existsSync(join(ROOT, 'dist', 'web', 'index.html'))) return;
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts', 'build-web.js')], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the web app did not build');
}

async function serve(databaseUrl: string) {
  const port = await freePort();
  const server = await startPunch({
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    RATE_LIMIT_MAX: '0',
    // The webhook journey's receiver listens on loopback.
    WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
    WEBHOOK_POLL_MS: '100',
  });
  const code = /^\s{4}([0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4})$/m.exec(server.banner())?.[1];
  return { ...server, base: `http://127.0.0.1:${port}`, code };
}

/** No serious or critical accessibility violation on the page as it stands. */
async function expectAccessible(page: Page, name: string): Promise<void> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run: (o: object) => Promise<{
            violations: { id: string; impact: string; nodes: { target: string[] }[] }[];
          }>;
        };
      }
    ).axe;
    const result = await axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  expect(violations, name).toEqual([]);
}

async function shot(page: Page, name: string): Promise<void> {
  if (!SCREENSHOTS) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** Follows a link in the menu and waits for its screen (screens load on demand). */
async function open(page: Page, link: string, heading = link): Promise<void> {
  await page.getByRole('link', { name: link }).click();
  await expect.poll(() => page.getByRole('heading', { name: heading }).count()).toBe(1);
}

/** Picks `text` in a Mantine select labelled `label` by typing, as a person would. */
async function pick(
  page: Page,
  label: string,
  text: string,
  within: Page | Locator = page,
): Promise<void> {
  const input = within.getByRole('textbox', { name: label }).first();
  await input.click();
  await input.fill(text);
  await page
    .getByRole('option', { name: new RegExp(text) })
    .first()
    .click();
}

describe.skipIf(!HAS_CHROMIUM)('web app in Chromium (SQLite)', () => {
  let dir: string;
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const admin = { email: 'olena@example.com', password: 'correct horse battery' };

  beforeAll(async () => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'punch-e2e-'));
    server = await serve(`sqlite:${join(dir, 'punch.sqlite')}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
    context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    context.setDefaultTimeout(6000);
    page = await context.newPage();
  }, 120_000);

  afterAll(async () => {
    await browser.close();
    server.child.kill('SIGTERM');
    await server.exited;
    rmSync(dir, { recursive: true, force: true });
  });

  /** The administrator's token (issued by the CLI) and JSON calls made with it. */
  async function adminApi() {
    const issued = await runPunch(['token', 'create', '--email', admin.email, '--json'], {
      DATABASE_URL: `sqlite:${join(dir, 'punch.sqlite')}`,
    });
    const { token } = JSON.parse(issued.stdout) as { token: string };
    const call = async (method: string, path: string, body?: object) => {
      const res = await fetch(server.base + path, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: body && JSON.stringify(body),
      });
      return (await res.json()) as Record<string, unknown>;
    };
    return { token, call };
  }

  it('creates the first account with the printed setup code', async () => {
    expect(server.code).toBeDefined();
    await page.goto(server.base);
    await expect
      .poll(() => page.getByRole('heading', { name: 'Welcome to Punch' }).count())
      .toBe(1);
    await expectAccessible(page, 'setup');
    await shot(page, 'setup');
    await page.getByLabel('Setup code').fill('WRONG-CODE-0000');
    await page.getByLabel('Company or team name').fill('Acme Studio');
    await page.getByLabel('First name').fill('Olena');
    await page.getByLabel('Last name').fill('Koval');
    await page.getByLabel('E-mail').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Create account' }).click();
    // Said at the code's own field.
    await expect.poll(() => page.getByText(/setup code is not right/).count()).toBe(1);
    await page.getByLabel('Setup code').fill(server.code!.toLowerCase());
    await page.getByRole('button', { name: 'Create account' }).click();
    await page.waitForURL('**/timesheet');
    await expect.poll(() => page.getByRole('heading', { name: 'Week' }).count()).toBe(1);
  });

  it('creates a task, a client and a project', async () => {
    await open(page, 'Tasks');
    await page.getByLabel('Name').fill('Design');
    await page.getByRole('button', { name: 'Add task' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: 'Design', exact: true }).count())
      .toBe(1);
    await expectAccessible(page, 'tasks');

    await open(page, 'Clients');
    await expectAccessible(page, 'clients');
    await page.getByLabel('Name').fill('Northwind');
    await page.getByRole('button', { name: 'Add client' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: 'Northwind', exact: true }).count())
      .toBe(1);

    await open(page, 'Projects');
    await pick(page, 'Client', 'Northwind');
    await page.getByRole('textbox', { name: 'Name' }).fill('Website');
    await page.getByRole('button', { name: 'Add project' }).click();
    await expect
      .poll(() => page.getByRole('cell', { name: 'Website', exact: true }).count())
      .toBe(1);
    await expectAccessible(page, 'projects');
    await shot(page, 'projects');

    // The project's own page: its settings, and who and what is on it.
    await page.getByRole('link', { name: 'Website' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Website' }).count()).toBe(1);
    await expect
      .poll(() => page.getByRole('cell', { name: 'Olena Koval', exact: true }).count())
      .toBe(1);
    await expect
      .poll(() => page.getByRole('cell', { name: 'Design', exact: true }).count())
      .toBe(1);
    await expectAccessible(page, 'project');
    await shot(page, 'project');
  });

  it('starts and stops a timer that ticks in the bar and the tab title', async () => {
    await page.getByRole('link', { name: 'Timesheet' }).click();
    await pick(page, 'Project and task', 'Website');
    await page.getByLabel('Notes').fill('Home page');
    await page.getByRole('button', { name: 'Start' }).click();
    const elapsed = page.getByTestId('timer-elapsed');
    await expect.poll(() => elapsed.count()).toBe(1);
    const first = await elapsed.textContent();
    await expect.poll(() => elapsed.textContent(), { timeout: 4000 }).not.toBe(first);
    expect(await page.title()).toMatch(/^▶ 0:00:0\d · Website — Punch$/);
    await shot(page, 'timer');
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Start' }).count()).toBe(1);
    expect(await page.title()).toBe('Punch');
    // C continues the last entry; S stops it (neither while typing).
    await page.locator('body').click();
    await page.keyboard.press('c');
    await expect.poll(() => page.getByTestId('timer-elapsed').count()).toBe(1);
    await page.keyboard.press('s');
    await expect.poll(() => page.getByRole('button', { name: 'Start' }).count()).toBe(1);
  });

  it('fills a week in the timesheet with the keyboard and saves without a button', async () => {
    const cell = (c: number) => page.locator(`[data-cell="0-${c}"]`);
    await expect.poll(() => cell(0).count()).toBe(1);
    await cell(0).click();
    await page.keyboard.type('1:30');
    await page.keyboard.press('Tab');
    await page.keyboard.type('2');
    await page.keyboard.press('Tab');
    await page.keyboard.type('90m');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.type('1h30');
    await page.keyboard.press('Tab');
    await page.keyboard.type('.5');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('All changes saved').count()).toBe(1);
    // Monday to Friday: 1.5 + 2 + 1.5 + 1.5 + 0.5 hours (today's timer entry was typed over
    // when today is one of those days, or adds its seconds otherwise).
    await expect.poll(() => page.getByTestId('week-total').textContent()).toMatch(/^7:0\d$/);
    await page.reload();
    await expect.poll(() => cell(0).inputValue()).toBe('1:30');
    await expect.poll(() => cell(1).inputValue()).toBe('2:00');
    // Not a duration: the cell says so and keeps the saved value.
    await cell(2).click();
    await page.keyboard.type('soon');
    await page.keyboard.press('Enter');
    await expect.poll(() => cell(2).getAttribute('aria-invalid')).toBe('true');
    await page.keyboard.press('Escape');
    await expect.poll(() => cell(2).inputValue()).toBe('1:30');
    await expectAccessible(page, 'timesheet');
    await shot(page, 'timesheet');

    // Typed and left, then the page reloaded at once: the cell is still sent. A weekend day
    // other than today (today's cell holds the timer test's entries, read-only here).
    const weekday = (new Date().getUTCDay() + 6) % 7;
    const spare = weekday === 5 ? 6 : 5;
    await cell(spare).click();
    await page.keyboard.type('0:15');
    await page.keyboard.press('Tab');
    await page.reload();
    await expect.poll(() => cell(spare).inputValue()).toBe('0:15');
    await cell(spare).click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Backspace');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByText('All changes saved').count()).toBe(1);
  });

  it('edits and deletes in the day view, with undo', async () => {
    const monday = await page.evaluate(() => {
      const now = new Date();
      const back = (now.getUTCDay() + 6) % 7;
      now.setUTCDate(now.getUTCDate() - back);
      return now.toISOString().slice(0, 10);
    });
    await page.goto(`${server.base}/day/${monday}`);
    const duration = page.getByLabel('Time on Website');
    await expect.poll(() => duration.inputValue()).toBe('1:30');
    await duration.fill('2:15');
    await duration.press('Enter');
    await expect.poll(() => page.getByTestId('day-total').textContent()).toBe('Total 2:15');
    await page.getByLabel('Notes for Website').fill('Wireframes');
    await page.getByLabel('Notes for Website').press('Enter');
    await expectAccessible(page, 'day');
    await shot(page, 'day');

    await page.getByRole('button', { name: 'Delete the entry on Website' }).click();
    await expect.poll(() => page.getByTestId('day-entry').count()).toBe(0);
    await page.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => page.getByTestId('day-entry').count()).toBe(1);
    await page.reload();
    await expect.poll(() => page.getByLabel('Notes for Website').inputValue()).toBe('Wireframes');
    await page.getByRole('button', { name: 'Delete the entry on Website' }).click();
    // Leaving at once carries the delete out: the screen said it was deleted.
    await page.getByRole('link', { name: 'Timesheet' }).click();
    await page.goto(`${server.base}/day/${monday}`);
    await expect.poll(() => page.getByText('No time on this day.').count()).toBe(1);
  });

  it('adds time from the calendar week, and shows it as a block', async () => {
    await open(page, 'Calendar');
    // Monday's column: its entry went in the day view's test, so it starts empty.
    const now = new Date();
    now.setUTCDate(now.getUTCDate() - ((now.getUTCDay() + 6) % 7));
    const monday = page.getByTestId(`calendar-day-${now.toISOString().slice(0, 10)}`);
    await expect.poll(() => page.getByTestId('calendar-block').count()).toBeGreaterThan(0);
    expect(await monday.getByTestId('calendar-block').count()).toBe(0);
    await page.getByRole('button', { name: /^Add time on Mon/ }).click();
    await pick(page, 'Project and task', 'Website', page.getByRole('dialog'));
    await page.getByRole('dialog').getByLabel('Time').fill('2h');
    await page.getByRole('dialog').getByRole('button', { name: 'Add' }).click();
    await expect.poll(() => monday.getByTestId('calendar-block').count()).toBe(1);
    expect(await monday.getByTestId('calendar-block').getAttribute('aria-label')).toBe(
      'Website — Design, 2:00',
    );
    await expectAccessible(page, 'calendar');
    await shot(page, 'calendar');
  });

  it('shows a timer started in another browser within a second or two', async () => {
    const other = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const second = await other.newPage();
    await second.goto(server.base);
    await second.getByLabel('E-mail').fill(admin.email);
    await second.getByLabel('Password').fill(admin.password);
    await second.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => second.getByRole('heading', { name: 'Week' }).count()).toBe(1);
    await page.goto(`${server.base}/timesheet`);
    await expect.poll(() => page.getByRole('button', { name: 'Start' }).count()).toBe(1);
    // Let the first page's event stream open before the change it must hear about.
    await new Promise((done) => setTimeout(done, 500));

    await pick(second, 'Project and task', 'Website');
    const started = Date.now();
    await second.getByRole('button', { name: 'Start' }).click();
    await expect.poll(() => page.getByTestId('timer-elapsed').count(), { timeout: 5000 }).toBe(1);
    expect(Date.now() - started).toBeLessThan(2500);
    await page.getByRole('button', { name: 'Stop' }).click();
    await expect
      .poll(() => second.getByRole('button', { name: 'Start' }).count(), { timeout: 5000 })
      .toBe(1);
    await other.close();
  });

  it('speaks Ukrainian and Chinese, dates and all', async () => {
    await page.getByRole('textbox', { name: 'Language' }).click();
    await page.getByRole('option', { name: 'Українська' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'Тиждень' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('button', { name: 'Цей тиждень' }).count()).toBe(1);
    await expectAccessible(page, 'timesheet (uk)');
    await shot(page, 'timesheet-uk');
    await page.getByRole('textbox', { name: 'Мова' }).click();
    await page.getByRole('option', { name: '中文（简体）' }).click();
    await expect.poll(() => page.getByRole('link', { name: '周视图' }).count()).toBe(1);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-Hans');
    await shot(page, 'timesheet-zh');
    // The choice is remembered on this browser.
    await page.reload();
    await expect.poll(() => page.getByRole('link', { name: '周视图' }).count()).toBe(1);
    await page.getByRole('textbox', { name: '语言' }).click();
    await page.getByRole('option', { name: 'English' }).click();
  });

  it('keeps the language on the profile and issues a token shown once', async () => {
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Profile' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Profile' }).count()).toBe(1);
    await page.getByRole('textbox', { name: /^Name/ }).fill('laptop');
    await page.getByRole('button', { name: 'Create token' }).click();
    const token = await page.getByTestId('new-token').textContent();
    expect(token).toMatch(/^punch_pat_/);
    const me = await fetch(`${server.base}/punch/v1/me`, {
      headers: { authorization: `Bearer ${token ?? ''}` },
    });
    expect(me.status).toBe(200);
    await expectAccessible(page, 'profile');
    await shot(page, 'profile');

    // Chosen here, the language follows the person to a browser that never chose one.
    await page.getByRole('textbox', { name: 'Language' }).first().click();
    await page.getByRole('option', { name: 'Українська' }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Профіль' }).count()).toBe(1);
    const fresh = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const elsewhere = await fresh.newPage();
    await elsewhere.goto(server.base);
    await elsewhere.getByLabel('E-mail').fill(admin.email);
    await elsewhere.getByLabel('Password').fill(admin.password);
    await elsewhere.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => elsewhere.getByRole('link', { name: 'Тиждень' }).count()).toBe(1);
    await fresh.close();
    await page.getByRole('textbox', { name: 'Мова' }).first().click();
    await page.getByRole('option', { name: 'English' }).first().click();
    await expect.poll(() => page.getByRole('heading', { name: 'Profile' }).count()).toBe(1);
  });

  it('shows a member their own time and no management pages', async () => {
    const { call } = await adminApi();
    const person = await call('POST', '/punch/v1/people', {
      firstName: 'Ivan',
      lastName: 'Member',
      email: 'ivan@example.com',
      accessLevel: 'member',
    });
    const invitation = await call('POST', `/api/employees/${String(person.id)}/user`, {});
    // The invitee accepts without any credential of their own, as from the e-mailed link.
    const accepted = await fetch(`${server.base}/api/invitations/accept`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ token: invitation.invitationToken, password: 'member password' }),
    });
    expect(accepted.status).toBe(200);

    const memberContext = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const member = await memberContext.newPage();
    member.setDefaultTimeout(6000);
    await member.goto(`${server.base}/projects`);
    await expect.poll(() => member.getByRole('button', { name: 'Sign in' }).count()).toBe(1);
    await expectAccessible(member, 'sign-in');
    await member.getByLabel('E-mail').fill('ivan@example.com');
    await member.getByLabel('Password').fill('member password');
    await member.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => member.getByRole('heading', { name: 'Week' }).count()).toBe(1);
    expect(await member.getByRole('link', { name: 'Projects' }).count()).toBe(0);
    expect(await member.getByRole('link', { name: 'Clients' }).count()).toBe(0);
    // The admin's hours are not in the member's week.
    expect(await member.getByTestId('week-total').textContent()).toBe('0:00');
    // Nothing last week: copying says so rather than doing nothing.
    await member.getByRole('button', { name: 'Copy last week’s rows' }).click();
    await expect
      .poll(() => member.getByTestId('timesheet-notice').textContent())
      .toBe('Every row of last week is here already.');
    // The first Tab offers to skip past the menu and the timer.
    await member.reload();
    await expect.poll(() => member.getByRole('heading', { name: 'Week' }).count()).toBe(1);
    await member.keyboard.press('Tab');
    await expect
      .poll(() => member.evaluate<string | null>('document.activeElement?.textContent ?? null'))
      .toBe('Skip to content');
    await member.keyboard.press('Enter');
    await expect
      .poll(() => member.evaluate<string | null>('document.activeElement?.id ?? null'))
      .toBe('content');
    await expectAccessible(member, 'member timesheet');
    await memberContext.close();
  }, 30_000);

  it('lets the administrator manage people and switch the account to decimal hours', async () => {
    await page.goto(`${server.base}/people`);
    await expect.poll(() => page.getByRole('heading', { name: 'People' }).count()).toBe(1);
    await expect.poll(() => page.getByText('ivan@example.com').count()).toBe(1);
    await expectAccessible(page, 'people');
    await shot(page, 'people');

    await open(page, 'Settings', 'Account settings');
    await page.getByRole('textbox', { name: 'Show time as' }).click();
    await page.getByRole('option', { name: '1.50' }).click();
    await page.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.getByText('Saved.').count()).toBe(1);
    await expectAccessible(page, 'settings');
    await page.getByRole('link', { name: 'Timesheet' }).click();
    await expect.poll(() => page.locator('[data-cell="0-1"]').inputValue()).toBe('2.00');
  });

  // Two browsers through four round trips of the workflow: it takes 16–18 s on an idle 2-core
  // machine, too close to the suite's 20 s for a loaded one.
  it('submits a week, rejects it with a reason, fixes, resubmits and approves it', async () => {
    const { token, call } = await adminApi();
    const people = (await call('GET', '/punch/v1/people')) as {
      data: { id: number; email: string }[];
    };
    const ivan = people.data.find((p) => p.email === 'ivan@example.com');
    const projects = (await call('GET', '/punch/v1/projects')) as {
      data: { id: number; name: string }[];
    };
    const website = projects.data.find((p) => p.name === 'Website');
    const added = await call('POST', `/punch/v1/projects/${String(website?.id)}/members`, {
      personId: ivan?.id,
    });
    expect(added.id).toBeDefined();

    const memberContext = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const member = await memberContext.newPage();
    member.setDefaultTimeout(6000);
    await member.goto(`${server.base}/timesheet`);
    await member.getByLabel('E-mail').fill('ivan@example.com');
    await member.getByLabel('Password').fill('member password');
    await member.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => member.getByRole('heading', { name: 'Week' }).count()).toBe(1);
    await pick(member, 'Add a row', 'Website');
    const cell = (c: number) => member.locator(`[data-cell="0-${c}"]`);
    await cell(0).click();
    await member.keyboard.type('8');
    await member.keyboard.press('Enter');
    await expect.poll(() => member.getByText('All changes saved').count()).toBe(1);
    await member.getByRole('button', { name: 'Submit week for approval' }).click();
    await expect.poll(() => member.getByTestId('week-status').textContent()).toMatch(/Submitted/);
    // Submitted: nothing more can be typed until it is withdrawn or decided.
    await expect.poll(() => cell(1).getAttribute('readonly')).not.toBeNull();
    await expectAccessible(member, 'submitted week');

    await open(page, 'Approvals');
    const row = page.getByTestId(new RegExp(`^approval-${String(ivan?.id)}-`));
    await expect.poll(() => row.count()).toBe(1);
    await expect.poll(() => row.textContent()).toMatch(/Ivan Member/);
    await expectAccessible(page, 'approvals');
    await shot(page, 'approvals');
    await row.getByRole('button', { name: 'Reject' }).click();
    await page.getByLabel('Reason').fill('Tuesday is missing');
    await page.getByRole('dialog').getByRole('button', { name: 'Reject' }).click();
    await expect.poll(() => row.count()).toBe(0);

    await member.reload();
    await expect.poll(() => member.getByText('Tuesday is missing').count()).toBe(1);
    await expect.poll(() => member.getByText('Returned to you').count()).toBe(1);
    await expectAccessible(member, 'rejected week');
    await shot(member, 'rejected-week');
    await cell(1).click();
    await member.keyboard.type('7:30');
    await member.keyboard.press('Enter');
    await expect.poll(() => member.getByText('All changes saved').count()).toBe(1);
    await member.getByRole('button', { name: 'Submit week for approval' }).click();
    await expect.poll(() => member.getByTestId('week-status').textContent()).toMatch(/Submitted/);
    expect(await member.getByText('Tuesday is missing').count()).toBe(0);

    await page.reload();
    await expect.poll(() => row.count()).toBe(1);
    await page.getByRole('checkbox', { name: 'Select all weeks' }).check();
    await page.getByRole('button', { name: /Approve selected/ }).click();
    await expect.poll(() => row.count()).toBe(0);

    await member.reload();
    await expect.poll(() => member.getByTestId('week-status').textContent()).toMatch(/Approved/);
    await expect.poll(() => cell(0).getAttribute('readonly')).not.toBeNull();
    await expect.poll(() => cell(0).inputValue()).toBe('8.00');
    // The entries read as approved and locked through the Harvest API too.
    const me = (await call('GET', '/punch/v1/me')) as { account: { id: number } };
    const entries = await fetch(`${server.base}/v2/time_entries?user_id=${String(ivan?.id)}`, {
      headers: {
        authorization: `Bearer ${token}`,
        'harvest-account-id': String(me.account.id),
        'user-agent': 'e2e',
      },
    });
    const listed = (await entries.json()) as {
      time_entries: { is_locked: boolean; locked_reason: string; approval_status: string }[];
    };
    expect(listed.time_entries).toHaveLength(2);
    for (const entry of listed.time_entries) {
      expect(entry).toMatchObject({
        approval_status: 'approved',
        is_locked: true,
        locked_reason: 'Item Approved and Locked for this Time Period',
      });
    }

    // The approved week is billed: an invoice of Northwind's uninvoiced time, sent and paid.
    await call('PATCH', `/punch/v1/projects/${String(website?.id)}`, {
      isBillable: true,
      billBy: 'Project',
      hourlyRate: 100,
    });
    await open(page, 'Invoices');
    await pick(page, 'Client', 'Northwind');
    await pick(page, 'Projects', 'Website');
    await page.keyboard.press('Escape');
    const monthsAgo = new Date(Date.now() - 60 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From').fill(monthsAgo);
    await page.getByRole('button', { name: 'Preview' }).click();
    await expect.poll(() => page.getByTestId('invoice-total').count()).toBe(1);
    await expect.poll(() => page.getByText(/Website/).count()).toBeGreaterThan(0);
    await expectAccessible(page, 'invoice preview');
    await page.getByRole('button', { name: 'Create invoice' }).click();
    const dialog = page.getByRole('dialog');
    await expect.poll(() => dialog.getByTestId('invoice-state').textContent()).toBe('Draft');
    await dialog.getByRole('button', { name: 'Mark as sent' }).click();
    await expect.poll(() => dialog.getByTestId('invoice-state').textContent()).toBe('Sent');
    await dialog.getByRole('button', { name: 'Record full payment' }).click();
    await expect.poll(() => dialog.getByTestId('invoice-state').textContent()).toBe('Paid');
    await expect.poll(() => dialog.getByTestId('invoice-due').textContent()).toBe('$0.00');
    await expectAccessible(page, 'invoice');
    await shot(page, 'invoice');
    const href = await dialog.getByRole('link', { name: 'Download PDF' }).getAttribute('href');
    const pdf = await page.request.get(`${server.base}${String(href)}`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toBe('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Invoiced and approved: locked on every door, and in the member's screens.
    const billed = await fetch(`${server.base}/v2/time_entries?user_id=${String(ivan?.id)}`, {
      headers: {
        authorization: `Bearer ${token}`,
        'harvest-account-id': String(me.account.id),
        'user-agent': 'e2e',
      },
    });
    const billedEntries = ((await billed.json()) as { time_entries: { spent_date: string }[] })
      .time_entries;
    for (const entry of billedEntries) {
      expect(entry).toMatchObject({
        is_billed: true,
        is_locked: true,
        locked_reason: 'Item Invoiced and Approved and Locked for this Time Period',
      });
    }
    await member.reload();
    await expect.poll(() => cell(0).getAttribute('readonly')).not.toBeNull();
    await expectAccessible(member, 'approved week');
    await member.goto(`${server.base}/day/${billedEntries[0]?.spent_date ?? ''}`);
    await expect
      .poll(() =>
        member.getByText('Item Invoiced and Approved and Locked for this Time Period').count(),
      )
      .toBe(1);
    await memberContext.close();
  }, 60_000);

  it('builds a report, drills into it, saves and shares it, and downloads its files', async () => {
    const { call } = await adminApi();
    // The invoice of the test before may still be open.
    await page.goto(`${server.base}/timesheet`);
    const day = (offset: number) =>
      new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const definition = {
      period: 'custom',
      from: day(-90),
      to: day(7),
      groupBy: ['project'],
      filters: {},
    };
    const expected = (await call('POST', '/punch/v1/reports/run', definition)) as {
      totals: { roundedSeconds: number; seconds: number };
      rows: { key: { name: string } }[];
    };
    expect(expected.totals.roundedSeconds).toBeGreaterThan(0);

    await open(page, 'Reports');
    const choose = async (label: string, option: string) => {
      await page.getByRole('textbox', { name: label }).first().click();
      await page.getByRole('option', { name: option }).first().click();
    };
    await choose('Period', 'Custom');
    await page.getByLabel('From').fill(definition.from);
    await page.getByLabel('To').fill(definition.to);
    const table = page.getByTestId('report-table');
    await expect.poll(() => table.count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="report-chart"] canvas').count()).toBe(1);
    // The same hours, whichever way the page writes them (1:30 or 1.50).
    const minutes = (text: string | null) => {
      const [h = '0', m = '0'] = String(text).split(/[:.]/);
      return String(text).includes(':') ? Number(h) * 60 + Number(m) : Number(text) * 60;
    };
    const expectedMinutes = Math.round(expected.totals.roundedSeconds / 60);
    await expect
      .poll(async () => minutes(await page.getByTestId('report-total').textContent()))
      .toBe(expectedMinutes);
    await expectAccessible(page, 'reports');
    await shot(page, 'reports');

    // Drill into the first project's figure: the entries behind it.
    const first = expected.rows[0]?.key.name ?? '';
    await table.getByRole('button', { name: first }).click();
    const drill = page.getByTestId('drill-table');
    await expect.poll(() => drill.locator('tbody tr').count()).toBeGreaterThan(0);
    await page.keyboard.press('Escape');

    // Saved under a name, then shared: the link opens in a browser that never signed in.
    await page.getByRole('button', { name: 'Save report' }).click();
    await page.getByRole('dialog').getByLabel('Name').fill('Quarter by project');
    await page.getByRole('dialog').getByRole('button', { name: 'Save report' }).click();
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    await choose('Saved reports', 'Quarter by project');
    await page.getByRole('button', { name: 'Share' }).click();
    await expect.poll(() => page.getByTestId('share-url').inputValue()).toMatch(/\/shared\//);
    const url = await page.getByTestId('share-url').inputValue();
    const stranger = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
    const outside = await stranger.newPage();
    await outside.goto(url);
    await expect
      .poll(() => outside.getByRole('heading', { name: 'Quarter by project' }).count())
      .toBe(1);
    await expect
      .poll(async () => minutes(await outside.getByTestId('report-total').textContent()))
      .toBe(expectedMinutes);
    await expectAccessible(outside, 'shared report');
    const sharedCsv = await outside.request.get(
      url.replace('/shared/', '/punch/v1/shared-reports/') + '/export?format=csv&content=entries',
    );
    expect(sharedCsv.status()).toBe(200);
    await stranger.close();

    // Files: entries as CSV and PDF, totals as XLSX, each adding up to the report.
    const save = async (item: string) => {
      await page.getByRole('button', { name: 'Export' }).click();
      const [file] = await Promise.all([
        page.waitForEvent('download'),
        page.getByRole('menuitem', { name: item }).click(),
      ]);
      return readFileSync(await file.path());
    };
    const csv = (await save('Entries as CSV')).toString('utf8').replace(/^\uFEFF/, '');
    const [header, ...lines] = csv.trim().split(/\r?\n/);
    const columns = String(header).split(',');
    const seconds = columns.indexOf('Seconds');
    // Notes may hold commas: the Seconds column is read from the end of each line.
    const fromEnd = columns.length - seconds;
    const summed = lines.reduce((sum, line) => {
      const cells = line.split(',');
      return sum + Number(cells[cells.length - fromEnd]);
    }, 0);
    expect(summed).toBe(expected.totals.seconds);
    const xlsx = await save('Totals as XLSX');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = book.worksheets[0];
    const head = (sheet?.getRow(1).values as unknown[]).slice(1);
    const last = (sheet?.getRow(sheet.rowCount).values as unknown[]).slice(1);
    expect(last[0]).toBe('Total');
    expect(last[head.indexOf('Seconds')]).toBe(expected.totals.seconds);
    const pdf = await save('Entries as PDF');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('subscribes a webhook, receives a signed delivery, and reads the change in the audit log', async () => {
    const hooks = await webhookReceiver();
    try {
      await open(page, 'Webhooks');
      await page.getByRole('textbox', { name: 'URL' }).fill(hooks.url);
      const events = page.getByRole('textbox', { name: 'Events' });
      await events.click();
      await events.fill('client.*');
      await events.press('Enter');
      await page.getByRole('button', { name: 'Add webhook' }).click();
      const secret = (await page.getByTestId('webhook-secret').textContent()) ?? '';
      expect(secret).toMatch(/^whsec_/);
      await expectAccessible(page, 'webhooks');
      await shot(page, 'webhooks');

      // A test from the page, then a real change delivered by the server's worker.
      await page.getByRole('button', { name: 'Send test' }).first().click();
      await expect.poll(() => hooks.received.length).toBeGreaterThanOrEqual(1);
      await open(page, 'Clients');
      await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Hooked client');
      await page.getByRole('button', { name: 'Add client' }).click();
      await expect
        .poll(() => hooks.received.some((r) => r.json.data.name === 'Hooked client'), {
          timeout: 10_000,
        })
        .toBe(true);
      const delivered = hooks.received.find((r) => r.json.data.name === 'Hooked client')!;
      const now = Math.floor(Date.now() / 1000);
      expect(
        verifySignature(secret, String(delivered.headers['punch-signature']), delivered.body, now),
      ).toBe(true);
      await open(page, 'Webhooks');
      await page.getByRole('button', { name: 'Deliveries' }).first().click();
      await expect
        .poll(() => page.locator('[data-testid^="deliveries-"]').first().textContent())
        .toContain('client.created');

      await open(page, 'Audit log');
      await expect
        .poll(() => page.getByTestId('audit-table').textContent())
        .toContain('Hooked client');
      const row = page.getByRole('row').filter({ hasText: 'Hooked client' }).first();
      await expect.poll(() => row.textContent()).toContain('Web app');
      await expectAccessible(page, 'audit log');
      await shot(page, 'audit-log');
    } finally {
      await hooks.close();
    }
  });

  it("imports another tracker's export after checking how it reads", async () => {
    await open(page, 'Import');
    await page
      .locator('input[type="file"]')
      .setInputFiles(join(ROOT, 'test', 'fixtures', 'imports', 'toggl.csv'));
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect
      .poll(() => page.getByTestId('import-summary').textContent())
      .toContain('2 of 4 rows would become time entries');
    await expect
      .poll(() => page.getByTestId('import-preview').textContent())
      .toContain('Wireframes');
    await expect.poll(() => page.getByText('Line 5: negative duration').count()).toBe(1);
    await expectAccessible(page, 'import');
    await shot(page, 'import');
    await page.getByRole('button', { name: 'Import 2 entries' }).click();
    await expect
      .poll(() => page.getByTestId('import-summary').textContent())
      .toContain('2 of 4 rows imported');
  });

  it('imports a sheet no tracker wrote by choosing its columns', async () => {
    const sheet = join(dir, 'stunden.csv');
    writeFileSync(
      sheet,
      [
        'Tag;Wer;Kunde;Auftrag;Tätigkeit;Dauer',
        '2026-11-05;olena@example.com;Acme;Website relaunch;Design;2:15',
      ].join('\n'),
    );
    await page.reload();
    await page.locator('input[type="file"]').setInputFiles(sheet);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect.poll(() => page.getByText('Columns Punch does not know').count()).toBe(1);
    const pick = async (label: string, header: string) => {
      // A required field's label ends with Mantine's asterisk.
      const name = new RegExp(`^${label.replace(/[()]/g, '\\$&')}\\s*\\*?$`);
      await page.getByRole('textbox', { name }).click();
      await page.getByRole('option', { name: header, exact: true }).click();
    };
    await pick('Date', 'Tag');
    await pick('Person (name or e-mail)', 'Wer');
    await pick('Client', 'Kunde');
    await pick('Project', 'Auftrag');
    await pick('Task', 'Tätigkeit');
    await pick('Duration', 'Dauer');
    await page.getByRole('button', { name: 'Check the file' }).click();
    await expect
      .poll(() => page.getByTestId('import-summary').textContent())
      .toContain('1 of 1 rows would become time entries');
    await expectAccessible(page, 'import-columns');
    await page.getByRole('button', { name: 'Import 1 entry' }).click();
    await expect
      .poll(() => page.getByTestId('import-summary').textContent())
      .toContain('1 of 1 rows imported');
  });
});

describe.skipIf(!HAS_CHROMIUM || !process.env.TEST_DATABASE_URL)(
  'web app in Chromium (PostgreSQL)',
  () => {
    it('sets up, tracks and reloads a week on PostgreSQL', async () => {
      ensureBuilt();
      const pg = await scopedPostgres('e2e_web');
      const server = await serve(pg.url);
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS });
      try {
        const page = await browser.newPage({ locale: 'en-US', timezoneId: 'UTC' });
        await page.goto(server.base);
        await page.getByLabel('Setup code').fill(server.code!);
        await page.getByLabel('Company or team name').fill('PG Studio');
        await page.getByLabel('First name').fill('Pat');
        await page.getByLabel('E-mail').fill('pat@example.com');
        await page.getByLabel('Password').fill('postgres rules');
        await page.getByRole('button', { name: 'Create account' }).click();
        await page.waitForURL('**/timesheet');
        await open(page, 'Tasks');
        await page.getByLabel('Name').fill('Build');
        await page.getByRole('button', { name: 'Add task' }).click();
        await expect
          .poll(() => page.getByRole('cell', { name: 'Build', exact: true }).count())
          .toBe(1);
        await open(page, 'Clients');
        await page.getByLabel('Name').fill('Contoso');
        await page.getByRole('button', { name: 'Add client' }).click();
        await expect
          .poll(() => page.getByRole('cell', { name: 'Contoso', exact: true }).count())
          .toBe(1);
        await open(page, 'Projects');
        await pick(page, 'Client', 'Contoso');
        await page.getByRole('textbox', { name: 'Name' }).fill('App');
        await page.getByRole('button', { name: 'Add project' }).click();
        await expect
          .poll(() => page.getByRole('cell', { name: 'App', exact: true }).count())
          .toBe(1);
        await page.getByRole('link', { name: 'Timesheet' }).click();
        await page.getByRole('textbox', { name: 'Add a row' }).click();
        await page.getByRole('option', { name: /App — Build/ }).click();
        await page.locator('[data-cell="0-0"]').click();
        await page.keyboard.type('3h');
        await page.keyboard.press('Enter');
        await expect.poll(() => page.getByText('All changes saved').count()).toBe(1);
        await page.reload();
        await expect.poll(() => page.locator('[data-cell="0-0"]').inputValue()).toBe('3:00');
      } finally {
        await browser.close();
        server.child.kill('SIGTERM');
        await server.exited;
        await pg.drop();
      }
    });
  },
);

// Keep the type import used when the suite is skipped.
export type { ChildProcess };
