import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/server/db/database.ts';
import { scopedPostgres } from './postgres-schema.ts';
import { systemClock } from '../src/server/shared/clock.ts';
import { createOwnerWithLogin } from './factories.ts';

/**
 * Sessions live in the database, so signing out on one server process ends the session on
 * every other at once. Needs a real PostgreSQL shared by two `punch serve` processes.
 */
describe.runIf(process.env.TEST_DATABASE_URL)(
  'PostgreSQL: a session revoked on one process is refused by another',
  () => {
    let db: Awaited<ReturnType<typeof scopedPostgres>>;
    let handle: DatabaseHandle;

    beforeAll(async () => {
      db = await scopedPostgres('punch_sessions');
      ({ handle } = db);
    });

    afterAll(() => db.drop());

    it('signs in on A, works on B, signs out on B, is refused on A', async () => {
      const owner = await createOwnerWithLogin(handle.db, systemClock);
      const [a, b] = [await db.serve(), await db.serve()];
      const signIn = await fetch(`${a}/punch/v1/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: owner.email, password: owner.password }),
      });
      expect(signIn.status).toBe(201);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await signIn.json()) as { csrfToken: string };
      const me = (server: string) => fetch(`${server}/punch/v1/me`, { headers: { cookie } });
      expect((await me(a)).status).toBe(200);
      expect((await me(b)).status).toBe(200);
      const out = await fetch(`${b}/punch/v1/sessions/current`, {
        method: 'DELETE',
        headers: { cookie, 'x-csrf-token': csrfToken },
      });
      expect(out.status).toBe(204);
      expect((await me(a)).status).toBe(401);
      expect((await me(b)).status).toBe(401);
    });
  },
);
