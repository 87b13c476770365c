import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { rawRequest } from '../../../../test/raw-request.ts';
import {
  createAccount,
  createHarvestCaller,
  createIdentity,
  createToken,
  createUser,
} from '../../../../test/factories.ts';

const INVALID_TOKEN = {
  error: 'invalid_token',
  error_description:
    'The access token provided is expired, revoked, malformed or invalid for other reasons.',
};

for (const dialect of DIALECTS) {
  describe(`${dialect}: Harvest authentication`, () => {
    let t: TestApp;
    let base: string;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
      base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    });
    afterAll(() => t.close());

    const me = (headers: Record<string, string>, url = '/v2/users/me') =>
      t.app.inject({ method: 'GET', url, headers });

    function expectInvalidToken(res: Awaited<ReturnType<typeof me>>) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual(INVALID_TOKEN);
      expect(res.headers['www-authenticate']).toMatch(/^Bearer realm=".*", error="invalid_token"/);
    }

    it('answers 400 with a message when User-Agent is blank', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await me({ ...caller.headers, 'user-agent': ' ' });
      expect(res.statusCode).toBe(400);
      expect(res.json().message).toMatch(/User-Agent/);
    });

    it('answers 400 when User-Agent is absent', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const { 'user-agent': _ua, ...headers } = caller.headers;
      const res = await rawRequest(base, '/v2/users/me', headers);
      expect(res.status).toBe(400);
      expect(JSON.parse(res.body).message).toMatch(/User-Agent/);
    });

    it('rejects a request without any token with 401 invalid_token', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const { authorization: _a, ...headers } = caller.headers;
      expectInvalidToken(await me(headers));
    });

    it('rejects an Authorization header that is not a Bearer token', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      expectInvalidToken(await me({ ...caller.headers, authorization: `Basic ${caller.token}` }));
    });

    it('rejects an unknown token', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      expectInvalidToken(await me({ ...caller.headers, authorization: 'Bearer punch_pat_nope' }));
    });

    it('rejects a request without an account id', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const { 'harvest-account-id': _acc, ...headers } = caller.headers;
      expectInvalidToken(await me(headers));
    });

    it('rejects an account id the token does not belong to', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const other = await createAccount(t.db, t.clock);
      expectInvalidToken(await me({ ...caller.headers, 'harvest-account-id': String(other.id) }));
    });

    it('rejects a non-numeric account id', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      expectInvalidToken(
        await me({ ...caller.headers, 'harvest-account-id': `${caller.accountId}x` }),
      );
    });

    it('rejects a revoked token', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      await t.db
        .updateTable('personal_access_tokens')
        .set({ revoked_at: t.clock.now().getTime() })
        .where('id', '=', caller.tokenId)
        .execute();
      expectInvalidToken(await me(caller.headers));
    });

    it('rejects an expired token and accepts one that expires later', async () => {
      const account = await createAccount(t.db, t.clock);
      const user = await createUser(t.db, t.clock, account.id, { accessLevel: 'administrator' });
      const now = t.clock.now().getTime();
      const expired = await createToken(t.db, t.clock, user.id, { expiresAt: now });
      const valid = await createToken(t.db, t.clock, user.id, { expiresAt: now + 1000 });
      const base = { 'harvest-account-id': String(account.id), 'user-agent': 'tests' };
      expectInvalidToken(await me({ ...base, authorization: `Bearer ${expired.token}` }));
      expect((await me({ ...base, authorization: `Bearer ${valid.token}` })).statusCode).toBe(200);
    });

    it('rejects the token of an archived person', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      await t.db
        .updateTable('users')
        .set({ is_active: 0 })
        .where('id', '=', caller.user.id)
        .execute();
      expectInvalidToken(await me(caller.headers));
    });

    it('rejects tokens of an archived account', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      await t.db
        .updateTable('accounts')
        .set({ is_active: 0 })
        .where('id', '=', caller.accountId)
        .execute();
      expectInvalidToken(await me(caller.headers));
    });

    it('accepts access_token and account_id in the query string', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await me(
        { 'user-agent': 'tests' },
        `/v2/users/me?access_token=${caller.token}&account_id=${caller.accountId}`,
      );
      expect(res.statusCode).toBe(200);
      expect(res.json().id).toBe(caller.user.id);
    });

    it('reads the account header in any letter case', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      for (const name of ['Harvest-Account-ID', 'HARVEST-ACCOUNT-ID', 'harvest-account-id']) {
        const res = await rawRequest(base, '/v2/users/me', {
          Authorization: caller.headers.authorization,
          [name]: String(caller.accountId),
          'User-Agent': 'tests',
        });
        expect(res.status).toBe(200);
        expect(JSON.parse(res.body).id).toBe(caller.user.id);
      }
    });

    it('records when a token was last used, at most once a minute', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const lastUsed = async () =>
        (
          await t.db
            .selectFrom('personal_access_tokens')
            .select('last_used_at')
            .where('id', '=', caller.tokenId)
            .executeTakeFirstOrThrow()
        ).last_used_at;
      expect(await lastUsed()).toBeNull();
      await me(caller.headers);
      const first = t.clock.now().getTime();
      expect(await lastUsed()).toBe(first);
      t.clock.advance(30);
      await me(caller.headers);
      expect(await lastUsed()).toBe(first);
      t.clock.advance(31);
      await me(caller.headers);
      expect(await lastUsed()).toBe(t.clock.now().getTime());
      t.clock.advance(-61);
    });

    it.each([
      '/api/v2/users/me',
      '/v2/users/me/',
      '/v2/users/me.json',
      '/api/v2/users/me.json?x=1',
    ])('serves %s like /v2/users/me', async (url) => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await me(caller.headers, url);
      expect(res.statusCode).toBe(200);
      expect(res.json().id).toBe(caller.user.id);
    });

    it('answers unknown Harvest routes with 404 {"status":404,"error":"Not Found"}', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await me(caller.headers, '/v2/no_such_thing');
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ status: 404, error: 'Not Found' });
    });

    it('echoes a caller-supplied X-Request-Id and makes one otherwise', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const given = await me({ ...caller.headers, 'x-request-id': 'abc-123' });
      expect(given.headers['x-request-id']).toBe('abc-123');
      const made = await me(caller.headers);
      expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('lets a token reach every account its login belongs to, as the person there', async () => {
      const identity = await createIdentity(t.db, t.clock);
      const a = await createAccount(t.db, t.clock);
      const b = await createAccount(t.db, t.clock);
      const inA = await createUser(t.db, t.clock, a.id, {
        identityId: identity.id,
        accessLevel: 'administrator',
      });
      const inB = await createUser(t.db, t.clock, b.id, {
        identityId: identity.id,
        accessLevel: 'member',
      });
      const { token } = await createToken(t.db, t.clock, inA.id);
      const headers = { authorization: `Bearer ${token}`, 'user-agent': 'tests' };
      const meInB = await me({ ...headers, 'harvest-account-id': String(b.id) });
      expect(meInB.statusCode).toBe(200);
      expect(meInB.json()).toMatchObject({ id: inB.id, access_roles: ['member'] });
      const meInA = await me({ ...headers, 'harvest-account-id': String(a.id) });
      expect(meInA.json()).toMatchObject({ id: inA.id, access_roles: ['administrator'] });

      await t.db.updateTable('users').set({ is_active: 0 }).where('id', '=', inB.id).execute();
      expectInvalidToken(await me({ ...headers, 'harvest-account-id': String(b.id) }));
    });

    it('reads a repeated account header ("7, 7") by its first value', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const id = String(caller.accountId);
      const res = await me({ ...caller.headers, 'harvest-account-id': `${id}, ${id}` });
      expect(res.statusCode).toBe(200);
    });

    it('never lets a token from one account read another account', async () => {
      const a = await createHarvestCaller(t.db, t.clock);
      const b = await createHarvestCaller(t.db, t.clock);
      const res = await me({ ...a.headers, 'harvest-account-id': String(b.accountId) });
      expect(res.statusCode).toBe(401);
    });
  });
}
