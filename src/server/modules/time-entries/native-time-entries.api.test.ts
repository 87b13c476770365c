import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import {
  createHarvestCaller,
  createOwnerWithLogin,
  createUser,
  createToken,
} from '../../../../test/factories.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';

type Json = Record<string, unknown>;

for (const dialect of DIALECTS) {
  describe(`${dialect}: /punch/v1 time entries and timer`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);

    /** An account with a project and task the administrator and a member are assigned to. */
    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const client = (await harvest.send('POST', h, '/v2/clients', { name: 'Acme' })).json();
      const project = (
        await harvest.send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Site',
          bill_by: 'Project',
          hourly_rate: 100,
        })
      ).json();
      const task = (await harvest.send('POST', h, '/v2/tasks', { name: 'Build' })).json();
      await harvest.send('POST', h, `/v2/projects/${project.id}/task_assignments`, {
        task_id: task.id,
        billable: true,
      });
      const member = await createUser(t.db, t.clock, admin.accountId, { firstName: 'Mia' });
      for (const id of [admin.user.id, member.id]) {
        await harvest.send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
          user_id: id,
        });
      }
      const memberToken = (await createToken(t.db, t.clock, member.id)).token;
      const as = (token: string) => ({ authorization: `Bearer ${token}` });
      const call = (headers: Json, method: string, url: string, body?: unknown) =>
        t.app.inject({
          method: method as 'GET',
          url: `/punch/v1${url}`,
          headers: {
            ...(headers as Record<string, string>),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
        });
      return {
        admin,
        member,
        project,
        task,
        client,
        asAdmin: (method: string, url: string, body?: unknown) =>
          call(as(admin.token), method, url, body),
        asMember: (method: string, url: string, body?: unknown) =>
          call(as(memberToken), method, url, body),
        call,
      };
    }

    it('creates, reads, changes and deletes an entry in seconds and camelCase', async () => {
      const w = await world();
      const created = await w.asAdmin('POST', '/time-entries', {
        projectId: w.project.id,
        taskId: w.task.id,
        spentDate: '2026-03-02',
        seconds: 5400,
        notes: 'Foundations',
      });
      expect(created.statusCode, created.body).toBe(201);
      const entry = created.json();
      expect(entry).toMatchObject({
        userId: w.admin.user.id,
        spentDate: '2026-03-02',
        seconds: 5400,
        roundedSeconds: 5400,
        isRunning: false,
        notes: 'Foundations',
        billable: true,
        billableRate: 100,
        isLocked: false,
        approvalStatus: 'unsubmitted',
        project: { id: w.project.id, name: 'Site' },
        task: { id: w.task.id, name: 'Build' },
        client: { id: w.client.id, name: 'Acme' },
      });
      // The same row through the Harvest door: one core.
      const viaHarvest = (
        await harvest.get(w.admin.headers, `/v2/time_entries/${entry.id}`)
      ).json();
      expect(viaHarvest).toMatchObject({ id: entry.id, hours: 1.5, notes: 'Foundations' });

      const changed = await w.asAdmin('PATCH', `/time-entries/${entry.id}`, {
        seconds: 7200,
        notes: null,
      });
      expect(changed.json()).toMatchObject({ seconds: 7200, notes: null });
      expect((await w.asAdmin('GET', `/time-entries/${entry.id}`)).json().seconds).toBe(7200);
      expect((await w.asAdmin('DELETE', `/time-entries/${entry.id}`)).statusCode).toBe(204);
      const gone = await w.asAdmin('GET', `/time-entries/${entry.id}`);
      expect(gone.statusCode).toBe(404);
      expect(gone.json().error.code).toBe('time_entry_not_found');
    });

    it('lists with filters, newest day first, page by page with a cursor', async () => {
      const w = await world();
      for (const day of ['2026-03-01', '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05']) {
        await w.asAdmin('POST', '/time-entries', {
          projectId: w.project.id,
          taskId: w.task.id,
          spentDate: day,
          seconds: 600,
        });
      }
      const first = (await w.asAdmin('GET', '/time-entries?limit=2&from=2026-03-02')).json();
      expect(first.data.map((e: Json) => e.spentDate)).toEqual(['2026-03-05', '2026-03-04']);
      expect(first.nextCursor).toEqual(expect.any(String));
      const second = (
        await w.asAdmin('GET', `/time-entries?limit=2&from=2026-03-02&cursor=${first.nextCursor}`)
      ).json();
      expect(second.data.map((e: Json) => e.spentDate)).toEqual(['2026-03-03', '2026-03-02']);
      expect(second.nextCursor).toBeNull();
      const bad = await w.asAdmin('GET', '/time-entries?cursor=nonsense');
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.code).toBe('invalid_cursor');
    });

    it('runs one timer per person: start, current, start another, stop', async () => {
      const w = await world();
      expect((await w.asMember('GET', '/timer')).json()).toEqual({ timeEntry: null });
      const none = await w.asMember('POST', '/timer/stop');
      expect(none.statusCode).toBe(422);
      expect(none.json().error.code).toBe('timer_not_running');
      const started = await w.asMember('POST', '/timer', {
        projectId: w.project.id,
        taskId: w.task.id,
        notes: 'Call',
      });
      expect(started.statusCode, started.body).toBe(201);
      const first = started.json();
      expect(first).toMatchObject({
        isRunning: true,
        spentDate: '2026-03-04',
        timerStartedAt: '2026-03-04T09:30:00Z',
        userId: w.member.id,
      });
      t.clock.set(new Date(Date.parse('2026-03-04T09:45:00Z')));
      try {
        const current = (await w.asMember('GET', '/timer')).json();
        expect(current.timeEntry).toMatchObject({ id: first.id, seconds: 900 });
        const second = (
          await w.asMember('POST', '/timer', { projectId: w.project.id, taskId: w.task.id })
        ).json();
        expect((await w.asMember('GET', `/time-entries/${first.id}`)).json()).toMatchObject({
          isRunning: false,
          seconds: 900,
        });
        const stopped = await w.asMember('POST', '/timer/stop');
        expect(stopped.json()).toMatchObject({ id: second.id, isRunning: false, seconds: 0 });
        // The administrator's own timer is untouched by the member's.
        expect((await w.asAdmin('GET', '/timer')).json()).toEqual({ timeEntry: null });
      } finally {
        t.clock.set(new Date(Date.parse('2026-03-04T09:30:00Z')));
      }
    });

    it('answers bad input with stable codes, never a 500', async () => {
      const w = await world();
      const missing = await w.asAdmin('POST', '/time-entries', { projectId: w.project.id });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().error.code).toBe('validation_failed');
      // The same errors as data, for the web app to word in its reader's language.
      expect(missing.json().error.fields).toEqual([
        { field: 'taskId', rule: 'blank' },
        { field: 'spentDate', rule: 'blank' },
      ]);
      const typed = await w.asAdmin('POST', '/time-entries', {
        projectId: w.project.id,
        taskId: w.task.id,
        spentDate: '2026-03-02',
        seconds: -5,
      });
      expect(typed.json().error.fields).toEqual([{ field: 'seconds', rule: 'min', limit: 0 }]);
      const badDay = await w.asAdmin('POST', '/time-entries', {
        projectId: w.project.id,
        taskId: w.task.id,
        spentDate: '2026-02-30',
      });
      expect(badDay.statusCode).toBe(422);
      const badTime = await w.asAdmin('POST', '/time-entries', {
        projectId: w.project.id,
        taskId: w.task.id,
        spentDate: '2026-03-02',
        startedTime: '25:99',
      });
      expect(badTime.json().error.code).toBe('invalid_time_of_day');
      // The native API reads its JSON strictly: no unknown fields, no numbers as text.
      const unknownField = await w.asAdmin('POST', '/time-entries', {
        projectId: w.project.id,
        taskId: w.task.id,
        spentDate: '2026-03-02',
        hours: 1,
      });
      expect(unknownField.statusCode).toBe(422);
      expect(unknownField.json().error.message).toBe('The body has no field hours');
      const textNumber = await w.asAdmin('POST', '/time-entries', {
        projectId: String(w.project.id),
        taskId: w.task.id,
        spentDate: '2026-03-02',
      });
      expect(textNumber.statusCode).toBe(422);
      expect(textNumber.json().error.message).toBe('ProjectId must be an integer');
      // Query strings are text: numbers in them are still read as numbers.
      expect((await w.asAdmin('GET', `/time-entries?projectId=${w.project.id}`)).statusCode).toBe(
        200,
      );
    });

    it('keeps dates to four-digit years and time fields to how the account tracks time', async () => {
      const w = await world();
      const entry = (overrides: object) =>
        w.asAdmin('POST', '/time-entries', {
          projectId: w.project.id,
          taskId: w.task.id,
          spentDate: '2026-03-02',
          ...overrides,
        });
      const ancient = await entry({ spentDate: '0000-01-01', seconds: 5 });
      expect(ancient.statusCode).toBe(422);
      expect(ancient.json().error.code).toBe('date_out_of_range');
      const sheet = await w.asAdmin('GET', '/timesheet?week=9999-12-31');
      expect(sheet.json().error.code).toBe('date_out_of_range');
      // A duration account: times of day would be dropped, so they are refused.
      const times = await entry({ startedTime: '09:00', endedTime: '10:00' });
      expect(times.statusCode).toBe(422);
      expect(times.json().error.code).toBe('times_of_day_not_tracked');
      // A start/end account: seconds beside times, or alone on a change, are refused.
      await harvest.send('PATCH', w.admin.headers, '/v2/company', { wants_timestamp_timers: true });
      const both = await entry({ seconds: 100, startedTime: '09:00', endedTime: '10:00' });
      expect(both.json().error.code).toBe('durations_not_tracked');
      const made = await entry({ startedTime: '09:00', endedTime: '10:30' });
      expect(made.json()).toMatchObject({
        seconds: 5400,
        startedTime: '09:00',
        endedTime: '10:30',
      });
      const onlySeconds = await w.asAdmin('PATCH', `/time-entries/${made.json().id}`, {
        seconds: 60,
      });
      expect(onlySeconds.json().error.code).toBe('durations_not_tracked');
      const nobody = await w.asAdmin('GET', '/timesheet?userId=999999999');
      expect(nobody.statusCode).toBe(404);
      const big = await w.asAdmin('POST', '/time-entries', { notes: 'x'.repeat(2_000_000) });
      expect(big.statusCode).toBe(413);
      expect(big.json().error.code).toBe('body_too_large');
    });

    it("keeps people to what they may see: a member cannot read or change another's time, nor another account's", async () => {
      const w = await world();
      const adminEntry = (
        await w.asAdmin('POST', '/time-entries', {
          projectId: w.project.id,
          taskId: w.task.id,
          spentDate: '2026-03-02',
          seconds: 60,
        })
      ).json();
      expect((await w.asMember('GET', `/time-entries/${adminEntry.id}`)).statusCode).toBe(404);
      expect(
        (await w.asMember('PATCH', `/time-entries/${adminEntry.id}`, { notes: 'x' })).statusCode,
      ).toBe(404);
      expect((await w.asMember('GET', '/time-entries')).json().data).toEqual([]);
      const forOther = await w.asMember('POST', '/time-entries', {
        userId: w.admin.user.id,
        projectId: w.project.id,
        taskId: w.task.id,
        spentDate: '2026-03-02',
        seconds: 60,
      });
      expect(forOther.statusCode).toBe(403);
      const stranger = await createHarvestCaller(t.db, t.clock);
      const theirs = await w.call(
        { authorization: `Bearer ${stranger.token}` },
        'GET',
        `/time-entries/${adminEntry.id}`,
      );
      expect(theirs.statusCode).toBe(404);
    });

    it('takes writes from the web app with its session cookie and CSRF token, recording events', async () => {
      const owner = await createOwnerWithLogin(t.db, t.clock);
      const h = {
        authorization: `Bearer ${owner.token}`,
        'harvest-account-id': String(owner.accountId),
        'user-agent': 'tests',
      };
      const client = (await harvest.send('POST', h, '/v2/clients', { name: 'Acme' })).json();
      const project = (
        await harvest.send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Web',
          bill_by: 'none',
        })
      ).json();
      const task = (await harvest.send('POST', h, '/v2/tasks', { name: 'Design' })).json();
      await harvest.send('POST', h, `/v2/projects/${project.id}/task_assignments`, {
        task_id: task.id,
      });
      await harvest.send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
        user_id: owner.userId,
      });
      const signIn = await t.app.inject({
        method: 'POST',
        url: '/punch/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: owner.email, password: owner.password }),
      });
      const cookie = String(signIn.headers['set-cookie']).split(';')[0] ?? '';
      const { csrfToken } = signIn.json<{ csrfToken: string }>();
      const body = { projectId: project.id, taskId: task.id };
      const refused = await t.app.inject({
        method: 'POST',
        url: '/punch/v1/timer',
        headers: { cookie, 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
      expect(refused.statusCode).toBe(403);
      const started = await t.app.inject({
        method: 'POST',
        url: '/punch/v1/timer',
        headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
        payload: JSON.stringify(body),
      });
      expect(started.statusCode, started.body).toBe(201);
      const events = await t.db
        .selectFrom('events')
        .select(['type', 'actor_credential', 'actor_user_id'])
        .where('account_id', '=', owner.accountId)
        .where('entity_type', 'in', ['time_entry', 'timer'])
        .orderBy('id')
        .execute();
      expect(events).toEqual([
        { type: 'time_entry.created', actor_credential: 'session', actor_user_id: owner.userId },
        { type: 'timer.started', actor_credential: 'session', actor_user_id: owner.userId },
      ]);
    });
  });
}
