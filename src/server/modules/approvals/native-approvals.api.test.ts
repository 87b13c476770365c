import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';
import { flowtlyRequests } from '../../../../test/flowtly-requests.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';

// The fixed clock reads Wednesday 2026-03-04; accounts' weeks start on Monday.
const WEEK = '2026-03-02';
const LAST_WEEK = '2026-02-23';

for (const dialect of DIALECTS) {
  describe(`${dialect}: timesheet approval and locked periods`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);
    const flowtly = flowtlyRequests(() => t.app);
    const native = nativeRequests(() => t.app);

    /** An account with an administrator, a manager of a member, the member, and their time. */
    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const client = (await harvest.send('POST', h, '/v2/clients', { name: 'Acme' })).json();
      const project = (
        await harvest.send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Site',
          is_billable: true,
          bill_by: 'Project',
          hourly_rate: 100,
        })
      ).json();
      const task = (await harvest.send('POST', h, '/v2/tasks', { name: 'Build' })).json();
      await harvest.send('POST', h, `/v2/projects/${project.id}/task_assignments`, {
        task_id: task.id,
        billable: true,
      });
      const member = await createUser(t.db, t.clock, admin.accountId, { firstName: 'Mo' });
      const manager = await createUser(t.db, t.clock, admin.accountId, {
        firstName: 'Maya',
        accessLevel: 'manager',
        managerPermissions: ['time_and_expenses_manager'],
      });
      for (const person of [member, manager, admin.user]) {
        await harvest.send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
          user_id: person.id,
        });
      }
      await harvest.send('PATCH', h, `/v2/users/${manager.id}/teammates`, {
        teammate_ids: [member.id],
      });
      const token = async (id: number) => (await createToken(t.db, t.clock, id)).token;
      const memberToken = await token(member.id);
      const managerToken = await token(manager.id);
      const mh: Headers = {
        authorization: `Bearer ${memberToken}`,
        'harvest-account-id': String(admin.accountId),
        'user-agent': 'Punch tests (tests@example.com)',
      };
      const entry = async (
        date: string,
        hours: number,
        headers: Headers = mh,
        userId = member.id,
      ) =>
        harvest.send('POST', headers, '/v2/time_entries', {
          user_id: userId,
          project_id: project.id,
          task_id: task.id,
          spent_date: date,
          hours,
        });
      const mon = (await entry('2026-03-02', 8)).json();
      const tue = (await entry('2026-03-03', 4)).json();
      return {
        admin,
        h,
        mh,
        project,
        task,
        member,
        manager,
        mon,
        tue,
        entry,
        asAdmin: native(admin.token),
        asMember: native(memberToken),
        asManager: native(managerToken),
      };
    }
    type World = Awaited<ReturnType<typeof world>>;

    const statusOf = async (w: World, id: number): Promise<Record<string, unknown>> =>
      (await harvest.get(w.h, `/v2/time_entries/${id}`)).json<Record<string, unknown>>();

    it('walks a week through submit, reject with a reason, resubmit and approve', async () => {
      const w = await world();
      const submitted = await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: WEEK });
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json()).toMatchObject({
        userId: w.member.id,
        weekStart: WEEK,
        weekEnd: '2026-03-08',
        status: 'submitted',
        seconds: 12 * 3600,
        billableSeconds: 12 * 3600,
        submittedBy: w.member.id,
        rejectionReason: null,
      });
      expect((await statusOf(w, w.mon.id)).approval_status).toBe('submitted');

      // The approver's queue: the week with its hours and warnings.
      const queue = (await w.asManager('GET', '/approvals')).json().data;
      expect(queue).toHaveLength(1);
      expect(queue[0]).toMatchObject({
        userId: w.member.id,
        person: { firstName: 'Mo' },
        status: 'submitted',
        seconds: 43200,
        mayApprove: true,
        missingDays: ['2026-03-04', '2026-03-05', '2026-03-06'],
      });
      expect(queue[0].warnings).toEqual(['missing_days', 'under_capacity']);

      const blank = await w.asManager('POST', '/approvals/reject', {
        weeks: [{ userId: w.member.id, weekStart: WEEK }],
        reason: '   ',
      });
      expect(blank.statusCode).toBe(422);
      expect(blank.json().error.code).toBe('rejection_reason_required');

      const rejected = await w.asManager('POST', '/approvals/reject', {
        weeks: [{ userId: w.member.id, weekStart: WEEK }],
        reason: 'Wednesday is missing',
      });
      expect(rejected.statusCode).toBe(200);
      expect(rejected.json().data[0]).toMatchObject({
        status: 'unsubmitted',
        rejectionReason: 'Wednesday is missing',
        decidedBy: w.manager.id,
      });
      // The person sees the reason on their week, and may fix the week again.
      const mine = (await w.asMember('GET', `/timesheet-weeks?from=${WEEK}&to=${WEEK}`)).json();
      expect(mine.data).toHaveLength(1);
      expect(mine.data[0]).toMatchObject({
        status: 'unsubmitted',
        rejectionReason: 'Wednesday is missing',
      });
      expect((await w.entry('2026-03-04', 8)).statusCode).toBe(201);

      const again = await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: WEEK });
      expect(again.json()).toMatchObject({
        status: 'submitted',
        rejectionReason: null,
        seconds: 20 * 3600,
      });
      const approved = await w.asManager('POST', '/approvals/approve', {
        weeks: [{ userId: w.member.id, weekStart: WEEK }],
      });
      expect(approved.statusCode).toBe(200);
      expect(approved.json().data[0]).toMatchObject({
        status: 'approved',
        decidedBy: w.manager.id,
      });

      const entry = await statusOf(w, w.mon.id);
      expect(entry).toMatchObject({
        approval_status: 'approved',
        is_closed: true,
        is_locked: true,
        locked_reason: 'Item Approved and Locked for this Time Period',
      });
      const filtered = (await harvest.get(w.h, '/v2/time_entries?approval_status=approved')).json();
      expect(filtered.time_entries).toHaveLength(3);

      // Every transition is an event with its actor and, for a rejection, the reason.
      const events = await t.db
        .selectFrom('events')
        .select(['type', 'actor_user_id', 'after_json'])
        .where('account_id', '=', w.admin.accountId)
        .where('type', 'like', 'timesheet.%')
        .orderBy('id')
        .execute();
      expect(events.map((e) => [e.type, e.actor_user_id])).toEqual([
        ['timesheet.submitted', w.member.id],
        ['timesheet.rejected', w.manager.id],
        ['timesheet.submitted', w.member.id],
        ['timesheet.approved', w.manager.id],
      ]);
      expect(JSON.parse(events[1]?.after_json ?? '{}')).toMatchObject({
        reason: 'Wednesday is missing',
        status: 'unsubmitted',
      });
    });

    it("keeps a submitted week's time from its person on every API, and lets them withdraw", async () => {
      const w = await world();
      await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: WEEK });

      const viaHarvest = await harvest.send('PATCH', w.mh, `/v2/time_entries/${w.mon.id}`, {
        hours: 1,
      });
      expect(viaHarvest.statusCode).toBe(422);
      expect(viaHarvest.json().message).toMatch(/submitted for approval/);
      const viaNative = await w.asMember('PATCH', `/time-entries/${w.mon.id}`, { seconds: 60 });
      expect(viaNative.statusCode).toBe(422);
      expect(viaNative.json().error.code).toBe('week_submitted');
      const viaFlowtly = await flowtly.patch(
        { authorization: w.mh.authorization as string },
        `/api/work-times/wkt_${w.mon.id}`,
        { seconds: 60 },
      );
      expect(viaFlowtly.statusCode).toBe(422);
      expect((await harvest.send('DELETE', w.mh, `/v2/time_entries/${w.tue.id}`)).statusCode).toBe(
        422,
      );
      // Nor is time added to it, by anyone.
      const added = await w.entry('2026-03-05', 1);
      expect(added.statusCode).toBe(422);
      expect(added.json().message).toMatch(/submitted for approval/);
      expect((await w.entry('2026-03-05', 1, w.h)).statusCode).toBe(422);
      const cell = await w.asMember('PUT', '/timesheet', {
        cells: [{ projectId: w.project.id, taskId: w.task.id, date: '2026-03-05', seconds: 3600 }],
      });
      expect(cell.statusCode).toBe(422);
      expect(cell.json().error.code).toBe('week_submitted');
      // The timesheet says why nothing can be typed.
      const sheet = (await w.asMember('GET', `/timesheet?week=${WEEK}`)).json();
      expect(sheet.closed).toEqual(Array(7).fill('week_submitted'));
      expect(sheet.rows[0].cells[0]).toMatchObject({
        editable: false,
        readOnlyReason: 'week_submitted',
      });
      // Another week is open.
      expect((await w.entry(LAST_WEEK, 1)).statusCode).toBe(201);
      // The manager may still correct it before deciding (Harvest's approvers do).
      const corrected = await w.asManager('PATCH', `/time-entries/${w.tue.id}`, {
        seconds: 5 * 3600,
      });
      expect(corrected.statusCode).toBe(200);

      const withdrawn = await w.asMember('POST', '/timesheet-weeks/withdraw', { weekStart: WEEK });
      expect(withdrawn.json()).toMatchObject({ status: 'unsubmitted' });
      expect(
        (await harvest.send('PATCH', w.mh, `/v2/time_entries/${w.mon.id}`, { hours: 1 }))
          .statusCode,
      ).toBe(200);
    });

    it('locks an approved week for members on all three APIs; administrators reopen it', async () => {
      const w = await world();
      await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: WEEK });
      await w.asAdmin('POST', '/approvals/approve', {
        weeks: [{ userId: w.member.id, weekStart: WEEK }],
      });
      const viaHarvest = await harvest.send('PATCH', w.mh, `/v2/time_entries/${w.mon.id}`, {
        notes: 'late',
      });
      expect(viaHarvest.statusCode).toBe(422);
      expect(viaHarvest.json().message).toBe(
        'Only an administrator can change this entry: Item Approved and Locked for this Time Period',
      );
      const viaNative = await w.asMember('DELETE', `/time-entries/${w.mon.id}`);
      expect(viaNative.statusCode).toBe(422);
      expect(viaNative.json().error.code).toBe('time_entry_locked');
      const viaFlowtly = await flowtly.patch(
        { authorization: w.mh.authorization as string },
        `/api/work-times/wkt_${w.mon.id}`,
        { description: 'late' },
      );
      expect(viaFlowtly.statusCode).toBe(422);
      // A manager is no administrator: no change to approved time.
      expect(
        (await w.asManager('PATCH', `/time-entries/${w.mon.id}`, { notes: 'x' })).statusCode,
      ).toBe(422);
      // An administrator corrects notes, but adds nothing to an approved week.
      expect(
        (await w.asAdmin('PATCH', `/time-entries/${w.mon.id}`, { notes: 'ok' })).statusCode,
      ).toBe(200);
      const added = await w.entry('2026-03-06', 1, w.h);
      expect(added.statusCode).toBe(422);
      expect(added.json().message).toMatch(/approved/);

      // Only administrators reopen.
      const byManager = await w.asManager('POST', '/approvals/reopen', {
        weeks: [{ userId: w.member.id, weekStart: WEEK }],
      });
      expect(byManager.statusCode).toBe(403);
      const reopened = await w.asAdmin('POST', '/approvals/reopen', {
        weeks: [{ userId: w.member.id, weekStart: WEEK }],
      });
      expect(reopened.json().data[0].status).toBe('unsubmitted');
      expect(await statusOf(w, w.mon.id)).toMatchObject({
        approval_status: 'unsubmitted',
        is_closed: false,
        is_locked: false,
      });
    });

    it('refuses transitions that do not apply, with stable codes', async () => {
      const w = await world();
      const ref = { userId: w.member.id, weekStart: WEEK };
      const early = await w.asManager('POST', '/approvals/approve', { weeks: [ref] });
      expect(early.statusCode).toBe(422);
      expect(early.json().error.code).toBe('week_state_conflict');
      expect(
        (await w.asMember('POST', '/timesheet-weeks/withdraw', { weekStart: WEEK })).json().error
          .code,
      ).toBe('week_state_conflict');
      const notMonday = await w.asMember('POST', '/timesheet-weeks/submit', {
        weekStart: '2026-03-03',
      });
      expect(notMonday.statusCode).toBe(422);
      expect(notMonday.json().error.code).toBe('not_a_week_start');
      // A member submits only their own week and has no queue.
      const other = await w.asMember('POST', '/timesheet-weeks/submit', {
        weekStart: WEEK,
        userId: w.manager.id,
      });
      expect(other.statusCode).toBe(404);
      expect((await w.asMember('GET', '/approvals')).statusCode).toBe(403);
      // Nobody but an administrator approves their own week.
      await w.entry(
        '2026-03-02',
        2,
        {
          ...w.mh,
          authorization: `Bearer ${(await createToken(t.db, t.clock, w.manager.id)).token}`,
        },
        w.manager.id,
      );
      await w.asManager('POST', '/timesheet-weeks/submit', { weekStart: WEEK });
      const own = await w.asManager('POST', '/approvals/approve', {
        weeks: [{ userId: w.manager.id, weekStart: WEEK }],
      });
      expect(own.statusCode).toBe(403);
      // A running timer in the week blocks submitting it.
      await harvest.send('POST', w.mh, '/v2/time_entries', {
        project_id: w.project.id,
        task_id: w.task.id,
        spent_date: '2026-03-04',
      });
      const running = await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: WEEK });
      expect(running.statusCode).toBe(422);
      expect(running.json().error.code).toBe('timer_running');
      // The account's week start cannot move under submitted weeks.
      const moved = await w.asAdmin('PATCH', '/account', { weekStartDay: 'Sunday' });
      expect(moved.statusCode).toBe(422);
      expect(moved.json().error.code).toBe('weeks_in_workflow');
      // With approval switched off, nothing is submitted.
      await w.asAdmin('PATCH', '/account', { approvalsEnabled: false });
      const off = await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: LAST_WEEK });
      expect(off.statusCode).toBe(422);
      expect(off.json().error.code).toBe('approvals_disabled');
    });

    it("lets a project's manager decide a week spent only on their project", async () => {
      const w = await world();
      const pm = await createUser(t.db, t.clock, w.admin.accountId, {
        firstName: 'Pat',
        accessLevel: 'manager',
      });
      await harvest.send('POST', w.h, `/v2/projects/${w.project.id}/user_assignments`, {
        user_id: pm.id,
        is_project_manager: true,
      });
      const asPm = native((await createToken(t.db, t.clock, pm.id)).token);
      await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: WEEK });
      expect((await asPm('GET', '/approvals')).json().data).toHaveLength(1);
      const ref = { weeks: [{ userId: w.member.id, weekStart: WEEK }] };
      expect((await asPm('POST', '/approvals/approve', ref)).statusCode).toBe(200);

      // A week with time on another project is not theirs to decide.
      const other = (
        await harvest.send('POST', w.h, '/v2/projects', {
          client_id: (await harvest.get(w.h, `/v2/projects/${w.project.id}`)).json().client.id,
          name: 'Elsewhere',
        })
      ).json();
      await harvest.send('POST', w.h, `/v2/projects/${other.id}/task_assignments`, {
        task_id: w.task.id,
      });
      await harvest.send('POST', w.h, `/v2/projects/${other.id}/user_assignments`, {
        user_id: w.member.id,
      });
      await harvest.send('POST', w.mh, '/v2/time_entries', {
        project_id: other.id,
        task_id: w.task.id,
        spent_date: LAST_WEEK,
        hours: 1,
      });
      await w.entry(LAST_WEEK, 2);
      await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: LAST_WEEK });
      expect((await asPm('GET', '/approvals')).json().data).toHaveLength(0);
      const refused = await asPm('POST', '/approvals/approve', {
        weeks: [{ userId: w.member.id, weekStart: LAST_WEEK }],
      });
      // Not theirs to see in full either: the week is not revealed.
      expect(refused.statusCode).toBe(404);
      expect((await statusOf(w, w.mon.id)).approval_status).toBe('approved');
    });

    it('approves many weeks at once, or none when one is refused', async () => {
      const w = await world();
      await w.entry(LAST_WEEK, 3);
      await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: WEEK });
      const weeks = [
        { userId: w.member.id, weekStart: WEEK },
        { userId: w.member.id, weekStart: LAST_WEEK },
      ];
      const refused = await w.asAdmin('POST', '/approvals/approve', { weeks });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.message).toMatch(/Mo Lovelace, week of 2026-02-23/);
      expect((await statusOf(w, w.mon.id)).approval_status).toBe('submitted');

      await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: LAST_WEEK });
      expect((await w.asAdmin('GET', '/approvals')).json().data).toHaveLength(2);
      const both = await w.asAdmin('POST', '/approvals/approve', { weeks });
      expect(both.statusCode).toBe(200);
      expect(both.json().data.map((x: { status: string }) => x.status)).toEqual([
        'approved',
        'approved',
      ]);
      expect((await w.asAdmin('GET', '/approvals')).json().data).toHaveLength(0);
    });

    it('never lets an edit land in a week approved at the same moment', async () => {
      const w = await world();
      for (let round = 0; round < 4; round++) {
        const week = round % 2 === 0 ? WEEK : LAST_WEEK;
        if (round > 0) {
          await w.asAdmin('POST', '/approvals/reopen', {
            weeks: [{ userId: w.member.id, weekStart: week }],
          });
        }
        if (week === LAST_WEEK && round === 1) await w.entry(LAST_WEEK, 1);
        await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: week });
        const [id] = (
          await harvest.get(w.h, `/v2/time_entries?user_id=${w.member.id}&from=${week}&to=${week}`)
        )
          .json()
          .time_entries.map((e: { id: number }) => e.id);
        const [approve, edit] = await Promise.all([
          w.asAdmin('POST', '/approvals/approve', {
            weeks: [{ userId: w.member.id, weekStart: week }],
          }),
          w.asManager('PATCH', `/time-entries/${id}`, { seconds: 3600 + round }),
        ]);
        expect(approve.statusCode).toBe(200);
        // Either the edit came first (and was approved with the week) or it was refused.
        expect([200, 422]).toContain(edit.statusCode);
        const rows = await t.db
          .selectFrom('time_entries')
          .select(['approval_status'])
          .where('user_id', '=', w.member.id)
          .where('deleted_at', 'is', null)
          .where('spent_date', '>=', week)
          .where('spent_date', '<=', week === WEEK ? '2026-03-08' : '2026-03-01')
          .execute();
        expect(new Set(rows.map((r) => r.approval_status))).toEqual(new Set(['approved']));
      }
    });

    it.runIf(dialect === 'postgres')(
      "makes an edit wait for a week's approval under way, then refuses it",
      async () => {
        const w = await world();
        await w.asMember('POST', '/timesheet-weeks/submit', { weekStart: WEEK });
        type Answer = { statusCode: number; json: () => { error: { code: string } } };
        let edit: Promise<Answer> | undefined;
        let settledEarly = false;
        // An approval in another process: it holds the person, as every week transition does,
        // and approves the entries; the edit must wait for it and then see the approval.
        await t.db.transaction().execute(async (trx) => {
          await sql`SELECT id FROM users WHERE id = ${w.member.id} FOR UPDATE`.execute(trx);
          edit = w.asManager('PATCH', `/time-entries/${w.mon.id}`, { seconds: 60 });
          void edit.then(() => {
            settledEarly = true;
          });
          await new Promise((resolve) => setTimeout(resolve, 300));
          expect(settledEarly).toBe(false);
          await trx
            .updateTable('time_entries')
            .set({ approval_status: 'approved' })
            .where('user_id', '=', w.member.id)
            .execute();
        });
        if (!edit) throw new Error('the edit was not sent');
        const answer = await edit;
        expect(answer.statusCode).toBe(422);
        expect(answer.json().error.code).toBe('time_entry_locked');
      },
    );

    it('never leaves an unsubmitted entry in a week submitted at the same moment', async () => {
      const w = await world();
      const [submit, create] = await Promise.all([
        w.asMember('POST', '/timesheet-weeks/submit', { weekStart: WEEK }),
        w.entry('2026-03-04', 2, w.h),
      ]);
      expect(submit.statusCode).toBe(200);
      expect([201, 422]).toContain(create.statusCode);
      const statuses = await t.db
        .selectFrom('time_entries')
        .select('approval_status')
        .where('account_id', '=', w.admin.accountId)
        .where('spent_date', '>=', WEEK)
        .execute();
      expect(new Set(statuses.map((s) => s.approval_status))).toEqual(new Set(['submitted']));
    });

    it('locks periods by date and by delay; an administrator unlocks a week for a while', async () => {
      const w = await world();
      const set = await w.asAdmin('PATCH', '/account', { lockDate: '2026-03-02' });
      expect(set.json()).toMatchObject({ lockDate: '2026-03-02', autoLockDays: null });
      // Each request reads the settings as they are when it begins: a new request sees the lock.
      const shown = await statusOf(w, w.mon.id);
      expect(shown).toMatchObject({
        is_locked: true,
        locked_reason: 'Item Locked for this Time Period',
      });
      expect((await statusOf(w, w.tue.id)).is_locked).toBe(false);
      // Nobody changes a locked day, administrators included, on any API.
      const byAdmin = await harvest.send('PATCH', w.h, `/v2/time_entries/${w.mon.id}`, {
        hours: 1,
      });
      expect(byAdmin.statusCode).toBe(422);
      const created = await w.asAdmin('POST', '/time-entries', {
        userId: w.member.id,
        projectId: w.project.id,
        taskId: w.task.id,
        spentDate: LAST_WEEK,
        seconds: 60,
      });
      expect(created.statusCode).toBe(422);
      expect(created.json().error.code).toBe('period_locked');
      const moved = await w.asMember('PATCH', `/time-entries/${w.tue.id}`, {
        spentDate: '2026-03-01',
      });
      expect(moved.json().error.code).toBe('period_locked');
      const flowtlyEdit = await flowtly.patch(
        { authorization: w.mh.authorization as string },
        `/api/work-times/wkt_${w.mon.id}`,
        { seconds: 60 },
      );
      expect(flowtlyEdit.statusCode).toBe(422);

      // The administrator's explicit override: this person's week, for a day.
      const byMember = await w.asMember('POST', '/timesheet-weeks/unlock', {
        userId: w.member.id,
        weekStart: WEEK,
        until: '2026-03-05T09:30:00Z',
      });
      expect(byMember.statusCode).toBe(403);
      const unlocked = await w.asAdmin('POST', '/timesheet-weeks/unlock', {
        userId: w.member.id,
        weekStart: WEEK,
        until: '2026-03-05T09:30:00Z',
      });
      expect(unlocked.json()).toMatchObject({
        periodLock: null,
        unlockedUntil: '2026-03-05T09:30:00.000Z',
      });
      expect(
        (await harvest.send('PATCH', w.mh, `/v2/time_entries/${w.mon.id}`, { hours: 7 }))
          .statusCode,
      ).toBe(200);
      t.clock.advance(25 * 3600);
      try {
        expect(
          (await harvest.send('PATCH', w.mh, `/v2/time_entries/${w.mon.id}`, { hours: 6 }))
            .statusCode,
        ).toBe(422);
      } finally {
        t.clock.advance(-25 * 3600);
      }

      // The automatic lock: last week ended Sunday 1 March; with 2 days' grace it locked on the 4th.
      await w.asAdmin('PATCH', '/account', { lockDate: null, autoLockDays: 2 });
      expect((await w.entry(LAST_WEEK, 1)).statusCode).toBe(422);
      await w.asAdmin('PATCH', '/account', { autoLockDays: 3 });
      expect((await w.entry(LAST_WEEK, 1)).statusCode).toBe(201);
      const week = (
        await w.asMember('GET', `/timesheet-weeks?from=${LAST_WEEK}&to=${WEEK}`)
      ).json();
      expect(week.data.map((x: { periodLock: string | null }) => x.periodLock)).toEqual([
        null,
        null,
      ]);
    });
  });
}
