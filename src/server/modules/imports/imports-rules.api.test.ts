import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';

// The fixed clock reads Wednesday 2026-03-04; weeks start on Monday.
const HEADER =
  'User,Email,Client,Project,Task,Description,Billable,Start date,Start time,End date,End time,Duration';

/**
 * Imports write in bulk, a batch at a time, yet must refuse exactly what a person's own
 * create would refuse, with the same reason: locked periods, invoiced days, submitted weeks,
 * archived projects; and a dry run must say so beforehand. Batches of two rows here, so that
 * several are under way at once.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: imports keep the rules of typed time`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect, { importBatchSize: 2 });
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);
    const native = nativeRequests(() => t.app);

    it('refuses what createTimeEntry refuses, row by row, says so on a dry run, and imports the rest with events', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const as = native(admin.token);
      const olena = await createUser(t.db, t.clock, admin.accountId, {
        firstName: 'Olena',
        lastName: 'Koval',
        email: 'olena@example.com',
      });
      const li = await createUser(t.db, t.clock, admin.accountId, {
        firstName: 'Li',
        lastName: 'Wei',
        email: 'li@example.com',
      });
      const client = (await harvest.send('POST', h, '/v2/clients', { name: 'Acme' })).json();
      const task = (await harvest.send('POST', h, '/v2/tasks', { name: 'Build' })).json();
      const projects: Record<string, { id: number }> = {};
      for (const name of ['Site', 'Old']) {
        const project = (
          await harvest.send('POST', h, '/v2/projects', {
            client_id: client.id,
            name,
            is_billable: true,
            bill_by: 'Project',
            hourly_rate: 100,
          })
        ).json();
        projects[name] = project;
        await harvest.send('POST', h, `/v2/projects/${project.id}/task_assignments`, {
          task_id: task.id,
          billable: true,
        });
        for (const person of [olena, li])
          await harvest.send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
            user_id: person.id,
          });
      }
      const site = projects.Site as { id: number };
      const old = projects.Old as { id: number };
      // Invoiced: the week of 9 February on Site.
      const billed = await harvest.send('POST', h, '/v2/time_entries', {
        user_id: olena.id,
        project_id: site.id,
        task_id: task.id,
        spent_date: '2026-02-10',
        hours: 1,
      });
      expect(billed.statusCode).toBe(201);
      const invoice = await harvest.send('POST', h, '/v2/invoices', {
        client_id: client.id,
        line_items_import: {
          project_ids: [site.id],
          time: { summary_type: 'task', from: '2026-02-09', to: '2026-02-15' },
        },
      });
      expect(invoice.statusCode, invoice.body).toBe(201);
      expect(invoice.json().line_items).toHaveLength(1);
      // Locked: January.
      expect((await as('PATCH', '/account', { lockDate: '2026-01-31' })).statusCode).toBe(200);
      // Submitted: Li's week of 2 March.
      const liToken = (await createToken(t.db, t.clock, li.id)).token;
      await native(liToken)('POST', '/time-entries', {
        projectId: site.id,
        taskId: task.id,
        spentDate: '2026-03-02',
        seconds: 3600,
      });
      const submitted = await native(liToken)('POST', '/timesheet-weeks/submit', {
        weekStart: '2026-03-02',
      });
      expect(submitted.statusCode, submitted.body).toBe(200);
      // Archived: Old.
      await harvest.send('PATCH', h, `/v2/projects/${old.id}`, { is_active: false });

      const rows = [
        ['Olena Koval', 'olena@example.com', 'Site', '2026-03-03', '01:00:00'],
        ['Olena Koval', 'olena@example.com', 'Site', '2026-01-20', '01:00:00'],
        ['Olena Koval', 'olena@example.com', 'Site', '2026-02-11', '01:00:00'],
        ['Li Wei', 'li@example.com', 'Site', '2026-03-03', '01:00:00'],
        ['Olena Koval', 'olena@example.com', 'Old', '2026-03-03', '01:00:00'],
        ['Li Wei', 'li@example.com', 'Site', '2026-02-24', '00:30:00'],
        // A project the import creates: its time meets the same locks and weeks.
        ['Olena Koval', 'olena@example.com', 'Fresh', '2026-03-03', '02:00:00'],
        ['Olena Koval', 'olena@example.com', 'Fresh', '2026-01-21', '01:00:00'],
        ['Li Wei', 'li@example.com', 'Fresh', '2026-03-03', '01:00:00'],
      ];
      const csv = [
        HEADER,
        ...rows.map(
          ([name, email, project, day, duration], i) =>
            `${name},${email},Acme,${project},Build,Row ${i},Yes,${day},09:00:00,${day},10:00:00,${duration}`,
        ),
      ].join('\n');
      const importIt = async (query = '') => {
        const form = new FormData();
        form.append('file', new Blob([csv]), 'toggl.csv');
        const body = new Response(form);
        const res = await t.app.inject({
          method: 'POST',
          url: `/punch/v1/imports${query}`,
          headers: {
            authorization: `Bearer ${admin.token}`,
            'content-type': body.headers.get('content-type') ?? '',
          },
          payload: Buffer.from(await body.arrayBuffer()),
        });
        expect(res.statusCode, res.body).toBe(200);
        return res.json<{
          created: { projects: string[]; entries: number; seconds: number };
          refused: { line: number; reason: string }[];
        }>();
      };
      const dry = await importIt('?dryRun=true');
      const report = await importIt();
      expect(report.created).toMatchObject({ entries: 3, seconds: 12_600 });
      expect(report.created.projects).toEqual(['Acme / Fresh']);
      // The dry run said beforehand what the import then did, refusals and all.
      expect(dry.created).toEqual(report.created);
      expect(dry.refused).toEqual(report.refused);

      // Each refused row, typed by the administrator instead, is refused for the same reason.
      const people: Record<string, number> = {
        'olena@example.com': olena.id,
        'li@example.com': li.id,
      };
      const fresh = await t.db
        .selectFrom('projects')
        .select('id')
        .where('account_id', '=', admin.accountId)
        .where('name', '=', 'Fresh')
        .executeTakeFirstOrThrow();
      const projectIds: Record<string, number> = { Site: site.id, Old: old.id, Fresh: fresh.id };
      const typed: { line: number; reason: string }[] = [];
      for (const [i, [, email, project, day]] of rows.entries()) {
        const tried = await as('POST', '/time-entries', {
          userId: people[email as string],
          projectId: projectIds[project as string],
          taskId: task.id,
          spentDate: day,
          seconds: 60,
        });
        if (tried.statusCode === 201) {
          await as('DELETE', `/time-entries/${tried.json().id}`);
          continue;
        }
        expect(tried.statusCode, tried.body).toBe(422);
        typed.push({ line: i + 2, reason: tried.json().error.message });
      }
      expect(report.refused).toEqual(typed);
      expect(report.refused.map((r) => r.line)).toEqual([3, 4, 5, 6, 9, 10]);

      // What was imported is there, each with its event, made through the import door.
      const events = await t.db
        .selectFrom('events')
        .select(['entity_id', 'door'])
        .where('account_id', '=', admin.accountId)
        .where('type', '=', 'time_entry.created')
        .where('door', '=', 'import')
        .execute();
      const imported = await t.db
        .selectFrom('time_entries')
        .select(['id', 'user_id', 'spent_date', 'duration_seconds', 'notes'])
        .where('account_id', '=', admin.accountId)
        .where('notes', 'like', 'Row %')
        .orderBy('notes')
        .execute();
      expect(imported.map((e) => [e.user_id, e.spent_date, e.duration_seconds])).toEqual([
        [olena.id, '2026-03-03', 3600],
        [li.id, '2026-02-24', 1800],
        [olena.id, '2026-03-03', 7200],
      ]);
      expect(events.map((e) => e.entity_id).sort()).toEqual(imported.map((e) => e.id).sort());
    });
  });
}
