import type { InvoiceRow, LineRow, MessageRow, PaymentRow } from './invoices.repository.ts';
import { invoiceTotals, type InvoiceTotals } from './invoices.rules.ts';

/** A person named on an invoice (its creator, a payment's recorder, a message's sender). */
export interface NamedPerson {
  /** First and last name; null when the person is gone. */
  name: string | null;
  email: string | null;
}

/** One line of an invoice; money in the invoice currency's minor units. */
export interface InvoiceLine {
  id: number;
  project: { id: number; name: string; code: string | null } | null;
  kind: string;
  description: string;
  quantityThousandths: number;
  unitPriceMinor: number;
  amountMinor: number;
  taxed: boolean;
  taxed2: boolean;
}

/** A payment recorded against an invoice, in the invoice's currency. */
export interface InvoicePayment {
  id: number;
  currency: string;
  amountMinor: number;
  paidAt: number;
  paidDate: string;
  recordedBy: NamedPerson;
  notes: string | null;
  createdAt: number;
  updatedAt: number;
}

/** A message about an invoice: a sending, or a mark-as event (sent, closed, re-opened…). */
export interface InvoiceMessage {
  id: number;
  sender: NamedPerson;
  recipients: { name: string; email: string }[];
  subject: string | null;
  body: string | null;
  attachPdf: boolean;
  sendMeACopy: boolean;
  thankYou: boolean;
  eventType: string | null;
  createdAt: number;
  updatedAt: number;
}

/**
 * An invoice with its lines, payments and totals, worked out once: what it amounts to, what
 * was paid and what is still due, in the currency's minor units. Percentages in thousandths.
 */
export interface Invoice {
  id: number;
  clientKey: string;
  number: string;
  purchaseOrder: string | null;
  currency: string;
  client: { id: number; name: string };
  creator: { id: number; name: string } | null;
  taxThousandths: number | null;
  tax2Thousandths: number | null;
  discountThousandths: number | null;
  subject: string | null;
  notes: string | null;
  state: string;
  periodStart: string | null;
  periodEnd: string | null;
  issueDate: string;
  dueDate: string;
  paymentTerm: string;
  sentAt: number | null;
  paidAt: number | null;
  paidDate: string | null;
  closedAt: number | null;
  createdAt: number;
  updatedAt: number;
  lines: InvoiceLine[];
  payments: InvoicePayment[];
  totals: InvoiceTotals;
  /** Paid so far (minor units). */
  paid: number;
  /** Still due: the amount less what was paid (minor units). */
  due: number;
}

/** What an invoice made of tracked time would hold, before it is saved. */
export interface InvoicePreview {
  currency: string;
  lines: InvoiceLine[];
  totals: InvoiceTotals;
  paid: number;
  due: number;
}

const fullName = (first: string | null, last: string | null): string | null =>
  first === null ? null : `${first} ${last ?? ''}`.trim();

export function invoiceLineOf(row: LineRow): InvoiceLine {
  return {
    id: row.id,
    project:
      row.project_id === null
        ? null
        : { id: row.project_id, name: row.project_name ?? '', code: row.project_code },
    kind: row.kind,
    description: row.description,
    quantityThousandths: row.quantity_thousandths,
    unitPriceMinor: row.unit_price_minor,
    amountMinor: row.amount_minor,
    taxed: row.taxed === 1,
    taxed2: row.taxed2 === 1,
  };
}

export function invoicePaymentOf(row: PaymentRow, currency: string): InvoicePayment {
  return {
    id: row.id,
    currency,
    amountMinor: row.amount_minor,
    paidAt: row.paid_at,
    paidDate: row.paid_date,
    recordedBy: {
      name: fullName(row.recorder_first_name, row.recorder_last_name),
      email: row.recorder_email,
    },
    notes: row.notes,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function invoiceMessageOf(row: MessageRow): InvoiceMessage {
  const recipients = JSON.parse(row.recipients_json) as { name?: string; email: string }[];
  return {
    id: row.id,
    sender: {
      name: fullName(row.sender_first_name, row.sender_last_name),
      email: row.sender_email,
    },
    recipients: recipients.map((r) => ({ name: r.name ?? '', email: r.email })),
    subject: row.subject,
    body: row.body,
    attachPdf: row.attach_pdf === 1,
    sendMeACopy: row.send_me_a_copy === 1,
    thankYou: row.thank_you === 1,
    eventType: row.event_type,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The totals of lines under an invoice's tax and discount rates. */
export function totalsOf(
  lines: readonly InvoiceLine[],
  rates: { tax: number | null; tax2: number | null; discount: number | null },
): InvoiceTotals {
  return invoiceTotals(
    lines.map((l) => ({ amount: l.amountMinor, taxed: l.taxed, taxed2: l.taxed2 })),
    rates,
  );
}

export function invoiceOf(
  row: InvoiceRow,
  lineRows: readonly LineRow[],
  paymentRows: readonly PaymentRow[],
): Invoice {
  const lines = lineRows.map(invoiceLineOf);
  const payments = paymentRows.map((p) => invoicePaymentOf(p, row.currency));
  const totals = totalsOf(lines, {
    tax: row.tax_thousandths,
    tax2: row.tax2_thousandths,
    discount: row.discount_thousandths,
  });
  const paid = payments.reduce((sum, p) => sum + p.amountMinor, 0);
  return {
    id: row.id,
    clientKey: row.client_key,
    number: row.number,
    purchaseOrder: row.purchase_order,
    currency: row.currency,
    client: { id: row.client_id, name: row.client_name },
    creator:
      row.creator_id === null
        ? null
        : {
            id: row.creator_id,
            name: fullName(row.creator_first_name, row.creator_last_name) ?? '',
          },
    taxThousandths: row.tax_thousandths,
    tax2Thousandths: row.tax2_thousandths,
    discountThousandths: row.discount_thousandths,
    subject: row.subject,
    notes: row.notes,
    state: row.state,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    issueDate: row.issue_date,
    dueDate: row.due_date,
    paymentTerm: row.payment_term,
    sentAt: row.sent_at,
    paidAt: row.paid_at,
    paidDate: row.paid_date,
    closedAt: row.closed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lines,
    payments,
    totals,
    paid,
    due: totals.amount - paid,
  };
}
