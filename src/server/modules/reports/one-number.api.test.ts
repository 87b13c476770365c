import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller } from '../../../../test/factories.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';
import { roundedHundredths, type RoundingMode } from '../../../shared/time.ts';

/**
 * One number everywhere: for random time (durations to the second, rates to the cent, every
 * rounding setting, time zones and week starts), the native report, Harvest's time report, the
 * week's timesheet, the project budget and the CSV exports count the same seconds, the same
 * rounded hours and the same money.
 */
const RUNS = Number(process.env.ONE_NUMBER_RUNS ?? 30);

const settings = fc.record({
  mode: fc.constantFrom<RoundingMode>('none', 'nearest', 'up'),
  minutes: fc.constantFrom(1, 5, 6, 10, 15, 30, 60),
  timezone: fc.constantFrom('UTC', 'Europe/Kyiv', 'Asia/Shanghai', 'America/Los_Angeles'),
  weekStartDay: fc.constantFrom('Monday', 'Sunday', 'Saturday'),
  // Two-decimal currencies: Harvest's report rounds money to cents whatever the currency.
  currency: fc.constantFrom('USD', 'EUR', 'UAH', 'CNY'),
  rates: fc.tuple(fc.integer({ min: 1, max: 99_999 }), fc.integer({ min: 1, max: 99_999 })),
});

const entry = fc.record({
  project: fc.integer({ min: 0, max: 1 }),
  billableTask: fc.boolean(),
  day: fc.integer({ min: 0, max: 6 }),
  seconds: fc.integer({ min: 1, max: 12 * 3600 }),
});

for (const dialect of DIALECTS) {
  describe(`${dialect}: one number everywhere`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);
    const native = nativeRequests(() => t.app);

    it('agrees to the second and the cent across reports, timesheet, budget and exports', async () => {
      await fc.assert(
        fc.asyncProperty(
          settings,
          fc.array(entry, { minLength: 1, maxLength: 12 }),
          async (s, entries) => {
            const admin = await createHarvestCaller(t.db, t.clock);
            const api = native(admin.token);
            const ok = async (res: Promise<{ statusCode: number; body: string }>) => {
              const r = await res;
              expect(r.statusCode, r.body).toBeLessThan(300);
              return JSON.parse(r.body) as Record<string, unknown> & { id: number };
            };
            await ok(
              api('PATCH', '/account', {
                timeRoundingMode: s.mode,
                timeRoundingMinutes: s.minutes,
                timezone: s.timezone,
                weekStartDay: s.weekStartDay,
              }),
            );
            const h = admin.headers;
            const client = await ok(
              harvest.send('POST', h, '/v2/clients', { name: 'C', currency: s.currency }),
            );
            const projects = [];
            for (const [i, rate] of s.rates.entries()) {
              projects.push(
                await ok(
                  harvest.send('POST', h, '/v2/projects', {
                    client_id: client.id,
                    name: `P${i}`,
                    is_billable: true,
                    bill_by: 'Project',
                    hourly_rate: rate / 100,
                    budget_by: 'project',
                    budget: 100_000,
                  }),
                ),
              );
            }
            const tasks = [
              await ok(harvest.send('POST', h, '/v2/tasks', { name: 'Billable' })),
              await ok(harvest.send('POST', h, '/v2/tasks', { name: 'Unbilled' })),
            ];
            for (const project of projects) {
              await ok(
                harvest.send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
                  user_id: admin.user.id,
                }),
              );
              for (const [i, task] of tasks.entries())
                await ok(
                  harvest.send('POST', h, `/v2/projects/${project.id}/task_assignments`, {
                    task_id: task.id,
                    billable: i === 0,
                  }),
                );
            }
            const sheet = (await ok(api('GET', '/timesheet?week=2026-03-04'))) as unknown as {
              days: string[];
            };
            for (const e of entries) {
              await ok(
                api('POST', '/time-entries', {
                  projectId: projects[e.project]?.id,
                  taskId: tasks[e.billableTask ? 0 : 1]?.id,
                  spentDate: sheet.days[e.day],
                  seconds: e.seconds,
                }),
              );
            }
            const hundredths = (list: typeof entries) =>
              list.reduce((sum, e) => sum + roundedHundredths(e.seconds, s.mode, s.minutes), 0);
            const seconds = entries.reduce((sum, e) => sum + e.seconds, 0);
            const [from, to] = [sheet.days[0] ?? '', sheet.days[6] ?? ''];
            const definition = { period: 'custom', from, to, groupBy: ['project'] };

            type Figures = {
              seconds: number;
              roundedSeconds: number;
              billableAmounts: { currency: string; amountMinor: number }[];
            };
            const report = (await ok(api('POST', '/reports/run', definition))) as unknown as {
              rows: { key: { id: number }; figures: Figures }[];
              totals: Figures;
            };
            expect(report.totals.seconds).toBe(seconds);
            expect(report.totals.roundedSeconds).toBe(hundredths(entries) * 36);

            // Harvest's projects report: the same rounded hours and money, row by row.
            const harvestRows = (
              await ok(harvest.get(h, `/v2/reports/time/projects?from=${from}&to=${to}`))
            ).results as { project_id: number; total_hours: number; billable_amount: number }[];
            for (const row of report.rows) {
              const theirs = harvestRows.find((r) => r.project_id === row.key.id);
              expect(Math.round((theirs?.total_hours ?? 0) * 100) * 36).toBe(
                row.figures.roundedSeconds,
              );
              expect(Math.round((theirs?.billable_amount ?? 0) * 100)).toBe(
                row.figures.billableAmounts[0]?.amountMinor ?? 0,
              );
            }

            // The week's timesheet: the same seconds.
            const week = (await ok(api('GET', '/timesheet?week=2026-03-04'))) as unknown as {
              seconds: number;
            };
            expect(week.seconds).toBe(seconds);

            // Each project's budget: its rounded hours.
            for (const [i, project] of projects.entries()) {
              const budget = (await ok(
                api('GET', `/projects/${project.id}/budget`),
              )) as unknown as { spent: number };
              const mine = entries.filter((e) => e.project === i);
              expect(Math.round(budget.spent * 100)).toBe(hundredths(mine));
            }

            // The exports: entries to the second and the rounded hundredth; totals to the cent.
            const csv = await t.app.inject({
              method: 'POST',
              url: '/punch/v1/reports/export',
              headers: {
                authorization: `Bearer ${admin.token}`,
                'content-type': 'application/json',
              },
              payload: JSON.stringify({ definition, format: 'csv', content: 'entries' }),
            });
            const rows: Record<string, string>[] = parse(csv.body, { columns: true, bom: true });
            expect(rows.reduce((sum, r) => sum + Number(r.Seconds), 0)).toBe(seconds);
            expect(
              rows.reduce((sum, r) => sum + Math.round(Number(r['Rounded hours']) * 100), 0),
            ).toBe(hundredths(entries));
            const totals = await t.app.inject({
              method: 'POST',
              url: '/punch/v1/reports/export',
              headers: {
                authorization: `Bearer ${admin.token}`,
                'content-type': 'application/json',
              },
              payload: JSON.stringify({ definition, format: 'csv', content: 'totals' }),
            });
            const totalRows: Record<string, string>[] = parse(totals.body, {
              columns: true,
              bom: true,
            });
            const total = totalRows.at(-1);
            expect(total?.Project).toBe('Total');
            expect(Number(total?.Seconds)).toBe(seconds);
            expect(Math.round(Number(total?.[`Billable amount ${s.currency}`] ?? 0) * 100)).toBe(
              report.totals.billableAmounts[0]?.amountMinor ?? 0,
            );
          },
        ),
        { numRuns: RUNS, seed: 20260304 },
      );
    }, 120_000);
  });
}
