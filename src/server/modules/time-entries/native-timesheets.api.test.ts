import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';

interface Row {
  project: { id: number };
  task: { id: number } | null;
  seconds: number;
  cells: { date: string; seconds: number; entryIds: number[]; editable: boolean }[];
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: /punch/v1 timesheet and tracking options`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);

    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const client = (await harvest.send('POST', h, '/v2/clients', { name: 'Acme' })).json();
      const project = (
        await harvest.send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Site',
          bill_by: 'none',
        })
      ).json();
      const other = (
        await harvest.send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Other',
          bill_by: 'none',
        })
      ).json();
      const build = (await harvest.send('POST', h, '/v2/tasks', { name: 'Build' })).json();
      const design = (await harvest.send('POST', h, '/v2/tasks', { name: 'Design' })).json();
      for (const task of [build, design]) {
        await harvest.send('POST', h, `/v2/projects/${project.id}/task_assignments`, {
          task_id: task.id,
        });
      }
      await harvest.send('POST', h, `/v2/projects/${other.id}/task_assignments`, {
        task_id: build.id,
      });
      // Assigned to Site only: Other is not somewhere they may track.
      await harvest.send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
        user_id: admin.user.id,
      });
      const native = (method: string, url: string, body?: unknown) =>
        t.app.inject({
          method: method as 'GET',
          url: `/punch/v1${url}`,
          headers: {
            authorization: `Bearer ${admin.token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        });
      return { admin, h, project, other, build, design, client, native };
    }

    it('lists what a person may track to: their projects with their tasks', async () => {
      // (Site bills nothing, so its tasks are not billable there.)
      const w = await world();
      const res = await w.native('GET', '/tracking-options');
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        projects: [
          {
            id: w.project.id,
            name: 'Site',
            code: null,
            client: { id: w.client.id, name: 'Acme' },
            tasks: [
              { id: w.build.id, name: 'Build', billable: false },
              { id: w.design.id, name: 'Design', billable: false },
            ],
          },
        ],
      });
    });

    it("reads this week's timesheet as rows by days, from the account's week start", async () => {
      const w = await world();
      const entry = (task: number, date: string, hours: number) =>
        harvest.send('POST', w.h, '/v2/time_entries', {
          project_id: w.project.id,
          task_id: task,
          spent_date: date,
          hours,
        });
      await entry(w.build.id, '2026-03-02', 1);
      await entry(w.design.id, '2026-03-04', 0.5);
      await entry(w.build.id, '2026-03-04', 2);
      await entry(w.build.id, '2026-03-04', 1);
      await entry(w.build.id, '2026-03-09', 8);
      const sheet = (await w.native('GET', '/timesheet')).json();
      expect(sheet.days).toEqual([
        '2026-03-02',
        '2026-03-03',
        '2026-03-04',
        '2026-03-05',
        '2026-03-06',
        '2026-03-07',
        '2026-03-08',
      ]);
      expect(sheet.rows.map((r: Row) => [r.task?.id, r.seconds])).toEqual([
        [w.build.id, 4 * 3600],
        [w.design.id, 1800],
      ]);
      const build = sheet.rows[0] as Row;
      expect(build.cells[2]).toMatchObject({ seconds: 3 * 3600, editable: false });
      expect(build.cells[0]).toMatchObject({ seconds: 3600, editable: true });
      expect(sheet.dayTotals).toEqual([3600, 0, 3 * 3600 + 1800, 0, 0, 0, 0]);
      expect(sheet.seconds).toBe(4 * 3600 + 1800);
      const next = (await w.native('GET', '/timesheet?week=2026-03-12')).json();
      expect(next.seconds).toBe(8 * 3600);
    });

    it('writes many cells in one request: creates, changes and clears entries', async () => {
      const w = await world();
      const first = (
        await harvest.send('POST', w.h, '/v2/time_entries', {
          project_id: w.project.id,
          task_id: w.build.id,
          spent_date: '2026-03-02',
          hours: 1,
        })
      ).json();
      const second = (
        await harvest.send('POST', w.h, '/v2/time_entries', {
          project_id: w.project.id,
          task_id: w.build.id,
          spent_date: '2026-03-03',
          hours: 1,
        })
      ).json();
      const res = await w.native('PUT', '/timesheet', {
        cells: [
          { projectId: w.project.id, taskId: w.build.id, date: '2026-03-02', seconds: 7200 },
          { projectId: w.project.id, taskId: w.build.id, date: '2026-03-03', seconds: 0 },
          { projectId: w.project.id, taskId: w.design.id, date: '2026-03-05', seconds: 900 },
        ],
      });
      expect(res.statusCode, res.body).toBe(200);
      const sheet = res.json();
      expect(sheet.rows.map((r: Row) => r.cells.map((c) => c.seconds))).toEqual([
        [7200, 0, 0, 0, 0, 0, 0],
        [0, 0, 0, 900, 0, 0, 0],
      ]);
      expect(sheet.rows[0].cells[0].entryIds).toEqual([first.id]);
      expect((await harvest.get(w.h, `/v2/time_entries/${second.id}`)).statusCode).toBe(404);
      const types = (
        await t.db
          .selectFrom('events')
          .select('type')
          .where('account_id', '=', w.admin.accountId)
          .where('entity_type', '=', 'time_entry')
          .orderBy('id')
          .execute()
      ).map((e) => e.type);
      expect(types.slice(-3)).toEqual([
        'time_entry.updated',
        'time_entry.deleted',
        'time_entry.created',
      ]);
    });

    it('writes no cell when one is refused, and says which', async () => {
      const w = await world();
      const before = await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('account_id', '=', w.admin.accountId)
        .executeTakeFirstOrThrow();
      const res = await w.native('PUT', '/timesheet', {
        cells: [
          { projectId: w.project.id, taskId: w.build.id, date: '2026-03-02', seconds: 3600 },
          // Not assigned to Other: this cell is refused, and the first goes with it.
          { projectId: w.other.id, taskId: w.build.id, date: '2026-03-03', seconds: 3600 },
        ],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.message).toMatch(/assigned/i);
      expect((await w.native('GET', '/timesheet')).json().rows).toEqual([]);
      const after = await t.db
        .selectFrom('events')
        .select((eb) => eb.fn.countAll().as('n'))
        .where('account_id', '=', w.admin.accountId)
        .executeTakeFirstOrThrow();
      expect(Number(after.n)).toBe(Number(before.n));
    });

    it('refuses a cell of more than a day', async () => {
      const w = await world();
      const res = await w.native('PUT', '/timesheet', {
        cells: [
          { projectId: w.project.id, taskId: w.build.id, date: '2026-03-02', seconds: 90000 },
        ],
      });
      expect(res.statusCode).toBe(422);
      expect((await w.native('GET', '/timesheet')).json().rows).toEqual([]);
    });

    it("does not let a member write, or learn about, another person's week", async () => {
      const w = await world();
      await harvest.send('POST', w.h, '/v2/time_entries', {
        project_id: w.project.id,
        task_id: w.build.id,
        spent_date: '2026-03-02',
        hours: 1,
      });
      const member = await createHarvestCaller(t.db, t.clock, {
        accessLevel: 'member',
        accountId: w.admin.accountId,
      });
      const res = await t.app.inject({
        method: 'PUT',
        url: '/punch/v1/timesheet',
        headers: { authorization: `Bearer ${member.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          userId: w.admin.user.id,
          cells: [{ projectId: w.project.id, taskId: w.build.id, date: '2026-03-02', seconds: 60 }],
        }),
      });
      expect(res.statusCode).toBe(403);
      const stranger = await createHarvestCaller(t.db, t.clock);
      const elsewhere = await t.app.inject({
        method: 'PUT',
        url: '/punch/v1/timesheet',
        headers: { authorization: `Bearer ${stranger.token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({
          userId: w.admin.user.id,
          cells: [{ projectId: w.project.id, taskId: w.build.id, date: '2026-03-02', seconds: 60 }],
        }),
      });
      expect(elsewhere.statusCode).toBe(404);
    });

    it('refuses a cell of several entries and the same cell twice', async () => {
      const w = await world();
      for (const hours of [1, 2]) {
        await harvest.send('POST', w.h, '/v2/time_entries', {
          project_id: w.project.id,
          task_id: w.build.id,
          spent_date: '2026-03-02',
          hours,
        });
      }
      const cell = { projectId: w.project.id, taskId: w.build.id, date: '2026-03-02', seconds: 60 };
      const several = await w.native('PUT', '/timesheet', { cells: [cell] });
      expect(several.statusCode).toBe(422);
      expect(several.json().error.code).toBe('cell_has_several_entries');
      const twice = await w.native('PUT', '/timesheet', {
        cells: [
          { ...cell, date: '2026-03-05' },
          { ...cell, date: '2026-03-05' },
        ],
      });
      expect(twice.json().error.code).toBe('duplicate_cell');
      const badDay = await w.native('PUT', '/timesheet', {
        cells: [{ ...cell, date: '2026-02-30' }],
      });
      expect(badDay.statusCode).toBe(422);
    });

    it("shows a member no one else's week, and no one's rates", async () => {
      const w = await world();
      const member = await createUser(t.db, t.clock, w.admin.accountId);
      const asMember = nativeRequests(() => t.app)(
        (await createToken(t.db, t.clock, member.id)).token,
      );
      const week = await asMember('GET', `/timesheet?userId=${w.admin.user.id}`);
      expect(week.statusCode).toBe(404);
      expect((await asMember('GET', `/timesheet?userId=${member.id}`)).statusCode).toBe(200);
      const rates = await asMember('GET', `/people/${w.admin.user.id}/rates`);
      expect(rates.statusCode).toBe(403);
    });
  });
}
