import { toWireInstant } from '../../shared/schema.ts';
import type { MessageRow, PaymentRow } from './invoices.repository.ts';
import { minorToNumber } from './invoices.rules.ts';
import type { InvoiceView, UninvoicedRow } from './invoices.service.ts';

const instant = (ms: number | null) => (ms === null ? null : toWireInstant(ms));
const percent = (thousandths: number | null) => (thousandths === null ? null : thousandths / 1000);
const name = (first: string | null, last: string | null) =>
  first === null ? null : `${first} ${last ?? ''}`.trim();

/** An invoice in Harvest's shape (§ Invoices API), money as decimals of its currency. */
export function presentHarvestInvoice(view: InvoiceView) {
  const { invoice, totals } = view;
  const money = (minor: number) => minorToNumber(minor, invoice.currency);
  return {
    id: invoice.id,
    client_key: invoice.client_key,
    number: invoice.number,
    purchase_order: invoice.purchase_order,
    amount: money(totals.amount),
    due_amount: money(view.due),
    tax: percent(invoice.tax_thousandths),
    tax_amount: money(totals.taxAmount),
    tax2: percent(invoice.tax2_thousandths),
    tax2_amount: money(totals.tax2Amount),
    discount: percent(invoice.discount_thousandths),
    discount_amount: money(totals.discountAmount),
    subject: invoice.subject,
    notes: invoice.notes,
    state: invoice.state,
    period_start: invoice.period_start,
    period_end: invoice.period_end,
    issue_date: invoice.issue_date,
    due_date: invoice.due_date,
    payment_term: invoice.payment_term,
    payment_options: [],
    sent_at: instant(invoice.sent_at),
    paid_at: instant(invoice.paid_at),
    paid_date: invoice.paid_date,
    closed_at: instant(invoice.closed_at),
    recurring_invoice_id: null,
    created_at: toWireInstant(invoice.created_at),
    updated_at: toWireInstant(invoice.updated_at),
    currency: invoice.currency,
    client: { id: invoice.client_id, name: invoice.client_name },
    estimate: null,
    retainer: null,
    creator:
      invoice.creator_id === null
        ? null
        : {
            id: invoice.creator_id,
            name: name(invoice.creator_first_name, invoice.creator_last_name) ?? '',
          },
    line_items: view.lines.map((line) => ({
      id: line.id,
      project:
        line.project_id === null
          ? null
          : { id: line.project_id, name: line.project_name ?? '', code: line.project_code },
      kind: line.kind,
      description: line.description,
      quantity: line.quantity_thousandths / 1000,
      unit_price: money(line.unit_price_minor),
      amount: money(line.amount_minor),
      taxed: line.taxed === 1,
      taxed2: line.taxed2 === 1,
    })),
  };
}

export function presentHarvestPayment(payment: PaymentRow, currency: string) {
  return {
    id: payment.id,
    amount: minorToNumber(payment.amount_minor, currency),
    paid_at: toWireInstant(payment.paid_at),
    paid_date: payment.paid_date,
    recorded_by: name(payment.recorder_first_name, payment.recorder_last_name),
    recorded_by_email: payment.recorder_email,
    notes: payment.notes,
    transaction_id: null,
    payment_gateway: null,
    created_at: toWireInstant(payment.created_at),
    updated_at: toWireInstant(payment.updated_at),
  };
}

export function presentHarvestMessage(message: MessageRow) {
  const sender = name(message.sender_first_name, message.sender_last_name);
  return {
    id: message.id,
    sent_by: sender,
    sent_by_email: message.sender_email,
    sent_from: sender,
    sent_from_email: message.sender_email,
    recipients: (JSON.parse(message.recipients_json) as { name?: string; email: string }[]).map(
      (r) => ({ name: r.name ?? '', email: r.email }),
    ),
    subject: message.subject,
    body: message.body,
    include_link_to_client_invoice: false,
    attach_pdf: message.attach_pdf === 1,
    send_me_a_copy: message.send_me_a_copy === 1,
    thank_you: message.thank_you === 1,
    event_type: message.event_type,
    reminder: false,
    send_reminder_on: null,
    created_at: toWireInstant(message.created_at),
    updated_at: toWireInstant(message.updated_at),
  };
}

export function presentUninvoicedRow(row: UninvoicedRow) {
  return {
    client_id: row.clientId,
    client_name: row.clientName,
    project_id: row.projectId,
    project_name: row.projectName,
    currency: row.currency,
    total_hours: row.totalHundredths / 100,
    uninvoiced_hours: row.uninvoicedHundredths / 100,
    uninvoiced_expenses: 0,
    uninvoiced_amount: minorToNumber(row.uninvoicedAmount, row.currency),
  };
}
