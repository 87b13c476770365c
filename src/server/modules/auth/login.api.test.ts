import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createAuthService } from './auth.service.ts';
import { createSetupService } from '../setup/setup.service.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: POST /api/login`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const login = (payload: object, url = '/api/login') =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });

    async function owner() {
      const email = `owner-${Math.random().toString(36).slice(2)}@example.com`;
      const setup = createSetupService({
        db: t.db,
        clock: t.clock,
        auth: createAuthService({ db: t.db, clock: t.clock }),
      });
      const made = await setup.setupAccount({ account: 'Acme', email, password: 'correct horse' });
      return { email, ...made };
    }

    it('exchanges a login and password for a JWT that works as a bearer token', async () => {
      const o = await owner();
      const res = await login({ username: o.email.toUpperCase(), password: 'correct horse' });
      expect(res.statusCode).toBe(200);
      const { token } = res.json<{ token: string }>();
      expect(token.split('.')).toHaveLength(3);
      const me = await t.app.inject({
        method: 'GET',
        url: '/api/employees/me',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(me.statusCode).toBe(200);
      expect(me.json()['hydra:member'][0]).toMatchObject({ id: o.user_id });
      expect(
        (await login({ username: o.email, password: 'correct horse' }, '/login')).statusCode,
      ).toBe(200);
    });

    it('tells which credential the caller used: a token or a JWT', async () => {
      const o = await owner();
      const auth = createAuthService({ db: t.db, clock: t.clock });
      const jwt = await auth.login(o.email, 'correct horse');
      expect((await auth.authenticateBearer(jwt)).credential).toEqual({ kind: 'jwt' });
      const byToken = await auth.authenticateBearer(o.token);
      expect(byToken.credential.kind).toBe('token');
      expect(byToken).toMatchObject({ userId: o.user_id, accountId: o.account_id });
    });

    it('refuses wrong credentials as LexikJWT does', async () => {
      const o = await owner();
      const res = await login({ username: o.email, password: 'wrong password' });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 401, message: 'Invalid credentials.' });
      expect(res.headers['www-authenticate']).toBe('Bearer');
      expect((await login({ username: 'nobody@example.com', password: 'x' })).json()).toEqual({
        code: 401,
        message: 'Invalid credentials.',
      });
    });

    it('rejects an expired token and a tampered one', async () => {
      const o = await owner();
      const { token } = (await login({ username: o.email, password: 'correct horse' })).json<{
        token: string;
      }>();
      const tampered = `${token.slice(0, -2)}xx`;
      const bad = await t.app.inject({
        method: 'GET',
        url: '/api/work-times',
        headers: { authorization: `Bearer ${tampered}` },
      });
      expect(bad.json()).toEqual({ code: 401, message: 'Invalid JWT Token' });
      t.clock.advance(3601);
      const expired = await t.app.inject({
        method: 'GET',
        url: '/api/work-times',
        headers: { authorization: `Bearer ${token}` },
      });
      expect(expired.statusCode).toBe(401);
      expect(expired.json()).toEqual({ code: 401, message: 'Expired JWT Token' });
      t.clock.set('2026-03-04T09:30:00Z');
    });
  });
}
