import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller } from '../../../../test/factories.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /punch/v1/clients`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const as = nativeRequests(() => t.app);

    it('creates, lists, changes and deletes clients, recording each change', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const call = as(admin.token);
      const created = await call('POST', '/clients', { name: '  Acme  ', address: 'Main St 1' });
      expect(created.statusCode, created.body).toBe(201);
      const client = created.json();
      expect(client).toMatchObject({
        name: 'Acme',
        isActive: true,
        address: 'Main St 1',
        currency: 'USD',
        createdAt: '2026-03-04T09:30:00Z',
      });
      await call('POST', '/clients', { name: 'Beta', currency: 'EUR' });
      const page = (await call('GET', '/clients?limit=1')).json();
      expect(page.data.map((c: { name: string }) => c.name)).toEqual(['Beta']);
      const rest = (await call('GET', `/clients?limit=1&cursor=${page.nextCursor}`)).json();
      expect(rest).toMatchObject({ data: [{ name: 'Acme' }], nextCursor: null });
      const archived = await call('PATCH', `/clients/${client.id}`, { isActive: false });
      expect(archived.json()).toMatchObject({ isActive: false, name: 'Acme' });
      expect((await call('GET', '/clients?isActive=false')).json().data).toHaveLength(1);
      expect((await call('DELETE', `/clients/${client.id}`)).statusCode).toBe(204);
      expect((await call('GET', `/clients/${client.id}`)).json().error.code).toBe(
        'client_not_found',
      );
      const types = (
        await t.db
          .selectFrom('events')
          .select(['type', 'before_json', 'after_json'])
          .where('account_id', '=', admin.accountId)
          .where('entity_id', '=', client.id)
          .where('entity_type', '=', 'client')
          .orderBy('id')
          .execute()
      ).map((e) => e.type);
      expect(types).toEqual(['client.created', 'client.updated', 'client.deleted']);
    });

    it('refuses members, blank names and unknown currencies with stable codes', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const member = await createHarvestCaller(t.db, t.clock, {
        accessLevel: 'member',
        accountId: admin.accountId,
      });
      const refused = await as(member.token)('POST', '/clients', { name: 'Nope' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('forbidden');
      const blank = await as(admin.token)('POST', '/clients', { name: '   ' });
      expect(blank.statusCode).toBe(422);
      const currency = await as(admin.token)('POST', '/clients', { name: 'X', currency: 'ZZZ' });
      expect(currency.statusCode).toBe(422);
      const stranger = await createHarvestCaller(t.db, t.clock);
      const mine = (await as(admin.token)('POST', '/clients', { name: 'Mine' })).json();
      expect((await as(stranger.token)('GET', `/clients/${mine.id}`)).statusCode).toBe(404);
    });
  });
}
