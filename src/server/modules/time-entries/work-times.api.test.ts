import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';

const LD = 'application/ld+json';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Flowtly work times`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);

    /** An account with a project named Aurora, and a person assigned to it. */
    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const client = (
        await harvest.send('POST', admin.headers, '/v2/clients', { name: 'Acme' })
      ).json();
      const project = (
        await harvest.send('POST', admin.headers, '/v2/projects', {
          client_id: client.id,
          name: 'Aurora',
        })
      ).json();
      const task = (
        await harvest.send('POST', admin.headers, '/v2/tasks', { name: 'Build' })
      ).json();
      await harvest.send('POST', admin.headers, `/v2/projects/${project.id}/task_assignments`, {
        task_id: task.id,
      });
      const person = await createUser(t.db, t.clock, admin.accountId, { firstName: 'Ada' });
      await harvest.send('POST', admin.headers, `/v2/projects/${project.id}/user_assignments`, {
        user_id: person.id,
      });
      const token = (await createToken(t.db, t.clock, person.id)).token;
      const flowtly: Headers = { authorization: `Bearer ${token}` };
      const adminFlowtly: Headers = { authorization: `Bearer ${admin.token}` };
      return { admin, project, task, person, flowtly, adminFlowtly };
    }
    const post = (headers: Headers, url: string, payload: object, type = LD) =>
      t.app.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': type },
        payload: JSON.stringify(payload),
      });
    const patch = (
      headers: Headers,
      url: string,
      payload: object,
      type = 'application/merge-patch+json',
    ) =>
      t.app.inject({
        method: 'PATCH',
        url,
        headers: { ...headers, 'content-type': type },
        payload: JSON.stringify(payload),
      });
    const get = (headers: Headers, url: string) => t.app.inject({ method: 'GET', url, headers });

    it("accepts the seed's own example payload and answers in its shape", async () => {
      const w = await world();
      const res = await post(w.flowtly, '/employee_working_hours', {
        employee: `/api/employees/emp_${w.person.id}`,
        project: '/api/projects/aurora',
        date: '2024-07-04T00:00:00+00:00',
        seconds: 27000,
        description: 'Budget review for Aurora project',
      });
      expect(res.statusCode).toBe(201);
      expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
      const body = res.json();
      expect(body).toEqual({
        '@context': '/api/contexts/WorkTime',
        '@id': `/api/employee_working_hours/wkt_${body.id}`,
        '@type': 'WorkTime',
        id: body.id,
        employee: `/api/employees/emp_${w.person.id}`,
        project: `/api/projects/prj_${w.project.id}`,
        date: '2024-07-04T00:00:00+00:00',
        seconds: 27000,
        description: 'Budget review for Aurora project',
        createdAt: '2026-03-04T09:30:00+00:00',
        updatedAt: '2026-03-04T09:30:00+00:00',
        deletedAt: null,
        deleted: false,
      });
      expect(res.headers.location).toBe(`/api/employee_working_hours/wkt_${body.id}`);
    });

    it('is the same row as a Harvest time entry, both ways, at once', async () => {
      const w = await world();
      const made = (
        await post(w.flowtly, '/api/work-times', {
          employee: `/api/employees/${w.person.id}`,
          project: `/api/projects/${w.project.id}`,
          date: '2026-03-02',
          seconds: 5400,
        })
      ).json();
      const viaHarvest = (await harvest.get(w.admin.headers, `/v2/time_entries/${made.id}`)).json();
      expect(viaHarvest).toMatchObject({
        id: made.id,
        hours: 1.5,
        spent_date: '2026-03-02',
        task: null,
        user: { id: w.person.id },
      });
      await harvest.send('PATCH', w.admin.headers, `/v2/time_entries/${made.id}`, {
        hours: 2,
        notes: 'from Harvest',
      });
      const viaFlowtly = (await get(w.flowtly, `/api/work-times/wkt_${made.id}`)).json();
      expect(viaFlowtly).toMatchObject({ seconds: 7200, description: 'from Harvest' });
      expect((await get(w.flowtly, `/work-times/${made.id}`)).statusCode).toBe(200);
      const harvestMade = (
        await harvest.send('POST', w.admin.headers, '/v2/time_entries', {
          user_id: w.person.id,
          project_id: w.project.id,
          task_id: w.task.id,
          spent_date: '2026-03-03',
          hours: 1,
        })
      ).json();
      expect(
        (await get(w.flowtly, `/api/employee-working-hours/wkt_${harvestMade.id}`)).json(),
      ).toMatchObject({
        seconds: 3600,
        date: '2026-03-03T00:00:00+00:00',
      });
    });

    it('patches with JSON Merge Patch only, and deletes softly with 204', async () => {
      const w = await world();
      const made = (
        await post(w.flowtly, '/api/work-times', {
          employee: `/api/employees/emp_${w.person.id}`,
          project: '/api/projects/aurora',
          date: '2026-03-02',
          seconds: 60,
        })
      ).json();
      const wrongType = await patch(
        w.flowtly,
        `/api/work-times/wkt_${made.id}`,
        { seconds: 120 },
        'application/json',
      );
      expect(wrongType.statusCode).toBe(415);
      expect(wrongType.json()['hydra:description']).toBe(
        'The content-type "application/json" is not supported. Supported MIME types are "application/merge-patch+json".',
      );
      const patched = await patch(w.flowtly, `/api/work-times/wkt_${made.id}`, {
        seconds: 120,
        description: null,
        deleted: true,
      });
      expect(patched.statusCode).toBe(200);
      expect(patched.json()).toMatchObject({ seconds: 120, description: null, deleted: false });
      const gone = await t.app.inject({
        method: 'DELETE',
        url: `/api/work-times/wkt_${made.id}`,
        headers: w.flowtly,
      });
      expect(gone.statusCode).toBe(204);
      expect(gone.body).toBe('');
      expect((await get(w.flowtly, `/api/work-times/wkt_${made.id}`)).statusCode).toBe(404);
      expect((await harvest.get(w.admin.headers, `/v2/time_entries/${made.id}`)).statusCode).toBe(
        404,
      );
    });

    it('lists as a Hydra collection with filters and pages, or as a bare array for JSON', async () => {
      const w = await world();
      const employee = `/api/employees/emp_${w.person.id}`;
      for (const day of ['2026-03-01', '2026-03-02', '2026-03-03']) {
        await post(w.flowtly, '/api/work-times', {
          employee,
          project: '/api/projects/aurora',
          date: day,
          seconds: 3600,
        });
      }
      const all = (await get(w.flowtly, '/api/work-times')).json();
      expect(all).toMatchObject({
        '@context': '/api/contexts/WorkTime',
        '@id': '/api/work-times',
        '@type': 'hydra:Collection',
        'hydra:totalItems': 3,
      });
      expect(all['hydra:view']).toBeUndefined();
      expect(all['hydra:search']['hydra:template']).toContain('date[after]');
      expect(all['hydra:member'][0]['@context']).toBeUndefined();
      const ranged = (
        await get(
          w.flowtly,
          `/api/work-times?employee=${encodeURIComponent(employee)}&date[after]=2026-03-02&order[date]=desc`,
        )
      ).json();
      // A query that fits one page still gets a bare view naming it, without a page number.
      expect(ranged['hydra:view']).toEqual({
        '@id': `/api/work-times?employee=${encodeURIComponent(employee)}&date%5Bafter%5D=2026-03-02&order%5Bdate%5D=desc`,
        '@type': 'hydra:PartialCollectionView',
      });
      expect(ranged['hydra:member'].map((m: { date: string }) => m.date.slice(0, 10))).toEqual([
        '2026-03-03',
        '2026-03-02',
      ]);
      const paged = (await get(w.flowtly, '/api/work-times?itemsPerPage=2&page=2')).json();
      expect(paged['hydra:member']).toHaveLength(1);
      expect(paged['hydra:view']).toEqual({
        '@id': '/api/work-times?itemsPerPage=2&page=2',
        '@type': 'hydra:PartialCollectionView',
        'hydra:first': '/api/work-times?itemsPerPage=2&page=1',
        'hydra:last': '/api/work-times?itemsPerPage=2&page=2',
        'hydra:previous': '/api/work-times?itemsPerPage=2&page=1',
      });
      const json = await t.app.inject({
        method: 'GET',
        url: '/work-times',
        headers: { ...w.flowtly, accept: 'application/json' },
      });
      expect(json.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(Array.isArray(json.json())).toBe(true);
      expect(json.json()[0]['@id']).toBeUndefined();
      expect((await get(w.flowtly, '/api/work-times?page=0')).statusCode).toBe(400);
    });

    it("answers in API Platform's error formats", async () => {
      const w = await world();
      const xml = await t.app.inject({
        method: 'GET',
        url: '/api/work-times',
        headers: { ...w.flowtly, accept: 'text/xml' },
      });
      expect(xml.statusCode).toBe(406);
      const missing = await post(w.flowtly, '/api/work-times', { description: 'x' });
      expect(missing.statusCode).toBe(422);
      expect(missing.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(missing.json()).toMatchObject({
        '@type': 'ConstraintViolationList',
        status: 422,
        violations: expect.arrayContaining([
          expect.objectContaining({
            propertyPath: 'employee',
            message: 'This value should not be null.',
          }),
        ]),
      });
      const badIri = await post(w.flowtly, '/api/work-times', {
        employee: '1',
        project: '/api/projects/aurora',
        date: '2026-03-01',
        seconds: 1,
      });
      expect(badIri.statusCode).toBe(400);
      expect(badIri.json()['hydra:description']).toBe('Invalid IRI "1".');
      const noItem = await post(w.flowtly, '/api/work-times', {
        employee: `/api/employees/emp_${w.person.id}`,
        project: '/api/projects/nope',
        date: '2026-03-01',
        seconds: 1,
      });
      expect(noItem.json()['hydra:description']).toBe('Item not found for "/api/projects/nope".');
      const wrongType = await post(w.flowtly, '/api/work-times', {
        employee: `/api/employees/emp_${w.person.id}`,
        project: '/api/projects/aurora',
        date: '2026-03-01',
        seconds: '1',
      });
      expect(wrongType.json()['hydra:description']).toBe(
        'The type of the "seconds" attribute must be "int", "string" given.',
      );
      const text = await post(w.flowtly, '/api/work-times', {}, 'text/plain');
      expect(text.statusCode).toBe(415);
      const notFound = await get(w.flowtly, '/api/work-times/wkt_999999');
      expect(notFound.statusCode).toBe(404);
      expect(notFound.json()).toMatchObject({
        '@type': 'hydra:Error',
        'hydra:description': 'Not Found',
        status: 404,
      });
      const noToken = await get({}, '/api/work-times');
      expect(noToken.statusCode).toBe(401);
      expect(noToken.json()).toEqual({ code: 401, message: 'JWT Token not found' });
      const badToken = await get({ authorization: 'Bearer nope' }, '/api/work-times');
      expect(badToken.json()).toEqual({ code: 401, message: 'Invalid JWT Token' });
    });

    it('resolves the IRIs it emits: employees, projects, the entrypoint and contexts', async () => {
      const w = await world();
      const made = (
        await post(w.flowtly, '/api/work-times', {
          employee: `/api/employees/emp_${w.person.id}`,
          project: '/api/projects/aurora',
          date: '2026-03-01',
          seconds: 60,
        })
      ).json();
      const employee = await get(w.adminFlowtly, made.employee);
      expect(employee.statusCode).toBe(200);
      expect(employee.json()).toMatchObject({
        '@context': '/api/contexts/Employee',
        '@id': made.employee,
        '@type': 'Employee',
        id: w.person.id,
        firstName: 'Ada',
        active: true,
      });
      const project = await get(w.adminFlowtly, made.project);
      expect(project.json()).toMatchObject({
        '@id': made.project,
        '@type': 'Project',
        name: 'Aurora',
        active: true,
      });
      expect((await get(w.flowtly, `/employees/${w.person.id}`)).statusCode).toBe(200);
      const me = (await get(w.flowtly, '/api/employees/me')).json();
      expect(me).toMatchObject({ '@type': 'hydra:Collection', 'hydra:totalItems': 1 });
      expect(me['hydra:member'][0]).toMatchObject({ id: w.person.id, '@type': 'Employee' });
      const all = (await get(w.adminFlowtly, '/api/employees')).json();
      expect(all['hydra:totalItems']).toBe(2);
      expect((await get(w.flowtly, '/api/employees')).statusCode).toBe(403);
      const entry = (await get(w.flowtly, '/api')).json();
      expect(entry).toEqual({
        '@context': '/api/contexts/Entrypoint',
        '@id': '/api',
        '@type': 'Entrypoint',
        employee: '/api/employees',
        project: '/api/projects',
        workTime: '/api/employee_working_hours',
      });
      const context = (await get(w.flowtly, '/api/contexts/WorkTime')).json();
      expect(context['@context'].employee).toEqual({ '@id': 'WorkTime/employee', '@type': '@id' });
      expect((await get(w.flowtly, '/api/contexts/Nope')).statusCode).toBe(404);
    });

    it('reports working-hours stats: expected against worked, balance as of the date, by project', async () => {
      const w = await world();
      const employee = `/api/employees/emp_${w.person.id}`;
      // Ada works 8 h Monday to Wednesday and 7.5 h on Thursday of the week of 2024-07-04.
      for (const [day, seconds] of [
        ['2024-07-01', 28800],
        ['2024-07-02', 28800],
        ['2024-07-03', 28800],
        ['2024-07-04', 27000],
      ] as const) {
        await post(w.flowtly, '/api/work-times', {
          employee,
          project: '/api/projects/aurora',
          date: day,
          seconds,
        });
      }
      await t.db
        .updateTable('users')
        .set({ weekly_capacity: 40 * 3600 })
        .where('id', '=', w.person.id)
        .execute();
      const res = await get(
        w.flowtly,
        `/api/employees/emp_${w.person.id}/working-hours-stats/2024-07-04`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        '@type': 'WorkingHoursStats',
        '@id': `${employee}/working-hours-stats/2024-07-04`,
        employee,
        date: '2024-07-04',
        weekStartsOn: 1,
        day: {
          expectedSeconds: 28800,
          workedSeconds: 27000,
          balanceSeconds: -1800,
          undertimeSeconds: 1800,
        },
        week: {
          from: '2024-07-01',
          to: '2024-07-07',
          expectedToDateSeconds: 115200,
          workedToDateSeconds: 113400,
          balanceSeconds: -1800,
        },
        month: { from: '2024-07-01', to: '2024-07-31', workingDays: 23, workedSeconds: 113400 },
        agreement: { minutesPerWeek: 2400 },
      });
      expect(body.byProject).toEqual([
        { project: `/api/projects/prj_${w.project.id}`, day: 27000, week: 113400, month: 113400 },
      ]);
      expect(
        (await get(w.flowtly, `/employees/${w.person.id}/working-hours-stats/2024-13-40`))
          .statusCode,
      ).toBe(400);
      const other = await createUser(t.db, t.clock, w.admin.accountId);
      expect(
        (await get(w.flowtly, `/api/employees/emp_${other.id}/working-hours-stats/2024-07-04`))
          .statusCode,
      ).toBe(403);
      expect(
        (
          await get(w.adminFlowtly, `/api/employees/emp_${other.id}/working-hours-stats/2024-07-04`)
        ).json().day.workedSeconds,
      ).toBe(0);
    });

    it('shows members only their own time, as the Harvest API does', async () => {
      const w = await world();
      await post(w.adminFlowtly, '/api/work-times', {
        employee: `/api/employees/emp_${w.person.id}`,
        project: '/api/projects/aurora',
        date: '2026-03-01',
        seconds: 60,
      });
      const other = await createUser(t.db, t.clock, w.admin.accountId);
      const otherHeaders = {
        authorization: `Bearer ${(await createToken(t.db, t.clock, other.id)).token}`,
      };
      expect((await get(otherHeaders, '/api/work-times')).json()['hydra:totalItems']).toBe(0);
      expect((await get(w.flowtly, '/api/work-times')).json()['hydra:totalItems']).toBe(1);
      const forOther = await post(w.flowtly, '/api/work-times', {
        employee: `/api/employees/emp_${other.id}`,
        project: '/api/projects/aurora',
        date: '2026-03-01',
        seconds: 60,
      });
      expect(forOther.statusCode).toBe(403);
    });

    it('filters on exists[description] and exists[deletedAt], and documents both', async () => {
      const w = await world();
      const employee = `/api/employees/emp_${w.person.id}`;
      const base = { employee, project: '/api/projects/aurora', date: '2026-03-02', seconds: 60 };
      await post(w.flowtly, '/api/work-times', { ...base, description: 'Review' });
      await post(w.flowtly, '/api/work-times', base);
      const withNotes = (await get(w.flowtly, '/api/work-times?exists[description]=true')).json();
      expect(withNotes['hydra:member'].map((m: { description: string }) => m.description)).toEqual([
        'Review',
      ]);
      const without = (
        await get(w.flowtly, '/api/work-times?exists%5Bdescription%5D=false')
      ).json();
      expect(without['hydra:totalItems']).toBe(1);
      // Deleted rows never show (Gedmo's filter), so asking for them finds none.
      expect(
        (await get(w.flowtly, '/api/work-times?exists[deletedAt]=true')).json()['hydra:totalItems'],
      ).toBe(0);
      // A value that means nothing drops the filter, as API Platform does.
      expect(
        (await get(w.flowtly, '/api/work-times?exists[description]=maybe')).json()[
          'hydra:totalItems'
        ],
      ).toBe(2);
      const mapping = withNotes['hydra:search']['hydra:mapping'] as {
        variable: string;
        property: string;
      }[];
      expect(mapping.find((m) => m.variable === 'exists[description]')?.property).toBe(
        'description',
      );
      expect(mapping.find((m) => m.variable === 'order[date]')?.property).toBe('date');
    });

    it('keeps days right across a DST change in the account time zone', async () => {
      const w = await world();
      const company = await harvest.send('PATCH', w.admin.headers, '/v2/company', {
        x_timezone: 'Europe/Warsaw',
      });
      expect(company.statusCode).toBe(200);
      const employee = `/api/employees/emp_${w.person.id}`;
      // Warsaw moves from +01:00 to +02:00 at 01:00 UTC on Sunday 2026-03-29.
      const before = (
        await post(w.flowtly, '/api/work-times', {
          employee,
          project: '/api/projects/aurora',
          date: '2026-03-28T23:30:00Z',
          seconds: 3600,
        })
      ).json();
      expect(before.date).toBe('2026-03-29T00:00:00+01:00');
      const after = (
        await post(w.flowtly, '/api/work-times', {
          employee,
          project: '/api/projects/aurora',
          date: '2026-03-29T22:30:00Z',
          seconds: 7200,
        })
      ).json();
      expect(after.date).toBe('2026-03-30T00:00:00+02:00');
      const harvestView = (
        await harvest.get(w.admin.headers, `/v2/time_entries/${after.id}`)
      ).json();
      expect(harvestView.spent_date).toBe('2026-03-30');

      const stats = (
        await get(w.flowtly, `/api/employees/emp_${w.person.id}/working-hours-stats/2026-03-30`)
      ).json();
      expect(stats.timezone).toBe('Europe/Warsaw');
      expect(stats.day).toMatchObject({ from: '2026-03-30', workedSeconds: 7200 });
      expect(stats.week).toMatchObject({
        from: '2026-03-30',
        to: '2026-04-05',
        workedSeconds: 7200,
      });
      expect(stats.month).toMatchObject({ from: '2026-03-01', workedSeconds: 10800 });
      const sunday = (
        await get(w.flowtly, `/api/employees/${w.person.id}/working-hours-stats/2026-03-29`)
      ).json();
      expect(sunday.day).toMatchObject({
        workedSeconds: 3600,
        expectedSeconds: 0,
        isWorkingDay: false,
      });
    });
  });
}
