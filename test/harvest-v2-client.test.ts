import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './build-test-app.ts';
import { DIALECTS } from './dialects.ts';
import { createHarvestCaller } from './factories.ts';

/**
 * The npm client `harvest-v2`, unchanged, against a listening Punch: only its hard-coded base
 * URL is rewritten, exactly what a user of the client would do to point it at Punch.
 */
const require = createRequire(import.meta.url);
const Harvest = require('harvest-v2') as new (
  config: Record<string, string>,
) => Record<string, unknown>;

type Json = Record<string, unknown> & { id: number };
interface Resource {
  baseUri: string;
  list(...args: unknown[]): Promise<Record<string, Json[]>>;
  listBy(params: Record<string, unknown>): Promise<Record<string, Json[]>>;
  retrieve(...args: unknown[]): Promise<Json>;
  stop(id: number): Promise<Json>;
  restart(id: number): Promise<Json>;
  create(...args: unknown[]): Promise<Json>;
  update(...args: unknown[]): Promise<Json>;
  delete(...args: unknown[]): Promise<Json>;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: the harvest-v2 npm client`, () => {
    let t: TestApp;
    let base: string;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
      base = await t.app.listen({ host: '127.0.0.1', port: 0 });
    });
    afterAll(() => t.close());

    function client(accountId: number, token: string): Record<string, Resource> {
      const harvest = new Harvest({
        account_ID: String(accountId),
        access_token: token,
        user_agent: 'Punch compatibility test (tests@example.com)',
      });
      for (const value of Object.values(harvest)) {
        const resource = value as Partial<Resource> | undefined;
        if (resource && typeof resource.baseUri === 'string') {
          resource.baseUri = resource.baseUri.replace('https://api.harvestapp.com', base);
        }
      }
      return harvest as unknown as Record<string, Resource>;
    }

    it('manages clients, tasks, projects, users and assignments unchanged', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const harvest = client(admin.accountId, admin.token);
      const {
        clients,
        tasks,
        projects,
        users,
        projectUserAssignments,
        projectTaskAssignments,
        userProjectAssignments,
      } = harvest;

      const acme = await clients!.create({ name: 'Acme', currency: 'EUR' });
      expect(acme).toMatchObject({ name: 'Acme', currency: 'EUR', is_active: true });
      expect(await clients!.retrieve(acme.id)).toMatchObject({ id: acme.id });
      expect(await clients!.update(acme.id, { name: 'Acme Corp' })).toMatchObject({
        name: 'Acme Corp',
      });
      expect((await clients!.listBy({ is_active: true })).clients!.map((c) => c.id)).toEqual([
        acme.id,
      ]);

      const design = await tasks!.create({ name: 'Design', default_hourly_rate: 100 });
      expect(design).toMatchObject({ name: 'Design', default_hourly_rate: 100 });
      expect((await tasks!.list()).tasks!.map((x) => x.id)).toEqual([design.id]);

      const site = await projects!.create({
        client_id: acme.id,
        name: 'Website',
        is_billable: true,
        bill_by: 'Tasks',
      });
      expect(site).toMatchObject({
        name: 'Website',
        bill_by: 'Tasks',
        client: { id: acme.id, name: 'Acme Corp' },
      });
      expect((await projects!.listBy({ client_id: acme.id })).projects!.map((p) => p.id)).toEqual([
        site.id,
      ]);
      expect(await projects!.update(site.id, { code: 'WEB' })).toMatchObject({ code: 'WEB' });

      const grace = await users!.create({
        first_name: 'Grace',
        last_name: 'Hopper',
        email: 'grace@example.com',
      });
      expect(grace).toMatchObject({ first_name: 'Grace', access_roles: ['member'] });
      expect(await users!.retrieve(grace.id)).toMatchObject({ email: 'grace@example.com' });
      expect((await users!.list()).users!.map((u) => u.id).sort()).toEqual(
        [admin.user.id, grace.id].sort(),
      );

      const seat = await projectUserAssignments!.create(site.id, { user_id: grace.id });
      expect(seat).toMatchObject({
        user: { id: grace.id, name: 'Grace Hopper' },
        project: { id: site.id, code: 'WEB' },
      });
      expect(
        (await projectUserAssignments!.list(site.id)).user_assignments!.map((a) => a.id),
      ).toEqual([seat.id]);
      const work = await projectTaskAssignments!.create(site.id, {
        task_id: design.id,
        billable: true,
      });
      expect(work).toMatchObject({ billable: true, task: { id: design.id } });
      expect(
        await projectTaskAssignments!.update(site.id, work.id, { hourly_rate: 120 }),
      ).toMatchObject({ hourly_rate: 120 });

      const mine = await userProjectAssignments!.list(grace.id);
      expect(mine.project_assignments).toHaveLength(1);
      expect(mine.project_assignments![0]).toMatchObject({
        project: { id: site.id },
        client: { id: acme.id },
      });

      expect(await projectTaskAssignments!.delete(site.id, work.id)).toMatchObject({ id: work.id });
      expect(await projectUserAssignments!.delete(site.id, seat.id)).toMatchObject({ id: seat.id });
      expect(await clients!.delete(acme.id)).toEqual({
        message: 'This client is not removable. It still has projects and/or invoices.',
      });
      expect(await projects!.delete(site.id)).toMatchObject({ id: site.id });
      expect(await clients!.delete(acme.id)).toMatchObject({ id: acme.id });
      expect(await tasks!.delete(design.id)).toMatchObject({ id: design.id });
      expect(await users!.delete(grace.id)).toMatchObject({ id: grace.id });
      expect((await clients!.list()).clients).toEqual([]);
    });

    it('tracks time: create, list, update, stop, restart and delete, unchanged', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = client(admin.accountId, admin.token);
      const acme = await h.clients!.create({ name: 'Acme' });
      const task = await h.tasks!.create({ name: 'Build' });
      const project = await h.projects!.create({
        client_id: acme.id,
        name: 'Site',
        bill_by: 'Project',
        hourly_rate: 90,
      });
      await h.projectTaskAssignments!.create(project.id, { task_id: task.id, billable: true });
      await h.projectUserAssignments!.create(project.id, { user_id: admin.user.id });
      const entries = h.timeEntries!;

      const logged = await entries.create({
        project_id: project.id,
        task_id: task.id,
        spent_date: '2026-03-02',
        hours: 2,
      });
      expect(logged).toMatchObject({
        hours: 2,
        is_running: false,
        billable: true,
        billable_rate: 90,
      });
      const timer = await entries.create({
        project_id: project.id,
        task_id: task.id,
        spent_date: '2026-03-04',
      });
      expect(timer).toMatchObject({ is_running: true });

      const listed = await entries.listBy({ from: '2026-03-01', to: '2026-03-31', per_page: 50 });
      expect(listed.time_entries!.map((e) => e.id)).toEqual([timer.id, logged.id]);
      expect(await entries.update(logged.id, { notes: 'Planning', hours: 2.5 })).toMatchObject({
        notes: 'Planning',
        hours: 2.5,
      });

      t.clock.advance(1800);
      expect(await entries.stop(timer.id)).toMatchObject({ is_running: false, hours: 0.5 });
      expect(await entries.stop(timer.id)).toEqual({ message: "can't stop a stopped timer" });
      expect(await entries.restart(timer.id)).toMatchObject({ id: timer.id, is_running: true });
      t.clock.set('2026-03-04T09:30:00Z');

      expect(await entries.delete(logged.id)).toMatchObject({ id: logged.id });
      expect(await entries.retrieve(logged.id)).toEqual({ status: 404, error: 'Not Found' });
      expect((await entries.list()).time_entries!.map((e) => e.id)).toEqual([timer.id]);
    });

    it('gets Harvest errors it understands', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const { clients } = client(admin.accountId, 'punch_pat_wrong');
      expect(await clients!.list()).toMatchObject({ error: 'invalid_token' });
      const valid = client(admin.accountId, admin.token);
      expect(await valid.clients!.retrieve(999999)).toEqual({ status: 404, error: 'Not Found' });
      expect(await valid.clients!.create({})).toEqual({ message: "Name can't be blank" });
    });
  });
}
