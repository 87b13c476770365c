import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPunch, startPunch } from '../../test/run-punch.ts';

// The first-run interface is fixed by the product spec; these tests hold it to the letter.
describe('punch CLI on SQLite', () => {
  let dir: string;
  let env: Record<string, string>;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'punch-cli-'));
    env = { DATABASE_URL: `sqlite:${join(dir, 'punch.sqlite')}` };
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('setup --json prints exactly {"account_id","user_id","token"} and nothing else', async () => {
    const result = await runPunch(
      [
        'setup',
        '--account',
        'Acme',
        '--email',
        'a@example.com',
        '--password',
        'correct horse',
        '--json',
      ],
      env,
    );
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout.endsWith('\n')).toBe(true);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body)).toEqual(['account_id', 'user_id', 'token']);
    expect(body).toMatchObject({ account_id: expect.any(Number), user_id: expect.any(Number) });
    expect(body.token).toMatch(/^punch_pat_/);
  });

  it('setup --password-stdin takes the first line of standard input as the password, line ending and all stripped', async () => {
    const setup = await runPunch(
      ['setup', '--account', 'Stdin', '--email', 'stdin@example.com', '--password-stdin', '--json'],
      env,
      'correct horse\r\nnot the password\n',
    );
    expect(setup.stderr).toBe('');
    expect(setup.code).toBe(0);
    expect(JSON.parse(setup.stdout)).toMatchObject({
      account_id: expect.any(Number),
      user_id: expect.any(Number),
      token: expect.stringMatching(/^punch_pat_/),
    });
    // An existing login joins a second account only with its exact password: this proves the
    // stored one is "correct horse", without "\r", "\n" or the second line.
    const again = await runPunch(
      [
        'setup',
        '--account',
        'Stdin 2',
        '--email',
        'stdin@example.com',
        '--password',
        'correct horse',
        '--json',
      ],
      env,
    );
    expect(again.stderr).toBe('');
    expect(JSON.parse(again.stdout)).toMatchObject({ token: expect.stringMatching(/^punch_pat_/) });
  });

  it('token create --json prints {"token","user_id","account_id"}; list and revoke manage it', async () => {
    const created = await runPunch(
      ['token', 'create', '--email', 'a@example.com', '--name', 'ci', '--json'],
      env,
    );
    expect(created.code).toBe(0);
    const body = JSON.parse(created.stdout);
    expect(Object.keys(body)).toEqual(['token', 'user_id', 'account_id']);

    const listed = JSON.parse(
      (await runPunch(['token', 'list', '--email', 'a@example.com', '--json'], env)).stdout,
    );
    const ci = listed.tokens.find((t: { name: string }) => t.name === 'ci');
    expect(ci).toMatchObject({ hint: body.token.slice(-4), revoked_at: null });

    const revoked = await runPunch(
      ['token', 'revoke', '--email', 'a@example.com', '--id', String(ci.id)],
      env,
    );
    expect(revoked).toMatchObject({ code: 0, stdout: `Token ${ci.id} revoked.\n` });
  });

  it('prints help with exit code 0', async () => {
    const result = await runPunch(['--help'], env);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('token');
  });

  it('migrate reports an up-to-date database', async () => {
    const result = await runPunch(['migrate', '--json'], env);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ applied: [] });
  });

  it.each([
    [['setup', '--account', 'A', '--email', 'b@example.com'], /--password/],
    [
      ['setup', '--account', 'A', '--email', 'b@example.com', '--password', 'short', '--json'],
      /Password is too short/,
    ],
    [['token', 'create', '--email', 'nobody@example.com', '--json'], /no active person/],
    [['token', 'create', '--email', 'a@example.com', '--account', 'x'], /positive integer/],
    [['no-such-command'], /unknown command/],
  ])('fails %j with a non-zero exit and one line on stderr', async (args, message) => {
    const result = await runPunch(args, env);
    expect(result.code).not.toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr.endsWith('\n')).toBe(true);
    const lines = result.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^punch: /);
    expect(lines[0]).toMatch(message);
  });

  it.each([
    ['empty standard input', ['--password-stdin'], '', /--password-stdin: no password/],
    ['an empty first line', ['--password-stdin'], '\nlong enough\n', /no password/],
    [
      'both --password and --password-stdin',
      ['--password', 'correct horse', '--password-stdin'],
      'correct horse\n',
      /'--password-stdin' cannot be used with option '--password/,
    ],
  ])('setup fails on %s with exit 1 and one line on stderr', async (_, flags, stdin, message) => {
    const result = await runPunch(
      ['setup', '--account', 'A', '--email', 'c@example.com', ...flags, '--json'],
      env,
      stdin,
    );
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^punch: /)]);
    expect(result.stderr).toMatch(message);
    expect(result.stderr.endsWith('\n')).toBe(true);
  });

  it('fails on a DATABASE_URL it cannot use, naming the variable', async () => {
    const result = await runPunch(['migrate'], { DATABASE_URL: 'mysql://x@y/z' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^punch: DATABASE_URL/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

describe('punch serve', () => {
  it('starts on an empty database, says how to create the first account, serves and stops on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'punch-serve-'));
    try {
      const port = await freePort();
      const env = {
        DATABASE_URL: `sqlite:${join(dir, 'data', 'punch.sqlite')}`,
        PORT: String(port),
      };
      const server = await startPunch(env);
      const base = `http://127.0.0.1:${port}`;
      expect(server.banner()).toContain(`Punch is running at ${base}`);
      expect(server.banner()).toContain('npx punch setup --account');
      expect(server.banner()).toContain('--password-stdin');

      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: 'ok' });
      const openapi = (await (await fetch(`${base}/openapi.json`)).json()) as {
        paths: Record<string, unknown>;
      };
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(['/v2/users/me', '/v2/company', '/health']),
      );
      expect((await fetch(`${base}/docs`)).status).toBe(200);

      // As the banner says: the password on standard input.
      const setup = await runPunch(
        ['setup', '--account', 'Acme', '--email', 'a@example.com', '--password-stdin', '--json'],
        env,
        'correct horse\n',
      );
      const { token, account_id, user_id } = JSON.parse(setup.stdout);
      const me = await fetch(`${base}/v2/users/me`, {
        headers: {
          Authorization: `Bearer ${token}`,
          'Harvest-Account-Id': String(account_id),
          'User-Agent': 'me (me@example.com)',
        },
      });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({
        id: user_id,
        email: 'a@example.com',
        access_roles: ['administrator'],
      });

      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  /** Serves one request with a credential in its query string; returns stdout's log lines. */
  async function logLinesOfOneRequest(logFormat?: 'pretty' | 'json'): Promise<string[]> {
    const dir = mkdtempSync(join(tmpdir(), 'punch-log-'));
    try {
      const port = await freePort();
      const server = await startPunch({
        DATABASE_URL: `sqlite:${join(dir, 'punch.sqlite')}`,
        PORT: String(port),
        LOG_LEVEL: 'info',
        ...(logFormat ? { LOG_FORMAT: logFormat } : {}),
      });
      expect((await fetch(`http://127.0.0.1:${port}/health?access_token=s3cret`)).status).toBe(200);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      const output = server.banner();
      expect(output).not.toContain('s3cret');
      // The banner (one write, from "Punch is running" to the setup command) is for people;
      // every other line on stdout is the log.
      const lines = output.split('\n');
      const first = lines.findIndex((line) => line.startsWith('Punch is running at'));
      const last = lines.findIndex((line) => line.includes('npx punch setup'));
      expect(first).toBeGreaterThanOrEqual(0);
      expect(last).toBeGreaterThan(first);
      lines.splice(first, last - first + 1);
      return lines.filter((line) => line !== '');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  it('logs JSON lines when stdout is not a terminal, with credentials in URLs redacted', async () => {
    const lines = await logLinesOfOneRequest();
    const records = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          msg: 'incoming request',
          req: expect.objectContaining({ url: '/health?access_token=[redacted]' }),
        }),
        expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }),
      ]),
    );
  });

  it('logs readable lines with LOG_FORMAT=pretty, with credentials in URLs still redacted', async () => {
    const lines = await logLinesOfOneRequest('pretty');
    expect(lines.some((line) => line.startsWith('{'))).toBe(false);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/INFO.*incoming request.*\/health\?access_token=\[redacted\]/),
        expect.stringMatching(/INFO.*shutting down/),
      ]),
    );
  });
});

// PGlite lives inside the test process, so the CLI (another process) needs a real server.
describe.runIf(process.env.TEST_DATABASE_URL)('punch CLI on PostgreSQL', () => {
  const schema = `punch_cli_${Date.now().toString(36)}`;
  let env: Record<string, string>;
  let admin: Client;

  beforeAll(async () => {
    const { default: pg } = await import('pg');
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    const url = new URL(process.env.TEST_DATABASE_URL!);
    url.searchParams.set('options', `-c search_path=${schema}`);
    env = { DATABASE_URL: url.toString() };
  });
  afterAll(async () => {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  });

  it('migrates, sets up an account and issues tokens', async () => {
    const setup = await runPunch(
      [
        'setup',
        '--account',
        'Acme',
        '--email',
        'pg@example.com',
        '--password',
        'correct horse',
        '--json',
      ],
      env,
    );
    expect(setup.stderr).toBe('');
    const first = JSON.parse(setup.stdout);
    const token = JSON.parse(
      (await runPunch(['token', 'create', '--email', 'pg@example.com', '--json'], env)).stdout,
    );
    expect(token).toMatchObject({ user_id: first.user_id, account_id: first.account_id });
    const tables = await admin.query(
      `select count(*)::int as n from information_schema.tables where table_schema = $1`,
      [schema],
    );
    expect(tables.rows[0].n).toBeGreaterThanOrEqual(7);
  });
});
