import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller } from '../../../../test/factories.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /punch/v1/tasks`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const as = nativeRequests(() => t.app);

    it('creates, lists, changes and deletes tasks with unique names', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const call = as(admin.token);
      const created = await call('POST', '/tasks', { name: 'Design', defaultHourlyRate: 95.5 });
      expect(created.statusCode, created.body).toBe(201);
      const task = created.json();
      expect(task).toMatchObject({
        name: 'Design',
        defaultHourlyRate: 95.5,
        billableByDefault: true,
        isDefault: false,
        isActive: true,
      });
      const twin = await call('POST', '/tasks', { name: 'Design' });
      expect(twin.statusCode).toBe(422);
      expect(twin.json().error.code).toBe('task_name_taken');
      const changed = await call('PATCH', `/tasks/${task.id}`, { billableByDefault: false });
      expect(changed.json()).toMatchObject({ billableByDefault: false, name: 'Design' });
      expect((await call('GET', '/tasks')).json().data.map((x: { id: number }) => x.id)).toEqual([
        task.id,
      ]);
      expect((await call('DELETE', `/tasks/${task.id}`)).statusCode).toBe(204);
      expect((await call('GET', `/tasks/${task.id}`)).statusCode).toBe(404);
    });

    it('keeps tasks to those allowed to manage them', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const member = await createHarvestCaller(t.db, t.clock, {
        accessLevel: 'member',
        accountId: admin.accountId,
      });
      expect((await as(member.token)('POST', '/tasks', { name: 'X' })).statusCode).toBe(403);
      expect((await as(member.token)('GET', '/tasks')).statusCode).toBe(403);
      const negative = await as(admin.token)('POST', '/tasks', {
        name: 'Y',
        defaultHourlyRate: -1,
      });
      expect(negative.statusCode).toBe(422);
    });
  });
}
