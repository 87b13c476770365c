import { toWireInstant } from '../../shared/schema.ts';
import type { Invoice, InvoiceMessage, InvoicePayment } from './invoice.rules.ts';
import { minorToNumber } from './invoices.rules.ts';
import type { UninvoicedRow } from './invoices.service.ts';

const instant = (ms: number | null) => (ms === null ? null : toWireInstant(ms));
const percent = (thousandths: number | null) => (thousandths === null ? null : thousandths / 1000);

/** An invoice in Harvest's shape (§ Invoices API), money as decimals of its currency. */
export function presentHarvestInvoice(invoice: Invoice) {
  const { totals } = invoice;
  const money = (minor: number) => minorToNumber(minor, invoice.currency);
  return {
    id: invoice.id,
    client_key: invoice.clientKey,
    number: invoice.number,
    purchase_order: invoice.purchaseOrder,
    amount: money(totals.amount),
    due_amount: money(invoice.due),
    tax: percent(invoice.taxThousandths),
    tax_amount: money(totals.taxAmount),
    tax2: percent(invoice.tax2Thousandths),
    tax2_amount: money(totals.tax2Amount),
    discount: percent(invoice.discountThousandths),
    discount_amount: money(totals.discountAmount),
    subject: invoice.subject,
    notes: invoice.notes,
    state: invoice.state,
    period_start: invoice.periodStart,
    period_end: invoice.periodEnd,
    issue_date: invoice.issueDate,
    due_date: invoice.dueDate,
    payment_term: invoice.paymentTerm,
    payment_options: [],
    sent_at: instant(invoice.sentAt),
    paid_at: instant(invoice.paidAt),
    paid_date: invoice.paidDate,
    closed_at: instant(invoice.closedAt),
    recurring_invoice_id: null,
    created_at: toWireInstant(invoice.createdAt),
    updated_at: toWireInstant(invoice.updatedAt),
    currency: invoice.currency,
    client: invoice.client,
    estimate: null,
    retainer: null,
    creator: invoice.creator,
    line_items: invoice.lines.map((line) => ({
      id: line.id,
      project: line.project,
      kind: line.kind,
      description: line.description,
      quantity: line.quantityThousandths / 1000,
      unit_price: money(line.unitPriceMinor),
      amount: money(line.amountMinor),
      taxed: line.taxed,
      taxed2: line.taxed2,
    })),
  };
}

export function presentHarvestPayment(payment: InvoicePayment) {
  return {
    id: payment.id,
    amount: minorToNumber(payment.amountMinor, payment.currency),
    paid_at: toWireInstant(payment.paidAt),
    paid_date: payment.paidDate,
    recorded_by: payment.recordedBy.name,
    recorded_by_email: payment.recordedBy.email,
    notes: payment.notes,
    transaction_id: null,
    payment_gateway: null,
    created_at: toWireInstant(payment.createdAt),
    updated_at: toWireInstant(payment.updatedAt),
  };
}

export function presentHarvestMessage(message: InvoiceMessage) {
  return {
    id: message.id,
    sent_by: message.sender.name,
    sent_by_email: message.sender.email,
    sent_from: message.sender.name,
    sent_from_email: message.sender.email,
    recipients: message.recipients,
    subject: message.subject,
    body: message.body,
    include_link_to_client_invoice: false,
    attach_pdf: message.attachPdf,
    send_me_a_copy: message.sendMeACopy,
    thank_you: message.thankYou,
    event_type: message.eventType,
    reminder: false,
    send_reminder_on: null,
    created_at: toWireInstant(message.createdAt),
    updated_at: toWireInstant(message.updatedAt),
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
