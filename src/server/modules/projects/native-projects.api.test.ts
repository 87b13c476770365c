import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /punch/v1/projects and /punch/v1/people`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);
    const native = nativeRequests(() => t.app);
    const as = (token: string) => (url: string) => native(token)('GET', url);

    it('shows projects with their money only to those who may see rates', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const client = (await harvest.send('POST', h, '/v2/clients', { name: 'Acme' })).json();
      const project = (
        await harvest.send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Site',
          code: 'ST',
          bill_by: 'Project',
          hourly_rate: 120,
          budget_by: 'project',
          budget: 40,
        })
      ).json();
      const listed = (await as(admin.token)('/projects')).json();
      expect(listed.data).toEqual([
        expect.objectContaining({
          id: project.id,
          name: 'Site',
          code: 'ST',
          client: { id: client.id, name: 'Acme', currency: 'USD' },
          billBy: 'Project',
          hourlyRate: 120,
          budget: 40,
          isActive: true,
        }),
      ]);
      // A manager who manages the project but may not see rates sees it without money.
      const manager = await createUser(t.db, t.clock, admin.accountId, { accessLevel: 'manager' });
      await harvest.send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
        user_id: manager.id,
        is_project_manager: true,
      });
      const managerToken = (await createToken(t.db, t.clock, manager.id)).token;
      const seen = (await as(managerToken)(`/projects/${project.id}`)).json();
      expect(seen).toMatchObject({ id: project.id, hourlyRate: null, fee: null, costBudget: null });
      const member = await createUser(t.db, t.clock, admin.accountId, { accessLevel: 'member' });
      const memberToken = (await createToken(t.db, t.clock, member.id)).token;
      expect((await as(memberToken)('/projects')).statusCode).toBe(403);
    });

    it('creates, changes and deletes a project through the same rules as Harvest', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const client = (
        await harvest.send('POST', admin.headers, '/v2/clients', { name: 'Acme' })
      ).json();
      const send = native(admin.token);
      const created = await send('POST', '/projects', {
        clientId: client.id,
        name: 'Web',
        billBy: 'Project',
        hourlyRate: 80,
        budgetBy: 'project',
        budget: 12.5,
        startsOn: '2026-03-01',
      });
      expect(created.statusCode, created.body).toBe(201);
      const project = created.json();
      expect(project).toMatchObject({ name: 'Web', hourlyRate: 80, budget: 12.5, isActive: true });
      const twin = await send('POST', '/projects', { clientId: client.id, name: 'Web' });
      expect(twin.json().error.code).toBe('project_name_taken');
      const backwards = await send('PATCH', `/projects/${project.id}`, { endsOn: '2026-02-01' });
      expect(backwards.statusCode).toBe(422);
      const changed = await send('PATCH', `/projects/${project.id}`, {
        name: 'Web 2',
        isFixedFee: true,
        fee: 1000,
      });
      expect(changed.json()).toMatchObject({ name: 'Web 2', isFixedFee: true, fee: 1000 });
      expect((await send('DELETE', `/projects/${project.id}`)).statusCode).toBe(204);
      expect((await as(admin.token)(`/projects/${project.id}`)).statusCode).toBe(404);
    });

    it("sets and lists a person's rates over time, to those who may see them", async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const person = await createUser(t.db, t.clock, admin.accountId, { firstName: 'Rita' });
      const call = native(admin.token);
      const set = await call('POST', `/people/${person.id}/rates`, {
        kind: 'billable',
        amount: 120,
        startDate: '2026-01-01',
      });
      expect(set.statusCode, set.body).toBe(201);
      expect(set.json()).toMatchObject({ kind: 'billable', amount: 120, startDate: '2026-01-01' });
      const listed = (await call('GET', `/people/${person.id}/rates?kind=billable`)).json();
      expect(listed.data).toEqual([
        {
          id: set.json().id,
          kind: 'billable',
          amount: 120,
          startDate: '2026-01-01',
          endDate: null,
        },
      ]);
      const future = await call('POST', `/people/${person.id}/rates`, {
        kind: 'cost',
        amount: 50,
        startDate: '2027-01-01',
      });
      expect(future.statusCode).toBe(422);
      const member = await createUser(t.db, t.clock, admin.accountId, { accessLevel: 'member' });
      const memberToken = (await createToken(t.db, t.clock, member.id)).token;
      expect((await as(memberToken)(`/people/${person.id}/rates?kind=billable`)).statusCode).toBe(
        403,
      );
      const event = await t.db
        .selectFrom('events')
        .select(['after_json', 'user_id'])
        .where('account_id', '=', admin.accountId)
        .where('type', '=', 'rate.created')
        .executeTakeFirstOrThrow();
      expect(event.user_id).toBe(person.id);
      expect(event.after_json).not.toContain('120');
    });

    it('lists people, finds them by name, and keeps them to the account', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const ada = await createUser(t.db, t.clock, admin.accountId, {
        firstName: 'Grace',
        lastName: 'Hopper',
      });
      const found = (await as(admin.token)('/people?q=hopp')).json();
      expect(found.data.map((p: { id: number }) => p.id)).toEqual([ada.id]);
      expect((await as(admin.token)(`/people/${ada.id}`)).json()).toMatchObject({
        id: ada.id,
        firstName: 'Grace',
        lastName: 'Hopper',
        accessLevel: 'member',
      });
      const stranger = await createHarvestCaller(t.db, t.clock);
      expect((await as(stranger.token)(`/people/${ada.id}`)).statusCode).toBe(404);
    });
  });
}
