import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';
import { webhookReceiver, type Received } from '../../../../test/webhook-receiver.ts';
import { verifySignature } from './webhooks.rules.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: webhooks`, () => {
    let t: TestApp;
    let hooks: Awaited<ReturnType<typeof webhookReceiver>>;
    beforeAll(async () => {
      // The jitter draws 0: a retry waits exactly half its ceiling (15 s, 30 s, 60 s …).
      t = await buildTestApp(dialect, {
        webhooks: { allowedTargets: ['127.0.0.1'], timeoutMs: 300, random: () => 0 },
      });
      hooks = await webhookReceiver();
    });
    afterAll(async () => {
      await t.close();
      await hooks.close();
    });
    const native = nativeRequests(() => t.app);

    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const as = native(admin.token);
      const subscribe = async (events: string[], url = hooks.url) => {
        const res = await as('POST', '/webhooks', { url, events, description: 'ERP' });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<{ webhook: { id: number }; secret: string }>();
      };
      const client = async (name: string) => {
        const res = await as('POST', '/clients', { name });
        expect(res.statusCode, res.body).toBe(201);
        return res.json<{ id: number }>();
      };
      // Drains the queue as far as it goes now (the fixed clock does not move by itself).
      const deliver = async () => {
        while ((await t.deliverWebhooks()) > 0);
      };
      const deliveries = async (webhookId: number) =>
        (await as('GET', `/webhooks/${webhookId}/deliveries`)).json<{
          data: { id: number; status: string; attempts: number; eventType: string }[];
        }>().data;
      return { admin, as, subscribe, client, deliver, deliveries };
    }

    it('manages subscriptions for administrators only, and refuses what cannot be delivered', async () => {
      const w = await world();
      const created = await w.subscribe(['client.*', 'time_entry.created']);
      expect(created.secret).toMatch(/^whsec_/);
      const list = await w.as('GET', '/webhooks');
      expect(list.json()).toMatchObject({
        data: [
          {
            id: created.webhook.id,
            url: hooks.url,
            events: ['client.*', 'time_entry.created'],
            active: true,
            pausedAt: null,
            pendingDeliveries: 0,
          },
        ],
      });
      expect(list.body).not.toContain(created.secret);

      const bad = await w.as('POST', '/webhooks', { url: 'ftp://example.com', events: ['nope'] });
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ error: { code: 'invalid_webhook' } });
      expect(bad.body).toContain('must be http or https');
      expect(bad.body).toContain('nope: not an event type');
      for (const url of [
        'http://10.0.0.5/x',
        'http://169.254.169.254/latest/meta-data',
        'http://127.0.0.2/x',
        'http://[::1]/x',
      ]) {
        const refused = await w.as('POST', '/webhooks', { url, events: ['*'] });
        expect(refused.statusCode, url).toBe(422);
        expect(refused.json()).toMatchObject({ error: { code: 'webhook_target_not_allowed' } });
      }
      const creds = await w.as('POST', '/webhooks', {
        url: 'https://user:pw@example.com/',
        events: ['*'],
      });
      expect(creds.statusCode).toBe(422);

      const member = await createUser(t.db, t.clock, w.admin.accountId);
      const asMember = native((await createToken(t.db, t.clock, member.id)).token);
      expect((await asMember('GET', '/webhooks')).statusCode).toBe(403);
      expect(
        (await asMember('POST', '/webhooks', { url: hooks.url, events: ['*'] })).statusCode,
      ).toBe(403);

      // Nothing crosses accounts.
      const other = await createHarvestCaller(t.db, t.clock);
      const asOther = native(other.token);
      expect((await asOther('GET', `/webhooks/${created.webhook.id}`)).statusCode).toBe(404);
      expect((await asOther('DELETE', `/webhooks/${created.webhook.id}`)).statusCode).toBe(404);
      expect((await asOther('GET', '/webhooks')).json()).toEqual({ data: [] });

      const rotated = await w.as('POST', `/webhooks/${created.webhook.id}/secret`);
      expect(rotated.json<{ secret: string }>().secret).not.toBe(created.secret);
      expect((await w.as('DELETE', `/webhooks/${created.webhook.id}`)).statusCode).toBe(204);
      expect((await w.as('GET', `/webhooks/${created.webhook.id}`)).statusCode).toBe(404);
    });

    it('delivers each wanted event once, signed, with the entity as the native API shows it', async () => {
      const w = await world();
      await w.client('Before the subscription');
      const { webhook, secret } = await w.subscribe(['client.*']);
      const before = hooks.received.length;
      const acme = await w.client('Acme');
      await w.as('PATCH', `/clients/${acme.id}`, { name: 'Acme Ltd' });
      await w.as('POST', '/tasks', { name: 'Not subscribed' });
      await w.deliver();
      await w.deliver();
      const mine = hooks.received.slice(before).filter((r) => r.json.webhookId === webhook.id);
      expect(mine.map((r) => r.json.type)).toEqual(['client.created', 'client.updated']);
      const [created, updated] = mine as [Received, Received];
      expect(created.json.data).toMatchObject({ id: acme.id, name: 'Acme' });
      expect(updated.json.data).toMatchObject({ name: 'Acme Ltd' });
      expect(updated.json.previous).toMatchObject({ name: 'Acme' });
      expect(created.headers['content-type']).toBe('application/json');
      expect(created.headers['punch-event-type']).toBe('client.created');
      const signature = String(created.headers['punch-signature']);
      const now = Math.floor(t.clock.now().getTime() / 1000);
      expect(verifySignature(secret, signature, created.body, now)).toBe(true);
      expect(verifySignature(secret, signature, `${created.body} `, now)).toBe(false);
      expect(verifySignature('whsec_other', signature, created.body, now)).toBe(false);
      // A replay outside the tolerance is refused by the recipe.
      expect(verifySignature(secret, signature, created.body, now + 3600)).toBe(false);

      const log = await w.deliveries(webhook.id);
      expect(log.map((d) => [d.eventType, d.status, d.attempts])).toEqual([
        ['client.updated', 'succeeded', 1],
        ['client.created', 'succeeded', 1],
      ]);
    });

    it('retries a failing receiver with backoff, logs every attempt, and recovers', async () => {
      const w = await world();
      const { webhook } = await w.subscribe(['client.created']);
      hooks.answer((res) =>
        res.writeHead(503, { 'content-type': 'text/plain' }).end('down for maintenance'),
      );
      await w.client('Flaky');
      await w.deliver();
      let [delivery] = await w.deliveries(webhook.id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1 });
      // Not yet due: the first retry waits 15–30 s.
      await w.deliver();
      expect((await w.deliveries(webhook.id))[0]).toMatchObject({ attempts: 1 });

      // A receiver that never answers is cut off at the timeout.
      hooks.answer(() => undefined);
      t.clock.advance(16);
      await w.deliver();
      // A slow one that answers within it is fine.
      hooks.answer((res) => setTimeout(() => res.writeHead(204).end(), 100));
      t.clock.advance(31);
      await w.deliver();
      [delivery] = await w.deliveries(webhook.id);
      expect(delivery).toMatchObject({ status: 'succeeded', attempts: 3, lastStatusCode: 204 });
      const detail = (
        await w.as('GET', `/webhooks/${webhook.id}/deliveries/${delivery!.id}`)
      ).json<{
        attempts: {
          statusCode: number | null;
          error: string | null;
          responseExcerpt: string | null;
          durationMs: number;
        }[];
        body: string;
      }>();
      expect(detail.attempts.map((a) => [a.statusCode, a.error])).toEqual([
        [503, null],
        [null, 'timed out after 300 ms'],
        [204, null],
      ]);
      expect(detail.attempts[0]?.responseExcerpt).toBe('down for maintenance');
      expect(detail.attempts[2]?.durationMs).toBeGreaterThanOrEqual(90);
      expect(JSON.parse(detail.body)).toMatchObject({ type: 'client.created' });
      hooks.answer((res) => res.writeHead(200).end('ok'));
    });

    it('gives up after a day, pauses the subscription and tells the account; resuming delivers', async () => {
      const w = await world();
      const { webhook } = await w.subscribe(['client.created']);
      hooks.answer((res) => res.writeHead(500).end());
      await w.client('Gone');
      let rounds = 0;
      for (; rounds < 60; rounds++) {
        await w.deliver();
        const [d] = await w.deliveries(webhook.id);
        if (d?.status === 'failed') break;
        t.clock.advance(3600);
      }
      const [failed] = await w.deliveries(webhook.id);
      expect(failed?.status).toBe('failed');
      // Doubling from 15 s to an hour, then hourly, for a day: about thirty attempts.
      expect(failed?.attempts).toBeGreaterThan(20);
      const paused = (await w.as('GET', `/webhooks/${webhook.id}`)).json<{
        pausedAt: string | null;
        pausedReason: string;
        failedDeliveries: number;
      }>();
      expect(paused.pausedAt).not.toBeNull();
      expect(paused.pausedReason).toContain('HTTP 500');
      expect(paused.failedDeliveries).toBe(1);
      const told = await t.db
        .selectFrom('events')
        .select(['type', 'actor_credential'])
        .where('account_id', '=', w.admin.accountId)
        .where('type', '=', 'webhook.paused')
        .execute();
      expect(told).toEqual([{ type: 'webhook.paused', actor_credential: 'system' }]);

      // While paused, events queue up but are not sent.
      hooks.answer((res) => res.writeHead(200).end());
      const before = hooks.received.length;
      await w.client('While paused');
      await w.deliver();
      expect(hooks.received.length).toBe(before);
      // Switched on again: what waited goes, and the failed one can be redelivered.
      expect(
        (await w.as('PATCH', `/webhooks/${webhook.id}`, { active: true })).json(),
      ).toMatchObject({
        pausedAt: null,
      });
      await w.deliver();
      expect(hooks.received.slice(before).map((r) => r.json.data.name)).toEqual(['While paused']);
      const again = await w.as(
        'POST',
        `/webhooks/${webhook.id}/deliveries/${failed!.id}/redeliver`,
      );
      expect(again.statusCode).toBe(202);
      await w.deliver();
      expect(hooks.received.slice(before).map((r) => r.json.data.name)).toEqual([
        'While paused',
        'Gone',
      ]);
    });

    it('pings on demand and reports how it went; refuses targets resolved to private addresses', async () => {
      const w = await world();
      const { webhook, secret } = await w.subscribe(['*']);
      const ping = await w.as('POST', `/webhooks/${webhook.id}/ping`);
      expect(ping.statusCode).toBe(200);
      expect(ping.json()).toMatchObject({
        eventType: 'webhook.ping',
        status: 'succeeded',
        lastStatusCode: 200,
      });
      const last = hooks.received.at(-1)!;
      expect(last.json.type).toBe('webhook.ping');
      expect(
        verifySignature(
          secret,
          String(last.headers['punch-signature']),
          last.body,
          Math.floor(t.clock.now().getTime() / 1000),
        ),
      ).toBe(true);

      hooks.answer((res) => res.writeHead(410).end('gone'));
      const failedPing = (await w.as('POST', `/webhooks/${webhook.id}/ping`)).json();
      expect(failedPing).toMatchObject({ status: 'failed', lastStatusCode: 410 });
      hooks.answer((res) => res.writeHead(200).end());
      // A failing ping pauses nothing.
      expect((await w.as('GET', `/webhooks/${webhook.id}`)).json()).toMatchObject({
        pausedAt: null,
      });

      // A name that resolves to loopback is refused when connecting, not only when typed.
      await w.as('PATCH', `/webhooks/${webhook.id}`, { url: 'http://localtest.me.invalid/x' });
      const unresolvable = (await w.as('POST', `/webhooks/${webhook.id}/ping`)).json<{
        lastError: string;
      }>();
      expect(unresolvable.lastError).toMatch(/ENOTFOUND|EAI_AGAIN/);
    });

    it('answers bad input in the native convention, never a 500', async () => {
      const w = await world();
      const { webhook } = await w.subscribe(['*']);
      for (const [method, url, body] of [
        ['POST', '/webhooks', { url: hooks.url }],
        ['POST', '/webhooks', { url: hooks.url, events: [] }],
        ['POST', '/webhooks', { url: hooks.url, events: ['*'], extra: 1 }],
        ['PATCH', `/webhooks/${webhook.id}`, { events: 'client.created' }],
        ['GET', `/webhooks/${webhook.id}/deliveries?limit=0`, undefined],
        ['GET', `/webhooks/${webhook.id}/deliveries?status=lost`, undefined],
        ['GET', `/webhooks/${webhook.id}/deliveries/999999`, undefined],
        ['POST', `/webhooks/${webhook.id}/deliveries/999999/redeliver`, undefined],
        ['GET', '/webhooks/0', undefined],
      ] as const) {
        const res = await w.as(method, url, body);
        expect(res.statusCode, `${method} ${url}`).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, `${method} ${url}`).toBeLessThan(500);
        expect(res.json(), `${method} ${url}`).toHaveProperty('error.code');
      }
    });
  });
}
