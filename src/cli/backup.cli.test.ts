import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, runPunch, startPunch } from '../../test/run-punch.ts';

const clients = (file: string) => {
  const db = new SQLite(file, { readonly: true });
  try {
    return (db.prepare('SELECT name FROM clients ORDER BY id').all() as { name: string }[]).map(
      (c) => c.name,
    );
  } finally {
    db.close();
  }
};

describe(
  'punch backup and restore (real processes)',
  {
    // Each command is a process of its own (about a second to start on 2 cores).
    timeout: 120_000,
  },
  () => {
    let dir: string;
    const file = (name: string) => join(dir, name);
    const on = (name: string) => ({ DATABASE_URL: `sqlite:${file(name)}` });

    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'punch-backup-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('backs up a running server online and restores the copy into another database', async () => {
      const setup = await runPunch(
        [
          'setup',
          '--account',
          'Backed Up',
          '--email',
          'ops@example.com',
          '--password-stdin',
          '--json',
        ],
        on('live.sqlite'),
        'a long enough password\n',
      );
      expect(setup.code, setup.stderr).toBe(0);
      const { token } = JSON.parse(setup.stdout) as { token: string };
      const port = await freePort();
      const server = await startPunch({ ...on('live.sqlite'), PORT: String(port) });
      try {
        const res = await fetch(`http://127.0.0.1:${port}/punch/v1/clients`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Written while running' }),
        });
        expect(res.status).toBe(201);
        const backup = await runPunch(['backup', file('copy.sqlite'), '--json'], on('live.sqlite'));
        expect(backup.code, backup.stderr).toBe(0);
        expect(JSON.parse(backup.stdout)).toMatchObject({ file: file('copy.sqlite') });
      } finally {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      expect(clients(file('copy.sqlite'))).toEqual(['Written while running']);

      const restored = await runPunch(['restore', file('copy.sqlite')], on('fresh.sqlite'));
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/^Restored .*fresh\.sqlite/);
      expect(clients(file('fresh.sqlite'))).toEqual(['Written while running']);
      // The restored database serves: its people and tokens came with it.
      const issued = await runPunch(
        ['token', 'create', '--email', 'ops@example.com', '--json'],
        on('fresh.sqlite'),
      );
      expect(issued.code, issued.stderr).toBe(0);
    });

    it('refuses to overwrite data without --force, and anything that is not a Punch backup', async () => {
      const over = await runPunch(['restore', file('copy.sqlite')], on('live.sqlite'));
      expect(over.code).toBe(1);
      expect(over.stderr).toMatch(/holds 1 account\(s\): add --force/);
      const forced = await runPunch(['restore', file('copy.sqlite'), '--force'], on('live.sqlite'));
      expect(forced.code, forced.stderr).toBe(0);

      writeFileSync(file('notes.txt'), 'not a database at all');
      const junk = await runPunch(['restore', file('notes.txt')], on('other.sqlite'));
      expect(junk.code).toBe(1);
      expect(junk.stderr).toMatch(/^punch: .*notes\.txt is not a SQLite database/);
      const empty = new SQLite(file('empty.sqlite'));
      empty.exec('CREATE TABLE t (x)');
      empty.close();
      const foreign = await runPunch(['restore', file('empty.sqlite')], on('other.sqlite'));
      expect(foreign.stderr).toMatch(/is not a Punch database/);
      const missing = await runPunch(['backup', file('out.sqlite')], on('nothing-here.sqlite'));
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/does not exist/);
    });

    it('points PostgreSQL operators at pg_dump', async () => {
      const res = await runPunch(['backup', file('pg.dump')], {
        DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      });
      expect(res.code).toBe(1);
      expect(res.stderr).toMatch(/pg_dump/);
      for (const command of ['backup', 'restore']) {
        const help = await runPunch([command, '--help'], {});
        expect(help.stdout).toContain(`Usage: punch ${command}`);
      }
    });
  },
);
