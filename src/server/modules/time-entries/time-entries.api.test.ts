import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';

interface Entry {
  id: number;
  hours: number;
  [key: string]: unknown;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: /v2/time_entries`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const { get, send } = harvestRequests(() => t.app);

    /** An account with a client, a billable project, a task, and a member assigned to both. */
    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const client = (await send('POST', h, '/v2/clients', { name: 'Acme' })).json();
      const project = (
        await send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Site',
          code: 'ST',
          bill_by: 'Project',
          hourly_rate: 100,
        })
      ).json();
      const task = (await send('POST', h, '/v2/tasks', { name: 'Build' })).json();
      await send('POST', h, `/v2/projects/${project.id}/task_assignments`, {
        task_id: task.id,
        billable: true,
      });
      const member = await createUser(t.db, t.clock, admin.accountId, {
        firstName: 'Mia',
        lastName: 'Member',
      });
      await send('POST', h, `/v2/projects/${project.id}/user_assignments`, { user_id: member.id });
      await send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
        user_id: admin.user.id,
      });
      const mh: Headers = {
        ...h,
        authorization: `Bearer ${(await createToken(t.db, t.clock, member.id)).token}`,
      };
      const entry = (overrides: object = {}) => ({
        project_id: project.id,
        task_id: task.id,
        spent_date: '2026-03-04',
        ...overrides,
      });
      return { admin, h, client, project, task, member, mh, entry };
    }
    const create = async (headers: Headers, body: object) => {
      const res = await send('POST', headers, '/v2/time_entries', body);
      expect(res.statusCode, res.body).toBe(201);
      return res.json<Entry>();
    };

    describe('create by duration', () => {
      it('creates a finished entry from hours, with every Harvest field in order', async () => {
        const w = await world();
        const res = await send(
          'POST',
          w.mh,
          '/v2/time_entries',
          w.entry({ hours: 1.5, notes: 'Kickoff' }),
        );
        expect(res.statusCode).toBe(201);
        const body = res.json();
        assertHarvestSchema('createTimeEntry', 201, body);
        expect(body).toMatchObject({
          spent_date: '2026-03-04',
          hours: 1.5,
          hours_without_timer: 1.5,
          rounded_hours: 1.5,
          notes: 'Kickoff',
          is_locked: false,
          locked_reason: null,
          is_closed: false,
          approval_status: 'unsubmitted',
          is_billed: false,
          timer_started_at: null,
          started_time: null,
          ended_time: null,
          is_running: false,
          billable: true,
          budgeted: false,
          // A member may not see rates (§2.5); the administrator's read below shows them.
          billable_rate: null,
          cost_rate: null,
          user: { id: w.member.id, name: 'Mia Member' },
          client: { id: w.client.id, name: 'Acme', currency: 'USD' },
          project: { id: w.project.id, name: 'Site', code: 'ST' },
          task: { id: w.task.id, name: 'Build' },
          invoice: null,
          external_reference: null,
        });
        expect(body.user_assignment).toMatchObject({
          is_project_manager: false,
          use_default_rates: true,
        });
        expect(body.task_assignment).toMatchObject({ billable: true });
        expect(Object.keys(body).slice(0, 5)).toEqual([
          'id',
          'spent_date',
          'hours',
          'hours_without_timer',
          'rounded_hours',
        ]);
        expect(res.headers.location).toBe(`${TEST_PUBLIC_URL}/api/v2/time_entries/${body.id}`);
        expect((await get(w.h, `/v2/time_entries/${body.id}`)).json()).toMatchObject({
          billable_rate: 100,
        });
        assertHarvestSchema(
          'retrieveTimeEntry',
          200,
          (await get(w.mh, `/v2/time_entries/${body.id}`)).json(),
        );
      });

      it('reads hours sent as text and YYYYMMDD dates, from JSON, form or query', async () => {
        const w = await world();
        expect((await create(w.mh, w.entry({ hours: '2.25', spent_date: '20260301' }))).hours).toBe(
          2.25,
        );
        const form = await t.app.inject({
          method: 'POST',
          url: '/v2/time_entries',
          headers: { ...w.mh, 'content-type': 'application/x-www-form-urlencoded' },
          payload: `project_id=${w.project.id}&task_id=${w.task.id}&spent_date=2026-03-02&hours=3`,
        });
        expect(form.json()).toMatchObject({ hours: 3, spent_date: '2026-03-02' });
        const query = await send(
          'POST',
          w.mh,
          `/v2/time_entries?project_id=${w.project.id}&task_id=${w.task.id}&spent_date=2026-03-03&hours=0.5`,
        );
        expect(query.json()).toMatchObject({ hours: 0.5 });
      });

      it("answers Harvest's messages for missing and wrong fields", async () => {
        const w = await world();
        const empty = await send('POST', w.mh, '/v2/time_entries', {});
        expect(empty.statusCode).toBe(422);
        expect(empty.json()).toEqual({
          message:
            "Project can't be blank, Task can't be blank, Spent date can't be blank, Spent date is not a valid date",
        });
        expect(
          (
            await send('POST', w.mh, '/v2/time_entries', w.entry({ spent_date: '2026-02-30' }))
          ).json(),
        ).toEqual({
          message: 'Spent date is not a valid date',
        });
        expect(
          (
            await send(
              'POST',
              w.mh,
              '/v2/time_entries',
              w.entry({ project_id: 999999, task_id: 999999 }),
            )
          ).json(),
        ).toEqual({
          message: 'Project must exist, Task must exist',
        });
        expect(
          (await send('POST', w.mh, '/v2/time_entries', w.entry({ hours: -1 }))).json(),
        ).toEqual({
          message: 'Hours must be greater than or equal to 0',
        });
        const other = (await send('POST', w.h, '/v2/tasks', { name: 'Unassigned' })).json();
        expect(
          (await send('POST', w.mh, '/v2/time_entries', w.entry({ task_id: other.id }))).json(),
        ).toEqual({
          message: 'Task is not assigned to this project',
        });
        const outsider = await createUser(t.db, t.clock, w.admin.accountId);
        expect(
          (await send('POST', w.h, '/v2/time_entries', w.entry({ user_id: outsider.id }))).json(),
        ).toEqual({
          message: 'User is not assigned to this project',
        });
      });

      it('lets administrators log time for others, but not members', async () => {
        const w = await world();
        const forMember = await create(w.h, w.entry({ user_id: w.member.id, hours: 1 }));
        expect(forMember.user).toMatchObject({ id: w.member.id });
        expect(
          (
            await send(
              'POST',
              w.mh,
              '/v2/time_entries',
              w.entry({ user_id: w.admin.user.id, hours: 1 }),
            )
          ).statusCode,
        ).toBe(403);
      });
    });

    describe('timers', () => {
      it('runs a timer when no hours are given, counts live, stops and restarts', async () => {
        const w = await world();
        const started = await create(w.mh, w.entry());
        expect(started).toMatchObject({
          is_running: true,
          hours: 0,
          timer_started_at: '2026-03-04T09:30:00Z',
        });
        t.clock.advance(90 * 60);
        const live = (await get(w.mh, `/v2/time_entries/${started.id}`)).json();
        expect(live).toMatchObject({ hours: 1.5, hours_without_timer: 0, is_running: true });
        const stopped = await send('PATCH', w.mh, `/v2/time_entries/${started.id}/stop`);
        assertHarvestSchema('stopRunningTimeEntry', 200, stopped.json());
        expect(stopped.json()).toMatchObject({
          is_running: false,
          hours: 1.5,
          hours_without_timer: 1.5,
          timer_started_at: null,
        });
        const again = await send('PATCH', w.mh, `/v2/time_entries/${started.id}/stop`);
        expect(again.statusCode).toBe(422);
        expect(again.json()).toEqual({ message: "can't stop a stopped timer" });
        t.clock.advance(60);
        const restarted = await send('PATCH', w.mh, `/v2/time_entries/${started.id}/restart`);
        assertHarvestSchema('restartStoppedTimeEntry', 200, restarted.json());
        expect(restarted.json()).toMatchObject({
          id: started.id,
          is_running: true,
          hours_without_timer: 1.5,
        });
        expect(
          (await send('PATCH', w.mh, `/v2/time_entries/${started.id}/restart`)).statusCode,
        ).toBe(422);
        t.clock.set('2026-03-04T09:30:00Z');
      });

      it('treats hours: 0 like no hours (a timer starts)', async () => {
        const w = await world();
        expect((await create(w.mh, w.entry({ hours: 0 }))).is_running).toBe(true);
      });

      it('stops the running timer when another starts, keeping one per person', async () => {
        const w = await world();
        const first = await create(w.mh, w.entry());
        t.clock.advance(600);
        const second = await create(w.mh, w.entry({ notes: 'next' }));
        const firstNow = (await get(w.mh, `/v2/time_entries/${first.id}`)).json();
        expect(firstNow).toMatchObject({ is_running: false, hours: 0.17 });
        expect(second.is_running).toBe(true);
        const running = (await get(w.mh, '/v2/time_entries?is_running=true')).json();
        expect(running.time_entries.map((e: Entry) => e.id)).toEqual([second.id]);
        // The admin's own timer is independent.
        await create(w.h, w.entry());
        expect(
          (await get(w.h, '/v2/time_entries?is_running=true')).json().time_entries,
        ).toHaveLength(2);
        t.clock.set('2026-03-04T09:30:00Z');
      });

      it('accepts stop and restart sent with a JSON content type and no body', async () => {
        const w = await world();
        const entry = await create(w.mh, w.entry());
        const res = await t.app.inject({
          method: 'PATCH',
          url: `/v2/time_entries/${entry.id}/stop`,
          headers: { ...w.mh, 'content-type': 'application/json' },
        });
        expect(res.statusCode).toBe(200);
      });
    });

    describe('start and end times', () => {
      it('tracks by start and end in timestamp accounts, printed in the account clock', async () => {
        const w = await world();
        await send('PATCH', w.h, '/v2/company', { wants_timestamp_timers: true });
        const entry = await create(
          w.mh,
          w.entry({ started_time: '8:00am', ended_time: '5:30pm', hours: 99 }),
        );
        expect(entry).toMatchObject({
          hours: 9.5,
          started_time: '8:00am',
          ended_time: '5:30pm',
          is_running: false,
        });
        await send('PATCH', w.h, '/v2/company', { clock: '24h' });
        expect((await get(w.mh, `/v2/time_entries/${entry.id}`)).json()).toMatchObject({
          started_time: '08:00',
          ended_time: '17:30',
        });
        const bad = await send(
          'POST',
          w.mh,
          '/v2/time_entries',
          w.entry({ started_time: '5:00pm', ended_time: '9:00am' }),
        );
        expect(bad.json()).toEqual({ message: 'Ended time must be after started time' });
        expect(
          (await send('POST', w.mh, '/v2/time_entries', w.entry({ started_time: 'noon' }))).json(),
        ).toEqual({
          message: 'Started time is not a valid time',
        });
      });

      it('runs from now without an end time, stops at the current time, and restarts as a new entry', async () => {
        const w = await world();
        await send('PATCH', w.h, '/v2/company', { wants_timestamp_timers: true });
        const running = await create(w.mh, w.entry({ started_time: '9:30am' }));
        expect(running).toMatchObject({
          is_running: true,
          started_time: '9:30am',
          ended_time: null,
        });
        t.clock.advance(3600);
        const stopped = (await send('PATCH', w.mh, `/v2/time_entries/${running.id}/stop`)).json();
        expect(stopped).toMatchObject({ is_running: false, ended_time: '10:30am', hours: 1 });
        const restarted = (
          await send('PATCH', w.mh, `/v2/time_entries/${running.id}/restart`)
        ).json();
        expect(restarted.id).not.toBe(running.id);
        expect(restarted).toMatchObject({
          is_running: true,
          started_time: '10:30am',
          hours: 0,
          project: { id: w.project.id },
        });
        t.clock.set('2026-03-04T09:30:00Z');
      });
    });

    describe('start/end timers count from their start', () => {
      it('counts a timer started at 7:30am from 7:30am, and a changed start moves it', async () => {
        const w = await world();
        await send('PATCH', w.h, '/v2/company', { wants_timestamp_timers: true });
        const running = await create(w.mh, w.entry({ started_time: '7:30am' }));
        expect(running).toMatchObject({ is_running: true, hours: 2, started_time: '7:30am' });
        t.clock.advance(3600);
        const stopped = (await send('PATCH', w.mh, `/v2/time_entries/${running.id}/stop`)).json();
        expect(stopped).toMatchObject({ hours: 3, started_time: '7:30am', ended_time: '10:30am' });
        t.clock.set('2026-03-04T09:30:00Z');
        const other = await create(w.mh, w.entry({ started_time: '9:00am' }));
        const moved = (
          await send('PATCH', w.mh, `/v2/time_entries/${other.id}`, { started_time: '8:00am' })
        ).json();
        expect(moved).toMatchObject({ is_running: true, hours: 1.5, started_time: '8:00am' });
      });
    });

    describe('timers on another day are never backdated', () => {
      it('starts a start/end timer on an earlier or later day from now, with nothing tracked', async () => {
        const w = await world();
        await send('PATCH', w.h, '/v2/company', { wants_timestamp_timers: true });
        // The Postman collection's example: a 2019 date, no times.
        for (const spent_date of ['2026-03-01', '2019-07-24', '2026-03-05']) {
          const running = await create(w.mh, w.entry({ spent_date }));
          expect(running).toMatchObject({
            spent_date,
            is_running: true,
            hours: 0,
            started_time: '9:30am',
            timer_started_at: '2026-03-04T09:30:00Z',
          });
        }
        // A stated start on another day does not backdate it either, nor does moving the start.
        const stated = await create(
          w.mh,
          w.entry({ spent_date: '2026-03-01', started_time: '7:00am' }),
        );
        expect(stated).toMatchObject({ hours: 0, started_time: '7:00am', is_running: true });
        t.clock.advance(1800);
        try {
          const moved = (
            await send('PATCH', w.mh, `/v2/time_entries/${stated.id}`, { started_time: '6:00am' })
          ).json();
          expect(moved).toMatchObject({ hours: 0, started_time: '6:00am', is_running: true });
          t.clock.advance(3600);
          const stopped = (await send('PATCH', w.mh, `/v2/time_entries/${stated.id}/stop`)).json();
          expect(stopped).toMatchObject({ hours: 1, is_running: false });
        } finally {
          t.clock.set('2026-03-04T09:30:00Z');
        }
      });

      it('starts a duration timer on an earlier day at 0 hours and counts from now', async () => {
        const w = await world();
        const running = await create(w.mh, w.entry({ spent_date: '2019-07-24' }));
        expect(running).toMatchObject({
          hours: 0,
          is_running: true,
          timer_started_at: '2026-03-04T09:30:00Z',
        });
        t.clock.advance(5400);
        try {
          const read = (await get(w.mh, `/v2/time_entries/${running.id}`)).json();
          expect(read).toMatchObject({ hours: 1.5, is_running: true });
        } finally {
          t.clock.set('2026-03-04T09:30:00Z');
        }
      });
    });

    describe('archiving and running timers', () => {
      it('refuses to archive a project, client, task or person while a timer runs on it', async () => {
        const w = await world();
        const running = await create(w.mh, w.entry());
        for (const [url, what] of [
          [`/v2/projects/${w.project.id}`, 'project'],
          [`/v2/clients/${w.client.id}`, 'client'],
          [`/v2/tasks/${w.task.id}`, 'task'],
          [`/v2/users/${w.member.id}`, 'person'],
        ] as const) {
          const res = await send('PATCH', w.h, url, { is_active: false });
          expect(res.statusCode).toBe(422);
          expect(res.json()).toEqual({
            message: `This ${what} has a running timer; stop it before archiving`,
          });
        }
        await send('PATCH', w.mh, `/v2/time_entries/${running.id}/stop`);
        expect(
          (await send('PATCH', w.h, `/v2/clients/${w.client.id}`, { is_active: false })).statusCode,
        ).toBe(200);
        expect((await send('POST', w.mh, '/v2/time_entries', w.entry())).json()).toEqual({
          message: 'Client is archived',
        });
      });
    });

    describe('restart', () => {
      it('refuses to reopen invoiced or approved time, even for administrators', async () => {
        const w = await world();
        const entry = await create(w.mh, w.entry({ hours: 1 }));
        await t.db
          .updateTable('time_entries')
          .set({ invoice_id: 1, invoice_number: '1' })
          .where('id', '=', entry.id)
          .execute();
        const res = await send('PATCH', w.h, `/v2/time_entries/${entry.id}/restart`);
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual({ message: "can't restart an invoiced or approved entry" });
      });

      it('re-checks the assignment: a person taken off the project cannot resume', async () => {
        const w = await world();
        const entry = await create(w.mh, w.entry({ hours: 1 }));
        const seats = (
          await get(w.h, `/v2/projects/${w.project.id}/user_assignments?per_page=10`)
        ).json();
        const seat = seats.user_assignments.find(
          (a: { user: { id: number } }) => a.user.id === w.member.id,
        );
        await send('PATCH', w.h, `/v2/projects/${w.project.id}/user_assignments/${seat.id}`, {
          is_active: false,
        });
        const res = await send('PATCH', w.mh, `/v2/time_entries/${entry.id}/restart`);
        expect(res.statusCode).toBe(422);
        expect(res.json()).toEqual({ message: 'User is not assigned to this project' });
      });
    });

    describe('rules on the entry', () => {
      it('rounds rounded_hours per the account setting, never the stored time', async () => {
        const w = await world();
        const entry = await create(w.mh, w.entry({ hours: 2.11 }));
        await send('PATCH', w.h, '/v2/company', {
          x_time_rounding: 'up',
          x_time_rounding_minutes: 15,
        });
        const read = (await get(w.mh, `/v2/time_entries/${entry.id}`)).json();
        expect(read).toMatchObject({ hours: 2.11, rounded_hours: 2.25 });
      });

      it('bills people by the rate in force on the spent date', async () => {
        const w = await world();
        await send('PATCH', w.h, `/v2/projects/${w.project.id}`, { bill_by: 'People' });
        const rates = `/v2/users/${w.member.id}/billable_rates`;
        await send('POST', w.h, rates, { amount: 80 });
        await send('POST', w.h, rates, { amount: 95, start_date: '2026-03-01' });
        await send('POST', w.h, `/v2/users/${w.member.id}/cost_rates`, { amount: 40 });
        const march = await create(w.mh, w.entry({ hours: 1, spent_date: '2026-03-02' }));
        const february = await create(w.mh, w.entry({ hours: 1, spent_date: '2026-02-27' }));
        expect(march).toMatchObject({ billable_rate: null, cost_rate: null });
        const asAdmin = async (id: number): Promise<Entry> =>
          (await get(w.h, `/v2/time_entries/${id}`)).json();
        expect(await asAdmin(march.id)).toMatchObject({ billable_rate: 95, cost_rate: 40 });
        expect(await asAdmin(february.id)).toMatchObject({ billable_rate: 80, cost_rate: 40 });
      });

      it('locks entries of archived projects: members are refused, administrators may still fix notes and hours', async () => {
        const w = await world();
        const entry = await create(w.mh, w.entry({ hours: 1 }));
        const other = (
          await send('POST', w.h, '/v2/projects', { client_id: w.client.id, name: 'Other' })
        ).json();
        await send('PATCH', w.h, `/v2/projects/${w.project.id}`, { is_active: false });
        const read = (await get(w.mh, `/v2/time_entries/${entry.id}`)).json();
        expect(read).toMatchObject({ is_locked: true, locked_reason: 'Item Archived' });
        const member = await send('PATCH', w.mh, `/v2/time_entries/${entry.id}`, { notes: 'x' });
        expect(member.statusCode).toBe(422);
        expect(member.json().message).toMatch(/Only an administrator/);
        expect((await send('DELETE', w.mh, `/v2/time_entries/${entry.id}`)).statusCode).toBe(422);
        const admin = await send('PATCH', w.h, `/v2/time_entries/${entry.id}`, {
          notes: 'fixed',
          hours: 2,
          project_id: other.id,
        });
        expect(admin.json()).toMatchObject({
          notes: 'fixed',
          hours: 2,
          project: { id: w.project.id },
        });
        expect((await send('POST', w.mh, '/v2/time_entries', w.entry())).json()).toEqual({
          message: 'Project is archived',
        });
      });
    });

    describe('approval, invoices and managers', () => {
      it("locks approved and invoiced entries with Harvest's reasons; only administrators edit them", async () => {
        const w = await world();
        const approved = await create(w.mh, w.entry({ hours: 1 }));
        const billed = await create(w.mh, w.entry({ hours: 2 }));
        await t.db
          .updateTable('time_entries')
          .set({ approval_status: 'approved' })
          .where('id', '=', approved.id)
          .execute();
        await t.db
          .updateTable('time_entries')
          .set({ invoice_id: 77, invoice_number: '1001' })
          .where('id', '=', billed.id)
          .execute();
        expect((await get(w.mh, `/v2/time_entries/${approved.id}`)).json()).toMatchObject({
          is_locked: true,
          is_closed: true,
          approval_status: 'approved',
          locked_reason: 'Item Approved and Locked for this Time Period',
        });
        expect((await get(w.mh, `/v2/time_entries/${billed.id}`)).json()).toMatchObject({
          is_locked: true,
          is_billed: true,
          locked_reason: 'Item Invoiced',
          invoice: { id: 77, number: '1001' },
        });
        expect(
          (await send('PATCH', w.mh, `/v2/time_entries/${approved.id}`, { hours: 3 })).statusCode,
        ).toBe(422);
        expect((await send('DELETE', w.mh, `/v2/time_entries/${billed.id}`)).statusCode).toBe(422);
        expect(
          (await send('PATCH', w.h, `/v2/time_entries/${approved.id}`, { hours: 3 })).json().hours,
        ).toBe(3);
        expect(
          (await get(w.h, '/v2/time_entries?is_billed=true'))
            .json()
            .time_entries.map((e: Entry) => e.id),
        ).toEqual([billed.id]);
        expect(
          (await get(w.h, '/v2/time_entries?approval_status=approved'))
            .json()
            .time_entries.map((e: Entry) => e.id),
        ).toEqual([approved.id]);
      });

      it("lets a manager allowed to edit teammates' time log it for them, and only them", async () => {
        const w = await world();
        const manager = await createUser(t.db, t.clock, w.admin.accountId, {
          accessLevel: 'manager',
          managerPermissions: ['time_and_expenses_manager'],
        });
        const managerHeaders = {
          ...w.h,
          authorization: `Bearer ${(await createToken(t.db, t.clock, manager.id)).token}`,
        };
        const stranger = await createUser(t.db, t.clock, w.admin.accountId);
        await send('POST', w.h, `/v2/projects/${w.project.id}/user_assignments`, {
          user_id: stranger.id,
        });
        await send('PATCH', w.h, `/v2/users/${manager.id}/teammates`, {
          teammate_ids: [w.member.id],
        });
        expect(
          (
            await send(
              'POST',
              managerHeaders,
              '/v2/time_entries',
              w.entry({ user_id: w.member.id, hours: 1 }),
            )
          ).statusCode,
        ).toBe(201);
        expect(
          (
            await send(
              'POST',
              managerHeaders,
              '/v2/time_entries',
              w.entry({ user_id: stranger.id, hours: 1 }),
            )
          ).statusCode,
        ).toBe(403);
        const seen = (await get(managerHeaders, '/v2/time_entries')).json();
        expect(seen.time_entries.length).toBeGreaterThan(0);
        expect(
          seen.time_entries.every((e: { user: { id: number } }) => e.user.id === w.member.id),
        ).toBe(true);
      });
    });

    describe('update, delete, external references', () => {
      it('updates partially; moving to another project re-resolves client and rates', async () => {
        const w = await world();
        const entry = await create(w.mh, w.entry({ hours: 1, notes: 'n' }));
        const other = (
          await send('POST', w.h, '/v2/clients', { name: 'Beta', currency: 'EUR' })
        ).json();
        const p2 = (
          await send('POST', w.h, '/v2/projects', {
            client_id: other.id,
            name: 'P2',
            bill_by: 'Project',
            hourly_rate: 150,
          })
        ).json();
        await send('POST', w.h, `/v2/projects/${p2.id}/task_assignments`, {
          task_id: w.task.id,
          billable: true,
        });
        await send('POST', w.h, `/v2/projects/${p2.id}/user_assignments`, { user_id: w.member.id });
        const res = await send('PATCH', w.mh, `/v2/time_entries/${entry.id}`, {
          project_id: p2.id,
          notes: '',
        });
        expect(res.statusCode).toBe(200);
        assertHarvestSchema('updateTimeEntry', 200, res.json());
        expect(res.json()).toMatchObject({
          notes: null,
          hours: 1,
          client: { id: other.id, currency: 'EUR' },
          project: { id: p2.id },
        });
        expect((await get(w.h, `/v2/time_entries/${entry.id}`)).json().billable_rate).toBe(150);
      });

      it('ignores read-only keys when a client sends the whole object back (recorded Harvest behaviour)', async () => {
        const w = await world();
        const entry = await create(w.mh, w.entry({ hours: 1 }));
        const res = await send('PATCH', w.mh, `/v2/time_entries/${entry.id}`, {
          ...entry,
          notes: 'edited',
          id: 1,
          is_locked: true,
        });
        expect(res.statusCode).toBe(200);
        expect(res.json()).toMatchObject({ id: entry.id, notes: 'edited', is_locked: false });
      });

      it('deletes: answers with the entry, then 404; the row is kept as deleted', async () => {
        const w = await world();
        const entry = await create(w.mh, w.entry({ hours: 1 }));
        const res = await send('DELETE', w.mh, `/v2/time_entries/${entry.id}`);
        expect(res.statusCode).toBe(200);
        expect(res.json().id).toBe(entry.id);
        expect((await get(w.mh, `/v2/time_entries/${entry.id}`)).json()).toEqual({
          status: 404,
          error: 'Not Found',
        });
        const row = await t.db
          .selectFrom('time_entries')
          .select('deleted_at')
          .where('id', '=', entry.id)
          .executeTakeFirstOrThrow();
        expect(row.deleted_at).not.toBeNull();
      });

      it('lists deletions since a time, scoped like the entries themselves', async () => {
        const w = await world();
        const early = await create(w.mh, w.entry({ hours: 1 }));
        const late = await create(w.mh, w.entry({ hours: 1 }));
        const adminOwn = await create(w.h, w.entry({ hours: 1 }));
        await send('DELETE', w.mh, `/v2/time_entries/${early.id}`);
        t.clock.advance(3600);
        await send('DELETE', w.mh, `/v2/time_entries/${late.id}`);
        await send('DELETE', w.h, `/v2/time_entries/${adminOwn.id}`);
        t.clock.set('2026-03-04T09:30:00Z');
        const all = (await get(w.h, '/v2/deleted_time_entries')).json();
        expect(all.deleted_time_entries.map((e: Entry) => e.id)).toEqual([
          adminOwn.id,
          late.id,
          early.id,
        ]);
        const since = (
          await get(w.mh, '/v2/deleted_time_entries?since=2026-03-04T10:00:00Z')
        ).json();
        expect(since.deleted_time_entries).toEqual([
          {
            id: late.id,
            deleted_at: '2026-03-04T10:30:00Z',
            spent_date: '2026-03-04',
            user_id: w.member.id,
            project_id: w.project.id,
          },
        ]);
        expect(since.links.first).toContain('since=2026-03-04T10%3A00%3A00Z');
      });

      it('stores, filters by and removes an external reference', async () => {
        const w = await world();
        const entry = await create(
          w.mh,
          w.entry({
            hours: 1,
            external_reference: {
              id: '982',
              group_id: 'acme/site',
              permalink: 'https://github.com/acme/site/issues/982',
            },
          }),
        );
        expect(entry.external_reference).toEqual({
          id: '982',
          group_id: 'acme/site',
          account_id: null,
          permalink: 'https://github.com/acme/site/issues/982',
          service: 'github.com',
          service_icon_url: null,
        });
        await create(w.mh, w.entry({ hours: 1 }));
        const filtered = (await get(w.mh, '/v2/time_entries?external_reference_id=982')).json();
        expect(filtered.time_entries.map((e: Entry) => e.id)).toEqual([entry.id]);
        const cleared = await send(
          'DELETE',
          w.mh,
          `/v2/time_entries/${entry.id}/external_reference`,
        );
        expect(cleared.json().external_reference).toBeNull();
      });
    });

    describe('what tracked time protects', () => {
      it('refuses to delete a task, a person or assignments with tracked time', async () => {
        const w = await world();
        await create(w.mh, w.entry({ hours: 1 }));
        const task = await send('DELETE', w.h, `/v2/tasks/${w.task.id}`);
        expect(task.statusCode).toBe(422);
        expect(task.json().message).toMatch(/task is not removable/);
        const person = await send('DELETE', w.h, `/v2/users/${w.member.id}`);
        expect(person.json().message).toMatch(/person is not removable/);
        const seats = (
          await get(w.h, `/v2/projects/${w.project.id}/user_assignments?per_page=10`)
        ).json();
        const seat = seats.user_assignments.find(
          (a: { user: { id: number } }) => a.user.id === w.member.id,
        );
        expect(
          (await send('DELETE', w.h, `/v2/projects/${w.project.id}/user_assignments/${seat.id}`))
            .statusCode,
        ).toBe(422);
        const work = (await get(w.h, `/v2/projects/${w.project.id}/task_assignments`)).json()
          .task_assignments[0];
        expect(
          (await send('DELETE', w.h, `/v2/projects/${w.project.id}/task_assignments/${work.id}`))
            .statusCode,
        ).toBe(422);
      });

      it("keeps a deleted project's time as deleted, with its timer stopped", async () => {
        const w = await world();
        const entry = await create(w.mh, w.entry());
        expect((await send('DELETE', w.h, `/v2/projects/${w.project.id}`)).statusCode).toBe(200);
        expect((await get(w.h, `/v2/time_entries/${entry.id}`)).statusCode).toBe(404);
        const row = await t.db
          .selectFrom('time_entries')
          .selectAll()
          .where('id', '=', entry.id)
          .executeTakeFirstOrThrow();
        expect(row).toMatchObject({ timer_started_at: null });
        expect(row.deleted_at).not.toBeNull();
        // The person can start a new timer: the stopped one no longer holds the index.
        const other = (
          await send('POST', w.h, '/v2/projects', { client_id: w.client.id, name: 'Next' })
        ).json();
        await send('POST', w.h, `/v2/projects/${other.id}/task_assignments`, {
          task_id: w.task.id,
        });
        await send('POST', w.h, `/v2/projects/${other.id}/user_assignments`, {
          user_id: w.member.id,
        });
        expect((await create(w.mh, w.entry({ project_id: other.id }))).is_running).toBe(true);
      });
    });

    describe('list', () => {
      it('orders by spent_date, newest first within a day; filters; members see only their own', async () => {
        const w = await world();
        const a = await create(w.mh, w.entry({ hours: 1, spent_date: '2026-03-01' }));
        const b = await create(w.mh, w.entry({ hours: 1, spent_date: '2026-03-03' }));
        const c = await create(w.mh, w.entry({ hours: 1, spent_date: '2026-03-01' }));
        const mine = await create(w.h, w.entry({ hours: 1, spent_date: '2026-03-02' }));
        const adminList = (await get(w.h, '/v2/time_entries')).json();
        assertHarvestSchema('listTimeEntries', 200, adminList);
        expect(adminList.time_entries.map((e: Entry) => e.id)).toEqual([b.id, mine.id, c.id, a.id]);
        const memberList = (await get(w.mh, '/v2/time_entries')).json();
        expect(memberList.time_entries.map((e: Entry) => e.id)).toEqual([b.id, c.id, a.id]);
        const range = (await get(w.h, '/v2/time_entries?from=2026-03-02&to=20260303')).json();
        expect(range.time_entries.map((e: Entry) => e.id)).toEqual([b.id, mine.id]);
        expect(range.links.first).toContain('from=2026-03-02');
        const byUser = (await get(w.h, `/v2/time_entries?user_id=${w.admin.user.id}`)).json();
        expect(byUser.time_entries.map((e: Entry) => e.id)).toEqual([mine.id]);
        expect(
          (
            await get(
              w.h,
              `/v2/time_entries?client_id=${w.client.id}&is_billed=false&approval_status=unsubmitted`,
            )
          ).json().total_entries,
        ).toBe(4);
        expect((await get(w.h, '/v2/time_entries?from=yesterday')).json()).toEqual({
          message: 'From is not a valid date',
        });
        expect((await get(w.mh, `/v2/time_entries/${mine.id}`)).statusCode).toBe(404);
      });

      it('keeps a cursor page stable when its anchor entry moves to another day', async () => {
        const w = await world();
        const days = ['2026-03-05', '2026-03-04', '2026-03-03', '2026-03-02', '2026-03-01'];
        for (const day of days) await create(w.mh, w.entry({ hours: 1, spent_date: day }));
        // Opens before everything: a date after any entry, an id above any id.
        const start = Buffer.from(
          JSON.stringify({ after: { id: 2 ** 40, spent_date: '9999-12-31' } }),
        ).toString('base64url');
        const all = (await get(w.mh, '/v2/time_entries'))
          .json()
          .time_entries.map((e: Entry) => e.id);
        const first = (await get(w.mh, `/v2/time_entries?per_page=2&cursor=${start}`)).json();
        expect(first.time_entries.map((e: Entry) => e.id)).toEqual(all.slice(0, 2));
        // The anchor (last row of page one) moves to the end of the list before page two is read.
        await send('PATCH', w.mh, `/v2/time_entries/${all[1]}`, { spent_date: '2026-02-01' });
        const second = (await get(w.mh, first.links.next.replace(TEST_PUBLIC_URL, ''))).json();
        expect(second.time_entries.map((e: Entry) => e.id)).toEqual(all.slice(2, 4));
      });

      it('pages through by cursor in Harvest order without repeats', async () => {
        const w = await world();
        const days = ['2026-03-01', '2026-03-03', '2026-03-02', '2026-03-03', '2026-03-01'];
        for (const day of days) await create(w.mh, w.entry({ hours: 1, spent_date: day }));
        const all = (await get(w.mh, '/v2/time_entries'))
          .json()
          .time_entries.map((e: Entry) => e.id);
        const first = (await get(w.mh, '/v2/time_entries?per_page=2')).json();
        const seen = first.time_entries.map((e: Entry) => e.id);
        let cursor = Buffer.from(JSON.stringify({ after: { id: seen[1] } })).toString('base64url');
        let next: string | null = `/v2/time_entries?per_page=2&cursor=${cursor}`;
        while (next) {
          const page: { time_entries: Entry[]; links: { next: string | null } } = (
            await get(w.mh, next.replace(TEST_PUBLIC_URL, ''))
          ).json();
          seen.push(...page.time_entries.map((e) => e.id));
          next = page.links.next;
        }
        expect(seen).toEqual(all);
        cursor = Buffer.from(JSON.stringify({ after: { id: all[3] } })).toString('base64url');
        const tail = (await get(w.mh, `/v2/time_entries?per_page=2&cursor=${cursor}`)).json();
        const back = (await get(w.mh, tail.links.previous.replace(TEST_PUBLIC_URL, ''))).json();
        expect(back.time_entries.map((e: Entry) => e.id)).toEqual([all[2], all[3]]);
      });
    });
  });
}
