import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /punch/v1/projects and /punch/v1/people`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);
    const as = (token: string) => (url: string) =>
      t.app.inject({
        method: 'GET',
        url: `/punch/v1${url}`,
        headers: { authorization: `Bearer ${token}` },
      });

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
