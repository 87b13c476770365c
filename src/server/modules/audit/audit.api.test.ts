import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import {
  createHarvestCaller,
  createOwnerWithLogin,
  createToken,
  createUser,
} from '../../../../test/factories.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';
import { createEventsService } from '../events/events.service.ts';
import type { WebhooksService } from '../webhooks/webhooks.service.ts';
import { createAuditService } from './audit.service.ts';

interface Entry {
  id: number;
  type: string;
  entityType: string;
  entityId: number;
  action: string;
  door: string | null;
  actor: { id: number; name: string | null } | null;
  changes: { field: string; before: unknown; after: unknown }[];
  occurredAt: string;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: audit log`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const native = nativeRequests(() => t.app);
    const json = { 'content-type': 'application/json' };

    it('records who changed what, when and through which door, with fields before and after', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const harvestHeaders = {
        ...json,
        authorization: `Bearer ${owner.token}`,
        'harvest-account-id': String(owner.accountId),
        'user-agent': 'Accounting sync (it@example.com)',
      };
      // Through Harvest's API…
      const created = await t.app.inject({
        method: 'POST',
        url: '/v2/clients',
        headers: harvestHeaders,
        payload: JSON.stringify({ name: 'Acme', currency: 'USD' }),
      });
      expect(created.statusCode, created.body).toBe(201);
      const clientId = created.json<{ id: number }>().id;
      t.clock.advance(60);
      // …the native API from a script…
      const as = native(owner.token);
      expect((await as('PATCH', `/clients/${clientId}`, { name: 'Acme Ltd' })).statusCode).toBe(
        200,
      );
      t.clock.advance(60);
      // …the CLI (the native API, naming itself)…
      const cli = await t.app.inject({
        method: 'PATCH',
        url: `/punch/v1/clients/${clientId}`,
        headers: {
          ...json,
          authorization: `Bearer ${owner.token}`,
          'user-agent': 'punch-cli/0.1.0',
        },
        payload: JSON.stringify({ address: 'Main St 1' }),
      });
      expect(cli.statusCode, cli.body).toBe(200);
      t.clock.advance(60);
      // …and the web app (a browser session).
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/punch/v1/sessions',
        headers: json,
        payload: JSON.stringify({ email: owner.email, password: owner.password }),
      });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
      const csrf = signIn.json<{ csrfToken: string }>().csrfToken;
      const web = await t.app.inject({
        method: 'PATCH',
        url: `/punch/v1/clients/${clientId}`,
        headers: { ...json, cookie, 'x-csrf-token': csrf },
        payload: JSON.stringify({ isActive: false }),
      });
      expect(web.statusCode, web.body).toBe(200);

      // …and Flowtly's API: a work time (on a project of a client still active).
      const other = await t.app.inject({
        method: 'POST',
        url: '/v2/clients',
        headers: harvestHeaders,
        payload: JSON.stringify({ name: 'Globex' }),
      });
      const project = await t.app.inject({
        method: 'POST',
        url: '/v2/projects',
        headers: harvestHeaders,
        payload: JSON.stringify({ client_id: other.json<{ id: number }>().id, name: 'Aurora' }),
      });
      expect(project.statusCode, project.body).toBe(201);
      const projectId = project.json<{ id: number }>().id;
      const workTime = await t.app.inject({
        method: 'POST',
        url: '/api/employee_working_hours',
        headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'application/ld+json' },
        payload: JSON.stringify({
          employee: `/api/employees/emp_${owner.userId}`,
          project: `/api/projects/prj_${projectId}`,
          date: '2026-03-04T00:00:00+00:00',
          seconds: 3600,
        }),
      });
      expect(workTime.statusCode, workTime.body).toBe(201);
      const flowtlyEntries = (
        await as('GET', '/audit-log?entityType=time_entry&action=created')
      ).json<{ data: Entry[] }>().data;
      expect(flowtlyEntries.map((e) => e.door)).toEqual(['flowtly']);

      const log = await as('GET', `/audit-log?entityType=client&entityId=${clientId}`);
      expect(log.statusCode, log.body).toBe(200);
      const entries = log.json<{ data: Entry[] }>().data;
      expect(entries.map((e) => [e.type, e.door, e.actor?.id])).toEqual([
        ['client.updated', 'web', owner.userId],
        ['client.updated', 'cli', owner.userId],
        ['client.updated', 'native', owner.userId],
        ['client.created', 'harvest', owner.userId],
      ]);
      const [archived, addressed, renamed, made] = entries as [Entry, Entry, Entry, Entry];
      expect(renamed.changes).toEqual([{ field: 'name', before: 'Acme', after: 'Acme Ltd' }]);
      expect(addressed.changes).toEqual([{ field: 'address', before: null, after: 'Main St 1' }]);
      expect(archived.changes).toEqual([{ field: 'isActive', before: true, after: false }]);
      expect(made.changes).toContainEqual({ field: 'name', before: null, after: 'Acme' });
      expect(made.actor?.name).toBeTruthy();
      expect(Date.parse(archived.occurredAt) - Date.parse(made.occurredAt)).toBe(180_000);

      // Filters: a kind of change, a time range, a person, pages.
      const updates = (await as('GET', '/audit-log?entityType=client&action=updated')).json<{
        data: Entry[];
      }>().data;
      expect(updates).toHaveLength(3);
      const windowed = (
        await as(
          'GET',
          `/audit-log?from=${encodeURIComponent(renamed.occurredAt)}&to=${encodeURIComponent(addressed.occurredAt)}`,
        )
      ).json<{ data: Entry[] }>().data;
      expect(windowed.map((e) => e.id)).toEqual([addressed.id, renamed.id]);
      const someoneElse = await createUser(t.db, t.clock, owner.accountId, {
        accessLevel: 'administrator',
      });
      expect(
        (await as('GET', `/audit-log?personId=${someoneElse.id}`)).json<{ data: Entry[] }>().data,
      ).toEqual([]);
      const first = (await as('GET', '/audit-log?limit=2')).json<{
        data: Entry[];
        nextBefore: number;
      }>();
      expect(first.data).toHaveLength(2);
      const second = (await as('GET', `/audit-log?limit=2&before=${first.nextBefore}`)).json<{
        data: Entry[];
      }>();
      expect(second.data[0]?.id).toBeLessThan(first.nextBefore);
    });

    it('is for administrators of the account only, and answers bad filters clearly', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const as = native(admin.token);
      await as('POST', '/clients', { name: 'Secret client' });
      const member = await createUser(t.db, t.clock, admin.accountId);
      const asMember = native((await createToken(t.db, t.clock, member.id)).token);
      expect((await asMember('GET', '/audit-log')).statusCode).toBe(403);
      const other = await createHarvestCaller(t.db, t.clock);
      const theirs = await native(other.token)('GET', '/audit-log');
      expect(theirs.statusCode).toBe(200);
      expect(theirs.body).not.toContain('Secret client');
      for (const query of [
        'action=exploded',
        'entityType=spaceship',
        'from=yesterday',
        'limit=0',
        'personId=-1',
        'from=2026-03-05T00:00:00Z&to=2026-03-04T00:00:00Z',
      ]) {
        const res = await as('GET', `/audit-log?${query}`);
        expect(res.statusCode, query).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, query).toBeLessThan(500);
        expect(res.json(), query).toHaveProperty('error.code');
      }
    });

    it('forgets what the retention no longer keeps, but not what webhooks still need', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const as = native(admin.token);
      await as('POST', '/clients', { name: 'Old' });
      t.clock.advance(40 * 24 * 60 * 60);
      await as('POST', '/clients', { name: 'New' });
      const events = createEventsService({ db: t.db, clock: t.clock });
      const newest = await events.lastId(admin.accountId);
      const webhooksAt = (cursor: number) =>
        ({ cursor: () => Promise.resolve(cursor) }) as unknown as WebhooksService;
      const names = async () =>
        (await as('GET', '/audit-log?entityType=client'))
          .json<{ data: Entry[] }>()
          .data.map((e) => e.changes.find((c) => c.field === 'name')?.after);
      // Webhooks have not read the old event yet: it stays.
      const keepAll = createAuditService({
        clock: t.clock,
        events,
        webhooks: webhooksAt(0),
        retentionDays: 30,
      });
      await keepAll.prune();
      expect(await names()).toEqual(['New', 'Old']);
      const forever = createAuditService({
        clock: t.clock,
        events,
        webhooks: webhooksAt(newest),
        retentionDays: 0,
      });
      expect(await forever.prune()).toBe(0);
      const thirtyDays = createAuditService({
        clock: t.clock,
        events,
        webhooks: webhooksAt(newest),
        retentionDays: 30,
      });
      expect(await thirtyDays.prune()).toBeGreaterThan(0);
      expect(await names()).toEqual(['New']);
    });
  });
}
