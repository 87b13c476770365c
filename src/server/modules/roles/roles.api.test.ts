import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { createHarvestCaller, createUser } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /v2/roles`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const { get, send } = harvestRequests(() => t.app);

    it('is for administrators only', async () => {
      for (const accessLevel of ['member', 'manager'] as const) {
        const caller = await createHarvestCaller(t.db, t.clock, {
          accessLevel,
          managerPermissions: ['client_and_task_manager', 'project_creator'],
        });
        expect((await get(caller.headers, '/v2/roles')).statusCode).toBe(403);
        expect((await send('POST', caller.headers, '/v2/roles', { name: 'R' })).statusCode).toBe(
          403,
        );
      }
    });

    it('creates a role with people, shows it on their user record, and replaces the list on PATCH', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const ann = await createUser(t.db, t.clock, admin.accountId);
      const bob = await createUser(t.db, t.clock, admin.accountId);
      const res = await send('POST', admin.headers, '/v2/roles', {
        name: 'Developer',
        user_ids: [bob.id, ann.id, ann.id],
      });
      expect(res.statusCode).toBe(201);
      const role = res.json();
      assertHarvestSchema('createRole', 201, role);
      expect(role).toMatchObject({
        name: 'Developer',
        user_ids: [ann.id, bob.id].sort((a, b) => a - b),
      });
      expect((await get(admin.headers, '/v2/users/me')).json().roles).toEqual([]);

      const patched = await send('PATCH', admin.headers, `/v2/roles/${role.id}`, {
        user_ids: [admin.user.id],
      });
      assertHarvestSchema('updateRole', 200, patched.json());
      expect(patched.json().user_ids).toEqual([admin.user.id]);
      expect((await get(admin.headers, '/v2/users/me')).json().roles).toEqual(['Developer']);

      const list = (await get(admin.headers, '/v2/roles')).json();
      assertHarvestSchema('listRoles', 200, list);
      expect(list.roles).toHaveLength(1);
      assertHarvestSchema(
        'retrieveRole',
        200,
        (await get(admin.headers, `/v2/roles/${role.id}`)).json(),
      );
    });

    it('refuses people of another account and duplicate names', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const stranger = await createHarvestCaller(t.db, t.clock);
      const res = await send('POST', admin.headers, '/v2/roles', {
        name: 'X',
        user_ids: [stranger.user.id],
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().message).toMatch(/not people of this account/);
      expect((await get(admin.headers, '/v2/roles')).json().roles).toEqual([]);
      await send('POST', admin.headers, '/v2/roles', { name: 'Dup' });
      expect((await send('POST', admin.headers, '/v2/roles', { name: 'Dup' })).json()).toEqual({
        message: 'Name has already been taken',
      });
    });

    it('deletes a role and unlinks its people', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const role = (
        await send('POST', admin.headers, '/v2/roles', { name: 'Gone', user_ids: [admin.user.id] })
      ).json();
      expect((await send('DELETE', admin.headers, `/v2/roles/${role.id}`)).statusCode).toBe(200);
      expect((await get(admin.headers, `/v2/roles/${role.id}`)).statusCode).toBe(404);
      expect((await get(admin.headers, '/v2/users/me')).json().roles).toEqual([]);
    });
  });
}
