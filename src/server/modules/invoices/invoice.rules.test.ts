import { describe, expect, it } from 'vitest';
import type { InvoiceRow, LineRow, MessageRow, PaymentRow } from './invoices.repository.ts';
import { invoiceMessageOf, invoiceOf, invoicePaymentOf } from './invoice.rules.ts';

const invoiceRow: InvoiceRow = {
  id: 7,
  account_id: 1,
  client_id: 3,
  creator_id: 4,
  client_key: 'ck',
  number: '2026-007',
  purchase_order: 'PO-1',
  subject: 'March',
  notes: null,
  currency: 'JPY',
  state: 'open',
  tax_thousandths: 10_000,
  tax2_thousandths: null,
  discount_thousandths: 5_000,
  period_start: '2026-03-01',
  period_end: '2026-03-31',
  issue_date: '2026-04-01',
  due_date: '2026-05-01',
  payment_term: 'net 30',
  sent_at: 100,
  paid_at: null,
  paid_date: null,
  closed_at: null,
  created_at: 50,
  updated_at: 60,
  client_name: 'Kyoto Works',
  creator_first_name: 'Ada',
  creator_last_name: 'Lovelace',
};

const line = (id: number, amount: number, taxed: 0 | 1, projectId: number | null): LineRow => ({
  id,
  invoice_id: 7,
  position: id,
  project_id: projectId,
  project_name: projectId === null ? null : 'Garden',
  project_code: null,
  kind: 'Service',
  description: 'Design',
  quantity_thousandths: 2_500,
  unit_price_minor: amount / 2.5,
  amount_minor: amount,
  taxed,
  taxed2: 0,
});

const payment = (id: number, amount: number): PaymentRow => ({
  id,
  invoice_id: 7,
  amount_minor: amount,
  paid_at: 200,
  paid_date: '2026-04-10',
  recorded_by: null,
  notes: null,
  created_at: 200,
  updated_at: 200,
  recorder_first_name: null,
  recorder_last_name: null,
  recorder_email: null,
});

describe('invoiceOf', () => {
  it('works out the totals once: discount, then tax on the taxed lines, then what is due', () => {
    const invoice = invoiceOf(
      invoiceRow,
      [line(1, 10_000, 1, 9), line(2, 2_000, 0, null)],
      [payment(1, 3_000)],
    );
    // 12,000 less 5% discount is 11,400; 10% tax on the taxed line after its discount: 950.
    expect(invoice.totals).toMatchObject({ subtotal: 12_000, discountAmount: 600, taxAmount: 950 });
    expect(invoice.totals.amount).toBe(12_350);
    expect(invoice.paid).toBe(3_000);
    expect(invoice.due).toBe(9_350);
  });

  it('reads the rows in camelCase, naming the client, the creator and each line’s project', () => {
    const invoice = invoiceOf(invoiceRow, [line(1, 500, 1, 9), line(2, 500, 0, null)], []);
    expect(invoice).toMatchObject({
      id: 7,
      number: '2026-007',
      purchaseOrder: 'PO-1',
      client: { id: 3, name: 'Kyoto Works' },
      creator: { id: 4, name: 'Ada Lovelace' },
      taxThousandths: 10_000,
      issueDate: '2026-04-01',
      sentAt: 100,
      payments: [],
    });
    expect(invoice.lines.map((l) => [l.project, l.taxed, l.quantityThousandths])).toEqual([
      [{ id: 9, name: 'Garden', code: null }, true, 2_500],
      [null, false, 2_500],
    ]);
  });

  it('keeps a creator who is gone as null, and a creator without a name as an empty name', () => {
    expect(invoiceOf({ ...invoiceRow, creator_id: null }, [], []).creator).toBeNull();
    const unnamed = { ...invoiceRow, creator_first_name: null, creator_last_name: null };
    expect(invoiceOf(unnamed, [], []).creator).toEqual({ id: 4, name: '' });
  });
});

describe('invoicePaymentOf and invoiceMessageOf', () => {
  it('carry the invoice’s currency and the people who recorded or sent them', () => {
    const recorded = {
      ...payment(3, 700),
      recorder_first_name: 'Grace',
      recorder_last_name: 'Hopper',
      recorder_email: 'grace@example.com',
    };
    expect(invoicePaymentOf(recorded, 'JPY')).toMatchObject({
      currency: 'JPY',
      amountMinor: 700,
      recordedBy: { name: 'Grace Hopper', email: 'grace@example.com' },
    });
    const message: MessageRow = {
      id: 5,
      invoice_id: 7,
      sent_by: null,
      event_type: null,
      recipients_json: JSON.stringify([
        { email: 'ap@example.com' },
        { name: 'Jo', email: 'j@x.io' },
      ]),
      subject: 'Invoice',
      body: null,
      attach_pdf: 1,
      send_me_a_copy: 0,
      thank_you: 0,
      created_at: 1,
      updated_at: 2,
      sender_first_name: null,
      sender_last_name: null,
      sender_email: null,
    };
    expect(invoiceMessageOf(message)).toMatchObject({
      sender: { name: null, email: null },
      recipients: [
        { name: '', email: 'ap@example.com' },
        { name: 'Jo', email: 'j@x.io' },
      ],
      attachPdf: true,
      sendMeACopy: false,
    });
  });
});
