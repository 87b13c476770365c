import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';

// The fixed clock reads Wednesday 2026-03-04: the pace window is the ten working days
// 2026-02-19 … 2026-03-04.

for (const dialect of DIALECTS) {
  describe(`${dialect}: project budgets`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);
    const native = nativeRequests(() => t.app);

    async function world(project: Record<string, unknown>) {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const post = async (url: string, body: object, headers: Headers = h) => {
        const res = await harvest.send('POST', headers, url, body);
        expect(res.statusCode, res.body).toBeLessThan(300);
        return res.json<{ id: number }>();
      };
      const client = await post('/v2/clients', { name: 'Acme', currency: 'USD' });
      const site = await post('/v2/projects', {
        client_id: client.id,
        name: 'Site',
        is_billable: true,
        bill_by: 'Project',
        hourly_rate: 100,
        ...project,
      });
      const task = await post('/v2/tasks', { name: 'Build' });
      const assignment = await post(`/v2/projects/${site.id}/task_assignments`, {
        task_id: task.id,
        billable: true,
      });
      await post(`/v2/projects/${site.id}/user_assignments`, { user_id: admin.user.id });
      const log = (date: string, hours: number) =>
        post('/v2/time_entries', {
          project_id: site.id,
          task_id: task.id,
          spent_date: date,
          hours,
        });
      const budgetEvents = async () =>
        (
          await t.db
            .selectFrom('events')
            .select(['type', 'project_id'])
            .where('account_id', '=', admin.accountId)
            .where('type', 'like', 'budget.%')
            .orderBy('id')
            .execute()
        ).map((e) => e.type);
      return { admin, h, site, task, assignment, log, post, budgetEvents };
    }

    it('counts rounded budgeted hours, tells a crossed threshold and the overrun once each', async () => {
      const w = await world({
        budget_by: 'project',
        budget: 10,
        notify_when_over_budget: true,
        over_budget_notification_percentage: 80,
      });
      await w.log('2026-01-05', 7);
      await t.settled();
      expect(await w.budgetEvents()).toEqual([]);
      await w.log('2026-03-02', 2);
      await t.settled();
      expect(await w.budgetEvents()).toEqual(['budget.threshold_crossed']);
      await w.log('2026-03-03', 0.5);
      await t.settled();
      expect(await w.budgetEvents()).toEqual(['budget.threshold_crossed']);
      await w.log('2026-03-04', 1.5);
      await t.settled();
      expect(await w.budgetEvents()).toEqual(['budget.threshold_crossed', 'budget.exceeded']);

      const report = (await harvest.get(w.h, '/v2/reports/project_budget')).json();
      expect(report.results).toEqual([
        {
          project_id: w.site.id,
          project_name: 'Site',
          client_id: expect.any(Number),
          client_name: 'Acme',
          budget_is_monthly: false,
          budget_by: 'project',
          is_active: true,
          budget: 10,
          budget_spent: 11,
          budget_remaining: -1,
        },
      ]);
      expect(report).toMatchObject({ total_entries: 1, page: 1 });
      const budget = (await native(w.admin.token)('GET', `/projects/${w.site.id}/budget`)).json();
      expect(budget).toMatchObject({
        unit: 'hours',
        budget: 10,
        spent: 11,
        remaining: -1,
        percentSpent: 110,
        level: 'over',
        forecast: { runsOutOn: null },
      });
    });

    it('forecasts the day a budget runs out at the recent pace, and warns when that is before the end', async () => {
      const w = await world({
        budget_by: 'project',
        budget: 40,
        ends_on: '2026-03-31',
      });
      await w.log('2026-02-20', 10);
      await t.settled();
      expect(await w.budgetEvents()).toEqual([]);
      await w.log('2026-03-02', 10);
      // 20 h in ten working days: 2 h a day; 20 h left last ten more working days.
      await t.settled();
      expect(await w.budgetEvents()).toEqual(['budget.forecast_warning']);
      const budget = (await native(w.admin.token)('GET', '/budgets')).json().data[0];
      expect(budget.forecast).toEqual({
        paceDays: 10,
        pacePerDay: 2,
        runsOutOn: '2026-03-18',
        endsOn: '2026-03-31',
        runsOutBeforeEnd: true,
      });
      // A slower pace read over twenty days: no longer before the end.
      const slower = (
        await native(w.admin.token)('GET', `/projects/${w.site.id}/budget?paceDays=20`)
      ).json();
      expect(slower.forecast).toMatchObject({ pacePerDay: 1, runsOutOn: '2026-04-01' });
      expect(slower.forecast.runsOutBeforeEnd).toBe(false);
      // More time keeps the standing warning: it is told once.
      await w.log('2026-03-03', 1);
      await t.settled();
      expect(await w.budgetEvents()).toEqual(['budget.forecast_warning']);
    });

    it('spends fee budgets in money and monthly budgets this month only', async () => {
      const w = await world({ budget_by: 'task_fees', budget_is_monthly: true });
      await harvest.send(
        'PATCH',
        w.h,
        `/v2/projects/${w.site.id}/task_assignments/${w.assignment.id}`,
        {
          budget: 1000,
        },
      );
      await w.log('2026-02-10', 4);
      await w.log('2026-03-02', 1.5);
      const budget = (await native(w.admin.token)('GET', `/projects/${w.site.id}/budget`)).json();
      expect(budget).toMatchObject({
        unit: 'money',
        currency: 'USD',
        budget: 1000,
        spent: 150,
        remaining: 850,
        periodFrom: '2026-03-01',
        periodTo: '2026-03-31',
      });
    });

    it('shows members only budgets shown to everyone, and money budgets without money', async () => {
      const w = await world({ budget_by: 'project_cost', cost_budget: 500 });
      await w.log('2026-03-02', 2);
      const member = await createUser(t.db, t.clock, w.admin.accountId, {});
      const token = (await createToken(t.db, t.clock, member.id)).token;
      expect((await native(token)('GET', '/budgets')).json().data).toEqual([]);
      expect((await native(token)('GET', `/projects/${w.site.id}/budget`)).statusCode).toBe(404);
      await harvest.send('PATCH', w.h, `/v2/projects/${w.site.id}`, { show_budget_to_all: true });
      const shown = (await native(token)('GET', '/budgets')).json().data[0];
      expect(shown).toMatchObject({ unit: 'money', budget: null, spent: null, level: 'ok' });
      const admin = (await native(w.admin.token)('GET', '/budgets')).json().data[0];
      expect(admin).toMatchObject({ budget: 500, spent: 200, remaining: 300, percentSpent: 40 });
      // Another account sees nothing of it.
      const outsider = await createHarvestCaller(t.db, t.clock);
      expect(
        (await native(outsider.token)('GET', `/projects/${w.site.id}/budget`)).statusCode,
      ).toBe(404);
    });
  });
}
