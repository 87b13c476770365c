import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';
import { createCatalog, createHarvestCaller } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /v2/clients`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const { get, send } = harvestRequests(() => t.app);
    const create = async (headers: Headers, payload: object) => {
      const res = await send('POST', headers, '/v2/clients', payload);
      expect(res.statusCode).toBe(201);
      return res.json<{ id: number; name: string }>();
    };

    describe('permissions', () => {
      it("refuses members with 403 {message: 'Not authorized!'}, as Harvest does", async () => {
        const member = await createHarvestCaller(t.db, t.clock, { accessLevel: 'member' });
        const res = await get(member.headers, '/v2/clients');
        expect(res.statusCode).toBe(403);
        expect(res.json()).toEqual({ message: 'Not authorized!' });
        expect((await send('POST', member.headers, '/v2/clients', { name: 'X' })).statusCode).toBe(
          403,
        );
      });

      it('refuses plain managers but lets client_and_task_manager managers create and edit', async () => {
        const plain = await createHarvestCaller(t.db, t.clock, { accessLevel: 'manager' });
        expect((await send('POST', plain.headers, '/v2/clients', { name: 'X' })).statusCode).toBe(
          403,
        );
        const manager = await createHarvestCaller(t.db, t.clock, {
          accessLevel: 'manager',
          managerPermissions: ['client_and_task_manager'],
        });
        const client = await create(manager.headers, { name: 'Managed' });
        const res = await send('PATCH', manager.headers, `/v2/clients/${client.id}`, {
          name: 'Renamed',
        });
        expect(res.json().name).toBe('Renamed');
      });

      it('lets a project creator read clients but not write them', async () => {
        const creator = await createHarvestCaller(t.db, t.clock, {
          accessLevel: 'manager',
          managerPermissions: ['project_creator'],
        });
        expect((await get(creator.headers, '/v2/clients')).statusCode).toBe(200);
        expect((await send('POST', creator.headers, '/v2/clients', { name: 'X' })).statusCode).toBe(
          403,
        );
      });

      it("never shows another account's client", async () => {
        const a = await createHarvestCaller(t.db, t.clock);
        const b = await createHarvestCaller(t.db, t.clock);
        const client = await create(a.headers, { name: 'Secret' });
        expect((await get(b.headers, `/v2/clients/${client.id}`)).statusCode).toBe(404);
        expect(
          (await send('PATCH', b.headers, `/v2/clients/${client.id}`, { name: 'x' })).statusCode,
        ).toBe(404);
        expect((await send('DELETE', b.headers, `/v2/clients/${client.id}`)).statusCode).toBe(404);
        expect((await get(b.headers, '/v2/clients')).json().clients).toEqual([]);
      });
    });

    describe('validation', () => {
      it('requires a name', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const res = await send('POST', admin.headers, '/v2/clients', {});
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual({ message: "Name can't be blank" });
        const blank = await send('POST', admin.headers, '/v2/clients', { name: '   ' });
        expect(blank.json()).toEqual({ message: "Name can't be blank" });
      });

      it('rejects a malformed currency and a non-boolean is_active', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const res = await send('POST', admin.headers, '/v2/clients', {
          name: 'X',
          currency: 'EURO',
          is_active: 'maybe',
        });
        expect(res.statusCode).toBe(422);
        expect(res.json().message).toBe('Is active must be true or false, Currency is invalid');
      });

      it('answers 404 for ids that are not numbers', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const res = await get(admin.headers, '/v2/clients/abc');
        expect(res.statusCode).toBe(404);
        expect(res.json()).toEqual({ status: 404, error: 'Not Found' });
      });
    });

    describe('create, read, update, delete', () => {
      it('creates with Harvest defaults, a Location header and a statement key', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const res = await send('POST', admin.headers, '/v2/clients', { name: 'Mr. Robot' });
        expect(res.statusCode).toBe(201);
        const body = res.json();
        assertHarvestSchema('createClient', 201, body);
        expect(body).toMatchObject({
          name: 'Mr. Robot',
          is_active: true,
          address: null,
          currency: 'USD',
        });
        expect(body.statement_key).toMatch(/^[0-9a-f]{32}$/);
        expect(Object.keys(body)).toEqual([
          'id',
          'name',
          'is_active',
          'address',
          'statement_key',
          'created_at',
          'updated_at',
          'currency',
        ]);
        expect(res.headers.location).toBe(`${TEST_PUBLIC_URL}/api/v2/clients/${body.id}`);
        const read = await get(admin.headers, `/v2/clients/${body.id}`);
        assertHarvestSchema('retrieveClient', 200, read.json());
        expect(read.json()).toEqual(body);
      });

      it('creates from a form body and from query parameters', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const form = await t.app.inject({
          method: 'POST',
          url: '/v2/clients',
          headers: { ...admin.headers, 'content-type': 'application/x-www-form-urlencoded' },
          payload: 'name=Form+Co&currency=eur&is_active=false',
        });
        expect(form.statusCode).toBe(201);
        expect(form.json()).toMatchObject({ name: 'Form Co', currency: 'EUR', is_active: false });
        const query = await send(
          'POST',
          admin.headers,
          '/v2/clients?name=Query%20Co&address=Main%20St',
        );
        expect(query.statusCode).toBe(201);
        expect(query.json()).toMatchObject({ name: 'Query Co', address: 'Main St' });
      });

      it('updates only what is sent and moves updated_at', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const client = await create(admin.headers, { name: 'Before', address: 'Old St' });
        t.clock.advance(120);
        const res = await send('PATCH', admin.headers, `/v2/clients/${client.id}`, {
          is_active: false,
        });
        t.clock.advance(-120);
        expect(res.statusCode).toBe(200);
        assertHarvestSchema('updateClient', 200, res.json());
        expect(res.json()).toMatchObject({
          name: 'Before',
          address: 'Old St',
          is_active: false,
          updated_at: '2026-03-04T09:32:00Z',
        });
      });

      it('refuses to delete a client that still has projects, and keeps it', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const client = await create(admin.headers, { name: 'Busy' });
        const { project } = await createCatalog(t.db, t.clock, admin.accountId);
        await t.db
          .updateTable('projects')
          .set({ client_id: client.id })
          .where('id', '=', project.id)
          .execute();
        const res = await send('DELETE', admin.headers, `/v2/clients/${client.id}`);
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual({
          message: 'This client is not removable. It still has projects and/or invoices.',
        });
        expect((await get(admin.headers, `/v2/clients/${client.id}`)).statusCode).toBe(200);
      });

      it('deletes a client without projects: gone from reads, kept in the database', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const client = await create(admin.headers, { name: 'Done' });
        const res = await send('DELETE', admin.headers, `/v2/clients/${client.id}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().id).toBe(client.id);
        expect((await get(admin.headers, `/v2/clients/${client.id}`)).statusCode).toBe(404);
        expect((await get(admin.headers, '/v2/clients')).json().clients).toEqual([]);
        const row = await t.db
          .selectFrom('clients')
          .select('deleted_at')
          .where('id', '=', client.id)
          .executeTakeFirstOrThrow();
        expect(row.deleted_at).toBe(t.clock.now().getTime());
      });
    });

    describe('list', () => {
      it('returns the Harvest envelope, newest first, with filters echoed in links', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const first = await create(admin.headers, { name: 'First' });
        const second = await create(admin.headers, { name: 'Second', is_active: false });
        const res = await get(admin.headers, '/v2/clients');
        const body = res.json();
        assertHarvestSchema('listClients', 200, body);
        expect(Object.keys(body)).toEqual([
          'clients',
          'per_page',
          'total_pages',
          'total_entries',
          'next_page',
          'previous_page',
          'page',
          'links',
        ]);
        expect(body.clients.map((c: { id: number }) => c.id)).toEqual([second.id, first.id]);
        expect(body).toMatchObject({
          per_page: 2000,
          total_pages: 1,
          total_entries: 2,
          next_page: null,
          previous_page: null,
          page: 1,
        });
        expect(body.links).toEqual({
          first: `${TEST_PUBLIC_URL}/v2/clients?page=1&per_page=2000&ref=first`,
          next: null,
          previous: null,
          last: `${TEST_PUBLIC_URL}/v2/clients?page=1&per_page=2000&ref=last`,
        });
        const active = (await get(admin.headers, '/v2/clients?is_active=true')).json();
        expect(active.clients.map((c: { id: number }) => c.id)).toEqual([first.id]);
        expect(active.links.first).toBe(
          `${TEST_PUBLIC_URL}/v2/clients?is_active=true&page=1&per_page=2000&ref=first`,
        );
      });

      it('pages by number with next/previous numbers and links', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        for (const name of ['A', 'B', 'C', 'D', 'E']) await create(admin.headers, { name });
        const page2 = (await get(admin.headers, '/v2/clients?per_page=2&page=2')).json();
        expect(page2.clients.map((c: { name: string }) => c.name)).toEqual(['C', 'B']);
        expect(page2).toMatchObject({
          per_page: 2,
          total_pages: 3,
          total_entries: 5,
          next_page: 3,
          previous_page: 1,
          page: 2,
        });
        expect(page2.links.next).toBe(`${TEST_PUBLIC_URL}/v2/clients?page=3&per_page=2&ref=next`);
        expect(page2.links.previous).toBe(
          `${TEST_PUBLIC_URL}/v2/clients?page=1&per_page=2&ref=previous`,
        );
        expect(page2.links.last).toBe(`${TEST_PUBLIC_URL}/v2/clients?page=3&per_page=2&ref=last`);
        const beyond = (await get(admin.headers, '/v2/clients?per_page=2&page=9')).json();
        expect(beyond.clients).toEqual([]);
      });

      it('follows cursors to the end without skipping or repeating, even when clients are added meanwhile', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const names = ['A', 'B', 'C', 'D', 'E'];
        for (const name of names) await create(admin.headers, { name });
        const seen: string[] = [];
        let url: string | null =
          '/v2/clients?per_page=2&cursor=' +
          Buffer.from(JSON.stringify({ after: { id: 2 ** 40 } })).toString('base64url');
        let pages = 0;
        while (url) {
          const res = await get(admin.headers, url.replace(TEST_PUBLIC_URL, ''));
          const body = res.json<{
            page: number | null;
            clients: { name: string }[];
            links: { next: string | null };
          }>();
          assertHarvestSchema('listClients', 200, body);
          expect(body.page).toBeNull();
          seen.push(...body.clients.map((c) => c.name));
          if (pages === 0) await create(admin.headers, { name: 'Late' });
          url = body.links.next;
          pages += 1;
        }
        expect(seen).toEqual(['E', 'D', 'C', 'B', 'A']);
        expect(pages).toBe(3);
      });

      it('goes back with the previous cursor', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        for (const name of ['A', 'B', 'C', 'D']) await create(admin.headers, { name });
        const first = (await get(admin.headers, '/v2/clients?per_page=2')).json();
        const lastOfFirst = first.clients[1].id;
        const cursor = Buffer.from(JSON.stringify({ after: { id: lastOfFirst } })).toString(
          'base64url',
        );
        const second = (await get(admin.headers, `/v2/clients?per_page=2&cursor=${cursor}`)).json();
        expect(second.clients.map((c: { name: string }) => c.name)).toEqual(['B', 'A']);
        expect(second.links.next).toBeNull();
        const back = (
          await get(admin.headers, second.links.previous.replace(TEST_PUBLIC_URL, ''))
        ).json();
        expect(back.clients.map((c: { name: string }) => c.name)).toEqual(['D', 'C']);
        expect(back.links.previous).toBeNull();
      });

      it('rejects per_page above 2000 and a cursor it did not issue', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const big = await get(admin.headers, '/v2/clients?per_page=2001');
        expect(big.statusCode).toBe(422);
        expect(big.json()).toEqual({ message: 'Per page must be less than or equal to 2000' });
        const bad = await get(admin.headers, '/v2/clients?cursor=nonsense');
        expect(bad.statusCode).toBe(422);
        expect(bad.json()).toEqual({ message: 'Cursor is invalid' });
      });

      it('filters by updated_since', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        await create(admin.headers, { name: 'Old' });
        t.clock.advance(3600);
        await create(admin.headers, { name: 'New' });
        t.clock.advance(-3600);
        const body = (
          await get(admin.headers, '/v2/clients?updated_since=2026-03-04T10:00:00Z')
        ).json();
        expect(body.clients.map((c: { name: string }) => c.name)).toEqual(['New']);
        expect((await get(admin.headers, '/v2/clients?updated_since=yesterday')).statusCode).toBe(
          422,
        );
      });
    });
  });
}
