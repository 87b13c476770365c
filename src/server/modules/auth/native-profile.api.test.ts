import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createOwnerWithLogin } from '../../../../test/factories.ts';
import { createSetupService } from '../setup/setup.service.ts';
import { createAuthService } from './auth.service.ts';

interface Session {
  cookie: string;
  csrfToken: string;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: my profile, password, tokens and accounts (/punch/v1/me…)`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const json = { 'content-type': 'application/json' };
    async function signIn(email: string, password: string, accountId?: number): Promise<Session> {
      const res = await t.app.inject({
        method: 'POST',
        url: '/punch/v1/sessions',
        headers: json,
        payload: JSON.stringify({ email, password, accountId }),
      });
      expect(res.statusCode, res.body).toBe(201);
      return {
        cookie: String(res.headers['set-cookie']).split(';')[0] ?? '',
        csrfToken: res.json<{ csrfToken: string }>().csrfToken,
      };
    }
    const as =
      (session: Session) =>
      (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: object) =>
        t.app.inject({
          method,
          url: `/punch/v1${url}`,
          headers: {
            cookie: session.cookie,
            'x-csrf-token': session.csrfToken,
            ...(body ? json : {}),
          },
          ...(body ? { payload: JSON.stringify(body) } : {}),
        });

    it('changes my own name, time zone and language, and nothing else', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const send = as(await signIn(owner.email, owner.password));
      const changed = await send('PATCH', '/me', {
        firstName: 'Olena',
        timezone: 'Europe/Berlin',
        locale: 'uk',
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({
        firstName: 'Olena',
        timezone: 'Europe/Berlin',
        locale: 'uk',
      });
      expect((await send('GET', '/me')).json().person.locale).toBe('uk');
      expect((await send('PATCH', '/me', { locale: null })).json().locale).toBeNull();
      const bad = await send('PATCH', '/me', { locale: 'fr' });
      expect(bad.statusCode).toBe(422);
      const zone = await send('PATCH', '/me', { timezone: 'Mars/Olympus' });
      expect(zone.statusCode).toBe(422);
      const level = await send('PATCH', '/me', { accessLevel: 'member' });
      expect(level.statusCode).toBe(422);
    });

    it('changes the password with the current one and ends the other sessions', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const here = await signIn(owner.email, owner.password);
      const elsewhere = await signIn(owner.email, owner.password);
      const jwt = (
        await t.app.inject({
          method: 'POST',
          url: '/api/login',
          headers: json,
          payload: JSON.stringify({ username: owner.email, password: owner.password }),
        })
      ).json<{ token: string }>().token;
      const withJwt = () =>
        t.app.inject({ url: '/punch/v1/me', headers: { authorization: `Bearer ${jwt}` } });
      expect((await withJwt()).statusCode).toBe(200);
      t.clock.advance(5);
      const send = as(here);
      const wrong = await send('POST', '/me/password', {
        currentPassword: 'not it',
        newPassword: 'a new long password',
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().error.code).toBe('wrong_password');
      const short = await send('POST', '/me/password', {
        currentPassword: owner.password,
        newPassword: 'short',
      });
      expect(short.json().error.code).toBe('password_too_short');

      const done = await send('POST', '/me/password', {
        currentPassword: owner.password,
        newPassword: 'a new long password',
      });
      expect(done.statusCode).toBe(204);
      expect((await send('GET', '/me')).statusCode).toBe(200);
      expect((await as(elsewhere)('GET', '/me')).statusCode).toBe(401);
      // A JWT signed before the change ends with it too (Flowtly's login, an hour's token).
      expect((await withJwt()).statusCode).toBe(401);
      // Personal access tokens are not sessions: they stay until revoked.
      expect(
        (
          await t.app.inject({
            url: '/punch/v1/me',
            headers: { authorization: `Bearer ${owner.token}` },
          })
        ).statusCode,
      ).toBe(200);
      await signIn(owner.email, 'a new long password');
      const old = await t.app.inject({
        method: 'POST',
        url: '/punch/v1/sessions',
        headers: json,
        payload: JSON.stringify({ email: owner.email, password: owner.password }),
      });
      expect(old.statusCode).toBe(401);
      t.clock.advance(-5);
    });

    it('issues a token shown once, lists it by hint, and revokes it', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const send = as(await signIn(owner.email, owner.password));
      const issued = await send('POST', '/me/tokens', { name: 'laptop CLI', expiresInDays: 30 });
      expect(issued.statusCode, issued.body).toBe(201);
      const { token, id, hint, expiresAt } = issued.json();
      expect(token).toMatch(/^punch_pat_/);
      expect(token.endsWith(hint)).toBe(true);
      expect(expiresAt).toBe('2026-04-03T09:30:00Z');
      const listed = (await send('GET', '/me/tokens')).json().data;
      expect(listed.find((row: { id: number }) => row.id === id)).toEqual({
        id,
        name: 'laptop CLI',
        hint,
        createdAt: '2026-03-04T09:30:00Z',
        lastUsedAt: null,
        expiresAt: '2026-04-03T09:30:00Z',
      });
      expect(JSON.stringify(listed)).not.toContain(token);

      const bearer = { authorization: `Bearer ${token}` };
      expect((await t.app.inject({ url: '/punch/v1/me', headers: bearer })).statusCode).toBe(200);
      expect((await send('DELETE', `/me/tokens/${id}`)).statusCode).toBe(204);
      expect((await t.app.inject({ url: '/punch/v1/me', headers: bearer })).statusCode).toBe(401);
      expect((await send('DELETE', `/me/tokens/${id}`)).statusCode).toBe(404);
      // Someone else's token is not mine to revoke.
      const other = await createOwnerWithLogin(t.db, t.clock);
      const theirs = (
        await as(await signIn(other.email, other.password))('POST', '/me/tokens', {
          name: 'theirs',
        })
      ).json();
      expect((await send('DELETE', `/me/tokens/${theirs.id}`)).statusCode).toBe(404);
    });

    it('switches the session between the accounts of one login, and no other', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const setup = createSetupService({
        db: t.db,
        clock: t.clock,
        auth: createAuthService({ db: t.db, clock: t.clock }),
      });
      const second = await setup.setupAccount({
        account: 'Second',
        email: owner.email,
        password: owner.password,
      });
      const choose = await t.app.inject({
        method: 'POST',
        url: '/punch/v1/sessions',
        headers: json,
        payload: JSON.stringify({ email: owner.email, password: owner.password }),
      });
      expect(choose.statusCode).toBe(400);
      expect(choose.json().error.code).toBe('account_required');
      expect(choose.json().error.details).toEqual([
        `${owner.accountId} (Acme)`,
        `${second.account_id} (Second)`,
      ]);

      const session = await signIn(owner.email, owner.password, owner.accountId);
      const send = as(session);
      const switched = await send('POST', '/sessions/current/account', {
        accountId: second.account_id,
      });
      expect(switched.statusCode, switched.body).toBe(200);
      expect(switched.json()).toMatchObject({
        accountId: second.account_id,
        userId: second.user_id,
      });
      const me = (await send('GET', '/me')).json();
      expect(me.account.name).toBe('Second');
      expect(me.accounts.map((a: { name: string }) => a.name).sort()).toEqual(['Acme', 'Second']);

      const stranger = await createOwnerWithLogin(t.db, t.clock);
      const refused = await send('POST', '/sessions/current/account', {
        accountId: stranger.accountId,
      });
      expect(refused.statusCode).toBe(404);
      expect((await send('GET', '/me')).json().account.name).toBe('Second');
    });
  });
}
