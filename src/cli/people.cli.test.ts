import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runPunch, startPunch } from '../../test/run-punch.ts';

/**
 * The people's commands as a person runs them, as real processes against a real `punch serve`:
 * login → start → status → stop → log → week, and what goes wrong said in one line.
 */
describe(
  'punch for people (real processes)',
  {
    // Each command is a process of its own (about a second to start on 2 cores).
    timeout: 120_000,
  },
  () => {
    let dir: string;
    let server: Awaited<ReturnType<typeof startPunch>>;
    let base: string;
    let env: Record<string, string>;
    let token: string;
    let accountId: number;
    const today = new Date().toISOString().slice(0, 10);

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'punch-cli-'));
      const database = `sqlite:${join(dir, 'punch.sqlite')}`;
      const setup = await runPunch(
        [
          'setup',
          '--account',
          'Terminal Co',
          '--email',
          'dev@example.com',
          '--password-stdin',
          '--json',
        ],
        { DATABASE_URL: database },
        'a long enough password\n',
      );
      expect(setup.code, setup.stderr).toBe(0);
      ({ token, account_id: accountId } = JSON.parse(setup.stdout) as {
        token: string;
        account_id: number;
      });
      const port = await freePort();
      server = await startPunch({
        DATABASE_URL: database,
        PORT: String(port),
        RATE_LIMIT_MAX: '0',
        // The account import below reads a source on loopback.
        WEBHOOK_ALLOWED_TARGETS: '127.0.0.1',
      });
      base = `http://127.0.0.1:${port}`;
      env = { PUNCH_CONFIG: join(dir, 'config', 'login.json'), PUNCH_NO_BROWSER: '1' };
      // A client, a project with two tasks, and the person on it, through Harvest's API.
      const harvest = async (path: string, body: object) => {
        const res = await fetch(`${base}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'harvest-account-id': String(accountId),
            'user-agent': 'punch tests (dev@example.com)',
            'content-type': 'application/json',
          },
          body: JSON.stringify(body),
        });
        expect(res.status, path).toBeLessThan(300);
        return (await res.json()) as { id: number };
      };
      const client = await harvest('/v2/clients', { name: 'Acme' });
      const website = await harvest('/v2/projects', {
        client_id: client.id,
        name: 'Website relaunch',
        code: 'WEB',
        is_billable: true,
        bill_by: 'none',
      });
      await harvest('/v2/projects', { client_id: client.id, name: 'Mobile app' });
      for (const name of ['Design', 'Development']) {
        const task = await harvest('/v2/tasks', { name });
        await harvest(`/v2/projects/${website.id}/task_assignments`, { task_id: task.id });
      }
    }, 60_000);

    afterAll(async () => {
      server.child.kill('SIGTERM');
      await server.exited;
      rmSync(dir, { recursive: true, force: true });
    });

    const punch = (args: string[], stdin?: string) => runPunch(args, env, stdin);

    it('logs in with a pasted token and keeps it readable by its owner only', async () => {
      const refused = await punch(['login', '--server', base, '--token-stdin'], 'not-a-token\n');
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^punch: the saved token was refused/);
      const done = await punch(
        ['login', '--server', base, '--token-stdin', '--json'],
        `${token}\n`,
      );
      expect(done.code, done.stderr).toBe(0);
      expect(JSON.parse(done.stdout)).toMatchObject({ server: base, account: 'Terminal Co' });
      expect(statSync(env.PUNCH_CONFIG!).mode & 0o777).toBe(0o600);
    });

    it('starts by a few letters, shows the status, stops, logs 1:30 and shows the week', async () => {
      const started = await punch(['start', 'web', 'des', 'fix', 'the', 'header']);
      expect(started.code, started.stderr).toBe(0);
      expect(started.stdout).toBe('Started Website relaunch · Design — fix the header.\n');
      const status = await punch(['status', '--json']);
      expect(JSON.parse(status.stdout)).toMatchObject({
        timeEntry: { isRunning: true, notes: 'fix the header', task: { name: 'Design' } },
      });
      const stopped = await punch(['stop']);
      expect(stopped.code, stopped.stderr).toBe(0);
      expect(stopped.stdout).toMatch(
        /^Stopped Website relaunch · Design — fix the header at 0:0\d/,
      );
      expect((await punch(['status'])).stdout).toBe('No timer is running.\n');

      const logged = await punch(['log', '1:30', 'WEB', 'development', 'review', '--date', today]);
      expect(logged.code, logged.stderr).toBe(0);
      expect(logged.stdout).toBe(
        `Logged 1:30 on Website relaunch · Development — review (${today}).\n`,
      );
      for (const duration of ['1.5', '90m', '1h30']) {
        const again = await punch(['log', duration, 'web', 'dev', '--date', today, '--json']);
        expect(JSON.parse(again.stdout)).toMatchObject({ timeEntry: { seconds: 5400 } });
      }

      const week = await punch(['week', '--date', today, '--json']);
      const sheet = JSON.parse(week.stdout) as {
        rows: { task: { name: string }; seconds: number }[];
        seconds: number;
      };
      const development = sheet.rows.find((r) => r.task.name === 'Development');
      expect(development?.seconds).toBe(4 * 5400);
      const table = await punch(['week', '--date', today]);
      expect(table.stdout).toContain('Website relaunch · Development');
      expect(table.stdout).toContain('6:00');
      expect(table.stdout).toMatch(/Total/);

      // The audit log tells the CLI's changes apart.
      const audit = await fetch(`${base}/punch/v1/audit-log?entityType=time_entry&action=created`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const entries = ((await audit.json()) as { data: { door: string }[] }).data;
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.every((e) => e.door === 'cli')).toBe(true);
    });

    it('says in one line what it cannot do', async () => {
      const cases: [string[], RegExp][] = [
        [['start', 'zzzzqqq'], /^punch: no project matches "zzzzqqq"/],
        [['start', 'web'], /^punch: name a task of Website relaunch: Design, Development/],
        [['log', 'soon', 'web', 'design'], /^punch: "soon" is not a duration/],
        [['log', '1:00', 'mobile'], /^punch: Mobile app has no tasks to track/],
        [['stop'], /^punch: .*(no timer|not running)/i],
      ];
      for (const [args, message] of cases) {
        const res = await punch(args);
        expect(res.code, args.join(' ')).toBe(1);
        expect(res.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
        expect(res.stderr, args.join(' ')).toMatch(message);
      }
      const elsewhere = await runPunch(['status'], { PUNCH_CONFIG: join(dir, 'nobody.json') });
      expect(elsewhere.stderr).toBe('punch: not logged in: run punch login first\n');
    });

    it('imports an export with a dry run first, once only, and exports the time again', async () => {
      const exportCsv = join(dir, 'toggl.csv');
      writeFileSync(
        exportCsv,
        [
          'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration',
          `Dev,dev@example.com,Acme,Website relaunch,Design,Imported one,Yes,${today},07:00:00,${today},08:00:00,01:00:00`,
          `Dev,dev@example.com,Acme,Website relaunch,Design,Imported two,Yes,${today},08:00:00,${today},08:30:00,00:30:00`,
          `Dev,dev@example.com,Acme,Website relaunch,Design,Backwards,Yes,${today},09:00:00,${today},08:00:00,-01:00:00`,
        ].join('\n'),
      );
      const dry = await punch(['import', exportCsv, '--dry-run']);
      expect(dry.code, dry.stderr).toBe(0);
      expect(dry.stdout).toContain('Would import 2 of 3 rows of a toggl export (1.50 hours)');
      expect(dry.stdout).toContain('Line 4 refused: negative duration');
      const done = JSON.parse((await punch(['import', exportCsv, '--json'])).stdout) as {
        created: { entries: number };
      };
      expect(done.created.entries).toBe(2);
      const again = JSON.parse((await punch(['import', exportCsv, '--json'])).stdout) as {
        alreadyImported: number;
        created: { entries: number };
      };
      expect(again).toMatchObject({ alreadyImported: 2, created: { entries: 0 } });

      const out = join(dir, 'out.csv');
      const exported = await punch(['export', out, '--from', today, '--to', today, '--json']);
      expect(exported.code, exported.stderr).toBe(0);
      expect(JSON.parse(exported.stdout)).toMatchObject({ file: out });
      const text = readFileSync(out, 'utf8');
      expect(text).toContain('Imported one');
      expect(text).toContain('Imported two');
      const missing = await punch(['import', join(dir, 'nowhere.csv')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/^punch: .*nowhere\.csv/);
    });

    it('imports any sheet through a column mapping, and a whole account from a Harvest-compatible API', async () => {
      const sheet = join(dir, 'sheet.csv');
      writeFileSync(
        sheet,
        [
          'Day;Who;Customer;Job;Activity;Time',
          `${today};dev@example.com;Acme;Website relaunch;Design;0:45`,
        ].join('\n'),
      );
      const mapping = join(dir, 'mapping.json');
      writeFileSync(
        mapping,
        JSON.stringify({
          date: 'Day',
          person: 'Who',
          client: 'Customer',
          project: 'Job',
          task: 'Activity',
          duration: 'Time',
        }),
      );
      const mapped = await punch(['import', sheet, '--columns', mapping, '--json']);
      expect(mapped.code, mapped.stderr).toBe(0);
      expect(JSON.parse(mapped.stdout)).toMatchObject({
        format: 'custom',
        created: { entries: 1, seconds: 2700 },
      });

      // A Harvest-compatible source with one client, project, task and entry of this person.
      const page = (key: string, records: unknown[]) => ({ [key]: records, next_page: null });
      const answers: Record<string, unknown> = {
        '/v2/company': { name: 'Elsewhere Inc' },
        '/v2/users': page('users', [
          { id: 1, first_name: 'Dev', last_name: 'Eloper', email: 'dev@example.com' },
        ]),
        '/v2/clients': page('clients', [{ id: 2, name: 'Initech' }]),
        '/v2/tasks': page('tasks', [{ id: 3, name: 'Support' }]),
        '/v2/projects': page('projects', [
          { id: 4, name: 'Helpdesk', client: { id: 2, name: 'Initech' } },
        ]),
        '/v2/user_assignments': page('user_assignments', [
          { id: 5, project: { id: 4 }, user: { id: 1 } },
        ]),
        '/v2/task_assignments': page('task_assignments', [
          { id: 6, project: { id: 4 }, task: { id: 3 } },
        ]),
        '/v2/time_entries': page('time_entries', [
          {
            id: 7,
            spent_date: today,
            user: { id: 1 },
            project: { id: 4 },
            task: { id: 3 },
            hours: 2.5,
            notes: 'Tickets',
            is_running: false,
          },
        ]),
      };
      let seenToken = '';
      const source = http.createServer((req, res) => {
        seenToken = req.headers.authorization ?? '';
        const body = answers[new URL(req.url ?? '/', 'http://x').pathname];
        res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body ?? {}));
      });
      await new Promise<void>((resolve) => source.listen(0, '127.0.0.1', resolve));
      const url = `http://127.0.0.1:${(source.address() as AddressInfo).port}`;
      try {
        const bare = await punch(['import-account', url, '--account-id', '9']);
        expect(bare.code).toBe(1);
        expect(bare.stderr).toMatch(/^punch: .*--token-stdin/);
        const args = ['import-account', url, '--account-id', '9', '--token-stdin', '--json'];
        const first = await punch(args, 'source-token\n');
        expect(first.code, first.stderr).toBe(0);
        expect(seenToken).toBe('Bearer source-token');
        expect(JSON.parse(first.stdout)).toMatchObject({
          source: { name: 'Elsewhere Inc' },
          created: {
            clients: ['Initech'],
            projects: ['Initech / Helpdesk'],
            tasks: ['Support'],
            entries: 1,
            seconds: 9000,
          },
          matched: { people: 1 },
        });
        const again = await punch(
          ['import-account', url, '--account-id', '9', '--token-stdin'],
          'source-token\n',
        );
        expect(again.code, again.stderr).toBe(0);
        expect(again.stdout).toContain('Imported from Elsewhere Inc: 0 entries (0.00 hours)');
        expect(again.stdout).toContain('1 entries were imported before');
      } finally {
        await new Promise<void>((resolve) => source.close(() => resolve()));
      }
    });

    it('opens the web app and documents every command', async () => {
      expect(JSON.parse((await punch(['open', '--json'])).stdout)).toEqual({
        url: `${base}/timesheet`,
      });
      for (const command of [
        'login',
        'start',
        'stop',
        'status',
        'log',
        'week',
        'open',
        'import',
        'import-account',
        'export',
      ]) {
        const help = await punch([command, '--help']);
        expect(help.code, command).toBe(0);
        expect(help.stdout, command).toContain(`Usage: punch ${command}`);
      }
    });
  },
);
