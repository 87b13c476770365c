import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createUser } from '../../../../test/factories.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { createAuthService } from '../auth/auth.service.ts';
import { createTimeEntriesService } from '../time-entries/time-entries.service.ts';
import { createEventsService } from './events.service.ts';
import { createPeriodsService } from '../approvals/approvals.service.ts';
import { createInvoicedPeriodsService } from '../invoices/invoiced-periods.service.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: domain events of time-entry writes`, () => {
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
        await send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Site',
          bill_by: 'none',
        })
      ).json();
      const task = (await send('POST', h, '/v2/tasks', { name: 'Build' })).json();
      await send('POST', h, `/v2/projects/${project.id}/task_assignments`, { task_id: task.id });
      await send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
        user_id: admin.user.id,
      });
      return { admin, h, project, task };
    }

    async function eventsOf(accountId: number) {
      const rows = await t.db
        .selectFrom('events')
        .selectAll()
        .where('account_id', '=', accountId)
        .where('entity_type', 'in', ['time_entry', 'timer'])
        .orderBy('id')
        .execute();
      return rows.map((row) => ({
        type: row.type,
        entityId: row.entity_id,
        userId: row.user_id,
        actorUserId: row.actor_user_id,
        credential: row.actor_credential,
        before:
          row.before_json === null
            ? null
            : (JSON.parse(row.before_json) as Record<string, unknown>),
        after:
          row.after_json === null ? null : (JSON.parse(row.after_json) as Record<string, unknown>),
      }));
    }

    it('records every write path, in order, with actor, before and after', async () => {
      const { admin, h, project, task } = await world();
      const base = { project_id: project.id, task_id: task.id, spent_date: '2026-03-04' };
      const done = (await send('POST', h, '/v2/time_entries', { ...base, hours: 1.5 })).json();
      const timer = (await send('POST', h, '/v2/time_entries', base)).json();
      expect(timer.is_running).toBe(true);
      // A second timer stops the first one: that stop is recorded too.
      const second = (await send('POST', h, '/v2/time_entries', base)).json();
      await send('PATCH', h, `/v2/time_entries/${done.id}`, { notes: 'Reviewed' });
      // Re-sending what is stored changes nothing and records nothing.
      await send('PATCH', h, `/v2/time_entries/${done.id}`, { notes: 'Reviewed' });
      await send('PATCH', h, `/v2/time_entries/${second.id}/stop`);
      await send('PATCH', h, `/v2/time_entries/${timer.id}/restart`);
      await send('DELETE', h, `/v2/time_entries/${done.id}`);

      const events = await eventsOf(admin.accountId);
      expect(events.map((e) => [e.type, e.entityId])).toEqual([
        ['time_entry.created', done.id],
        ['time_entry.created', timer.id],
        ['timer.started', timer.id],
        ['timer.stopped', timer.id],
        ['time_entry.created', second.id],
        ['timer.started', second.id],
        ['time_entry.updated', done.id],
        ['timer.stopped', second.id],
        ['timer.started', timer.id],
        ['time_entry.deleted', done.id],
      ]);
      for (const event of events) {
        expect(event.userId).toBe(admin.user.id);
        expect(event.actorUserId).toBe(admin.user.id);
        expect(event.credential).toBe('token');
      }
      const updated = events[6];
      expect(updated?.before).toMatchObject({ notes: null, seconds: 5400 });
      expect(updated?.after).toMatchObject({ notes: 'Reviewed', seconds: 5400 });
      expect(events[3]?.before?.timerStartedAt).toBe('2026-03-04T09:30:00.000Z');
      expect(events[3]?.after?.timerStartedAt).toBeNull();
      expect(events[9]).toMatchObject({
        after: null,
        before: { id: done.id, spentDate: '2026-03-04' },
      });
    });

    it('feeds the deleted entries list from the outbox', async () => {
      const { h, project, task } = await world();
      const entry = (
        await send('POST', h, '/v2/time_entries', {
          project_id: project.id,
          task_id: task.id,
          spent_date: '2026-03-02',
          hours: 1,
        })
      ).json();
      await send('DELETE', h, `/v2/time_entries/${entry.id}`);
      const feed = (await get(h, '/v2/deleted_time_entries')).json();
      expect(feed.deleted_time_entries).toEqual([
        {
          id: entry.id,
          deleted_at: '2026-03-04T09:30:00Z',
          spent_date: '2026-03-02',
          user_id: entry.user.id,
          project_id: project.id,
        },
      ]);
    });

    it("records a deleted project's entries as deleted, through the time-entries service", async () => {
      const { admin, h, project, task } = await world();
      const base = { project_id: project.id, task_id: task.id, spent_date: '2026-03-03' };
      const one = (await send('POST', h, '/v2/time_entries', { ...base, hours: 1 })).json();
      const two = (await send('POST', h, '/v2/time_entries', { ...base, hours: 2 })).json();
      expect((await send('DELETE', h, `/v2/projects/${project.id}`)).statusCode).toBe(200);
      const feed = (await get(h, '/v2/deleted_time_entries')).json();
      expect(feed.deleted_time_entries.map((e: { id: number }) => e.id)).toEqual([two.id, one.id]);
      const deleted = (await eventsOf(admin.accountId)).filter(
        (e) => e.type === 'time_entry.deleted',
      );
      expect(deleted.map((e) => e.entityId)).toEqual([one.id, two.id]);
    });

    it('records people, projects, clients and tasks, keeping money out of project snapshots', async () => {
      const { admin, h, project } = await world();
      await send('PATCH', h, `/v2/projects/${project.id}`, { hourly_rate: 120, name: 'Site 2' });
      const person = (
        await send('POST', h, '/v2/users', {
          first_name: 'Ada',
          last_name: 'Lovelace',
          email: `ada-${admin.accountId}@example.com`,
        })
      ).json();
      await send('PATCH', h, `/v2/users/${person.id}`, { telephone: '123' });
      await send('DELETE', h, `/v2/users/${person.id}`);
      const rows = await t.db
        .selectFrom('events')
        .select(['type', 'entity_id', 'user_id', 'project_id', 'before_json', 'after_json'])
        .where('account_id', '=', admin.accountId)
        .where('entity_type', 'in', ['person', 'project', 'client', 'task'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.type)).toEqual([
        'client.created',
        'project.created',
        'task.created',
        'project.updated',
        'person.created',
        'person.updated',
        'person.deleted',
      ]);
      const updated = rows[3]!;
      expect(JSON.parse(updated.after_json ?? '{}')).toMatchObject({ name: 'Site 2' });
      expect(updated.after_json).not.toContain('hourlyRate');
      expect(updated.project_id).toBe(project.id);
      const personRows = rows.slice(4);
      expect(personRows.every((r) => r.user_id === person.id)).toBe(true);
      expect(JSON.parse(personRows[1]!.after_json ?? '{}')).toMatchObject({ telephone: '123' });
    });

    it('records assignments on their project and person, without their rates', async () => {
      const { admin, h, project } = await world();
      const ua = (await get(h, `/v2/projects/${project.id}/user_assignments`)).json()
        .user_assignments[0];
      await send('PATCH', h, `/v2/projects/${project.id}/user_assignments/${ua.id}`, {
        hourly_rate: 150,
        budget: 10,
      });
      const rows = await t.db
        .selectFrom('events')
        .select(['type', 'entity_id', 'user_id', 'project_id', 'after_json'])
        .where('account_id', '=', admin.accountId)
        .where('entity_type', 'in', ['user_assignment', 'task_assignment'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.type)).toEqual([
        'task_assignment.created',
        'user_assignment.created',
        'user_assignment.updated',
      ]);
      const updated = rows[2]!;
      expect(updated).toMatchObject({
        entity_id: ua.id,
        user_id: admin.user.id,
        project_id: project.id,
      });
      expect(JSON.parse(updated.after_json ?? '{}')).toMatchObject({ budgetHundredths: 1000 });
      expect(updated.after_json).not.toContain('hourlyRate');
    });

    it('records the assignments a new project makes for itself', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const client = (await send('POST', h, '/v2/clients', { name: 'Acme' })).json();
      const task = (
        await send('POST', h, '/v2/tasks', {
          name: 'Always',
          is_default: true,
          default_hourly_rate: 80,
        })
      ).json();
      const person = (
        await send('POST', h, '/v2/users', {
          first_name: 'Fu',
          last_name: 'Ture',
          email: `future-${admin.accountId}@example.com`,
          has_access_to_all_future_projects: true,
        })
      ).json();
      const project = (
        await send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'New',
          bill_by: 'none',
        })
      ).json();
      const rows = await t.db
        .selectFrom('events')
        .select(['type', 'user_id', 'project_id', 'after_json'])
        .where('account_id', '=', admin.accountId)
        .where('project_id', '=', project.id)
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.type, r.user_id])).toEqual([
        ['project.created', null],
        ['task_assignment.created', null],
        ['user_assignment.created', person.id],
      ]);
      expect(JSON.parse(rows[1]!.after_json ?? '{}')).toMatchObject({ taskId: task.id });
      expect(rows[1]!.after_json).not.toContain('hourlyRate');
    });

    it('records logins granted, offered, accepted and taken away, and never their secrets', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const flowtly = {
        authorization: `Bearer ${admin.token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      };
      const post = (url: string, body: object, headers: Record<string, string> = flowtly) =>
        t.app.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) });
      const invitee = await createUser(t.db, t.clock, admin.accountId, {
        email: `invitee-${admin.accountId}@example.com`,
      });
      const direct = await createUser(t.db, t.clock, admin.accountId, {
        email: `direct-${admin.accountId}@example.com`,
      });
      const offer = await post(`/api/employees/${invitee.id}/user`, {});
      const token = offer.json<{ invitationToken: string }>().invitationToken;
      const accepted = await post(
        '/api/invitations/accept',
        { token, password: 'invitee password' },
        { 'content-type': 'application/json', accept: 'application/json' },
      );
      expect(accepted.statusCode, accepted.body).toBe(200);
      expect(
        (await post(`/api/employees/${direct.id}/user`, { password: 'direct password' }))
          .statusCode,
      ).toBeLessThan(300);
      const revoked = await t.app.inject({
        method: 'DELETE',
        url: `/api/employees/${direct.id}/user`,
        headers: { authorization: `Bearer ${admin.token}` },
      });
      expect(revoked.statusCode).toBeLessThan(300);

      const rows = await t.db
        .selectFrom('events')
        .select([
          'type',
          'entity_id',
          'actor_user_id',
          'actor_credential',
          'before_json',
          'after_json',
        ])
        .where('account_id', '=', admin.accountId)
        .where('entity_type', '=', 'login')
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.type, r.entity_id, r.actor_user_id, r.actor_credential])).toEqual([
        ['login.invited', invitee.id, admin.user.id, 'token'],
        ['login.accepted', invitee.id, invitee.id, 'invitation'],
        ['login.granted', direct.id, admin.user.id, 'token'],
        ['login.revoked', direct.id, admin.user.id, 'token'],
      ]);
      const all = JSON.stringify(rows);
      expect(all).not.toContain(token);
      expect(all).not.toMatch(/password/i);
    });

    it('records roles with the people they label', async () => {
      const { admin, h } = await world();
      const role = (await send('POST', h, '/v2/roles', { name: 'Design', user_ids: [] })).json();
      await send('PATCH', h, `/v2/roles/${role.id}`, { user_ids: [admin.user.id] });
      await send('DELETE', h, `/v2/roles/${role.id}`);
      const rows = await t.db
        .selectFrom('events')
        .select(['type', 'after_json'])
        .where('account_id', '=', admin.accountId)
        .where('entity_type', '=', 'role')
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.type)).toEqual(['role.created', 'role.updated', 'role.deleted']);
      expect(JSON.parse(rows[1]?.after_json ?? '{}')).toMatchObject({
        name: 'Design',
        userIds: [admin.user.id],
      });
    });

    it('leaves neither the change nor its event when the write rolls back', async () => {
      const { admin, h, project, task } = await world();
      const entry = (
        await send('POST', h, '/v2/time_entries', {
          project_id: project.id,
          task_id: task.id,
          spent_date: '2026-03-04',
          hours: 2,
        })
      ).json();
      const recorded = createEventsService({ db: t.db, clock: t.clock });
      // The event is written, then the unit of work fails before it commits.
      const failing = {
        ...recorded,
        async record(...args: Parameters<typeof recorded.record>) {
          await recorded.record(...args);
          throw new Error('crash after the event was written');
        },
      };
      const service = createTimeEntriesService({
        db: t.db,
        clock: t.clock,
        events: failing,
        periods: createPeriodsService({ clock: t.clock }),
        invoicedPeriods: createInvoicedPeriodsService(),
      });
      const actor = await createAuthService({ db: t.db, clock: t.clock }).authenticateToken(
        admin.token,
        String(admin.accountId),
      );
      await expect(service.updateTimeEntry(actor, entry.id, { notes: 'Lost' })).rejects.toThrow(
        'crash after the event was written',
      );
      const stored = await t.db
        .selectFrom('time_entries')
        .select('notes')
        .where('id', '=', entry.id)
        .executeTakeFirstOrThrow();
      expect(stored.notes).toBeNull();
      expect((await eventsOf(admin.accountId)).map((e) => e.type)).toEqual(['time_entry.created']);
    });
  });
}
