import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/server/db/database.ts';
import { scopedPostgres } from './postgres-schema.ts';
import { systemClock } from '../src/server/shared/clock.ts';
import { createOwnerWithLogin } from './factories.ts';
import { freePort, startPunch } from './run-punch.ts';

/**
 * Sessions live in the database, so signing out on one server process ends the session on
 * every other at once. Needs a real PostgreSQL shared by two `punch serve` processes.
 */
describe.runIf(process.env.TEST_DATABASE_URL)(
  'PostgreSQL: a session revoked on one process is refused by another',
  () => {
    let db: Awaited<ReturnType<typeof scopedPostgres>>;
    let handle: DatabaseHandle;
    let url: string;
    const servers: Awaited<ReturnType<typeof startPunch>>[] = [];

    beforeAll(async () => {
      db = await scopedPostgres('punch_sessions');
      ({ handle, url } = db);
    });

    afterAll(async () => {
      for (const server of servers) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
      await db.drop();
    });

    it('signs in on A, works on B, signs out on B, is refused on A', async () => {
      const owner = await createOwnerWithLogin(handle.db, systemClock);
      const [a, b] = [await freePort(), await freePort()];
      for (const port of [a, b]) {
        servers.push(await startPunch({ DATABASE_URL: url, PORT: String(port) }));
      }
      const signIn = await fetch(`http://127.0.0.1:${a}/punch/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: owner.email, password: owner.password }),
      });
      expect(signIn.status).toBe(201);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const me = (port: number) =>
        fetch(`http://127.0.0.1:${port}/punch/v1/me`, { headers: { cookie } });
      expect((await me(a)).status).toBe(200);
      expect((await me(b)).status).toBe(200);
      const out = await fetch(`http://127.0.0.1:${b}/punch/v1/sessions/current`, {
        method: 'DELETE',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      expect(out.status).toBe(204);
      expect((await me(a)).status).toBe(401);
      expect((await me(b)).status).toBe(401);
    });
  },
);
