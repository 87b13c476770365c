import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';

// The fixed clock reads Wednesday 2026-03-04; weeks start on Monday.
const MARCH = { period: 'custom', from: '2026-03-01', to: '2026-03-31' } as const;

for (const dialect of DIALECTS) {
  describe(`${dialect}: native reports`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);
    const native = nativeRequests(() => t.app);

    /**
     * Acme (USD) with Site billed at 100/h, Build billable and Meet not; Beta (EUR) with App
     * billed by person (Mo at 80/h). Mo costs 40/h; time rounds up to 15 minutes.
     */
    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const api = native(admin.token);
      await api('PATCH', '/account', { timeRoundingMode: 'up', timeRoundingMinutes: 15 });
      const post = async (url: string, body: object, headers: Headers = h) =>
        (await harvest.send('POST', headers, url, body)).json<{ id: number }>();
      const acme = await post('/v2/clients', { name: 'Acme', currency: 'USD' });
      const beta = await post('/v2/clients', { name: 'Beta', currency: 'EUR' });
      const site = await post('/v2/projects', {
        client_id: acme.id,
        name: 'Site',
        is_billable: true,
        bill_by: 'Project',
        hourly_rate: 100,
      });
      const app = await post('/v2/projects', {
        client_id: beta.id,
        name: 'App',
        is_billable: true,
        bill_by: 'People',
      });
      const build = await post('/v2/tasks', { name: 'Build' });
      const meet = await post('/v2/tasks', { name: 'Meet' });
      for (const project of [site, app]) {
        await post(`/v2/projects/${project.id}/task_assignments`, {
          task_id: build.id,
          billable: true,
        });
        await post(`/v2/projects/${project.id}/task_assignments`, {
          task_id: meet.id,
          billable: false,
        });
      }
      const mo = await createUser(t.db, t.clock, admin.accountId, {
        firstName: 'Mo',
        lastName: 'Li',
      });
      for (const person of [mo, admin.user])
        for (const project of [site, app])
          await post(`/v2/projects/${project.id}/user_assignments`, { user_id: person.id });
      await post(`/v2/users/${mo.id}/billable_rates`, { amount: 80 });
      await post(`/v2/users/${mo.id}/cost_rates`, { amount: 40 });
      const entry =
        (userId: number, project: { id: number }, task: { id: number }) =>
        async (date: string, hours: number) =>
          post('/v2/time_entries', {
            user_id: userId,
            project_id: project.id,
            task_id: task.id,
            spent_date: date,
            hours,
          });
      // Mo: 1:10 → 1.25 rounded on Site/Build, 0:20 → 0.5 on Site/Meet, 2:00 on App/Build.
      await entry(mo.id, site, build)('2026-03-02', 7 / 6);
      await entry(mo.id, site, meet)('2026-03-02', 1 / 3);
      await entry(mo.id, app, build)('2026-03-10', 2);
      // The administrator: 3:00 on Site/Build the week after.
      await entry(admin.user.id, site, build)('2026-03-09', 3);
      // February: outside March.
      await entry(mo.id, site, build)('2026-02-27', 5);
      const moToken = (await createToken(t.db, t.clock, mo.id)).token;
      return { admin, api, mo, moToken, acme, beta, site, app, build, meet };
    }

    it('groups by project with exact rounded time, amounts per currency, cost and the chart', async () => {
      const w = await world();
      const res = await w.api('POST', '/reports/run', { ...MARCH, groupBy: ['project', 'task'] });
      expect(res.statusCode).toBe(200);
      const report = res.json();
      expect(report).toMatchObject({ from: '2026-03-01', to: '2026-03-31', costCurrency: 'USD' });
      const [app, site] = report.rows;
      expect(site.key).toMatchObject({ dimension: 'project', id: w.site.id, name: 'Site' });
      expect(site.figures).toMatchObject({
        seconds: 4200 + 1200 + 10800,
        roundedSeconds: (1.25 + 0.5 + 3) * 3600,
        billableSeconds: 4200 + 10800,
        billableRoundedSeconds: (1.25 + 3) * 3600,
        billableAmounts: [{ currency: 'USD', amountMinor: 42500 }],
        // Only Mo has a cost rate: 1.75 h × 40.
        costAmountMinor: 7000,
        capacitySeconds: null,
      });
      expect(site.children.map((c: { key: { name: string } }) => c.key.name)).toEqual([
        'Build',
        'Meet',
      ]);
      expect(app.figures.billableAmounts).toEqual([{ currency: 'EUR', amountMinor: 16000 }]);
      expect(report.totals.billableAmounts).toEqual([
        { currency: 'EUR', amountMinor: 16000 },
        { currency: 'USD', amountMinor: 42500 },
      ]);
      expect(report.totals.roundedSeconds).toBe((1.25 + 0.5 + 3 + 2) * 3600);
      // A month's chart steps by day, stacked by project; its stacks add up to the total.
      expect(report.chart.interval).toBe('day');
      expect(report.chart.buckets).toHaveLength(31);
      expect(report.chart.stackedBy).toBe('project');
      const stacked = report.chart.series.flatMap(
        (s: { roundedSeconds: number[] }) => s.roundedSeconds,
      );
      expect(stacked.reduce((a: number, b: number) => a + b, 0)).toBe(report.totals.roundedSeconds);

      // Harvest's projects report counts the same money.
      const harvestRows = (
        await harvest.get(w.admin.headers, '/v2/reports/time/projects?from=20260301&to=20260331')
      ).json().results;
      const harvestSite = harvestRows.find(
        (r: { project_id: number }) => r.project_id === w.site.id,
      );
      expect(harvestSite).toMatchObject({
        total_hours: 4.75,
        billable_hours: 4.25,
        billable_amount: 425,
      });
    });

    it('weighs people against capacity by week, and filters on billable, clients and states', async () => {
      const w = await world();
      const res = await w.api('POST', '/reports/run', {
        ...MARCH,
        groupBy: ['person', 'week'],
        interval: 'week',
      });
      const report = res.json();
      const mo = report.rows.find((r: { key: { id: number } }) => r.key.id === w.mo.id);
      // 35 h a week (the factory's capacity) spread over March's 22 working days.
      const weekly = (mo.figures.capacitySeconds / 22) * 5;
      expect(weekly % 3600).toBe(0);
      const first = mo.children[0];
      expect(first.key).toMatchObject({ dimension: 'week', key: '2026-03-02' });
      expect(first.figures.capacitySeconds).toBe(weekly);
      expect(first.figures.utilization).toBeCloseTo((1.25 * 3600) / weekly, 4);
      expect(report.chart.buckets[0]).toBe('2026-02-23');

      const nonBillable = (
        await w.api('POST', '/reports/run', {
          ...MARCH,
          groupBy: ['task'],
          filters: { billable: false },
        })
      ).json();
      expect(nonBillable.rows.map((r: { key: { name: string } }) => r.key.name)).toEqual(['Meet']);
      expect(nonBillable.totals.roundedSeconds).toBe(0.5 * 3600);

      const beta = (
        await w.api('POST', '/reports/run', {
          ...MARCH,
          groupBy: ['client'],
          filters: { clientIds: [w.beta.id], invoiced: false, approvalStatuses: ['unsubmitted'] },
        })
      ).json();
      expect(beta.rows).toHaveLength(1);
      expect(beta.totals.seconds).toBe(7200);
      const approvedOnly = (
        await w.api('POST', '/reports/run', {
          ...MARCH,
          groupBy: ['client'],
          filters: { approvalStatuses: ['approved'] },
        })
      ).json();
      expect(approvedOnly.rows).toEqual([]);
      const invoicedOnly = (
        await w.api('POST', '/reports/run', {
          ...MARCH,
          groupBy: ['client'],
          filters: { invoiced: true },
        })
      ).json();
      expect(invoicedOnly.rows).toEqual([]);
    });

    it('shows a member only their own time, without money', async () => {
      const w = await world();
      const report = (
        await native(w.moToken)('POST', '/reports/run', { ...MARCH, groupBy: ['person'] })
      ).json();
      expect(report.rows.map((r: { key: { id: number } }) => r.key.id)).toEqual([w.mo.id]);
      expect(report.totals).toMatchObject({ billableAmounts: null, costAmountMinor: null });
      const entries = (
        await native(w.moToken)('POST', '/reports/entries', {
          definition: { ...MARCH, groupBy: ['person'] },
        })
      ).json();
      expect(entries.data.every((e: { person: { id: number } }) => e.person.id === w.mo.id)).toBe(
        true,
      );
      expect(entries.data[0].billableAmountMinor).toBeNull();
    });

    it('lists the entries behind a figure, page by page, and refuses what cannot run', async () => {
      const w = await world();
      const definition = { ...MARCH, groupBy: ['project'], filters: { projectIds: [w.site.id] } };
      const first = (await w.api('POST', '/reports/entries', { definition, limit: 2 })).json();
      expect(first.data.map((e: { spentDate: string }) => e.spentDate)).toEqual([
        '2026-03-02',
        '2026-03-02',
      ]);
      expect(first.data[0]).toMatchObject({ roundedSeconds: 4500, billableAmountMinor: 12500 });
      const second = (
        await w.api('POST', '/reports/entries', { definition, limit: 2, cursor: first.nextCursor })
      ).json();
      expect(second.data.map((e: { spentDate: string }) => e.spentDate)).toEqual(['2026-03-09']);
      expect(second.nextCursor).toBeNull();
      const billable = (
        await w.api('POST', '/reports/entries', {
          definition: { ...definition, filters: { projectIds: [w.site.id], billable: true } },
          limit: 1,
        })
      ).json();
      expect(billable.data).toHaveLength(1);
      expect(billable.data[0].billable).toBe(true);

      const tooLong = await w.api('POST', '/reports/run', {
        period: 'custom',
        from: '2024-01-01',
        to: '2026-03-31',
        groupBy: ['project'],
      });
      expect(tooLong.statusCode).toBe(422);
      expect(tooLong.json().error.code).toBe('invalid_report');
      const twice = await w.api('POST', '/reports/run', { ...MARCH, groupBy: ['day', 'week'] });
      expect(twice.statusCode).toBe(422);
      const unknown = await w.api('POST', '/reports/run', { ...MARCH, groupBy: ['colour'] });
      expect(unknown.statusCode).toBe(422);
      const missing = await w.api('POST', '/reports/run', { period: 'custom', groupBy: ['task'] });
      expect(missing.json().error.code).toBe('invalid_report');
      const badCursor = await w.api('POST', '/reports/entries', { definition, cursor: 'nope' });
      expect(badCursor.statusCode).toBe(422);
    });

    it('exports entries and totals as CSV, XLSX and PDF with the report’s totals', async () => {
      const w = await world();
      const definition = { ...MARCH, groupBy: ['project'] };
      const report = (await w.api('POST', '/reports/run', definition)).json();

      const csv = await w.api('POST', '/reports/export', {
        definition,
        format: 'csv',
        content: 'entries',
      });
      expect(csv.statusCode).toBe(200);
      expect(csv.headers['content-type']).toContain('text/csv');
      expect(csv.headers['content-disposition']).toContain('.csv');
      const rows: Record<string, string>[] = parse(csv.body, { columns: true, bom: true });
      expect(rows).toHaveLength(4);
      expect(rows.reduce((s, r) => s + Number(r.Seconds), 0)).toBe(report.totals.seconds);
      expect(rows.reduce((s, r) => s + Number(r['Rounded hours']), 0) * 3600).toBeCloseTo(
        report.totals.roundedSeconds,
        6,
      );

      const xlsx = await w.api('POST', '/reports/export', {
        definition,
        format: 'xlsx',
        content: 'totals',
      });
      expect(xlsx.statusCode).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      const last = (sheet.getRow(sheet.rowCount).values as unknown[]).slice(1);
      expect(last[0]).toBe('Total');
      expect(last[header.indexOf('Seconds')]).toBe(report.totals.seconds);
      expect(last[header.indexOf('Billable amount USD')]).toBe(425);

      const pdf = await w.api('POST', '/reports/export', {
        definition,
        format: 'pdf',
        content: 'entries',
      });
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const text = (
        await extractText(await getDocumentProxy(new Uint8Array(pdf.rawPayload)), {
          mergePages: true,
        })
      ).text;
      expect(text).toContain('Site');
      expect(text).toContain('2026-03-10');
    });

    it('saves reports per person and shares them read-only through expiring, revocable links', async () => {
      const w = await world();
      const definition = { period: 'this_month', groupBy: ['project'] };
      const created = await w.api('POST', '/saved-reports', {
        name: 'March by project',
        definition,
      });
      expect(created.statusCode).toBe(201);
      const saved = created.json();
      expect(saved.definition).toMatchObject({ period: 'this_month', groupBy: ['project'] });
      expect((await w.api('GET', '/saved-reports')).json().data).toHaveLength(1);
      // Someone else's saved reports are not theirs to read, change or share.
      const mo = native(w.moToken);
      expect((await mo('GET', '/saved-reports')).json().data).toEqual([]);
      expect((await mo('GET', `/saved-reports/${saved.id}`)).statusCode).toBe(404);
      expect((await mo('POST', `/saved-reports/${saved.id}/shares`, {})).statusCode).toBe(404);
      const renamed = await w.api('PATCH', `/saved-reports/${saved.id}`, { name: 'By project' });
      expect(renamed.json().name).toBe('By project');
      const bad = await w.api('PATCH', `/saved-reports/${saved.id}`, {
        definition: { period: 'custom', groupBy: ['project'] },
      });
      expect(bad.json().error.code).toBe('invalid_report');

      const shared = await w.api('POST', `/saved-reports/${saved.id}/shares`, { days: 2 });
      expect(shared.statusCode).toBe(201);
      const { token, url, share } = shared.json();
      expect(url).toMatch(new RegExp(`/shared/${token}$`));
      expect(share).toMatchObject({ showsAmounts: false, active: true });
      const open = (path = '') =>
        t.app.inject({ method: 'GET', url: `/punch/v1/shared-reports/${token}${path}` });
      const opened = await open();
      expect(opened.statusCode).toBe(200);
      const body = opened.json();
      expect(body).toMatchObject({ name: 'By project', showsAmounts: false });
      expect(body.report.totals.roundedSeconds).toBe((1.25 + 0.5 + 3 + 2) * 3600);
      expect(body.report.totals).toMatchObject({ billableAmounts: null, costAmountMinor: null });
      const entries = (await open('/entries')).json();
      expect(entries.data).toHaveLength(4);
      expect(
        entries.data.every((e: { costAmountMinor: number | null }) => e.costAmountMinor === null),
      ).toBe(true);
      const csv = await open('/export?format=csv&content=totals');
      expect(csv.statusCode).toBe(200);
      expect(csv.body).not.toContain('Cost amount');
      expect(csv.body).not.toContain('Billable amount');
      // The saved definition is all a link reaches: one of its own is not read.
      const narrowed = await t.app.inject({
        method: 'GET',
        url: `/punch/v1/shared-reports/${token}?period=last_year`,
      });
      expect(narrowed.json().report).toMatchObject({ from: '2026-03-01', to: '2026-03-31' });

      // Revoked: closed at once. A second link expires with time.
      const second = (
        await w.api('POST', `/saved-reports/${saved.id}/shares`, { days: 1, showsAmounts: true })
      ).json();
      const revoked = await w.api('DELETE', `/saved-reports/${saved.id}/shares/${share.id}`);
      expect(revoked.json()).toMatchObject({ active: false });
      expect((await open()).statusCode).toBe(404);
      expect((await open()).json().error.code).toBe('shared_report_not_found');
      const withMoney = await t.app.inject({
        method: 'GET',
        url: `/punch/v1/shared-reports/${second.token}`,
      });
      expect(withMoney.json().report.totals.billableAmounts).toHaveLength(2);
      t.clock.advance(86_401);
      const expired = await t.app.inject({
        method: 'GET',
        url: `/punch/v1/shared-reports/${second.token}`,
      });
      expect(expired.statusCode).toBe(404);
      expect(
        (
          await t.app.inject({
            method: 'GET',
            url: '/punch/v1/shared-reports/not-a-real-token-at-all',
          })
        ).statusCode,
      ).toBe(404);
      const deleted = await w.api('DELETE', `/saved-reports/${saved.id}`);
      expect(deleted.statusCode).toBe(200);
      expect((await w.api('GET', `/saved-reports/${saved.id}`)).statusCode).toBe(404);
    });

    it('answers the outside review: fixed fees drill alike, no formulas in CSV, no capacity for project filters, no contradictory days', async () => {
      const w = await world();
      // A fixed-fee project: its time brings amounts only when asked, in the report and in its entries alike.
      await harvest.send('PATCH', w.admin.headers, `/v2/projects/${w.site.id}`, {
        is_fixed_fee: true,
        fee: 1000,
      });
      const definition = { ...MARCH, groupBy: ['project'], filters: { projectIds: [w.site.id] } };
      for (const includeFixedFee of [true, false]) {
        const report = (
          await w.api('POST', '/reports/run', { ...definition, includeFixedFee })
        ).json();
        const entries = (
          await w.api('POST', '/reports/entries', {
            definition: { ...definition, includeFixedFee },
          })
        ).json();
        const summed = entries.data.reduce(
          (sum: number, e: { billableAmountMinor: number | null }) =>
            sum + (e.billableAmountMinor ?? 0),
          0,
        );
        expect(summed).toBe(report.totals.billableAmounts[0]?.amountMinor ?? 0);
        // Capacity is people's: a report narrowed to a project weighs against no one's.
        expect(report.totals).toMatchObject({ capacitySeconds: null, utilization: null });
      }
      // Notes that a spreadsheet would run as a formula are written as text.
      await harvest.send('POST', w.admin.headers, '/v2/time_entries', {
        project_id: w.site.id,
        task_id: w.build.id,
        spent_date: '2026-03-05',
        hours: 1,
        notes: '=HYPERLINK("http://evil","x")',
      });
      const csv = await w.api('POST', '/reports/export', {
        definition,
        format: 'csv',
        content: 'entries',
      });
      const rows: Record<string, string>[] = parse(csv.body, { columns: true, bom: true });
      expect(rows.map((r) => r.Notes)).toContain(`'=HYPERLINK("http://evil","x")`);
      // Days go with a custom period only; and they are real days.
      const contradictory = await w.api('POST', '/reports/run', {
        period: 'this_month',
        from: '2020-01-01',
        to: '2020-01-02',
        groupBy: ['project'],
      });
      expect(contradictory.json().error.code).toBe('invalid_report');
      const ancient = await w.api('POST', '/reports/run', {
        period: 'custom',
        from: '0000-01-01',
        to: '0000-01-02',
        groupBy: ['project'],
      });
      expect(ancient.json().error.code).toBe('invalid_report');
      // A member's link never shows money, and says so.
      const mo = native(w.moToken);
      const saved = (
        await mo('POST', '/saved-reports', {
          name: 'Mine',
          definition: { period: 'this_month', groupBy: ['task'] },
        })
      ).json();
      const share = (
        await mo('POST', `/saved-reports/${saved.id}/shares`, { showsAmounts: true })
      ).json();
      expect(share.share.showsAmounts).toBe(false);
      // A name in another script keeps its letters for clients that read filename*.
      await mo('PATCH', `/saved-reports/${saved.id}`, { name: 'Звіт' });
      const file = await t.app.inject({
        method: 'GET',
        url: `/punch/v1/shared-reports/${share.token}/export?format=csv&content=totals`,
      });
      expect(file.headers['content-disposition']).toMatch(
        /^attachment; filename="totals-[0-9-]+\.csv"; filename\*=UTF-8''%D0%97%D0%B2%D1%96%D1%82-totals-/,
      );
    });
  });
}
