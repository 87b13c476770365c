import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /punch/v1/projects/{id}/members and /tasks`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);
    const native = nativeRequests(() => t.app);

    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const send = native(admin.token);
      const client = (await send('POST', '/clients', { name: 'Acme' })).json();
      const project = (
        await send('POST', '/projects', { clientId: client.id, name: 'Web' })
      ).json();
      const task = (await send('POST', '/tasks', { name: 'Design', isDefault: false })).json();
      const manager = await createUser(t.db, t.clock, admin.accountId, { accessLevel: 'manager' });
      const member = await createUser(t.db, t.clock, admin.accountId, { accessLevel: 'member' });
      return { admin, send, project, task, manager, member };
    }

    it('puts people on a project, changes and removes them, with events', async () => {
      const { admin, send, project, manager } = await world();
      const added = await send('POST', `/projects/${project.id}/members`, {
        personId: manager.id,
        hourlyRate: 95,
      });
      expect(added.statusCode, added.body).toBe(201);
      const assignment = added.json();
      // A manager is the project's manager unless told otherwise, as on Harvest.
      expect(assignment).toMatchObject({
        projectId: project.id,
        person: { id: manager.id },
        isActive: true,
        isProjectManager: true,
        useDefaultRates: true,
        hourlyRate: 95,
        budget: null,
      });
      const twice = await send('POST', `/projects/${project.id}/members`, {
        personId: manager.id,
      });
      expect(twice.statusCode).toBe(422);
      expect(twice.json().error.code).toBe('already_assigned');

      const changed = await send('PATCH', `/projects/${project.id}/members/${assignment.id}`, {
        isProjectManager: false,
        budget: 20,
      });
      expect(changed.json()).toMatchObject({ isProjectManager: false, budget: 20, hourlyRate: 95 });

      const listed = (await send('GET', `/projects/${project.id}/members`)).json();
      expect(listed.data.map((m: { person: { id: number } }) => m.person.id)).toContain(manager.id);

      // Seen through Harvest: the same assignment.
      const onHarvest = (
        await harvest.get(
          admin.headers,
          `/v2/projects/${project.id}/user_assignments/${assignment.id}`,
        )
      ).json();
      expect(onHarvest).toMatchObject({ is_project_manager: false, budget: 20, hourly_rate: 95 });

      expect(
        (await send('DELETE', `/projects/${project.id}/members/${assignment.id}`)).statusCode,
      ).toBe(204);
      const after = (await send('GET', `/projects/${project.id}/members`)).json();
      expect(after.data.map((m: { id: number }) => m.id)).not.toContain(assignment.id);

      const types = await t.db
        .selectFrom('events')
        .select('type')
        .where('account_id', '=', admin.accountId)
        .where('type', 'like', 'user_assignment.%')
        .where('entity_id', '=', assignment.id)
        .orderBy('id')
        .execute();
      expect(types.map((e) => e.type)).toEqual([
        'user_assignment.created',
        'user_assignment.updated',
        'user_assignment.deleted',
      ]);
    });

    it('adds tasks to a project and refuses to remove one with tracked time', async () => {
      const { send, project, task, admin } = await world();
      const added = await send('POST', `/projects/${project.id}/tasks`, {
        taskId: task.id,
        billable: true,
      });
      expect(added.statusCode, added.body).toBe(201);
      const assignment = added.json();
      expect(assignment).toMatchObject({ task: { id: task.id, name: 'Design' }, billable: true });

      await send('POST', `/projects/${project.id}/members`, { personId: admin.user.id });
      const entry = await send('POST', '/time-entries', {
        projectId: project.id,
        taskId: task.id,
        spentDate: '2026-03-02',
        seconds: 3600,
      });
      expect(entry.statusCode, entry.body).toBe(201);
      const refused = await send('DELETE', `/projects/${project.id}/tasks/${assignment.id}`);
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe('assignment_not_removable');

      const archived = await send('PATCH', `/projects/${project.id}/tasks/${assignment.id}`, {
        isActive: false,
      });
      expect(archived.json().isActive).toBe(false);
      const active = (await send('GET', `/projects/${project.id}/tasks?isActive=true`)).json();
      expect(active.data.map((a: { id: number }) => a.id)).not.toContain(assignment.id);
    });

    it('keeps assignments to administrators and the managers of the project', async () => {
      const { send, project, task, manager, member } = await world();
      const memberToken = (await createToken(t.db, t.clock, member.id)).token;
      const asMember = native(memberToken);
      expect((await asMember('GET', `/projects/${project.id}/members`)).statusCode).toBe(403);
      expect(
        (await asMember('POST', `/projects/${project.id}/tasks`, { taskId: task.id })).statusCode,
      ).toBe(403);

      // A manager of the project who may not see rates manages its people, without rates.
      const added = (
        await send('POST', `/projects/${project.id}/members`, {
          personId: manager.id,
          hourlyRate: 70,
        })
      ).json();
      const managerToken = (await createToken(t.db, t.clock, manager.id)).token;
      const asManager = native(managerToken);
      const seen = (await asManager('GET', `/projects/${project.id}/members`)).json();
      expect(seen.data.find((m: { id: number }) => m.id === added.id)).toMatchObject({
        hourlyRate: null,
      });
      const setRate = await asManager('PATCH', `/projects/${project.id}/members/${added.id}`, {
        hourlyRate: 200,
      });
      expect(setRate.statusCode).toBe(403);

      // Another account's project is not found, not forbidden.
      const stranger = await createHarvestCaller(t.db, t.clock);
      const foreign = await native(stranger.token)('GET', `/projects/${project.id}/members`);
      expect(foreign.statusCode).toBe(404);
    });

    it('refuses unknown fields and a person of another account', async () => {
      const { send, project } = await world();
      const unknown = await send('POST', `/projects/${project.id}/members`, {
        personId: 1,
        user_id: 1,
      });
      expect(unknown.statusCode).toBe(422);
      const stranger = await createHarvestCaller(t.db, t.clock);
      const foreign = await send('POST', `/projects/${project.id}/members`, {
        personId: stranger.user.id,
      });
      expect(foreign.statusCode).toBe(422);
      expect(foreign.json().error.message).toMatch(/must exist/);
    });
  });

  describe(`${dialect}: /punch/v1/people writes`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const native = nativeRequests(() => t.app);

    it('adds, changes, archives and deletes a person', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const send = native(admin.token);
      const created = await send('POST', '/people', {
        firstName: 'Olena',
        lastName: 'Koval',
        email: 'olena@example.com',
        timezone: 'Europe/Berlin',
        weeklyCapacitySeconds: 108000,
        accessLevel: 'manager',
        managerPermissions: ['billable_rates_manager'],
      });
      expect(created.statusCode, created.body).toBe(201);
      const person = created.json();
      expect(person).toMatchObject({
        firstName: 'Olena',
        timezone: 'Europe/Berlin',
        weeklyCapacitySeconds: 108000,
        accessLevel: 'manager',
        managerPermissions: ['billable_rates_manager'],
        isActive: true,
      });
      const taken = await send('POST', '/people', {
        firstName: 'O',
        lastName: 'K',
        email: 'olena@example.com',
      });
      expect(taken.statusCode).toBe(422);

      const permsAlone = await send('PATCH', `/people/${person.id}`, { managerPermissions: [] });
      expect(permsAlone.statusCode).toBe(422);
      expect(permsAlone.json().error.code).toBe('access_level_required');

      const demoted = await send('PATCH', `/people/${person.id}`, {
        accessLevel: 'member',
        isActive: false,
      });
      expect(demoted.statusCode, demoted.body).toBe(200);
      expect(demoted.json()).toMatchObject({
        accessLevel: 'member',
        managerPermissions: [],
        isActive: false,
      });
      expect((await send('DELETE', `/people/${person.id}`)).statusCode).toBe(204);
      expect((await send('GET', `/people/${person.id}`)).statusCode).toBe(404);
    });

    it('lets only administrators add or change people', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const manager = await createUser(t.db, t.clock, admin.accountId, {
        accessLevel: 'manager',
        managerPermissions: ['people_manager'],
      });
      const token = (await createToken(t.db, t.clock, manager.id)).token;
      const send = native(token);
      const refused = await send('POST', '/people', {
        firstName: 'A',
        lastName: 'B',
        email: 'ab@example.com',
      });
      expect(refused.statusCode).toBe(403);
      const promote = await send('PATCH', `/people/${manager.id}`, {
        accessLevel: 'administrator',
      });
      expect(promote.statusCode).toBe(403);
    });
  });
}
