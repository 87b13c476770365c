import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_PUBLIC_URL, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: /v2/company`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());

    const patch = (
      headers: Record<string, string>,
      payload: object | string,
      url = '/v2/company',
      contentType = 'application/json',
    ) =>
      t.app.inject({
        method: 'PATCH',
        url,
        headers: { ...headers, 'content-type': contentType },
        payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
      });

    it('lets any member read the company with every Harvest field', async () => {
      const caller = await createHarvestCaller(t.db, t.clock, { accessLevel: 'member' });
      const res = await t.app.inject({
        method: 'GET',
        url: '/v2/company',
        headers: caller.headers,
      });
      expect(res.statusCode).toBe(200);
      const body = res.json();
      assertHarvestSchema('retrieveCompany', 200, body);
      expect(body).toMatchObject({
        base_uri: TEST_PUBLIC_URL,
        full_domain: 'punch.test',
        is_active: true,
        week_start_day: 'Monday',
        wants_timestamp_timers: false,
        clock: '12h',
        weekly_capacity: 126000,
        currency: 'USD',
        x_timezone: 'UTC',
        x_time_rounding: 'none',
      });
      expect(Object.keys(body)[0]).toBe('base_uri');
    });

    it('refuses PATCH from a member with 403 {message}', async () => {
      const caller = await createHarvestCaller(t.db, t.clock, { accessLevel: 'member' });
      const res = await patch(caller.headers, { weekly_capacity: 1 });
      expect(res.statusCode).toBe(403);
      expect(res.json()).toEqual({ message: expect.stringMatching(/administrators/) });
    });

    it('refuses PATCH from a manager', async () => {
      const caller = await createHarvestCaller(t.db, t.clock, {
        accessLevel: 'manager',
        managerPermissions: ['project_creator'],
      });
      expect((await patch(caller.headers, { weekly_capacity: 1 })).statusCode).toBe(403);
    });

    it('updates the two documented fields and leaves the rest alone', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      t.clock.advance(60);
      const res = await patch(caller.headers, {
        wants_timestamp_timers: true,
        weekly_capacity: 108000,
      });
      t.clock.advance(-60);
      expect(res.statusCode).toBe(200);
      const body = res.json();
      assertHarvestSchema('updateCompany', 200, body);
      expect(body).toMatchObject({
        wants_timestamp_timers: true,
        weekly_capacity: 108000,
        clock: '12h',
      });
      const row = await t.db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', caller.accountId)
        .executeTakeFirstOrThrow();
      expect(row.wants_timestamp_timers).toBe(1);
      expect(row.updated_at).toBe(new Date('2026-03-04T09:31:00Z').getTime());
    });

    it('updates every other setting of the object', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await patch(caller.headers, {
        name: 'Acme GmbH',
        week_start_day: 'Sunday',
        time_format: 'decimal',
        date_format: '%d.%m.%Y',
        clock: '24h',
        currency: 'eur',
        currency_code_display: 'iso_code_after',
        currency_symbol_display: 'symbol_none',
        decimal_symbol: ',',
        thousands_separator: '.',
        color_scheme: 'blue',
        expense_feature: true,
        invoice_feature: false,
        estimate_feature: true,
        approval_feature: false,
        team_feature: false,
        x_timezone: 'Kyiv',
        x_time_rounding: 'up',
        x_time_rounding_minutes: 6,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        name: 'Acme GmbH',
        week_start_day: 'Sunday',
        time_format: 'decimal',
        date_format: '%d.%m.%Y',
        clock: '24h',
        currency: 'EUR',
        currency_code_display: 'iso_code_after',
        currency_symbol_display: 'symbol_none',
        decimal_symbol: ',',
        thousands_separator: '.',
        color_scheme: 'blue',
        expense_feature: true,
        invoice_feature: false,
        estimate_feature: true,
        approval_feature: false,
        team_feature: false,
        x_timezone: expect.stringMatching(/^Europe\/Ki(y)?ev$/),
        x_time_rounding: 'up',
        x_time_rounding_minutes: 6,
      });
    });

    it('accepts form bodies and query-string parameters as Harvest does', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const form = await patch(
        caller.headers,
        'weekly_capacity=72000&wants_timestamp_timers=true',
        '/v2/company',
        'application/x-www-form-urlencoded',
      );
      expect(form.statusCode).toBe(200);
      expect(form.json()).toMatchObject({ weekly_capacity: 72000, wants_timestamp_timers: true });
      const query = await t.app.inject({
        method: 'PATCH',
        url: '/v2/company?weekly_capacity=36000&clock=24h',
        headers: caller.headers,
      });
      expect(query.statusCode).toBe(200);
      expect(query.json()).toMatchObject({ weekly_capacity: 36000, clock: '24h' });
    });

    it('treats an empty JSON body as "no changes"', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await patch(caller.headers, '');
      expect(res.statusCode).toBe(200);
      expect(res.json().weekly_capacity).toBe(126000);
    });

    it('ignores unknown and read-only keys', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await patch(caller.headers, {
        base_uri: 'https://evil.test',
        plan_type: 'free',
        weekly_capacity: 3600,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        base_uri: TEST_PUBLIC_URL,
        plan_type: 'self-hosted',
        weekly_capacity: 3600,
      });
    });

    it('rejects invalid values with 422 and Rails-style messages, changing nothing', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await patch(caller.headers, {
        weekly_capacity: -5,
        week_start_day: 'Friday',
        wants_timestamp_timers: 'maybe',
      });
      expect(res.statusCode).toBe(422);
      const message: string = res.json().message;
      expect(message).toContain('Weekly capacity must be greater than or equal to 0');
      expect(message).toContain('Week start day is not included in the list');
      expect(message).toContain('Wants timestamp timers must be true or false');
      const row = await t.db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', caller.accountId)
        .executeTakeFirstOrThrow();
      expect(row.weekly_capacity).toBe(126000);
    });

    it('rejects null and booleans for numbers instead of storing 0 or 1', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await patch(caller.headers, {
        weekly_capacity: null,
        wants_timestamp_timers: null,
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().message).toBe(
        'Wants timestamp timers must be true or false, Weekly capacity must be an integer',
      );
      expect((await patch(caller.headers, { weekly_capacity: true })).statusCode).toBe(422);
      const row = await t.db
        .selectFrom('accounts')
        .selectAll()
        .where('id', '=', caller.accountId)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ weekly_capacity: 126000, wants_timestamp_timers: 0 });
    });

    it('reads numbers and booleans sent as JSON strings, as Rails does', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await patch(caller.headers, {
        weekly_capacity: '108000',
        wants_timestamp_timers: 'true',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ weekly_capacity: 108000, wants_timestamp_timers: true });
    });

    it('rejects a weekly capacity that is not a whole number of seconds', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await patch(caller.headers, { weekly_capacity: 'forty' });
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ message: 'Weekly capacity must be an integer' });
    });

    it('rejects an unknown time zone and a blank name', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const zone = await patch(caller.headers, { x_timezone: 'Mars/Olympus_Mons' });
      expect(zone.statusCode).toBe(422);
      expect(zone.json().message).toMatch(/time zone/);
      const name = await patch(caller.headers, { name: '' });
      expect(name.statusCode).toBe(422);
      expect(name.json()).toEqual({ message: "Name can't be blank" });
    });

    it('rejects malformed JSON with a clear message', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await patch(caller.headers, '{"weekly_capacity": ');
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ message: 'The request body is not valid JSON' });
    });
  });
}
