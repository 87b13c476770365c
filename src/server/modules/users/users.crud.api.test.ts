import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { createHarvestCaller, createUser } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /v2/users`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const { get, send } = harvestRequests(() => t.app);
    const person = { first_name: 'Grace', last_name: 'Hopper', email: 'Grace@Example.com' };

    describe('permissions', () => {
      it('lets members read only themselves', async () => {
        const member = await createHarvestCaller(t.db, t.clock, { accessLevel: 'member' });
        const other = await createUser(t.db, t.clock, member.accountId);
        expect((await get(member.headers, '/v2/users')).statusCode).toBe(403);
        expect((await get(member.headers, `/v2/users/${other.id}`)).statusCode).toBe(403);
        expect((await get(member.headers, `/v2/users/${member.user.id}`)).statusCode).toBe(200);
        expect((await send('POST', member.headers, '/v2/users', person)).statusCode).toBe(403);
        expect(
          (await send('PATCH', member.headers, `/v2/users/${member.user.id}`, { first_name: 'X' }))
            .statusCode,
        ).toBe(403);
      });

      it('lets a manager with teammates list and read just them', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const manager = await createHarvestCaller(t.db, t.clock, {
          accessLevel: 'manager',
          accountId: admin.accountId,
        });
        const mate = await createUser(t.db, t.clock, admin.accountId);
        const stranger = await createUser(t.db, t.clock, admin.accountId);
        expect((await get(manager.headers, '/v2/users')).statusCode).toBe(403);
        const patched = await send(
          'PATCH',
          admin.headers,
          `/v2/users/${manager.user.id}/teammates`,
          { teammate_ids: [mate.id] },
        );
        expect(patched.statusCode).toBe(200);
        expect(patched.json()).toEqual({
          teammates: [{ id: mate.id, first_name: 'Ada', last_name: 'Lovelace', email: mate.email }],
        });
        const list = (await get(manager.headers, '/v2/users')).json();
        expect(list.users.map((u: { id: number }) => u.id)).toEqual([mate.id]);
        expect((await get(manager.headers, `/v2/users/${mate.id}`)).statusCode).toBe(200);
        expect((await get(manager.headers, `/v2/users/${stranger.id}`)).statusCode).toBe(403);
        const me = (await get(manager.headers, '/v2/users/me')).json();
        expect(me.access_roles).toEqual(['manager', 'people_manager']);
      });
    });

    describe('managers editing teammates', () => {
      it("may change a teammate's name and capacity, nothing more, and nobody else", async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const manager = await createHarvestCaller(t.db, t.clock, {
          accessLevel: 'manager',
          accountId: admin.accountId,
        });
        const mate = await createUser(t.db, t.clock, admin.accountId);
        const other = await createUser(t.db, t.clock, admin.accountId);
        await send('PATCH', admin.headers, `/v2/users/${manager.user.id}/teammates`, {
          teammate_ids: [mate.id],
        });
        const ok = await send('PATCH', manager.headers, `/v2/users/${mate.id}`, {
          last_name: 'Byron',
          weekly_capacity: 72000,
        });
        expect(ok.statusCode).toBe(200);
        expect(ok.json()).toMatchObject({ last_name: 'Byron', weekly_capacity: 72000 });
        const email = await send('PATCH', manager.headers, `/v2/users/${mate.id}`, {
          email: 'new@example.com',
        });
        expect(email.statusCode).toBe(403);
        expect(email.json()).toEqual({ message: 'Only administrators can change email' });
        expect(
          (await send('PATCH', manager.headers, `/v2/users/${mate.id}`, { is_active: false }))
            .statusCode,
        ).toBe(403);
        expect(
          (await send('PATCH', manager.headers, `/v2/users/${other.id}`, { last_name: 'X' }))
            .statusCode,
        ).toBe(403);
        expect((await send('DELETE', manager.headers, `/v2/users/${mate.id}`)).statusCode).toBe(
          403,
        );
      });
    });

    describe('demotion', () => {
      it("takes a former manager's teammates and rights away", async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const manager = await createHarvestCaller(t.db, t.clock, {
          accessLevel: 'manager',
          accountId: admin.accountId,
        });
        const mate = await createUser(t.db, t.clock, admin.accountId);
        await send('PATCH', admin.headers, `/v2/users/${manager.user.id}/teammates`, {
          teammate_ids: [mate.id],
        });
        expect((await get(manager.headers, `/v2/users/${mate.id}`)).statusCode).toBe(200);
        await send('PATCH', admin.headers, `/v2/users/${manager.user.id}`, {
          access_roles: ['member'],
        });
        expect((await get(manager.headers, `/v2/users/${mate.id}`)).statusCode).toBe(403);
        expect((await get(manager.headers, '/v2/users')).statusCode).toBe(403);
        expect((await get(manager.headers, '/v2/users/me')).json().access_roles).toEqual([
          'member',
        ]);
      });
    });

    describe('create', () => {
      it('adds a person with Harvest defaults, lower-cased email and a Location', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        await t.db
          .updateTable('accounts')
          .set({ timezone: 'Europe/Berlin' })
          .where('id', '=', admin.accountId)
          .execute();
        const res = await send('POST', admin.headers, '/v2/users', person);
        expect(res.statusCode).toBe(201);
        const body = res.json();
        assertHarvestSchema('createUser', 201, body);
        expect(body).toMatchObject({
          first_name: 'Grace',
          email: 'grace@example.com',
          timezone: 'Berlin',
          has_access_to_all_future_projects: false,
          is_contractor: false,
          is_active: true,
          weekly_capacity: 126000,
          default_hourly_rate: 0,
          cost_rate: 0,
          roles: [],
          access_roles: ['member'],
        });
        expect(res.headers.location).toBe(`${TEST_PUBLIC_URL}/api/v2/users/${body.id}`);
        assertHarvestSchema(
          'retrieveUser',
          200,
          (await get(admin.headers, `/v2/users/${body.id}`)).json(),
        );
      });

      it('takes every optional field, business roles by name and manager rights', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const res = await send('POST', admin.headers, '/v2/users', {
          ...person,
          telephone: '555',
          timezone: 'America/Los_Angeles',
          has_access_to_all_future_projects: true,
          is_contractor: true,
          weekly_capacity: 72000,
          default_hourly_rate: 150,
          cost_rate: 80.5,
          roles: ['Engineer', 'Founder'],
          access_roles: ['manager', 'project_creator'],
        });
        expect(res.statusCode).toBe(201);
        expect(res.json()).toMatchObject({
          telephone: '555',
          timezone: 'Pacific Time (US & Canada)',
          has_access_to_all_future_projects: true,
          is_contractor: true,
          weekly_capacity: 72000,
          default_hourly_rate: 150,
          cost_rate: 80.5,
          roles: ['Engineer', 'Founder'],
          access_roles: ['manager', 'project_creator'],
        });
      });

      it('validates names, email, access roles and uniqueness with Harvest messages', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const missing = await send('POST', admin.headers, '/v2/users', {});
        expect(missing.statusCode).toBe(422);
        expect(missing.json()).toEqual({
          message: "First name can't be blank, Last name can't be blank, Email can't be blank",
        });
        const badEmail = await send('POST', admin.headers, '/v2/users', {
          ...person,
          email: 'nope',
        });
        expect(badEmail.json()).toEqual({ message: 'Email is invalid' });
        const badRoles = await send('POST', admin.headers, '/v2/users', {
          ...person,
          access_roles: ['member', 'project_creator'],
        });
        expect(badRoles.json()).toEqual({
          message: 'Access roles other than manager take no manager permissions',
        });
        expect((await send('POST', admin.headers, '/v2/users', person)).statusCode).toBe(201);
        const dup = await send('POST', admin.headers, '/v2/users', {
          ...person,
          email: 'GRACE@example.com',
        });
        expect(dup.statusCode).toBe(422);
        expect(dup.json()).toEqual({ message: 'Email has already been taken' });
      });
    });

    describe('update and archive', () => {
      it('updates partially and archives with is_active: false', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const user = (await send('POST', admin.headers, '/v2/users', person)).json();
        const res = await send('PATCH', admin.headers, `/v2/users/${user.id}`, {
          weekly_capacity: 36000,
          is_active: false,
        });
        expect(res.statusCode).toBe(200);
        assertHarvestSchema('updateUser', 200, res.json());
        expect(res.json()).toMatchObject({
          first_name: 'Grace',
          weekly_capacity: 36000,
          is_active: false,
        });
        const archived = (await get(admin.headers, '/v2/users?is_active=false')).json();
        expect(archived.users.map((u: { id: number }) => u.id)).toEqual([user.id]);
      });

      it('refuses name and email changes of an archived person unless restored in the same request', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const user = (
          await send('POST', admin.headers, '/v2/users', { ...person, is_active: false })
        ).json();
        expect(
          (await send('PATCH', admin.headers, `/v2/users/${user.id}`, { first_name: 'G' }))
            .statusCode,
        ).toBe(422);
        const restored = await send('PATCH', admin.headers, `/v2/users/${user.id}`, {
          first_name: 'G',
          is_active: true,
        });
        expect(restored.json()).toMatchObject({ first_name: 'G', is_active: true });
      });

      it('never leaves the account without an active administrator', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const demote = await send('PATCH', admin.headers, `/v2/users/${admin.user.id}`, {
          access_roles: ['member'],
        });
        expect(demote.statusCode).toBe(422);
        expect(demote.json()).toEqual({
          message: 'The account needs at least one active administrator',
        });
        expect(
          (await send('PATCH', admin.headers, `/v2/users/${admin.user.id}`, { is_active: false }))
            .statusCode,
        ).toBe(422);
        const second = (
          await send('POST', admin.headers, '/v2/users', {
            ...person,
            access_roles: ['administrator'],
          })
        ).json();
        expect(
          (
            await send('PATCH', admin.headers, `/v2/users/${second.id}`, {
              access_roles: ['member'],
            })
          ).statusCode,
        ).toBe(200);
      });

      it('replaces the rate history when default_hourly_rate is patched', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const user = (
          await send('POST', admin.headers, '/v2/users', { ...person, default_hourly_rate: 100 })
        ).json();
        const res = await send('PATCH', admin.headers, `/v2/users/${user.id}`, {
          default_hourly_rate: 120,
        });
        expect(res.json().default_hourly_rate).toBe(120);
        const rates = (await get(admin.headers, `/v2/users/${user.id}/billable_rates`)).json();
        expect(rates.billable_rates.map((r: { amount: number }) => r.amount)).toEqual([120]);
      });
    });

    describe('delete', () => {
      it('deletes a person, but not oneself', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const user = (await send('POST', admin.headers, '/v2/users', person)).json();
        expect((await send('DELETE', admin.headers, `/v2/users/${user.id}`)).statusCode).toBe(200);
        expect((await get(admin.headers, `/v2/users/${user.id}`)).statusCode).toBe(404);
        const self = await send('DELETE', admin.headers, `/v2/users/${admin.user.id}`);
        expect(self.statusCode).toBe(422);
        expect(self.json()).toEqual({ message: 'You cannot delete yourself' });
      });
    });

    describe('rates', () => {
      it('keeps an effective-dated history with computed end dates, oldest first', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const user = (
          await send('POST', admin.headers, '/v2/users', { ...person, default_hourly_rate: 100 })
        ).json();
        const url = `/v2/users/${user.id}/billable_rates`;
        const jan = await send('POST', admin.headers, url, {
          amount: 110,
          start_date: '2026-01-01',
        });
        expect(jan.statusCode).toBe(201);
        assertHarvestSchema('createBillableRate', 201, jan.json());
        await send('POST', admin.headers, url, { amount: 125.5, start_date: '2026-03-01' });
        const list = (await get(admin.headers, url)).json();
        assertHarvestSchema('listBillableRatesForSpecificUser', 200, list);
        expect(
          list.billable_rates.map(
            (r: { amount: number; start_date: string | null; end_date: string | null }) => [
              r.amount,
              r.start_date,
              r.end_date,
            ],
          ),
        ).toEqual([
          [100, null, '2025-12-31'],
          [110, '2026-01-01', '2026-02-28'],
          [125.5, '2026-03-01', null],
        ]);
        expect((await get(admin.headers, `/v2/users/${user.id}`)).json().default_hourly_rate).toBe(
          125.5,
        );
        const one = await get(admin.headers, `${url}/${jan.json().id}`);
        assertHarvestSchema('retrieveBillableRate', 200, one.json());
      });

      it('replaces later rates when an earlier start is added, and all rates without a start', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const user = (await send('POST', admin.headers, '/v2/users', person)).json();
        const url = `/v2/users/${user.id}/cost_rates`;
        await send('POST', admin.headers, url, { amount: 50, start_date: '2026-02-01' });
        await send('POST', admin.headers, url, { amount: 40, start_date: '2026-01-15' });
        let list = (await get(admin.headers, url)).json();
        assertHarvestSchema('listCostRatesForSpecificUser', 200, list);
        expect(list.cost_rates.map((r: { amount: number }) => r.amount)).toEqual([0, 40]);
        await send('POST', admin.headers, url, { amount: 60 });
        list = (await get(admin.headers, url)).json();
        expect(list.cost_rates.map((r: { amount: number }) => r.amount)).toEqual([60]);
      });

      it('refuses future start dates, negative amounts, and non-administrators', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const user = (await send('POST', admin.headers, '/v2/users', person)).json();
        const url = `/v2/users/${user.id}/billable_rates`;
        expect(
          (await send('POST', admin.headers, url, { amount: 1, start_date: '2026-03-05' })).json(),
        ).toEqual({
          message: "Start date can't be in the future",
        });
        expect((await send('POST', admin.headers, url, { amount: -1 })).statusCode).toBe(422);
        expect(
          (await send('POST', admin.headers, url, { amount: 1, start_date: '2026-02-30' }))
            .statusCode,
        ).toBe(422);
        const member = await createHarvestCaller(t.db, t.clock, {
          accessLevel: 'member',
          accountId: admin.accountId,
        });
        expect((await get(member.headers, url)).statusCode).toBe(403);
        expect((await get(member.headers, `/v2/users/${user.id}/cost_rates`)).statusCode).toBe(403);
      });
    });

    describe('teammates', () => {
      it('requires a manager, and clears people_manager with the last teammate', async () => {
        const admin = await createHarvestCaller(t.db, t.clock);
        const member = await createUser(t.db, t.clock, admin.accountId);
        const notManager = await send('PATCH', admin.headers, `/v2/users/${member.id}/teammates`, {
          teammate_ids: [],
        });
        expect(notManager.json()).toEqual({ message: 'User must be a manager' });
        const manager = await createUser(t.db, t.clock, admin.accountId, {
          accessLevel: 'manager',
        });
        await send('PATCH', admin.headers, `/v2/users/${manager.id}/teammates`, {
          teammate_ids: [member.id],
        });
        const list = (await get(admin.headers, `/v2/users/${manager.id}/teammates`)).json();
        assertHarvestSchema('listAssignedTeammatesForSpecificUser', 200, list);
        expect(list.teammates.map((m: { id: number }) => m.id)).toEqual([member.id]);
        await send('PATCH', admin.headers, `/v2/users/${manager.id}/teammates`, {
          teammate_ids: [],
        });
        expect((await get(admin.headers, `/v2/users/${manager.id}`)).json().access_roles).toEqual([
          'manager',
        ]);
      });
    });
  });
}
