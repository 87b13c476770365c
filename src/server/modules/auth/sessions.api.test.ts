import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import {
  createAccount,
  createIdentity,
  createOwnerWithLogin,
  createToken,
  createUser,
} from '../../../../test/factories.ts';

interface SignedIn {
  cookie: string;
  csrfToken: string;
  sessionId: number;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: browser sessions on the native API`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const signIn = (payload: object, address = '10.0.0.1') =>
      t.app.inject({
        method: 'POST',
        url: '/punch/v1/sessions',
        headers: { 'content-type': 'application/json', 'user-agent': 'Firefox' },
        remoteAddress: address,
        payload: JSON.stringify(payload),
      });

    async function signedIn(email: string, password: string): Promise<SignedIn> {
      const res = await signIn({ email, password });
      expect(res.statusCode, res.body).toBe(201);
      const setCookie = String(res.headers['set-cookie']);
      const body = res.json<{ csrfToken: string; sessionId: number }>();
      return { cookie: setCookie.split(';')[0] ?? '', ...body };
    }

    const me = (cookie: string) =>
      t.app.inject({ method: 'GET', url: '/punch/v1/me', headers: { cookie } });

    it('signs in to an HttpOnly, SameSite=Lax cookie that reaches the native API', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const res = await signIn({ email: owner.email.toUpperCase(), password: owner.password });
      expect(res.statusCode).toBe(201);
      const setCookie = String(res.headers['set-cookie']);
      expect(setCookie).toMatch(/^punch_session=pss_[\w-]+;/);
      expect(setCookie).toContain('HttpOnly');
      expect(setCookie).toContain('SameSite=Lax');
      expect(setCookie).toContain('Path=/');
      // The test server's public URL is http: no Secure flag, or the browser would drop it.
      expect(setCookie).not.toContain('Secure');
      expect(res.json()).toMatchObject({ userId: owner.userId, accountId: owner.accountId });
      // The cookie ends when the session does (two weeks unused), not later.
      expect(setCookie).toContain(`Expires=${new Date(res.json().expiresAt).toUTCString()}`);
      const cookie = setCookie.split(';')[0] ?? '';
      const mine = await me(cookie);
      expect(mine.statusCode).toBe(200);
      expect(mine.json()).toMatchObject({
        person: { id: owner.userId, email: owner.email, accessLevel: 'administrator' },
        account: { id: owner.accountId, name: 'Acme' },
        accounts: [{ id: owner.accountId, name: 'Acme', personId: owner.userId }],
      });
      // Personal access tokens keep working on the native API.
      const byToken = await t.app.inject({
        method: 'GET',
        url: '/punch/v1/me',
        headers: { authorization: `Bearer ${owner.token}` },
      });
      expect(byToken.json()).toMatchObject({ person: { id: owner.userId } });
    });

    it("lets a token name another account of its login with Punch-Account-Id, and no one else's", async () => {
      const login = await createIdentity(t.db, t.clock);
      const first = await createAccount(t.db, t.clock);
      const second = await createAccount(t.db, t.clock);
      const here = await createUser(t.db, t.clock, first.id, { identityId: login.id });
      const there = await createUser(t.db, t.clock, second.id, { identityId: login.id });
      const { token } = await createToken(t.db, t.clock, here.id);
      const meIn = (account?: number) =>
        t.app.inject({
          method: 'GET',
          url: '/punch/v1/me',
          headers: {
            authorization: `Bearer ${token}`,
            ...(account === undefined ? {} : { 'punch-account-id': String(account) }),
          },
        });
      expect((await meIn()).json().person.id).toBe(here.id);
      expect((await meIn(second.id)).json().person.id).toBe(there.id);
      const stranger = await createAccount(t.db, t.clock);
      expect((await meIn(stranger.id)).statusCode).toBe(401);
    });

    it('refuses a wrong password, an unknown login and no credential with stable codes', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const wrong = await signIn({ email: owner.email, password: 'not it' }, '10.0.1.1');
      expect(wrong.statusCode).toBe(401);
      expect(wrong.json()).toEqual({
        error: { code: 'bad_credentials', message: 'The e-mail or password is not right.' },
      });
      const unknown = await signIn({ email: 'nobody@example.com', password: 'x' }, '10.0.1.1');
      expect(unknown.json().error.code).toBe('bad_credentials');
      const anonymous = await t.app.inject({ method: 'GET', url: '/punch/v1/me' });
      expect(anonymous.statusCode).toBe(401);
      expect(anonymous.json().error.code).toBe('unauthenticated');
      const forged = await me('punch_session=pss_forged');
      expect(forged.statusCode).toBe(401);
    });

    it('takes sign-in as JSON only, so a cross-site form cannot post one', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const res = await t.app.inject({
        method: 'POST',
        url: '/punch/v1/sessions',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `email=${encodeURIComponent(owner.email)}&password=${encodeURIComponent(owner.password)}`,
      });
      expect(res.statusCode).toBe(415);
      expect(res.headers['set-cookie']).toBeUndefined();
    });

    it('refuses an unsafe cookie request without the CSRF token, and signs out with it', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const session = await signedIn(owner.email, owner.password);
      const bare = await t.app.inject({
        method: 'DELETE',
        url: '/punch/v1/sessions/current',
        headers: { cookie: session.cookie },
      });
      expect(bare.statusCode).toBe(403);
      expect(bare.json().error.code).toBe('csrf_failed');
      const forged = await t.app.inject({
        method: 'DELETE',
        url: '/punch/v1/sessions/current',
        headers: { cookie: session.cookie, 'x-csrf-token': 'abc-forged' },
      });
      expect(forged.statusCode).toBe(403);
      expect((await me(session.cookie)).statusCode).toBe(200);
      // A token for this session, fetched again after a reload, works as well as the first.
      const current = await t.app.inject({
        method: 'GET',
        url: '/punch/v1/sessions/current',
        headers: { cookie: session.cookie },
      });
      const out = await t.app.inject({
        method: 'DELETE',
        url: '/punch/v1/sessions/current',
        headers: { cookie: session.cookie, 'x-csrf-token': current.json().csrfToken },
      });
      expect(out.statusCode).toBe(204);
      expect(String(out.headers['set-cookie'])).toMatch(/^punch_session=;/);
      const after = await me(session.cookie);
      expect(after.statusCode).toBe(401);
      expect(after.json().error.code).toBe('unauthenticated');
    });

    it("does not accept another session's CSRF token", async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const one = await signedIn(owner.email, owner.password);
      const two = await signedIn(owner.email, owner.password);
      const res = await t.app.inject({
        method: 'DELETE',
        url: '/punch/v1/sessions/current',
        headers: { cookie: one.cookie, 'x-csrf-token': two.csrfToken },
      });
      expect(res.statusCode).toBe(403);
    });

    it('lists my sessions and revokes another one at once', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const laptop = await signedIn(owner.email, owner.password);
      const phone = await signedIn(owner.email, owner.password);
      const list = await t.app.inject({
        method: 'GET',
        url: '/punch/v1/sessions',
        headers: { cookie: laptop.cookie },
      });
      expect(list.json().data).toEqual([
        expect.objectContaining({ id: phone.sessionId, current: false, userAgent: 'Firefox' }),
        expect.objectContaining({ id: laptop.sessionId, current: true, address: '10.0.0.1' }),
      ]);
      const revoke = await t.app.inject({
        method: 'DELETE',
        url: `/punch/v1/sessions/${phone.sessionId}`,
        headers: { cookie: laptop.cookie, 'x-csrf-token': laptop.csrfToken },
      });
      expect(revoke.statusCode).toBe(204);
      expect((await me(phone.cookie)).statusCode).toBe(401);
      expect((await me(laptop.cookie)).statusCode).toBe(200);
      // Another login's session is not mine to revoke: the same 404 as a session that never was.
      const other = await createOwnerWithLogin(t.db, t.clock);
      const theirs = await signedIn(other.email, other.password);
      const foreign = await t.app.inject({
        method: 'DELETE',
        url: `/punch/v1/sessions/${theirs.sessionId}`,
        headers: { cookie: laptop.cookie, 'x-csrf-token': laptop.csrfToken },
      });
      expect(foreign.statusCode).toBe(404);
      expect((await me(theirs.cookie)).statusCode).toBe(200);
    });

    it('ends a session after two weeks unused', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const session = await signedIn(owner.email, owner.password);
      const start = t.clock.now().getTime();
      try {
        t.clock.set(new Date(start + 13 * 24 * 3600_000));
        const used = await me(session.cookie);
        expect(used.statusCode).toBe(200);
        // Each use extends the session, and the cookie with it.
        expect(String(used.headers['set-cookie'])).toContain(
          `Expires=${new Date(start + 27 * 24 * 3600_000).toUTCString()}`,
        );
        // Used on day 13: it now lasts until day 27.
        t.clock.set(new Date(start + 26 * 24 * 3600_000));
        expect((await me(session.cookie)).statusCode).toBe(200);
        t.clock.set(new Date(start + 41 * 24 * 3600_000));
        expect((await me(session.cookie)).statusCode).toBe(401);
      } finally {
        t.clock.set(new Date(start));
      }
    });

    it('throttles failed sign-ins per login and address, per address, with Retry-After', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const address = `10.1.${Math.floor(Math.random() * 250)}.1`;
      for (let i = 0; i < 5; i++) {
        expect(
          (await signIn({ email: owner.email, password: `guess ${i}` }, address)).statusCode,
        ).toBe(401);
      }
      // The guessing address rests, even with the right password.
      const blocked = await signIn({ email: owner.email, password: owner.password }, address);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('sign_in_throttled');
      expect(Number(blocked.headers['retry-after'])).toBe(900);
      // The owner, elsewhere, is not locked out by someone else's guesses.
      const owners = await signIn({ email: owner.email, password: owner.password }, '10.9.9.9');
      expect(owners.statusCode).toBe(201);
      const start = t.clock.now().getTime();
      try {
        t.clock.set(new Date(start + 15 * 60_000 + 1000));
        expect(
          (await signIn({ email: owner.email, password: owner.password }, address)).statusCode,
        ).toBe(201);
      } finally {
        t.clock.set(new Date(start));
      }

      // One address guessing across many logins runs out of its wider budget.
      const sprayer = `10.2.${Math.floor(Math.random() * 250)}.2`;
      for (let i = 0; i < 20; i++) {
        await signIn({ email: `someone-${i}@example.com`, password: 'password1' }, sprayer);
      }
      const other = await createOwnerWithLogin(t.db, t.clock);
      const fromSprayer = await signIn({ email: other.email, password: other.password }, sprayer);
      expect(fromSprayer.statusCode).toBe(429);
      const fromElsewhere = await signIn(
        { email: other.email, password: other.password },
        '10.3.0.3',
      );
      expect(fromElsewhere.statusCode).toBe(201);
    });

    it("counts Flowtly's login against the same budget: neither door bypasses the other", async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const address = `10.4.${Math.floor(Math.random() * 250)}.4`;
      const flowtlyLogin = (password: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/login',
          headers: { 'content-type': 'application/json' },
          remoteAddress: address,
          payload: JSON.stringify({ username: owner.email, password }),
        });
      for (let i = 0; i < 5; i++) expect((await flowtlyLogin(`guess ${i}`)).statusCode).toBe(401);
      expect((await flowtlyLogin(owner.password)).statusCode).toBe(429);
      const web = await signIn({ email: owner.email, password: owner.password }, address);
      expect(web.statusCode).toBe(429);
    });
  });
}
