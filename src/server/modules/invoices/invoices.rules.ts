import { DateTime } from 'luxon';

/**
 * Invoice money is exact: amounts in the invoice currency's minor units (cents, or yen), unit
 * prices likewise, quantities in thousandths, percentages in thousandths of a percent. Each
 * figure is rounded once, half away from zero, on integers (BigInt), never on floats.
 */

/** Rounds numerator / denominator to the nearest integer, halves away from zero. */
export function divideRounded(numerator: bigint, denominator: bigint): bigint {
  if (denominator < 0n) return divideRounded(-numerator, -denominator);
  const negative = numerator < 0n;
  const n = negative ? -numerator : numerator;
  const q = (2n * n + denominator) / (2n * denominator);
  return negative ? -q : q;
}

/** How many minor-unit digits a currency has (2 for EUR, 0 for JPY, 3 for KWD). */
export function minorDigits(currency: string): number {
  // Asked once per exported entry: building a NumberFormat each time cost more than the row.
  let digits = DIGITS.get(currency);
  if (digits === undefined) {
    try {
      digits =
        new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
          .maximumFractionDigits ?? 2;
    } catch {
      digits = 2;
    }
    DIGITS.set(currency, digits);
  }
  return digits;
}

const DIGITS = new Map<string, number>();

/** An amount held in hundredths (rates) in the minor units of a currency, rounded once. */
export function hundredthsToMinor(hundredths: number, currency: string): number {
  const digits = minorDigits(currency);
  if (digits === 2) return hundredths;
  if (digits > 2) return hundredths * 10 ** (digits - 2);
  return Number(divideRounded(BigInt(hundredths), BigInt(10 ** (2 - digits))));
}

/** Minor units as the decimal number the wire carries (1234 cents → 12.34). */
export function minorToNumber(minor: number, currency: string): number {
  return minor / 10 ** minorDigits(currency);
}

/** A decimal number from the wire in minor units, or null when it has more digits than fit. */
export function numberToMinor(value: number, currency: string): number | null {
  const scaled = value * 10 ** minorDigits(currency);
  const rounded = Math.round(scaled);
  return Math.abs(scaled - rounded) < 1e-6 && Number.isSafeInteger(rounded) ? rounded : null;
}

/** A decimal with up to three places in thousandths (1.5 → 1500), or null. */
export function toThousandths(value: number): number | null {
  const scaled = value * 1000;
  const rounded = Math.round(scaled);
  return Math.abs(scaled - rounded) < 1e-6 && Number.isSafeInteger(rounded) ? rounded : null;
}

/** A line's amount: quantity (thousandths) × unit price (minor units), rounded once. */
export function lineAmount(quantityThousandths: number, unitPriceMinor: number): number {
  return Number(divideRounded(BigInt(quantityThousandths) * BigInt(unitPriceMinor), 1000n));
}

/** A percentage (thousandths of a percent) of an amount, rounded once. */
export function percentOf(amountMinor: number, percentThousandths: number): number {
  return Number(divideRounded(BigInt(amountMinor) * BigInt(percentThousandths), 100_000n));
}

export interface TotalsLine {
  amount: number;
  taxed: boolean;
  taxed2: boolean;
}

export interface InvoiceTotals {
  subtotal: number;
  discountAmount: number;
  taxAmount: number;
  tax2Amount: number;
  amount: number;
}

/**
 * An invoice's totals as Harvest computes them, per line first: the subtotal is the sum of the
 * lines' own (already rounded) amounts; the discount is taken from the subtotal; each tax is
 * applied to its taxed lines after their share of the discount. The amount is exactly the
 * subtotal, less the discount, plus the taxes: no figure is rounded twice.
 */
export function invoiceTotals(
  lines: readonly TotalsLine[],
  rates: { tax: number | null; tax2: number | null; discount: number | null },
): InvoiceTotals {
  const sum = (pick: (l: TotalsLine) => boolean) =>
    lines.filter(pick).reduce((total, l) => total + l.amount, 0);
  const subtotal = sum(() => true);
  const discount = rates.discount ?? 0;
  const afterDiscount = (base: number) => base - percentOf(base, discount);
  const discountAmount = percentOf(subtotal, discount);
  const taxAmount = percentOf(afterDiscount(sum((l) => l.taxed)), rates.tax ?? 0);
  const tax2Amount = percentOf(afterDiscount(sum((l) => l.taxed2)), rates.tax2 ?? 0);
  return {
    subtotal,
    discountAmount,
    taxAmount,
    tax2Amount,
    amount: subtotal - discountAmount + taxAmount + tax2Amount,
  };
}

/** Harvest's payment terms and the days each gives (custom: the due date is stated). */
export const PAYMENT_TERMS = {
  'upon receipt': 0,
  'net 15': 15,
  'net 30': 30,
  'net 45': 45,
  'net 60': 60,
  custom: null,
} as const;
export type PaymentTerm = keyof typeof PAYMENT_TERMS;

export function isPaymentTerm(value: string): value is PaymentTerm {
  return Object.hasOwn(PAYMENT_TERMS, value);
}

/** The due date from the issue date and the term; custom keeps the stated date (or the issue date). */
export function dueDate(issueDate: string, term: PaymentTerm, stated: string | null): string {
  const days = PAYMENT_TERMS[term];
  if (days === null) return stated ?? issueDate;
  return DateTime.fromISO(issueDate, { zone: 'UTC' }).plus({ days }).toFormat('yyyy-MM-dd');
}

/** The next invoice number: one more than the highest all-digit number used, from 1. */
export function nextInvoiceNumber(used: readonly string[]): string {
  let highest = 0n;
  for (const number of used) {
    if (/^\d{1,30}$/.test(number) && BigInt(number) > highest) highest = BigInt(number);
  }
  return String(highest + 1n);
}

export const INVOICE_STATES = ['draft', 'open', 'paid', 'closed'] as const;
export type InvoiceState = (typeof INVOICE_STATES)[number];

/** Harvest's mark-as events of `POST /v2/invoices/{id}/messages`. */
export const INVOICE_EVENTS = ['send', 'close', 're-open', 'draft'] as const;
export type InvoiceEvent = (typeof INVOICE_EVENTS)[number];

/**
 * The state an invoice moves to on a mark-as event, or null when the event does not apply:
 * a draft is sent (open); an open or paid invoice is closed (written off); a closed one is
 * re-opened (paid again when its payments cover it); an open one without payments goes back
 * to draft.
 */
export function stateAfter(
  state: InvoiceState,
  event: InvoiceEvent,
  fullyPaid: boolean,
  hasPayments: boolean,
): InvoiceState | null {
  switch (event) {
    case 'send':
      return state === 'draft' || state === 'open' ? (fullyPaid ? 'paid' : 'open') : null;
    case 'close':
      return state === 'open' || state === 'paid' || state === 'draft' ? 'closed' : null;
    case 're-open':
      return state === 'closed' ? (fullyPaid ? 'paid' : 'open') : null;
    case 'draft':
      return state === 'open' && !hasPayments ? 'draft' : null;
  }
}

/** The state after payments (or the amount) change: paid when payments cover it, open otherwise. */
export function stateAfterPayments(
  state: InvoiceState,
  dueMinor: number,
  paidMinor: number,
): InvoiceState {
  if (state === 'closed') return state;
  // Paid means money came in: an invoice brought to zero by a discount is not paid.
  return dueMinor <= 0 && paidMinor > 0 ? 'paid' : 'open';
}

export const SUMMARY_TYPES = ['project', 'task', 'people', 'detailed'] as const;
export type SummaryType = (typeof SUMMARY_TYPES)[number];

/** What importing needs of a billable, uninvoiced entry. */
export interface ImportEntry {
  id: number;
  projectId: number;
  projectName: string;
  projectCode: string | null;
  taskName: string;
  personName: string;
  spentDate: string;
  notes: string | null;
  /** Hours as the account rounds them, in hundredths. */
  roundedHundredths: number;
  /** The billable rate in force on the entry's day, in the invoice currency's minor units. */
  unitPrice: number;
  /** Start and end as the account shows them ("9:00am"), on start/end accounts. */
  times: { started: string; ended: string } | null;
}

export interface ImportedLine {
  projectId: number;
  kind: 'Service';
  description: string;
  quantity: number;
  unitPrice: number;
  entryIds: number[];
}

const usDate = (day: string) => DateTime.fromISO(day, { zone: 'UTC' }).toFormat('MM/dd/yyyy');

/**
 * Tracked time as invoice lines, the way Harvest's `line_items_import` summarises it: one line
 * per project, per project and task, per project and person, or per entry; entries at
 * different rates never share a line. Quantities are the rounded hours; descriptions follow
 * Harvest's ("[CODE] Project: Task (03/01/2026 - 03/07/2026)", "03/02/2026 - Task: notes").
 */
export function importLines(entries: readonly ImportEntry[], summary: SummaryType): ImportedLine[] {
  const ordered = [...entries].sort(
    (a, b) => a.projectId - b.projectId || a.spentDate.localeCompare(b.spentDate) || a.id - b.id,
  );
  const groups = new Map<string, ImportEntry[]>();
  for (const entry of ordered) {
    const by =
      summary === 'project'
        ? ''
        : summary === 'task'
          ? entry.taskName
          : summary === 'people'
            ? entry.personName
            : String(entry.id);
    const key = `${entry.projectId}\u0000${by}\u0000${entry.unitPrice}`;
    const group = groups.get(key) ?? [];
    group.push(entry);
    groups.set(key, group);
  }
  return [...groups.values()].map((group) => {
    const first = group[0] as ImportEntry;
    const project = `${first.projectCode ? `[${first.projectCode}] ` : ''}${first.projectName}`;
    const from = usDate(group[0]?.spentDate ?? first.spentDate);
    const to = usDate(group[group.length - 1]?.spentDate ?? first.spentDate);
    const description =
      summary === 'detailed'
        ? `${from} - ${first.taskName}:${first.times ? ` [${first.times.started} - ${first.times.ended}]` : ''}${first.notes ? ` ${first.notes}` : ''}`
        : `${project}${summary === 'project' ? '' : `: ${summary === 'task' ? first.taskName : first.personName}`} (${from} - ${to})`;
    return {
      projectId: first.projectId,
      kind: 'Service',
      description,
      quantity: group.reduce((sum, e) => sum + e.roundedHundredths, 0) * 10,
      unitPrice: first.unitPrice,
      entryIds: group.map((e) => e.id),
    };
  });
}
