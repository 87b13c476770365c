import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: assignments`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const { get, send } = harvestRequests(() => t.app);

    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const client = (await send('POST', h, '/v2/clients', { name: 'Acme' })).json();
      const project = (
        await send('POST', h, '/v2/projects', { client_id: client.id, name: 'Site', code: 'ST' })
      ).json();
      const task = (await send('POST', h, '/v2/tasks', { name: 'Build' })).json();
      const member = await createUser(t.db, t.clock, admin.accountId, {
        accessLevel: 'member',
        firstName: 'Mia',
        lastName: 'Member',
      });
      const memberToken = await createToken(t.db, t.clock, member.id);
      const memberHeaders = { ...h, authorization: `Bearer ${memberToken.token}` };
      return { admin, h, client, project, task, member, memberHeaders };
    }

    it('assigns people with Harvest defaults and nests project and user', async () => {
      const w = await world();
      const url = `/v2/projects/${w.project.id}/user_assignments`;
      const res = await send('POST', w.h, url, { user_id: w.member.id });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      assertHarvestSchema('createUserAssignment', 201, body);
      expect(body).toMatchObject({
        project: { id: w.project.id, name: 'Site', code: 'ST' },
        user: { id: w.member.id, name: 'Mia Member' },
        is_active: true,
        is_project_manager: false,
        use_default_rates: true,
        hourly_rate: null,
        budget: null,
      });
      expect(res.headers.location).toBe(
        `${TEST_PUBLIC_URL}/api/v2/projects/${w.project.id}/user_assignments/${body.id}`,
      );
      const again = await send('POST', w.h, url, { user_id: w.member.id });
      expect(again.json()).toEqual({ message: 'User is already assigned to this project' });
      expect((await send('POST', w.h, url, { user_id: 999999 })).json()).toEqual({
        message: 'User must exist',
      });

      const patched = await send('PATCH', w.h, `${url}/${body.id}`, {
        use_default_rates: false,
        hourly_rate: 95,
      });
      assertHarvestSchema('updateUserAssignment', 200, patched.json());
      expect(patched.json()).toMatchObject({ use_default_rates: false, hourly_rate: 95 });
      assertHarvestSchema(
        'retrieveUserAssignment',
        200,
        (await get(w.h, `${url}/${body.id}`)).json(),
      );
      const list = (await get(w.h, url)).json();
      assertHarvestSchema('listUserAssignmentsForSpecificProject', 200, list);
      expect(list.user_assignments).toHaveLength(1);
      const all = (await get(w.h, `/v2/user_assignments?user_id=${w.member.id}`)).json();
      assertHarvestSchema('listUserAssignments', 200, all);
      expect(all.user_assignments.map((a: { id: number }) => a.id)).toEqual([body.id]);
      expect((await send('DELETE', w.h, `${url}/${body.id}`)).statusCode).toBe(200);
      expect((await get(w.h, `${url}/${body.id}`)).statusCode).toBe(404);
    });

    it('adds tasks to projects, not billable unless asked, once each', async () => {
      const w = await world();
      const url = `/v2/projects/${w.project.id}/task_assignments`;
      const res = await send('POST', w.h, url, { task_id: w.task.id, hourly_rate: 75.25 });
      expect(res.statusCode).toBe(201);
      assertHarvestSchema('createTaskAssignment', 201, res.json());
      expect(res.json()).toMatchObject({
        task: { id: w.task.id, name: 'Build' },
        billable: false,
        is_active: true,
        hourly_rate: 75.25,
      });
      expect((await send('POST', w.h, url, { task_id: w.task.id })).json()).toEqual({
        message: 'Task is already assigned to this project',
      });
      expect((await send('POST', w.h, url, { task_id: 999999 })).json()).toEqual({
        message: 'Task must exist',
      });
      const id = res.json().id;
      const patched = await send('PATCH', w.h, `${url}/${id}`, { billable: true });
      assertHarvestSchema('updateTaskAssignment', 200, patched.json());
      expect(patched.json().billable).toBe(true);
      assertHarvestSchema('retrieveTaskAssignment', 200, (await get(w.h, `${url}/${id}`)).json());
      assertHarvestSchema(
        'listTaskAssignmentsForSpecificProject',
        200,
        (await get(w.h, url)).json(),
      );
      const all = (await get(w.h, '/v2/task_assignments')).json();
      assertHarvestSchema('listTaskAssignments', 200, all);
      expect(all.task_assignments.map((a: { id: number }) => a.id)).toEqual([id]);
      await send('DELETE', w.h, `/v2/tasks/${w.task.id}`);
      expect((await get(w.h, '/v2/task_assignments')).json().task_assignments).toEqual([]);
    });

    it('shows people what they may track time to, with client and active tasks', async () => {
      const w = await world();
      await send('POST', w.h, `/v2/projects/${w.project.id}/task_assignments`, {
        task_id: w.task.id,
        billable: true,
      });
      const hidden = (await send('POST', w.h, '/v2/tasks', { name: 'Hidden' })).json();
      const off = (
        await send('POST', w.h, `/v2/projects/${w.project.id}/task_assignments`, {
          task_id: hidden.id,
        })
      ).json();
      await send('PATCH', w.h, `/v2/projects/${w.project.id}/task_assignments/${off.id}`, {
        is_active: false,
      });
      await send('POST', w.h, `/v2/projects/${w.project.id}/user_assignments`, {
        user_id: w.member.id,
      });
      const archived = (
        await send('POST', w.h, '/v2/projects', { client_id: w.client.id, name: 'Old' })
      ).json();
      await send('POST', w.h, `/v2/projects/${archived.id}/user_assignments`, {
        user_id: w.member.id,
      });
      await send('PATCH', w.h, `/v2/projects/${archived.id}`, { is_active: false });

      const res = await get(w.memberHeaders, '/v2/users/me/project_assignments');
      expect(res.statusCode).toBe(200);
      const body = res.json();
      assertHarvestSchema(
        'listActiveProjectAssignmentsForTheCurrentlyAuthenticatedUser',
        200,
        body,
      );
      expect(body.project_assignments).toHaveLength(1);
      expect(body.project_assignments[0]).toMatchObject({
        is_project_manager: false,
        project: { id: w.project.id, name: 'Site', code: 'ST', is_billable: true },
        client: { id: w.client.id, name: 'Acme', currency: 'USD' },
        task_assignments: [{ billable: true, task: { id: w.task.id, name: 'Build' } }],
      });
      const byId = await get(w.h, `/v2/users/${w.member.id}/project_assignments`);
      assertHarvestSchema('listActiveProjectAssignments', 200, byId.json());
      expect(byId.json().project_assignments).toHaveLength(1);
      expect(
        (await get(w.memberHeaders, `/v2/users/${w.admin.user.id}/project_assignments`)).statusCode,
      ).toBe(403);
    });

    it('lets members touch no assignment lists, and managers only their projects', async () => {
      const w = await world();
      expect((await get(w.memberHeaders, '/v2/user_assignments')).statusCode).toBe(403);
      expect(
        (await get(w.memberHeaders, `/v2/projects/${w.project.id}/user_assignments`)).statusCode,
      ).toBe(403);
      expect(
        (
          await send('POST', w.memberHeaders, `/v2/projects/${w.project.id}/user_assignments`, {
            user_id: w.member.id,
          })
        ).statusCode,
      ).toBe(403);

      const manager = await createUser(t.db, t.clock, w.admin.accountId, {
        accessLevel: 'manager',
      });
      const managerHeaders = {
        ...w.h,
        authorization: `Bearer ${(await createToken(t.db, t.clock, manager.id)).token}`,
      };
      expect(
        (await get(managerHeaders, `/v2/projects/${w.project.id}/user_assignments`)).statusCode,
      ).toBe(403);
      await send('POST', w.h, `/v2/projects/${w.project.id}/user_assignments`, {
        user_id: manager.id,
      });
      const own = await send(
        'POST',
        managerHeaders,
        `/v2/projects/${w.project.id}/user_assignments`,
        { user_id: w.member.id },
      );
      expect(own.statusCode).toBe(201);
      const other = (
        await send('POST', w.h, '/v2/projects', { client_id: w.client.id, name: 'Other' })
      ).json();
      await send('POST', w.h, `/v2/projects/${other.id}/user_assignments`, {
        user_id: w.member.id,
      });
      const visible = (await get(managerHeaders, '/v2/user_assignments')).json();
      expect(
        new Set(visible.user_assignments.map((a: { project: { id: number } }) => a.project.id)),
      ).toEqual(new Set([w.project.id]));
    });

    it("hides another account's projects entirely", async () => {
      const w = await world();
      const stranger = await createHarvestCaller(t.db, t.clock);
      expect(
        (await get(stranger.headers, `/v2/projects/${w.project.id}/user_assignments`)).statusCode,
      ).toBe(404);
      expect(
        (
          await send('POST', stranger.headers, `/v2/projects/${w.project.id}/task_assignments`, {
            task_id: w.task.id,
          })
        ).statusCode,
      ).toBe(404);
    });
  });
}
