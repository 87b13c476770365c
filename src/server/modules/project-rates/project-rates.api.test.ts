import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { flowtlyRequests } from '../../../../test/flowtly-requests.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Flowtly employee project rates`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const { post, patch, get, del } = flowtlyRequests(() => t.app);
    const harvest = harvestRequests(() => t.app);

    /** A People-billed project Aurora with a task, and a person assigned to both. */
    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const client = (
        await harvest.send('POST', admin.headers, '/v2/clients', { name: 'Acme', currency: 'EUR' })
      ).json();
      const project = (
        await harvest.send('POST', admin.headers, '/v2/projects', {
          client_id: client.id,
          name: 'Aurora',
          is_billable: true,
          bill_by: 'People',
          budget_by: 'none',
        })
      ).json();
      const task = (
        await harvest.send('POST', admin.headers, '/v2/tasks', {
          name: 'Build',
          billable_by_default: true,
        })
      ).json();
      await harvest.send('POST', admin.headers, `/v2/projects/${project.id}/task_assignments`, {
        task_id: task.id,
        billable: true,
      });
      const person = await createUser(t.db, t.clock, admin.accountId);
      await harvest.send('POST', admin.headers, `/v2/projects/${project.id}/user_assignments`, {
        user_id: person.id,
      });
      const flowtly: Headers = { authorization: `Bearer ${admin.token}` };
      return {
        admin,
        project,
        task,
        person,
        flowtly,
        url: `/api/employees/emp_${person.id}/project-rates`,
      };
    }

    it('adds rates, lists them in the proposed shape, and prices Harvest entries with them', async () => {
      const w = await world();
      expect((await get(w.flowtly, w.url)).json()).toEqual({
        '@context': '/api/contexts/EmployeeProjectRates',
        '@id': w.url,
        '@type': 'EmployeeProjectRates',
        employee: `/api/employees/emp_${w.person.id}`,
        rates: [],
      });
      const first = await post(w.flowtly, w.url, {
        project: '/api/projects/aurora',
        position: 'Senior Developer',
        ratePerHour: '95.00',
        dateFrom: '2024-01-01',
        dateTo: '2024-06-30',
      });
      expect(first.statusCode).toBe(201);
      const firstId = first.json().rates[0].id;
      expect(first.headers.location).toBe(`${w.url}/${firstId}`);
      const second = await post(w.flowtly, `/employees/${w.person.id}/project-rates`, {
        project: `/api/projects/prj_${w.project.id}`,
        ratePerHour: 110.5,
        dateFrom: '2024-07-01',
      });
      expect(second.statusCode).toBe(201);
      expect(second.json().rates).toEqual([
        {
          '@id': `${w.url}/${firstId}`,
          '@type': 'EmployeeProjectRate',
          id: firstId,
          project: `/api/projects/prj_${w.project.id}`,
          position: 'Senior Developer',
          ratePerHour: '95.00',
          currency: 'EUR',
          dateFrom: '2024-01-01',
          dateTo: '2024-06-30',
        },
        expect.objectContaining({ ratePerHour: '110.50', dateFrom: '2024-07-01', dateTo: null }),
      ]);

      const entry = async (spentDate: string): Promise<{ billable_rate: number | null }> =>
        (
          await harvest.send('POST', w.admin.headers, '/v2/time_entries', {
            user_id: w.person.id,
            project_id: w.project.id,
            task_id: w.task.id,
            spent_date: spentDate,
            hours: 1,
          })
        ).json();
      expect((await entry('2024-03-01')).billable_rate).toBe(95);
      expect((await entry('2024-08-01')).billable_rate).toBe(110.5);
      // Before any project rate: the person's own default rate.
      await harvest.send('PATCH', w.admin.headers, `/v2/users/${w.person.id}`, {
        default_hourly_rate: 80,
      });
      expect((await entry('2023-12-31')).billable_rate).toBe(80);
    });

    it('refuses overlapping periods of one project, and inverted ones', async () => {
      const w = await world();
      await post(w.flowtly, w.url, {
        project: '/api/projects/aurora',
        ratePerHour: '95.00',
        dateFrom: '2024-01-01',
        dateTo: '2024-06-30',
      });
      const clash = await post(w.flowtly, w.url, {
        project: '/api/projects/aurora',
        ratePerHour: '99.00',
        dateFrom: '2024-06-30',
      });
      expect(clash.statusCode).toBe(422);
      expect(clash.json().violations).toEqual([
        {
          propertyPath: 'dateFrom',
          message: 'This period overlaps the rate for this project from 2024-01-01 to 2024-06-30.',
          code: expect.any(String),
        },
      ]);
      const inverted = await post(w.flowtly, w.url, {
        project: '/api/projects/aurora',
        ratePerHour: '99.00',
        dateFrom: '2025-02-01',
        dateTo: '2025-01-01',
      });
      expect(inverted.json().violations[0].propertyPath).toBe('dateTo');
      const missing = await post(w.flowtly, w.url, { position: 'x' });
      expect(
        missing.json().violations.map((v: { propertyPath: string }) => v.propertyPath),
      ).toEqual(['project', 'ratePerHour']);
      const notMoney = await post(w.flowtly, w.url, {
        project: '/api/projects/aurora',
        ratePerHour: '-3',
      });
      expect(notMoney.statusCode).toBe(422);
      await harvest.send('PATCH', w.admin.headers, `/v2/projects/${w.project.id}`, {
        is_active: false,
      });
      const archived = await post(w.flowtly, w.url, {
        project: '/api/projects/aurora',
        ratePerHour: '1',
        dateFrom: '2030-01-01',
      });
      expect(archived.statusCode).toBe(422);
      expect(archived.json().violations[0]).toMatchObject({
        propertyPath: 'project',
        message: 'Rates can only be added to active projects.',
      });
      await harvest.send('PATCH', w.admin.headers, `/v2/projects/${w.project.id}`, {
        is_active: true,
      });
      const unknown = await post(w.flowtly, w.url, {
        project: '/api/projects/nowhere',
        ratePerHour: '1',
      });
      expect(unknown.statusCode).toBe(400);
      expect((await get(w.flowtly, w.url)).json().rates).toHaveLength(1);
    });

    it('extends and edits one rate with merge-patch, checks overlap again, and deletes it', async () => {
      const w = await world();
      const a = (
        await post(w.flowtly, w.url, {
          project: '/api/projects/aurora',
          ratePerHour: '95.00',
          dateFrom: '2024-01-01',
          dateTo: '2024-06-30',
        })
      ).json().rates[0].id;
      await post(w.flowtly, w.url, {
        project: '/api/projects/aurora',
        ratePerHour: '100.00',
        dateFrom: '2024-09-01',
      });
      const extended = await patch(w.flowtly, `${w.url}/${a}`, { dateTo: '2024-08-31' });
      expect(extended.statusCode).toBe(200);
      expect(extended.json().rates[0]).toMatchObject({
        dateTo: '2024-08-31',
        ratePerHour: '95.00',
      });
      const tooFar = await patch(w.flowtly, `${w.url}/${a}`, { dateTo: null });
      expect(tooFar.statusCode).toBe(422);
      const repriced = await patch(w.flowtly, `${w.url}/${a}`, {
        ratePerHour: '97.25',
        position: 'Lead',
      });
      expect(repriced.json().rates[0]).toMatchObject({ ratePerHour: '97.25', position: 'Lead' });
      expect(
        (await patch(w.flowtly, `${w.url}/${a}`, { dateTo: null }, 'application/json')).statusCode,
      ).toBe(415);

      expect((await del(w.flowtly, `${w.url}/${a}`)).statusCode).toBe(204);
      expect((await del(w.flowtly, `${w.url}/${a}`)).statusCode).toBe(404);
      expect((await get(w.flowtly, w.url)).json().rates).toHaveLength(1);

      // Each change is an event on the rate, without its amount; refused ones record nothing.
      const recorded = await t.db
        .selectFrom('events')
        .select(['type', 'before_json', 'after_json'])
        .where('type', 'like', 'project_rate.%')
        .where('entity_id', '=', a)
        .orderBy('id')
        .execute();
      expect(recorded.map((e) => e.type)).toEqual([
        'project_rate.created',
        'project_rate.updated',
        'project_rate.updated',
        'project_rate.deleted',
      ]);
      expect(JSON.stringify(recorded)).not.toMatch(/rateCents|9725|9500/);
      expect(JSON.parse(String(recorded[1]?.after_json))).toMatchObject({ dateTo: '2024-08-31' });
    });

    it('keeps rates to administrators, and 404s unknown employees', async () => {
      const w = await world();
      const member: Headers = {
        authorization: `Bearer ${(await createToken(t.db, t.clock, w.person.id)).token}`,
      };
      expect((await get(member, w.url)).statusCode).toBe(403);
      expect(
        (await post(member, w.url, { project: '/api/projects/aurora', ratePerHour: '1' }))
          .statusCode,
      ).toBe(403);
      expect((await get(w.flowtly, '/api/employees/emp_999999/project-rates')).statusCode).toBe(
        404,
      );
    });
  });
}
