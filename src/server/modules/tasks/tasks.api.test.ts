import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { createHarvestCaller } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /v2/tasks`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const { get, send } = harvestRequests(() => t.app);

    it('refuses members and plain managers; lets client_and_task_manager managers in', async () => {
      const member = await createHarvestCaller(t.db, t.clock, { accessLevel: 'member' });
      expect((await get(member.headers, '/v2/tasks')).statusCode).toBe(403);
      const manager = await createHarvestCaller(t.db, t.clock, { accessLevel: 'manager' });
      expect((await send('POST', manager.headers, '/v2/tasks', { name: 'X' })).statusCode).toBe(
        403,
      );
      const allowed = await createHarvestCaller(t.db, t.clock, {
        accessLevel: 'manager',
        managerPermissions: ['client_and_task_manager'],
      });
      expect((await send('POST', allowed.headers, '/v2/tasks', { name: 'X' })).statusCode).toBe(
        201,
      );
    });

    it('creates with Harvest defaults and reads it back', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const res = await send('POST', admin.headers, '/v2/tasks', { name: 'Design' });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      assertHarvestSchema('createTask', 201, body);
      expect(body).toMatchObject({
        name: 'Design',
        billable_by_default: true,
        default_hourly_rate: 0,
        is_default: false,
        is_active: true,
      });
      expect(res.headers.location).toBe(`${TEST_PUBLIC_URL}/api/v2/tasks/${body.id}`);
      const read = await get(admin.headers, `/v2/tasks/${body.id}`);
      assertHarvestSchema('retrieveTask', 200, read.json());
      expect(read.json()).toEqual(body);
    });

    it('stores rates exactly, from numbers and from text', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const a = (
        await send('POST', admin.headers, '/v2/tasks', { name: 'A', default_hourly_rate: 120.29 })
      ).json();
      expect(a.default_hourly_rate).toBe(120.29);
      const b = (
        await send('POST', admin.headers, '/v2/tasks', { name: 'B', default_hourly_rate: '99.5' })
      ).json();
      expect(b.default_hourly_rate).toBe(99.5);
      const row = await t.db
        .selectFrom('tasks')
        .select('default_hourly_rate_cents')
        .where('id', '=', a.id)
        .executeTakeFirstOrThrow();
      expect(row.default_hourly_rate_cents).toBe(12029);
      const negative = await send('POST', admin.headers, '/v2/tasks', {
        name: 'C',
        default_hourly_rate: -1,
      });
      expect(negative.statusCode).toBe(422);
      expect(negative.json()).toEqual({
        message: 'Default hourly rate must be greater than or equal to 0',
      });
    });

    it('keeps names unique within the account, on create and on rename', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      await send('POST', admin.headers, '/v2/tasks', { name: 'Dup' });
      const again = await send('POST', admin.headers, '/v2/tasks', { name: 'Dup' });
      expect(again.statusCode).toBe(422);
      expect(again.json()).toEqual({ message: 'Name has already been taken' });
      const other = (await send('POST', admin.headers, '/v2/tasks', { name: 'Other' })).json();
      const rename = await send('PATCH', admin.headers, `/v2/tasks/${other.id}`, { name: 'Dup' });
      expect(rename.statusCode).toBe(422);
      const elsewhere = await createHarvestCaller(t.db, t.clock);
      expect((await send('POST', elsewhere.headers, '/v2/tasks', { name: 'Dup' })).statusCode).toBe(
        201,
      );
    });

    it('updates partially, archives, and lists with the is_active filter', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const task = (
        await send('POST', admin.headers, '/v2/tasks', { name: 'Ops', default_hourly_rate: 50 })
      ).json();
      const res = await send('PATCH', admin.headers, `/v2/tasks/${task.id}`, {
        is_active: false,
        is_default: true,
      });
      assertHarvestSchema('updateTask', 200, res.json());
      expect(res.json()).toMatchObject({
        name: 'Ops',
        default_hourly_rate: 50,
        is_active: false,
        is_default: true,
      });
      const list = (await get(admin.headers, '/v2/tasks?is_active=false')).json();
      assertHarvestSchema('listTasks', 200, list);
      expect(list.tasks.map((x: { id: number }) => x.id)).toEqual([task.id]);
      expect((await get(admin.headers, '/v2/tasks?is_active=true')).json().tasks).toEqual([]);
    });

    it('deletes a task: gone from reads, name free again, row kept', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const task = (await send('POST', admin.headers, '/v2/tasks', { name: 'Temp' })).json();
      expect((await send('DELETE', admin.headers, `/v2/tasks/${task.id}`)).statusCode).toBe(200);
      expect((await get(admin.headers, `/v2/tasks/${task.id}`)).statusCode).toBe(404);
      expect((await send('POST', admin.headers, '/v2/tasks', { name: 'Temp' })).statusCode).toBe(
        201,
      );
      const row = await t.db
        .selectFrom('tasks')
        .select('deleted_at')
        .where('id', '=', task.id)
        .executeTakeFirstOrThrow();
      expect(row.deleted_at).not.toBeNull();
    });
  });
}
