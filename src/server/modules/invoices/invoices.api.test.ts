import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { assertHarvestSchema } from '../../../../test/harvest-openapi.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';

interface Invoice {
  id: number;
  number: string;
  amount: number;
  due_amount: number;
  state: string;
  line_items: {
    id: number;
    description: string;
    quantity: number;
    unit_price: number;
    amount: number;
  }[];
  [key: string]: unknown;
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: Harvest invoices`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const harvest = harvestRequests(() => t.app);
    const native = nativeRequests(() => t.app);

    /** A client with a billable project (EUR 100/h), a member and their week of time. */
    async function world(currency = 'EUR') {
      const admin = await createHarvestCaller(t.db, t.clock);
      const h = admin.headers;
      const client = (
        await harvest.send('POST', h, '/v2/clients', { name: 'Acme', currency })
      ).json<{ id: number }>();
      const project = (
        await harvest.send('POST', h, '/v2/projects', {
          client_id: client.id,
          name: 'Site',
          code: 'ST',
          is_billable: true,
          bill_by: 'Project',
          hourly_rate: 100,
        })
      ).json<{ id: number }>();
      const task = (await harvest.send('POST', h, '/v2/tasks', { name: 'Build' })).json<{
        id: number;
      }>();
      await harvest.send('POST', h, `/v2/projects/${project.id}/task_assignments`, {
        task_id: task.id,
        billable: true,
      });
      const member = await createUser(t.db, t.clock, admin.accountId, { firstName: 'Mo' });
      await harvest.send('POST', h, `/v2/projects/${project.id}/user_assignments`, {
        user_id: member.id,
      });
      const mh: Headers = {
        ...h,
        authorization: `Bearer ${(await createToken(t.db, t.clock, member.id)).token}`,
      };
      const log = async (date: string, hours: number) =>
        (
          await harvest.send('POST', h, '/v2/time_entries', {
            user_id: member.id,
            project_id: project.id,
            task_id: task.id,
            spent_date: date,
            hours,
          })
        ).json<{ id: number }>();
      const entries = [await log('2026-03-02', 1.5), await log('2026-03-03', 2.25)];
      return { admin, h, mh, client, project, task, member, entries, log };
    }
    type World = Awaited<ReturnType<typeof world>>;

    const entry = async (w: World, id: number) =>
      (await harvest.get(w.h, `/v2/time_entries/${id}`)).json<Record<string, unknown>>();

    it('creates an invoice from tracked time, bills and locks the time, and un-bills it on delete', async () => {
      const w = await world();
      const uninvoiced = await harvest.get(w.h, '/v2/reports/uninvoiced?from=20260301&to=20260331');
      expect(uninvoiced.statusCode).toBe(200);
      assertHarvestSchema('uninvoicedReport', 200, uninvoiced.json());
      expect(uninvoiced.json().results).toEqual([
        {
          client_id: w.client.id,
          client_name: 'Acme',
          project_id: w.project.id,
          project_name: 'Site',
          currency: 'EUR',
          total_hours: 3.75,
          uninvoiced_hours: 3.75,
          uninvoiced_expenses: 0,
          uninvoiced_amount: 375,
        },
      ]);

      const created = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: w.client.id,
        subject: 'March',
        tax: 20,
        payment_term: 'net 30',
        issue_date: '2026-03-31',
        line_items_import: {
          project_ids: [w.project.id],
          time: { summary_type: 'task', from: '2026-03-01', to: '2026-03-31' },
        },
      });
      expect(created.statusCode).toBe(201);
      const invoice = created.json<Invoice>();
      assertHarvestSchema('createInvoice', 201, invoice);
      expect(invoice).toMatchObject({
        number: '1',
        state: 'draft',
        currency: 'EUR',
        issue_date: '2026-03-31',
        due_date: '2026-04-30',
        period_start: '2026-03-01',
        period_end: '2026-03-31',
        // The import is taxed, since the invoice states a tax: 375 + 20 %.
        amount: 450,
        tax: 20,
        tax_amount: 75,
        due_amount: 450,
        client: { id: w.client.id, name: 'Acme' },
      });
      expect(invoice.line_items).toEqual([
        expect.objectContaining({
          description: '[ST] Site: Build (03/02/2026 - 03/03/2026)',
          quantity: 3.75,
          unit_price: 100,
          amount: 375,
          taxed: true,
        }),
      ]);
      // Billed: invoiced, locked with Harvest's reason, and no longer uninvoiced.
      expect(await entry(w, w.entries[0]!.id)).toMatchObject({
        is_billed: true,
        is_locked: true,
        locked_reason: 'Item Invoiced',
        invoice: { id: invoice.id, number: '1' },
      });
      const member = await harvest.send('PATCH', w.mh, `/v2/time_entries/${w.entries[0]!.id}`, {
        hours: 9,
      });
      expect(member.statusCode).toBe(422);
      const after = await harvest.get(w.h, '/v2/reports/uninvoiced?from=20260301&to=20260331');
      expect(after.json().results).toEqual([]);
      // Importing again finds nothing more to bill.
      const again = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: w.client.id,
        line_items_import: { project_ids: [w.project.id], time: { summary_type: 'project' } },
      });
      expect(again.json<Invoice>()).toMatchObject({ number: '2', amount: 0, line_items: [] });

      const listed = await harvest.get(w.h, `/v2/invoices?client_id=${w.client.id}&state=draft`);
      assertHarvestSchema('listInvoices', 200, listed.json());
      expect(listed.json().invoices).toHaveLength(2);

      // The project is locked for the invoiced period: new time there is refused (Harvest).
      const late = await harvest.send('POST', w.h, '/v2/time_entries', {
        user_id: w.member.id,
        project_id: w.project.id,
        task_id: w.task.id,
        spent_date: '2026-03-10',
        hours: 1,
      });
      expect(late.statusCode).toBe(422);
      expect(late.json().message).toBe('This project is invoiced for this time period');
      expect((await w.log('2026-04-01', 1)).id).toBeGreaterThan(0);

      const deleted = await harvest.send('DELETE', w.h, `/v2/invoices/${invoice.id}`);
      expect(deleted.statusCode).toBe(200);
      expect((await w.log('2026-03-10', 1)).id).toBeGreaterThan(0);
      expect(await entry(w, w.entries[0]!.id)).toMatchObject({
        is_billed: false,
        is_locked: false,
        invoice: null,
      });
      expect((await harvest.get(w.h, `/v2/invoices/${invoice.id}`)).statusCode).toBe(404);
    });

    it('sums free-form lines exactly, with discount, two taxes, and a yen invoice', async () => {
      const w = await world();
      const res = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: w.client.id,
        discount: 10,
        tax: 20,
        tax2: 8.875,
        line_items: [
          { kind: 'Service', description: 'Design', quantity: 1.5, unit_price: 33.33, taxed: true },
          { kind: 'Product', description: 'Licence', quantity: 1, unit_price: 50.5, taxed2: true },
        ],
      });
      expect(res.statusCode).toBe(201);
      const invoice = res.json<Invoice>();
      assertHarvestSchema('createInvoice', 201, invoice);
      // 1.5 × 33.33 = 49.995 → 50.00; subtotal 100.50; discount 10.05;
      // tax 20 % of 45.00 = 9.00; tax2 8.875 % of 45.45 = 4.03; amount 103.48.
      expect(invoice.line_items.map((l) => l.amount)).toEqual([50, 50.5]);
      expect(invoice).toMatchObject({
        discount_amount: 10.05,
        tax_amount: 9,
        tax2_amount: 4.03,
        amount: 103.48,
      });

      const yen = (
        await harvest.send('POST', w.h, '/v2/clients', { name: 'Tokyo', currency: 'JPY' })
      ).json<{ id: number }>();
      const jpy = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: yen.id,
        line_items: [{ kind: 'Service', description: 'Work', quantity: 2.5, unit_price: 1001 }],
      });
      expect(jpy.json<Invoice>()).toMatchObject({ currency: 'JPY', amount: 2503 });
      const cents = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: yen.id,
        line_items: [{ kind: 'Service', description: 'Work', quantity: 1, unit_price: 10.5 }],
      });
      expect(cents.statusCode).toBe(422);
    });

    it('numbers invoices, refuses a number taken, and edits and removes lines', async () => {
      const w = await world();
      const first = (
        await harvest.send('POST', w.h, '/v2/invoices', {
          client_id: w.client.id,
          number: 'INV-7',
          line_items_import: { project_ids: [w.project.id], time: { summary_type: 'detailed' } },
        })
      ).json<Invoice>();
      expect(first.line_items).toHaveLength(2);
      const taken = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: w.client.id,
        number: 'INV-7',
      });
      expect(taken.statusCode).toBe(422);
      expect(taken.json().message).toBe('Number has already been taken');

      const [keep, drop] = first.line_items as [Invoice['line_items'][0], Invoice['line_items'][0]];
      const updated = await harvest.send('PATCH', w.h, `/v2/invoices/${first.id}`, {
        number: 'INV-8',
        line_items: [
          { id: keep.id, unit_price: 120 },
          { id: drop.id, _destroy: true },
          { kind: 'Service', description: 'Extra', quantity: 1, unit_price: 10 },
        ],
      });
      expect(updated.statusCode).toBe(200);
      assertHarvestSchema('updateInvoice', 200, updated.json());
      expect(updated.json<Invoice>()).toMatchObject({ number: 'INV-8', amount: 1.5 * 120 + 10 });
      // The removed line's time is billable again; the kept line's entry follows the number.
      expect(await entry(w, w.entries[0]!.id)).toMatchObject({
        invoice: { id: first.id, number: 'INV-8' },
      });
      expect(await entry(w, w.entries[1]!.id)).toMatchObject({ is_billed: false, invoice: null });
      const other = await createHarvestCaller(t.db, t.clock);
      expect((await harvest.get(other.headers, `/v2/invoices/${first.id}`)).statusCode).toBe(404);
      expect((await harvest.get(w.mh, `/v2/invoices/${first.id}`)).statusCode).toBe(403);
    });

    it('is marked as sent, takes payments until paid, and is closed and re-opened', async () => {
      const w = await world();
      const invoice = (
        await harvest.send('POST', w.h, '/v2/invoices', {
          client_id: w.client.id,
          line_items: [{ kind: 'Service', description: 'Work', quantity: 2, unit_price: 100 }],
        })
      ).json<Invoice>();
      const early = await harvest.send('POST', w.h, `/v2/invoices/${invoice.id}/messages`, {
        event_type: 're-open',
      });
      expect(early.statusCode).toBe(422);
      const sent = await harvest.send('POST', w.h, `/v2/invoices/${invoice.id}/messages`, {
        recipients: [{ name: 'Ann', email: 'ann@example.com' }],
        subject: 'Invoice 1',
        body: 'Please pay',
      });
      expect(sent.statusCode).toBe(201);
      assertHarvestSchema('createInvoiceMessage', 201, sent.json());
      expect((await harvest.get(w.h, `/v2/invoices/${invoice.id}`)).json().state).toBe('open');
      const messages = await harvest.get(w.h, `/v2/invoices/${invoice.id}/messages`);
      assertHarvestSchema('listMessagesForInvoice', 200, messages.json());
      expect(messages.json().invoice_messages[0].recipients).toEqual([
        { name: 'Ann', email: 'ann@example.com' },
      ]);

      const over = await harvest.send('POST', w.h, `/v2/invoices/${invoice.id}/payments`, {
        amount: 200.01,
      });
      expect(over.statusCode).toBe(422);
      const part = await harvest.send('POST', w.h, `/v2/invoices/${invoice.id}/payments`, {
        amount: 50,
        paid_date: '2026-03-05',
      });
      expect(part.statusCode).toBe(201);
      assertHarvestSchema('createInvoicePayment', 201, part.json());
      const rest = await harvest.send('POST', w.h, `/v2/invoices/${invoice.id}/payments`, {
        amount: 150,
      });
      expect(rest.statusCode).toBe(201);
      const paid = (await harvest.get(w.h, `/v2/invoices/${invoice.id}`)).json<Invoice>();
      assertHarvestSchema('retrieveInvoice', 200, paid);
      expect(paid).toMatchObject({ state: 'paid', due_amount: 0, paid_date: '2026-03-04' });
      const payments = await harvest.get(w.h, `/v2/invoices/${invoice.id}/payments`);
      assertHarvestSchema('listPaymentsForInvoice', 200, payments.json());
      expect(payments.json().invoice_payments).toHaveLength(2);

      // A payment taken back: open again.
      const removed = await harvest.send(
        'DELETE',
        w.h,
        `/v2/invoices/${invoice.id}/payments/${rest.json().id}`,
      );
      expect(removed.json()).toMatchObject({ state: 'open', due_amount: 150 });
      const closed = await harvest.send('POST', w.h, `/v2/invoices/${invoice.id}/messages`, {
        event_type: 'close',
      });
      expect(closed.statusCode).toBe(201);
      expect((await harvest.get(w.h, `/v2/invoices/${invoice.id}`)).json().state).toBe('closed');
      await harvest.send('POST', w.h, `/v2/invoices/${invoice.id}/messages`, {
        event_type: 're-open',
      });
      expect((await harvest.get(w.h, `/v2/invoices/${invoice.id}`)).json().state).toBe('open');

      const events = await t.db
        .selectFrom('events')
        .select('type')
        .where('account_id', '=', w.admin.accountId)
        .where('type', 'like', 'invoice%')
        .orderBy('id')
        .execute();
      expect(events.map((e) => e.type)).toContain('invoice_payment.deleted');
    });

    it('refuses to invoice time while a timer runs on it, and another client’s project', async () => {
      const w = await world();
      await harvest.send('POST', w.mh, '/v2/time_entries', {
        project_id: w.project.id,
        task_id: w.task.id,
        spent_date: '2026-03-04',
      });
      const running = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: w.client.id,
        line_items_import: { project_ids: [w.project.id], time: { summary_type: 'project' } },
      });
      expect(running.statusCode).toBe(422);
      const other = (await harvest.send('POST', w.h, '/v2/clients', { name: 'Other' })).json<{
        id: number;
      }>();
      const wrong = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: other.id,
        line_items_import: { project_ids: [w.project.id], time: { summary_type: 'project' } },
      });
      expect(wrong.statusCode).toBe(422);
      expect(wrong.json().message).toMatch(/not a project of this client/);
    });

    it('bills time from the native API, and renders the PDF with its totals in Ukrainian', async () => {
      const w = await world('UAH');
      const admin = native(w.admin.token);
      // Time that rounds to no hours makes no line and stays unbilled.
      const crumb = await w.log('2026-03-04', 0.001);
      const body = {
        clientId: w.client.id,
        projectIds: [w.project.id],
        summaryType: 'people',
        from: '2026-03-01',
        to: '2026-03-31',
        tax: 20,
      };
      const preview = await admin('POST', '/invoices/preview', body);
      expect(preview.statusCode).toBe(200);
      expect(preview.json()).toMatchObject({
        currency: 'UAH',
        subtotalMinor: 37_500,
        lines: [
          {
            description: '[ST] Site: Mo Lovelace (03/02/2026 - 03/03/2026)',
            quantity: 3.75,
            project: { id: w.project.id, name: 'Site', code: 'ST' },
          },
        ],
      });
      // A preview bills nothing.
      expect(await entry(w, w.entries[0]!.id)).toMatchObject({ is_billed: false });
      const created = await admin('POST', '/invoices', body);
      expect(created.statusCode).toBe(201);
      const invoice = created.json<{ id: number; number: string; amountMinor: number }>();
      // The stated tax applies to the imported time.
      expect(invoice).toMatchObject({ state: 'draft', amountMinor: 45_000, dueMinor: 45_000 });
      const sent = await admin('POST', `/invoices/${invoice.id}/send`);
      expect(sent.json()).toMatchObject({ state: 'open', taxMinor: 7_500, amountMinor: 45_000 });
      const paid = await admin('POST', `/invoices/${invoice.id}/payments`, {});
      expect(paid.json()).toMatchObject({ state: 'paid', paidMinor: 45_000, dueMinor: 0 });
      const twice = await admin('POST', `/invoices/${invoice.id}/payments`, {});
      expect(twice.statusCode).toBe(422);
      expect(twice.json().error.code).toBe('invoice_state_conflict');
      expect(await entry(w, crumb.id)).toMatchObject({ is_billed: false });

      const pdf = await admin('GET', `/invoices/${invoice.id}/pdf?language=uk`);
      expect(pdf.statusCode).toBe(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const document = await getDocumentProxy(new Uint8Array(pdf.rawPayload));
      const { text } = await extractText(document, { mergePages: true });
      const squashed = text.replace(/\s+/g, ' ');
      expect(squashed).toContain(`Рахунок ${invoice.number}`);
      expect(squashed).toContain('Разом 375,00 ₴');
      expect(squashed).toContain('Податок 75,00 ₴');
      expect(squashed).toContain('Усього 450,00 ₴');
      expect(squashed).toContain('До сплати 0,00 ₴');
      expect(squashed).toContain('Mo Lovelace');

      const members = native(w.mh.authorization!.slice('Bearer '.length));
      expect((await members('GET', '/invoices')).statusCode).toBe(403);
      expect((await members('GET', `/invoices/${invoice.id}/pdf`)).statusCode).toBe(403);
    });

    it('refuses changes that would break what an invoice bills (outside review)', async () => {
      const w = await world();
      const invoice = (
        await harvest.send('POST', w.h, '/v2/invoices', {
          client_id: w.client.id,
          line_items_import: { project_ids: [w.project.id], time: { summary_type: 'project' } },
        })
      ).json<Invoice>();
      const other = (
        await harvest.send('POST', w.h, '/v2/clients', { name: 'Other', currency: 'JPY' })
      ).json<{ id: number }>();
      const patch = (body: object) =>
        harvest.send('PATCH', w.h, `/v2/invoices/${invoice.id}`, body);
      expect((await patch({ currency: 'JPY' })).statusCode).toBe(422);
      expect((await patch({ client_id: other.id })).statusCode).toBe(422);
      expect((await patch({ issue_date: '2026-03-10', due_date: '2026-03-01' })).statusCode).toBe(
        422,
      );
      const ghost = await patch({
        line_items: [
          { kind: 'Service', description: 'ghost', quantity: 1, unit_price: 1, _destroy: true },
        ],
      });
      expect(ghost.json<Invoice>().line_items).toHaveLength(1);
      const foreign = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: other.id,
        line_items: [{ project_id: w.project.id, kind: 'Service', quantity: 1, unit_price: 1 }],
      });
      expect(foreign.statusCode).toBe(422);
      const noTime = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: w.client.id,
        line_items_import: { project_ids: [w.project.id] },
      });
      expect(noTime.statusCode).toBe(422);
      const reversed = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: w.client.id,
        line_items_import: {
          project_ids: [w.project.id],
          time: { summary_type: 'project', from: '2026-03-31', to: '2026-03-01' },
        },
      });
      expect(reversed.statusCode).toBe(422);
      const huge = await harvest.send('POST', w.h, '/v2/invoices', {
        client_id: w.client.id,
        line_items: [{ kind: 'Service', quantity: 9_999_999, unit_price: 999_999_999 }],
      });
      expect(huge.statusCode).toBe(422);
      expect(huge.json().message).toMatch(/too large/);

      // Paid in full, a line cannot shrink below the payments; a discount alone pays nothing.
      await harvest.send('POST', w.h, `/v2/invoices/${invoice.id}/messages`, {
        event_type: 'send',
      });
      await harvest.send('POST', w.h, `/v2/invoices/${invoice.id}/payments`, { amount: 375 });
      const line = invoice.line_items[0]!;
      expect((await patch({ line_items: [{ id: line.id, unit_price: 50 }] })).statusCode).toBe(422);
      const free = (
        await harvest.send('POST', w.h, '/v2/invoices', {
          client_id: w.client.id,
          discount: 100,
          line_items: [{ kind: 'Service', quantity: 1, unit_price: 10 }],
        })
      ).json<Invoice>();
      await harvest.send('POST', w.h, `/v2/invoices/${free.id}/messages`, { event_type: 'send' });
      expect((await harvest.get(w.h, `/v2/invoices/${free.id}`)).json()).toMatchObject({
        state: 'open',
        amount: 0,
      });
      // Its project keeps its billed time: deleting it is refused (archive instead).
      const gone = await harvest.send('DELETE', w.h, `/v2/projects/${w.project.id}`);
      expect(gone.statusCode).toBe(422);
      expect(await entry(w, w.entries[0]!.id)).toMatchObject({ is_billed: true });
    });

    it('bills all of a client’s projects from the native API when none is named, taxed', async () => {
      const w = await world();
      const preview = await native(w.admin.token)('POST', '/invoices/preview', {
        clientId: w.client.id,
        tax: 10,
        discount: 10,
      });
      expect(preview.json()).toMatchObject({
        subtotalMinor: 37_500,
        discountMinor: 3_750,
        taxMinor: 3_375,
        amountMinor: 37_125,
      });
    });
  });
}
