import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';
import { insertUserRate } from './users.repository.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: GET /v2/users/me`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    async function getMe(
      headers: Record<string, string>,
    ): Promise<Record<string, unknown> & { permissions_claims: string[] }> {
      const res = await t.app.inject({ method: 'GET', url: '/v2/users/me', headers });
      expect(res.statusCode).toBe(200);
      const body = res.json<Record<string, unknown> & { permissions_claims: string[] }>();
      assertHarvestSchema('retrieveTheCurrentlyAuthenticatedUser', 200, body);
      return body;
    }

    it('returns the administrator with every Harvest field, in Harvest order', async () => {
      const caller = await createHarvestCaller(t.db, t.clock, { accessLevel: 'administrator' });
      const res = await t.app.inject({
        method: 'GET',
        url: '/v2/users/me',
        headers: caller.headers,
      });
      const body = await getMe(caller.headers);
      expect(body).toMatchObject({
        id: caller.user.id,
        first_name: 'Ada',
        last_name: 'Lovelace',
        email: caller.user.email,
        timezone: 'UTC',
        is_active: true,
        weekly_capacity: 126000,
        access_roles: ['administrator'],
        is_admin: true,
        can_see_rates: true,
        created_at: '2026-03-04T09:30:00Z',
        updated_at: '2026-03-04T09:30:00Z',
      });
      expect(body.permissions_claims).toContain('users:write:all');
      expect(Object.keys(JSON.parse(res.body)).slice(0, 6)).toEqual([
        'id',
        'first_name',
        'last_name',
        'email',
        'telephone',
        'timezone',
      ]);
      expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    });

    it('shows a manager their level, their extra rights and the claims they grant', async () => {
      const caller = await createHarvestCaller(t.db, t.clock, {
        accessLevel: 'manager',
        managerPermissions: ['project_creator', 'billable_rates_manager'],
      });
      const body = await getMe(caller.headers);
      expect(body.access_roles).toEqual(['manager', 'project_creator', 'billable_rates_manager']);
      expect(body).toMatchObject({
        is_admin: false,
        is_project_manager: true,
        can_create_projects: true,
        can_see_rates: true,
        can_create_invoices: false,
      });
      expect(body.permissions_claims).toContain('projects:read:managed');
      expect(body.permissions_claims).not.toContain('users:write:all');
    });

    it('lets a member read themselves with member claims only', async () => {
      const caller = await createHarvestCaller(t.db, t.clock, { accessLevel: 'member' });
      const body = await getMe(caller.headers);
      expect(body.access_roles).toEqual(['member']);
      expect(body.permissions_claims).toEqual([
        'expenses:read:own',
        'expenses:write:own',
        'timers:read:own',
        'timers:write:own',
      ]);
    });

    it('shows the rates in force today, not past or future ones', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const at = t.clock.now().getTime();
      const rate = (kind: 'billable' | 'cost', cents: number, start: string | null) =>
        insertUserRate(t.db, {
          user_id: caller.user.id,
          kind,
          amount_cents: cents,
          start_date: start,
          at,
        });
      await rate('billable', 10000, null);
      await rate('billable', 12550, '2026-03-01');
      await rate('billable', 20000, '2026-04-01');
      await rate('cost', 7500, '2026-03-04');
      const body = await getMe(caller.headers);
      expect(body.default_hourly_rate).toBe(125.5);
      expect(body.cost_rate).toBe(75);
    });

    it('hides rates from people who may not see them', async () => {
      const member = await createHarvestCaller(t.db, t.clock, { accessLevel: 'member' });
      const at = t.clock.now().getTime();
      await insertUserRate(t.db, {
        user_id: member.user.id,
        kind: 'billable',
        amount_cents: 9000,
        start_date: null,
        at,
      });
      await insertUserRate(t.db, {
        user_id: member.user.id,
        kind: 'cost',
        amount_cents: 5000,
        start_date: null,
        at,
      });
      const body = await getMe(member.headers);
      expect(body).toMatchObject({
        default_hourly_rate: null,
        cost_rate: null,
        can_see_rates: false,
      });
    });

    it('shows business roles and the Harvest name of the time zone', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      await t.db
        .updateTable('users')
        .set({ timezone: 'America/New_York' })
        .where('id', '=', caller.user.id)
        .execute();
      const at = t.clock.now().getTime();
      const role = await t.db
        .insertInto('roles')
        .values({ account_id: caller.accountId, name: 'Developer', created_at: at, updated_at: at })
        .returning('id')
        .executeTakeFirstOrThrow();
      await t.db
        .insertInto('role_users')
        .values({ role_id: role.id, user_id: caller.user.id })
        .execute();
      const body = await getMe(caller.headers);
      expect(body.roles).toEqual(['Developer']);
      expect(body.timezone).toBe('Eastern Time (US & Canada)');
    });
  });
}
