import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/dialects.ts';
import {
  createAccount,
  createHarvestCaller,
  createIdentity,
  createToken,
  createUser,
} from '../../../test/factories.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Idempotency-Key`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const post = (headers: Record<string, string>, payload: object, key?: string) =>
      t.app.inject({
        method: 'POST',
        url: '/v2/clients',
        headers: { ...headers, ...(key ? { 'idempotency-key': key } : {}) },
        payload,
      });
    const count = async (accountId: number) =>
      (await t.db.selectFrom('clients').select('id').where('account_id', '=', accountId).execute())
        .length;

    it('replays the first response to a retry instead of creating twice', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const first = await post(admin.headers, { name: 'Once' }, 'create-once-1');
      const retry = await post(admin.headers, { name: 'Once' }, 'create-once-1');
      expect(first.statusCode).toBe(201);
      expect(retry.statusCode).toBe(201);
      expect(retry.json()).toEqual(first.json());
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.headers.location).toBe(first.headers.location);
      expect(await count(admin.accountId)).toBe(1);
    });

    it('creates again without a key, or with another key', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      await post(admin.headers, { name: 'A' });
      await post(admin.headers, { name: 'A' });
      await post(admin.headers, { name: 'A' }, 'k1');
      await post(admin.headers, { name: 'A' }, 'k2');
      expect(await count(admin.accountId)).toBe(4);
    });

    it('refuses a key reused for a different request', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      await post(admin.headers, { name: 'First' }, 'same-key');
      const other = await post(admin.headers, { name: 'Second' }, 'same-key');
      expect(other.statusCode).toBe(422);
      expect(other.json()).toEqual({
        message: 'Idempotency-Key was already used for a different request',
      });
      expect(await count(admin.accountId)).toBe(1);
    });

    it('keeps keys per token and forgets them after a day', async () => {
      const a = await createHarvestCaller(t.db, t.clock);
      const b = await createHarvestCaller(t.db, t.clock, { accountId: a.accountId });
      await post(a.headers, { name: 'X' }, 'shared');
      expect(
        (await post(b.headers, { name: 'X' }, 'shared')).headers['idempotent-replayed'],
      ).toBeUndefined();
      t.clock.advance(24 * 3600 + 1);
      expect(
        (await post(a.headers, { name: 'X' }, 'shared')).headers['idempotent-replayed'],
      ).toBeUndefined();
      t.clock.set('2026-03-04T09:30:00Z');
      expect(await count(a.accountId)).toBe(3);
    });

    it('answers malformed requests afresh, and replays refusals made by the service', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      // Schema errors come before the key is claimed: the same request is simply refused again.
      await post(admin.headers, {}, 'bad-shape');
      const shape = await post(admin.headers, {}, 'bad-shape');
      expect(shape.statusCode).toBe(422);
      expect(shape.headers['idempotent-replayed']).toBeUndefined();
      // A refusal by the service is a response like any other and is kept.
      const blank = await post(admin.headers, { name: '  ' }, 'blank-name');
      const again = await post(admin.headers, { name: '  ' }, 'blank-name');
      expect(again.statusCode).toBe(422);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.json()).toEqual(blank.json());
    });

    it('keeps keys apart per account when one token reaches several', async () => {
      const identity = await createIdentity(t.db, t.clock);
      const a = await createAccount(t.db, t.clock);
      const b = await createAccount(t.db, t.clock);
      const inA = await createUser(t.db, t.clock, a.id, {
        identityId: identity.id,
        accessLevel: 'administrator',
      });
      await createUser(t.db, t.clock, b.id, {
        identityId: identity.id,
        accessLevel: 'administrator',
      });
      const { token } = await createToken(t.db, t.clock, inA.id);
      const headers = (account: number) => ({
        authorization: `Bearer ${token}`,
        'harvest-account-id': String(account),
        'user-agent': 'tests',
      });
      await post(headers(a.id), { name: 'Same' }, 'cross');
      const second = await post(headers(b.id), { name: 'Same' }, 'cross');
      expect(second.headers['idempotent-replayed']).toBeUndefined();
      expect(await count(b.id)).toBe(1);
    });

    it('lets a retry take over a claim whose request never answered', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      await t.db
        .insertInto('idempotency_keys')
        .values({
          token_id: admin.tokenId,
          key: `${admin.accountId}:stuck`,
          request_hash: 'x',
          status_code: null,
          response_body: null,
          location: null,
          created_at: t.clock.now().getTime(),
        })
        .execute();
      expect((await post(admin.headers, { name: 'Late' }, 'stuck')).statusCode).toBe(422);
      t.clock.advance(61);
      expect((await post(admin.headers, { name: 'Late' }, 'stuck')).statusCode).toBe(201);
      t.clock.set('2026-03-04T09:30:00Z');
    });

    it('stays out of GET, PATCH and DELETE', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const res = await t.app.inject({
        method: 'GET',
        url: '/v2/clients',
        headers: { ...admin.headers, 'idempotency-key': 'read' },
      });
      expect(res.statusCode).toBe(200);
      const rows = await t.db
        .selectFrom('idempotency_keys')
        .select('id')
        .where('key', '=', 'read')
        .execute();
      expect(rows).toEqual([]);
    });
  });
}
