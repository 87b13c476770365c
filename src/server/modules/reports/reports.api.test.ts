import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';

const RANGE = 'from=20260101&to=2026-03-31';

/** A report of the first quarter of 2026, and the caller's own profile: what the limits count. */
function callers(t: () => TestApp, headers: Headers) {
  return {
    report: (kind = 'clients') =>
      t().app.inject({ method: 'GET', url: `/v2/reports/time/${kind}?${RANGE}`, headers }),
    me: () => t().app.inject({ method: 'GET', url: '/v2/users/me', headers }),
  };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: Harvest time reports`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const { get, send } = harvestRequests(() => t.app);

    /**
     * Acme (USD): Website [WEB] billed by project at 100/h with a billable and a non-billable
     * task, and a fixed-fee project at 50/h. Beta (EUR): Support billed by person, Bob at his
     * default rate, 80/h until a raise to 90/h on 1 February. Time rounds up to 15 minutes.
     */
    async function world() {
      t.clock.set(TEST_NOW);
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const json = async (method: 'POST' | 'PATCH', url: string, body: object) => {
        const res = await send(method, h, url, body);
        expect(res.statusCode, res.body).toBeLessThan(300);
        return res.json<{ id: number }>();
      };
      await json('PATCH', '/v2/company', { x_time_rounding: 'up', x_time_rounding_minutes: 15 });
      const acme = await json('POST', '/v2/clients', { name: 'Acme', currency: 'USD' });
      const beta = await json('POST', '/v2/clients', { name: 'Beta', currency: 'EUR' });
      const design = await json('POST', '/v2/tasks', { name: 'Design', billable_by_default: true });
      const admin_ = await json('POST', '/v2/tasks', { name: 'Admin', billable_by_default: false });
      const project = async (body: object, tasks: [number, boolean][]) => {
        const p = await json('POST', '/v2/projects', {
          is_billable: true,
          budget_by: 'none',
          ...body,
        });
        for (const [taskId, billable] of tasks)
          await json('POST', `/v2/projects/${p.id}/task_assignments`, {
            task_id: taskId,
            billable,
          });
        return p;
      };
      const website = await project(
        { client_id: acme.id, name: 'Website', code: 'WEB', bill_by: 'Project', hourly_rate: 100 },
        [
          [design.id, true],
          [admin_.id, false],
        ],
      );
      const fixed = await project(
        {
          client_id: acme.id,
          name: 'Fixed',
          bill_by: 'Project',
          hourly_rate: 50,
          is_fixed_fee: true,
          fee: 1000,
        },
        [[design.id, true]],
      );
      const support = await project({ client_id: beta.id, name: 'Support', bill_by: 'People' }, [
        [design.id, true],
      ]);
      const bob = await createUser(t.db, t.clock, admin.accountId, {
        firstName: 'Bob',
        lastName: 'Stone',
      });
      await json('POST', `/v2/users/${bob.id}/billable_rates`, { amount: 80 });
      await json('POST', `/v2/users/${bob.id}/billable_rates`, {
        amount: 90,
        start_date: '2026-02-01',
      });
      for (const p of [website, fixed, support]) {
        await json('POST', `/v2/projects/${p.id}/user_assignments`, { user_id: bob.id });
        await json('POST', `/v2/projects/${p.id}/user_assignments`, { user_id: admin.user.id });
      }
      const entry = (
        userId: number,
        projectId: number,
        taskId: number,
        day: string,
        hours: number,
      ) =>
        json('POST', '/v2/time_entries', {
          user_id: userId,
          project_id: projectId,
          task_id: taskId,
          spent_date: day,
          hours,
        });
      await entry(admin.user.id, website.id, design.id, '2026-01-10', 1.1); // → 1.25 h
      await entry(admin.user.id, website.id, admin_.id, '2026-01-11', 0.5);
      await entry(bob.id, support.id, design.id, '2026-01-20', 2); // 80 EUR/h
      await entry(bob.id, support.id, design.id, '2026-02-10', 1.05); // → 1.25 h at 90 EUR/h
      await entry(bob.id, fixed.id, design.id, '2026-02-11', 1);
      await entry(bob.id, support.id, design.id, '2025-12-31', 3); // before the range
      const gone = await entry(bob.id, support.id, design.id, '2026-01-21', 5);
      expect((await send('DELETE', h, `/v2/time_entries/${gone.id}`)).statusCode).toBe(200);
      return { admin, bob, acme, beta, website, fixed, support, design, admin_ };
    }

    it('sums rounded hours and prices them at the rate of their day, per project and currency', async () => {
      const w = await world();
      const res = await get(w.admin.headers, `/v2/reports/time/projects?${RANGE}`);
      expect(res.statusCode, res.body).toBe(200);
      const body = res.json();
      // By name, as shown: the bracketed code sorts first.
      expect(body.results).toEqual([
        {
          project_id: w.website.id,
          project_name: '[WEB] Website',
          client_id: w.acme.id,
          client_name: 'Acme',
          total_hours: 1.75,
          billable_hours: 1.25,
          currency: 'USD',
          billable_amount: 125,
        },
        {
          project_id: w.fixed.id,
          project_name: 'Fixed',
          client_id: w.acme.id,
          client_name: 'Acme',
          total_hours: 1,
          billable_hours: 1,
          currency: 'USD',
          billable_amount: 0,
        },
        {
          project_id: w.support.id,
          project_name: 'Support',
          client_id: w.beta.id,
          client_name: 'Beta',
          total_hours: 3.25,
          billable_hours: 3.25,
          currency: 'EUR',
          billable_amount: 272.5,
        },
      ]);
      expect(body).toMatchObject({
        per_page: 2000,
        total_pages: 1,
        total_entries: 3,
        page: 1,
        next_page: null,
        links: {
          first:
            'http://punch.test/v2/reports/time/projects?from=20260101&page=1&per_page=2000&ref=first&to=2026-03-31',
        },
      });
      const fixedFee = await get(
        w.admin.headers,
        `/v2/reports/time/projects?${RANGE}&include_fixed_fee=true`,
      );
      expect(fixedFee.json().results[1]).toMatchObject({
        project_name: 'Fixed',
        billable_amount: 50,
      });
    });

    it('groups by client, by task and by person, one row per currency', async () => {
      const w = await world();
      const results = async (kind: string) =>
        (await get(w.admin.headers, `/v2/reports/time/${kind}?${RANGE}`)).json<{
          results: unknown[];
        }>().results;
      expect(await results('clients')).toEqual([
        {
          client_id: w.acme.id,
          client_name: 'Acme',
          total_hours: 2.75,
          billable_hours: 2.25,
          currency: 'USD',
          billable_amount: 125,
        },
        {
          client_id: w.beta.id,
          client_name: 'Beta',
          total_hours: 3.25,
          billable_hours: 3.25,
          currency: 'EUR',
          billable_amount: 272.5,
        },
      ]);
      expect(await results('tasks')).toEqual([
        {
          task_id: w.admin_.id,
          task_name: 'Admin',
          total_hours: 0.5,
          billable_hours: 0,
          currency: 'USD',
          billable_amount: 0,
        },
        {
          task_id: w.design.id,
          task_name: 'Design',
          total_hours: 3.25,
          billable_hours: 3.25,
          currency: 'EUR',
          billable_amount: 272.5,
        },
        {
          task_id: w.design.id,
          task_name: 'Design',
          total_hours: 2.25,
          billable_hours: 2.25,
          currency: 'USD',
          billable_amount: 125,
        },
      ]);
      const team = (await results('team')) as {
        user_name: string;
        currency: string;
        total_hours: number;
      }[];
      expect(team.map((r) => [r.user_name, r.currency, r.total_hours])).toEqual([
        ['Ada Lovelace', 'USD', 1.75],
        ['Bob Stone', 'EUR', 3.25],
        ['Bob Stone', 'USD', 1],
      ]);
      expect(team[1]).toEqual({
        user_id: w.bob.id,
        user_name: 'Bob Stone',
        is_contractor: false,
        total_hours: 3.25,
        billable_hours: 3.25,
        currency: 'EUR',
        billable_amount: 272.5,
        weekly_capacity: 126000,
        avatar_url: null,
      });
    });

    it('agrees with the rounded hours of the entries it sums, running timers included', async () => {
      const w = await world();
      const started = await send('POST', w.admin.headers, '/v2/time_entries', {
        project_id: w.website.id,
        task_id: w.design.id,
        spent_date: '2026-03-04',
      });
      expect(started.json().is_running).toBe(true);
      t.clock.advance(40 * 60); // 40 min → 0.67 h, rounded up to 0.75
      const report = (await get(w.admin.headers, `/v2/reports/time/projects?${RANGE}`)).json()
        .results as { project_id: number; total_hours: number }[];
      const entries = (
        await get(w.admin.headers, `/v2/time_entries?from=2026-01-01&to=2026-03-31`)
      ).json().time_entries as { project: { id: number }; rounded_hours: number }[];
      for (const row of report) {
        const sum = entries
          .filter((e) => e.project.id === row.project_id)
          .reduce((total, e) => total + Math.round(e.rounded_hours * 100), 0);
        expect(row.total_hours).toBe(sum / 100);
      }
      expect(report.find((r) => r.project_id === w.website.id)?.total_hours).toBe(2.5);
    });

    it('shows members their own time only, without money', async () => {
      const w = await world();
      const { token } = await createToken(t.db, t.clock, w.bob.id);
      const headers: Headers = { ...w.admin.headers, authorization: `Bearer ${token}` };
      const res = await get(headers, `/v2/reports/time/team?${RANGE}`);
      expect(res.statusCode).toBe(200);
      expect(res.json().results).toEqual([
        expect.objectContaining({ user_id: w.bob.id, currency: 'EUR', billable_amount: null }),
        expect.objectContaining({ user_id: w.bob.id, currency: 'USD', billable_amount: null }),
      ]);
    });

    it('shows managers the projects they manage, with amounts only if they may see rates', async () => {
      const w = await world();
      const cy = await createUser(t.db, t.clock, w.admin.accountId, { accessLevel: 'manager' });
      const assigned = await send(
        'POST',
        w.admin.headers,
        `/v2/projects/${w.website.id}/user_assignments`,
        {
          user_id: cy.id,
          is_project_manager: true,
        },
      );
      expect(assigned.statusCode).toBe(201);
      const { token } = await createToken(t.db, t.clock, cy.id);
      const headers: Headers = { ...w.admin.headers, authorization: `Bearer ${token}` };
      const res = await get(headers, `/v2/reports/time/projects?${RANGE}`);
      expect(res.json().results).toEqual([
        expect.objectContaining({
          project_id: w.website.id,
          total_hours: 1.75,
          billable_amount: null,
        }),
      ]);
    });

    it('pages the rows as Harvest lists do', async () => {
      const w = await world();
      const res = await get(
        w.admin.headers,
        `/v2/reports/time/projects?${RANGE}&per_page=2&page=2`,
      );
      expect(res.json()).toMatchObject({
        results: [expect.objectContaining({ project_id: w.support.id })],
        total_entries: 3,
        total_pages: 2,
        page: 2,
        previous_page: 1,
        next_page: null,
      });
    });

    it.each([
      ['to=20260131', 'From is required'],
      ['from=20260101', 'To is required'],
      ['from=2026-02-30&to=2026-03-01', 'From is not a valid date'],
      ['from=20260301&to=20260201', 'To must be on or after from'],
      ['from=20250101&to=20260102', 'The timeframe may not be longer than one year'],
    ])('refuses %s with 422', async (query, message) => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const res = await get(admin.headers, `/v2/reports/time/clients?${query}`);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toEqual({ message });
    });

    it('takes a whole leap year', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const res = await get(admin.headers, '/v2/reports/time/clients?from=20240101&to=20241231');
      expect(res.statusCode).toBe(200);
      expect(res.json().results).toEqual([]);
    });
  });

  describe(`${dialect}: Harvest reports rate limit`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect, {
        rateLimit: { max: 50, windowSeconds: 15 },
        reportsRateLimit: { max: 2, windowSeconds: 900 },
      });
    });
    afterAll(() => t.close());

    it('counts reports on their own, stricter budget', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const { report, me } = callers(() => t, admin.headers);
      expect((await report()).statusCode).toBe(200);
      expect((await report()).statusCode).toBe(200);
      const limited = await report();
      expect(limited.statusCode).toBe(429);
      expect(limited.json().message).toMatch(/Rate limit of 2 requests per 900 seconds exceeded/);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(15);
      expect((await me()).statusCode).toBe(200);
    });

    it('shares one budget among the four reports', async () => {
      const { report } = callers(() => t, (await createHarvestCaller(t.db, t.clock)).headers);
      expect((await report('clients')).statusCode).toBe(200);
      expect((await report('team')).statusCode).toBe(200);
      expect((await report('projects')).statusCode).toBe(429);
      expect((await report('tasks')).statusCode).toBe(429);
    });
  });

  describe(`${dialect}: Harvest reports exempt from their own limit`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect, {
        rateLimit: { max: 2, windowSeconds: 15 },
        reportsRateLimit: { max: 0, windowSeconds: 900 },
      });
    });
    afterAll(() => t.close());

    it('answers reports without limit when their budget is 0, and counts them nowhere else', async () => {
      const { report, me } = callers(() => t, (await createHarvestCaller(t.db, t.clock)).headers);
      for (let i = 0; i < 4; i++) expect((await report()).statusCode).toBe(200);
      expect((await me()).statusCode).toBe(200);
      expect((await me()).statusCode).toBe(200);
      expect((await me()).statusCode).toBe(429);
    });
  });
}
