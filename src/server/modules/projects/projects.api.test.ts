import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { createHarvestCaller, createUser } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /v2/projects`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const { get, send } = harvestRequests(() => t.app);
    async function setup(options: Parameters<typeof createHarvestCaller>[2] = {}) {
      const admin = await createHarvestCaller(t.db, t.clock, options);
      const adminHeaders =
        options.accessLevel && options.accessLevel !== 'administrator'
          ? (await createHarvestCaller(t.db, t.clock, { accountId: admin.accountId })).headers
          : admin.headers;
      const client = (
        await send('POST', adminHeaders, '/v2/clients', { name: 'Mr. Robot' })
      ).json();
      return { caller: admin, adminHeaders, clientId: client.id as number };
    }

    it('creates from client_id and name alone with the defaults real Harvest answers with', async () => {
      const { caller, clientId } = await setup();
      const res = await send('POST', caller.headers, '/v2/projects', {
        client_id: clientId,
        name: 'E-Corp',
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      assertHarvestSchema('createProject', 201, body);
      expect(body).toMatchObject({
        name: 'E-Corp',
        code: null,
        is_active: true,
        is_billable: true,
        is_fixed_fee: false,
        bill_by: 'none',
        budget: null,
        budget_by: 'none',
        budget_is_monthly: false,
        notify_when_over_budget: false,
        over_budget_notification_percentage: 80,
        show_budget_to_all: false,
        starts_on: null,
        ends_on: null,
        over_budget_notification_date: null,
        notes: null,
        cost_budget: null,
        cost_budget_include_expenses: false,
        hourly_rate: null,
        fee: null,
        client: { id: clientId, name: 'Mr. Robot', currency: 'USD' },
      });
      expect(Object.keys(body).slice(0, 3)).toEqual(['id', 'name', 'code']);
      expect(Object.keys(body).at(-1)).toBe('client');
      expect(res.headers.location).toBe(`${TEST_PUBLIC_URL}/api/v2/projects/${body.id}`);
      assertHarvestSchema(
        'retrieveProject',
        200,
        (await get(caller.headers, `/v2/projects/${body.id}`)).json(),
      );
    });

    it('takes every field, amounts exact', async () => {
      const { caller, clientId } = await setup();
      const res = await send('POST', caller.headers, '/v2/projects', {
        client_id: clientId,
        name: 'Full',
        code: 'FL',
        is_billable: false,
        is_fixed_fee: true,
        bill_by: 'Tasks',
        hourly_rate: 120.5,
        budget: 200.25,
        budget_by: 'project',
        budget_is_monthly: true,
        notify_when_over_budget: true,
        over_budget_notification_percentage: 90,
        show_budget_to_all: true,
        cost_budget: 5000,
        cost_budget_include_expenses: true,
        fee: 12000.99,
        notes: 'n',
        starts_on: '2026-01-01',
        ends_on: '2026-12-31',
      });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toMatchObject({
        code: 'FL',
        is_billable: false,
        is_fixed_fee: true,
        bill_by: 'Tasks',
        hourly_rate: 120.5,
        budget: 200.25,
        budget_by: 'project',
        budget_is_monthly: true,
        notify_when_over_budget: true,
        over_budget_notification_percentage: 90,
        show_budget_to_all: true,
        cost_budget: 5000,
        cost_budget_include_expenses: true,
        fee: 12000.99,
        notes: 'n',
        starts_on: '2026-01-01',
        ends_on: '2026-12-31',
      });
    });

    it('validates with Harvest-style messages', async () => {
      const { caller, clientId } = await setup();
      const missing = await send('POST', caller.headers, '/v2/projects', {});
      expect(missing.json()).toEqual({ message: "Client id can't be blank, Name can't be blank" });
      const unknownClient = await send('POST', caller.headers, '/v2/projects', {
        client_id: 999999,
        name: 'X',
      });
      expect(unknownClient.json()).toEqual({ message: 'Client must exist' });
      const badEnum = await send('POST', caller.headers, '/v2/projects', {
        client_id: clientId,
        name: 'X',
        bill_by: 'people',
      });
      expect(badEnum.json()).toEqual({ message: 'Bill by is not included in the list' });
      const dates = await send('POST', caller.headers, '/v2/projects', {
        client_id: clientId,
        name: 'X',
        starts_on: '2026-02-01',
        ends_on: '2026-01-01',
      });
      expect(dates.json()).toEqual({ message: 'Ends on must be on or after starts on' });
      const badDate = await send('POST', caller.headers, '/v2/projects', {
        client_id: clientId,
        name: 'X',
        starts_on: '2026-02-30',
      });
      expect(badDate.json()).toEqual({ message: 'Starts on is not a valid date' });
    });

    it('keeps names unique per client, frees them on delete', async () => {
      const { caller, clientId, adminHeaders } = await setup();
      const other = (await send('POST', adminHeaders, '/v2/clients', { name: 'Other' })).json();
      const first = (
        await send('POST', caller.headers, '/v2/projects', { client_id: clientId, name: 'Site' })
      ).json();
      expect(
        (
          await send('POST', caller.headers, '/v2/projects', { client_id: clientId, name: 'Site' })
        ).json(),
      ).toEqual({
        message: 'Name has already been taken',
      });
      expect(
        (await send('POST', caller.headers, '/v2/projects', { client_id: other.id, name: 'Site' }))
          .statusCode,
      ).toBe(201);
      const move = await send('PATCH', caller.headers, `/v2/projects/${first.id}`, {
        client_id: other.id,
      });
      expect(move.json()).toEqual({ message: 'Name has already been taken' });
      expect((await send('DELETE', caller.headers, `/v2/projects/${first.id}`)).statusCode).toBe(
        200,
      );
      expect((await get(caller.headers, `/v2/projects/${first.id}`)).statusCode).toBe(404);
      expect(
        (await send('POST', caller.headers, '/v2/projects', { client_id: clientId, name: 'Site' }))
          .statusCode,
      ).toBe(201);
    });

    it('assigns default tasks and future-project people to a new project', async () => {
      const { caller, clientId } = await setup();
      const everywhere = await createUser(t.db, t.clock, caller.accountId, {
        accessLevel: 'member',
      });
      await t.db
        .updateTable('users')
        .set({ has_access_to_all_future_projects: 1 })
        .where('id', '=', everywhere.id)
        .execute();
      const design = (
        await send('POST', caller.headers, '/v2/tasks', {
          name: 'Design',
          is_default: true,
          default_hourly_rate: 90,
          billable_by_default: false,
        })
      ).json();
      await send('POST', caller.headers, '/v2/tasks', { name: 'Optional' });
      const project = (
        await send('POST', caller.headers, '/v2/projects', { client_id: clientId, name: 'Auto' })
      ).json();
      const tasks = await t.db
        .selectFrom('task_assignments')
        .selectAll()
        .where('project_id', '=', project.id)
        .execute();
      expect(tasks.map((a) => [a.task_id, a.billable, a.hourly_rate_cents])).toEqual([
        [design.id, 0, 9000],
      ]);
      const people = await t.db
        .selectFrom('user_assignments')
        .selectAll()
        .where('project_id', '=', project.id)
        .execute();
      expect(people.map((a) => [a.user_id, a.is_project_manager])).toEqual([[everywhere.id, 0]]);
    });

    it('lets a project creator create, then manage only their projects; members get 403', async () => {
      const {
        caller: creator,
        adminHeaders,
        clientId,
      } = await setup({ accessLevel: 'manager', managerPermissions: ['project_creator'] });
      const mine = await send('POST', creator.headers, '/v2/projects', {
        client_id: clientId,
        name: 'Mine',
      });
      expect(mine.statusCode).toBe(201);
      const theirs = (
        await send('POST', adminHeaders, '/v2/projects', { client_id: clientId, name: 'Theirs' })
      ).json();
      const list = (await get(creator.headers, '/v2/projects')).json();
      assertHarvestSchema('listProjects', 200, list);
      expect(list.projects.map((p: { name: string }) => p.name)).toEqual(['Mine']);
      expect((await get(creator.headers, `/v2/projects/${theirs.id}`)).statusCode).toBe(403);
      const edit = await send('PATCH', creator.headers, `/v2/projects/${mine.json().id}`, {
        notes: 'ok',
      });
      assertHarvestSchema('updateProject', 200, edit.json());
      expect(edit.json().notes).toBe('ok');
      const member = await createHarvestCaller(t.db, t.clock, {
        accessLevel: 'member',
        accountId: creator.accountId,
      });
      expect((await get(member.headers, '/v2/projects')).statusCode).toBe(403);
      expect(
        (await send('POST', member.headers, '/v2/projects', { client_id: clientId, name: 'No' }))
          .statusCode,
      ).toBe(403);
      const plainManager = await createHarvestCaller(t.db, t.clock, {
        accessLevel: 'manager',
        accountId: creator.accountId,
      });
      expect(
        (
          await send('POST', plainManager.headers, '/v2/projects', {
            client_id: clientId,
            name: 'No',
          })
        ).statusCode,
      ).toBe(403);
    });

    it('filters by client and activity; a client with only deleted projects can be deleted', async () => {
      const { caller, clientId, adminHeaders } = await setup();
      const other = (await send('POST', adminHeaders, '/v2/clients', { name: 'Other' })).json();
      const a = (
        await send('POST', caller.headers, '/v2/projects', { client_id: clientId, name: 'A' })
      ).json();
      await send('POST', caller.headers, '/v2/projects', {
        client_id: other.id,
        name: 'B',
        is_active: false,
      });
      const byClient = (await get(caller.headers, `/v2/projects?client_id=${clientId}`)).json();
      expect(byClient.projects.map((p: { name: string }) => p.name)).toEqual(['A']);
      expect(byClient.links.first).toContain(`client_id=${clientId}`);
      const inactive = (await get(caller.headers, '/v2/projects?is_active=false')).json();
      expect(inactive.projects.map((p: { name: string }) => p.name)).toEqual(['B']);
      expect((await send('DELETE', caller.headers, `/v2/clients/${clientId}`)).statusCode).toBe(
        422,
      );
      await send('DELETE', caller.headers, `/v2/projects/${a.id}`);
      expect((await send('DELETE', caller.headers, `/v2/clients/${clientId}`)).statusCode).toBe(
        200,
      );
    });
  });
}
