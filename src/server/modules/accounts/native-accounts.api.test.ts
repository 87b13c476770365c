import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller } from '../../../../test/factories.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /punch/v1/account`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const call = (token: string, method: 'GET' | 'PATCH', body?: unknown) =>
      t.app.inject({
        method,
        url: '/punch/v1/account',
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
      });

    it('lets everyone read the settings and administrators change them, recording the change', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const member = await createHarvestCaller(t.db, t.clock, {
        accessLevel: 'member',
        accountId: admin.accountId,
      });
      expect((await call(member.token, 'GET')).json()).toMatchObject({
        id: admin.accountId,
        weekStartDay: 'Monday',
      });
      const changed = await call(admin.token, 'PATCH', {
        timezone: 'Europe/Berlin',
        weekStartDay: 'Sunday',
        timeRoundingMode: 'up',
        timeRoundingMinutes: 15,
      });
      expect(changed.statusCode, changed.body).toBe(200);
      expect(changed.json()).toMatchObject({
        timezone: 'Europe/Berlin',
        weekStartDay: 'Sunday',
        timeRoundingMode: 'up',
        timeRoundingMinutes: 15,
      });
      expect((await call(member.token, 'PATCH', { name: 'Mine now' })).statusCode).toBe(403);
      const zone = await call(admin.token, 'PATCH', { timezone: 'Mars/Olympus' });
      expect(zone.statusCode).toBe(422);
      expect(zone.json().error.code).toBe('unknown_time_zone');
      const events = await t.db
        .selectFrom('events')
        .select(['type', 'after_json'])
        .where('account_id', '=', admin.accountId)
        .where('type', '=', 'account.updated')
        .execute();
      expect(events).toHaveLength(1);
      expect(JSON.parse(events[0]?.after_json ?? '{}')).toMatchObject({ weekStartDay: 'Sunday' });
    });
  });
}
