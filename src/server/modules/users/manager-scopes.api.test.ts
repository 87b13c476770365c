import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';
import type { ManagerPermission } from '../auth/auth.rules.ts';

/**
 * Managers reach money only within their scope (reference §2.5): a manager with
 * `billable_rates_manager` reads and writes billable rates of the people they manage or who
 * are on projects they manage; a project manager without it neither sees nor sets a
 * project's or an assignment's rates.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: manager scopes over rates`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const { get, send } = harvestRequests(() => t.app);

    /** An account with a project managed by `manager`, a member on it, and an outsider. */
    async function world(permissions: ManagerPermission[]) {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const client = (await send('POST', h, '/v2/clients', { name: 'Acme' })).json<{
        id: number;
      }>();
      const project = (
        await send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Site',
          bill_by: 'Project',
          hourly_rate: 120,
          cost_budget: 5000,
          budget_by: 'project_cost',
          budget: 10000,
        })
      ).json<{ id: number }>();
      const task = (await send('POST', h, '/v2/tasks', { name: 'Build' })).json<{ id: number }>();
      const taskAssignment = (
        await send('POST', h, `/v2/projects/${project.id}/task_assignments`, {
          task_id: task.id,
          hourly_rate: 90,
        })
      ).json<{ id: number }>();
      const manager = await createUser(t.db, t.clock, admin.accountId, {
        accessLevel: 'manager',
        managerPermissions: permissions,
      });
      const onProject = await createUser(t.db, t.clock, admin.accountId);
      const teammate = await createUser(t.db, t.clock, admin.accountId);
      const outsider = await createUser(t.db, t.clock, admin.accountId);
      await send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
        user_id: manager.id,
        is_project_manager: true,
      });
      const memberAssignment = (
        await send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
          user_id: onProject.id,
          hourly_rate: 80,
        })
      ).json<{ id: number }>();
      const teammates = await send('PATCH', h, `/v2/users/${manager.id}/teammates`, {
        teammate_ids: [teammate.id],
      });
      expect(teammates.statusCode, teammates.body).toBe(200);
      const mh: Headers = {
        ...h,
        authorization: `Bearer ${(await createToken(t.db, t.clock, manager.id)).token}`,
      };
      return {
        admin,
        h,
        mh,
        project,
        taskAssignment,
        memberAssignment,
        onProject,
        teammate,
        outsider,
      };
    }

    it('lets a billable-rates manager read and write rates only of people they manage', async () => {
      const w = await world(['billable_rates_manager']);
      for (const person of [w.onProject, w.teammate, w.outsider]) {
        await send('POST', w.h, `/v2/users/${person.id}/billable_rates`, { amount: 50 });
      }
      for (const person of [w.onProject, w.teammate]) {
        const list = await get(w.mh, `/v2/users/${person.id}/billable_rates`);
        expect(list.statusCode, list.body).toBe(200);
        const rateId = list.json<{ billable_rates: { id: number }[] }>().billable_rates[0]!.id;
        expect(
          (await get(w.mh, `/v2/users/${person.id}/billable_rates/${rateId}`)).statusCode,
        ).toBe(200);
        const created = await send('POST', w.mh, `/v2/users/${person.id}/billable_rates`, {
          amount: 75,
        });
        expect(created.statusCode, created.body).toBe(201);
      }
      const outsiderRates = await get(w.h, `/v2/users/${w.outsider.id}/billable_rates`);
      const outsiderRateId = outsiderRates.json<{ billable_rates: { id: number }[] }>()
        .billable_rates[0]!.id;
      for (const url of [
        `/v2/users/${w.outsider.id}/billable_rates`,
        `/v2/users/${w.outsider.id}/billable_rates/${outsiderRateId}`,
      ]) {
        const res = await get(w.mh, url);
        expect(res.statusCode, url).toBe(403);
      }
      const write = await send('POST', w.mh, `/v2/users/${w.outsider.id}/billable_rates`, {
        amount: 1,
      });
      expect(write.statusCode).toBe(403);
      // Cost rates stay the administrators' alone, even of managed people.
      expect((await get(w.mh, `/v2/users/${w.teammate.id}/cost_rates`)).statusCode).toBe(403);
      expect(
        (await send('POST', w.mh, `/v2/users/${w.teammate.id}/cost_rates`, { amount: 1 }))
          .statusCode,
      ).toBe(403);
      // Nothing was written for the outsider.
      const after = await get(w.h, `/v2/users/${w.outsider.id}/billable_rates`);
      expect(after.json()).toEqual(outsiderRates.json());
    });

    it('refuses rates to a manager without the permission, even for their teammates', async () => {
      const w = await world([]);
      expect((await get(w.mh, `/v2/users/${w.teammate.id}/billable_rates`)).statusCode).toBe(403);
      expect(
        (await send('POST', w.mh, `/v2/users/${w.teammate.id}/billable_rates`, { amount: 5 }))
          .statusCode,
      ).toBe(403);
    });

    it('hides and protects project and assignment rates from a project manager without it', async () => {
      const w = await world([]);
      const project = await get(w.mh, `/v2/projects/${w.project.id}`);
      expect(project.statusCode).toBe(200);
      assertHarvestSchema('retrieveProject', 200, project.json());
      expect(project.json()).toMatchObject({ hourly_rate: null, cost_budget: null, fee: null });
      const assignments = await get(w.mh, `/v2/projects/${w.project.id}/user_assignments`);
      expect(assignments.statusCode).toBe(200);
      for (const a of assignments.json<{ user_assignments: { hourly_rate: unknown }[] }>()
        .user_assignments) {
        expect(a.hourly_rate).toBeNull();
      }
      const tasks = await get(w.mh, `/v2/projects/${w.project.id}/task_assignments`);
      expect(
        tasks.json<{ task_assignments: { hourly_rate: unknown }[] }>().task_assignments[0]!
          .hourly_rate,
      ).toBeNull();

      // The project manager may still rename the project, but not set what it bills.
      const renamed = await send('PATCH', w.mh, `/v2/projects/${w.project.id}`, { name: 'Site 2' });
      expect(renamed.statusCode, renamed.body).toBe(200);
      for (const body of [{ hourly_rate: 1 }, { cost_budget: 1 }, { fee: 1 }]) {
        const res = await send('PATCH', w.mh, `/v2/projects/${w.project.id}`, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(403);
        expect(res.json().message).toMatch(/billable_rates_manager/);
      }
      const userRate = await send(
        'PATCH',
        w.mh,
        `/v2/projects/${w.project.id}/user_assignments/${w.memberAssignment.id}`,
        { hourly_rate: 1 },
      );
      expect(userRate.statusCode).toBe(403);
      const taskRate = await send(
        'PATCH',
        w.mh,
        `/v2/projects/${w.project.id}/task_assignments/${w.taskAssignment.id}`,
        { hourly_rate: 1 },
      );
      expect(taskRate.statusCode).toBe(403);
      const newAssignment = await send(
        'POST',
        w.mh,
        `/v2/projects/${w.project.id}/user_assignments`,
        { user_id: w.outsider.id, hourly_rate: 1 },
      );
      expect(newAssignment.statusCode).toBe(403);

      // The administrator sees nothing changed.
      const truth = (await get(w.h, `/v2/projects/${w.project.id}`)).json();
      expect(truth).toMatchObject({ hourly_rate: 120, cost_budget: 5000, name: 'Site 2' });
      const member = (
        await get(w.h, `/v2/projects/${w.project.id}/user_assignments/${w.memberAssignment.id}`)
      ).json();
      expect(member.hourly_rate).toBe(80);
    });

    it('shows and lets set those rates with billable_rates_manager', async () => {
      const w = await world(['billable_rates_manager']);
      expect((await get(w.mh, `/v2/projects/${w.project.id}`)).json()).toMatchObject({
        hourly_rate: 120,
        cost_budget: 5000,
      });
      const res = await send('PATCH', w.mh, `/v2/projects/${w.project.id}`, { hourly_rate: 130 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().hourly_rate).toBe(130);
      const userRate = await send(
        'PATCH',
        w.mh,
        `/v2/projects/${w.project.id}/user_assignments/${w.memberAssignment.id}`,
        { hourly_rate: 85 },
      );
      expect(userRate.statusCode, userRate.body).toBe(200);
      expect(userRate.json().hourly_rate).toBe(85);
    });

    it('hides the rate of a Flowtly project from its manager without the permission', async () => {
      const w = await world([]);
      const seen = await get(
        { authorization: w.mh.authorization! },
        `/api/projects/${w.project.id}`,
      );
      expect(seen.statusCode).toBe(200);
      expect(seen.json().hourlyRate).toBeNull();
      const asAdmin = await get(
        { authorization: w.h.authorization },
        `/api/projects/${w.project.id}`,
      );
      expect(asAdmin.json().hourlyRate).toBe('120.00');
      // The collection: the manager's own projects only, rates hidden; members are refused.
      const listed = await get({ authorization: w.mh.authorization! }, '/api/projects');
      expect(listed.statusCode).toBe(200);
      expect(listed.json()['hydra:totalItems']).toBe(1);
      expect(listed.json()['hydra:member'][0]).toMatchObject({
        id: w.project.id,
        hourlyRate: null,
      });
      const member = await createUser(t.db, t.clock, w.admin.accountId);
      const memberToken = (await createToken(t.db, t.clock, member.id)).token;
      expect(
        (await get({ authorization: `Bearer ${memberToken}` }, '/api/projects')).statusCode,
      ).toBe(403);
      const all = await get({ authorization: w.h.authorization }, '/api/projects');
      expect(all.json()['hydra:member'][0]).toMatchObject({ hourlyRate: '120.00' });
    });
  });
}
