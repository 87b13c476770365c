import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import { minorDigits } from './invoices.rules.ts';
import type { Invoice } from './invoice.rules.ts';

const require = createRequire(import.meta.url);
/** DejaVu Sans covers Latin and Cyrillic; it has no Chinese glyphs (see LABELS.zh). */
const FONT = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

export type PdfLanguage = 'en' | 'uk' | 'zh';

const EN = {
  invoice: 'Invoice',
  client: 'Bill to',
  issued: 'Issue date',
  due: 'Due date',
  period: 'Period',
  description: 'Description',
  quantity: 'Quantity',
  unitPrice: 'Unit price',
  amount: 'Amount',
  subtotal: 'Subtotal',
  discount: 'Discount',
  tax: 'Tax',
  tax2: 'Tax 2',
  total: 'Total',
  paid: 'Paid',
  dueAmount: 'Amount due',
  notes: 'Notes',
};

const LABELS: Record<PdfLanguage, typeof EN> = {
  en: EN,
  uk: {
    invoice: 'Рахунок',
    client: 'Платник',
    issued: 'Дата виставлення',
    due: 'Сплатити до',
    period: 'Період',
    description: 'Опис',
    quantity: 'Кількість',
    unitPrice: 'Ціна',
    amount: 'Сума',
    subtotal: 'Разом',
    discount: 'Знижка',
    tax: 'Податок',
    tax2: 'Податок 2',
    total: 'Усього',
    paid: 'Сплачено',
    dueAmount: 'До сплати',
    notes: 'Примітки',
  },
  // No Chinese font ships with Punch (a CJK font is tens of megabytes): the labels stay in
  // English, while dates and money follow the Chinese locale.
  zh: EN,
};

const LOCALE: Record<PdfLanguage, string> = { en: 'en-US', uk: 'uk-UA', zh: 'zh-CN' };

/** Minor units as the locale writes money, exactly (formatted from decimal text, not a float). */
export function formatMoney(minor: number, currency: string, language: PdfLanguage): string {
  const digits = minorDigits(currency);
  const negative = minor < 0;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const decimal =
    digits === 0 ? text : `${text.slice(0, text.length - digits)}.${text.slice(-digits)}`;
  const format = new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency });
  // Intl formats decimal strings exactly (no binary rounding) since ECMA-402 2023.
  return format.format(`${negative ? '-' : ''}${decimal}` as unknown as number);
}

function formatDate(day: string, language: PdfLanguage): string {
  return new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'medium', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

function formatQuantity(thousandths: number, language: PdfLanguage): string {
  return new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: 3 }).format(
    thousandths / 1000,
  );
}

/** An invoice as a PDF (pdfkit), in a language and with its currency's format. */
export function renderInvoicePdf(
  invoice: Invoice,
  account: { name: string },
  language: PdfLanguage,
): Promise<Buffer> {
  const t = LABELS[language];
  const { totals } = invoice;
  const money = (minor: number) => formatMoney(minor, invoice.currency, language);
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${t.invoice} ${invoice.number}`, Author: account.name, Creator: 'Punch' },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont('body', FONT);
  doc.registerFont('bold', BOLD);

  doc.font('bold').fontSize(20).text(`${t.invoice} ${invoice.number}`);
  doc.font('body').fontSize(10).moveDown(0.3).text(account.name);
  doc.moveDown();
  doc.font('bold').text(t.client);
  doc.font('body').text(invoice.client.name);
  doc.moveDown(0.5);
  doc.text(`${t.issued}: ${formatDate(invoice.issueDate, language)}`);
  doc.text(`${t.due}: ${formatDate(invoice.dueDate, language)}`);
  if (invoice.periodStart && invoice.periodEnd) {
    doc.text(
      `${t.period}: ${formatDate(invoice.periodStart, language)} – ${formatDate(invoice.periodEnd, language)}`,
    );
  }
  if (invoice.subject) doc.moveDown(0.5).font('bold').text(invoice.subject).font('body');
  doc.moveDown();

  const columns = { description: 50, quantity: 300, unitPrice: 370, amount: 460 };
  const right = (text: string, x: number, width: number, y: number) =>
    doc.text(text, x, y, { width, align: 'right' });
  let y = doc.y;
  doc.font('bold');
  doc.text(t.description, columns.description, y, { width: 240 });
  right(t.quantity, columns.quantity, 60, y);
  right(t.unitPrice, columns.unitPrice, 80, y);
  right(t.amount, columns.amount, 85, y);
  doc.font('body');
  y = doc.y + 6;
  for (const line of invoice.lines) {
    if (y > 740) {
      doc.addPage();
      y = 50;
    }
    doc.text(line.description || line.kind, columns.description, y, { width: 240 });
    const after = doc.y;
    right(formatQuantity(line.quantityThousandths, language), columns.quantity, 60, y);
    right(money(line.unitPriceMinor), columns.unitPrice, 80, y);
    right(money(line.amountMinor), columns.amount, 85, y);
    y = Math.max(after, doc.y) + 4;
  }
  y += 10;
  const total = (label: string, minor: number, bold = false) => {
    doc.font(bold ? 'bold' : 'body');
    right(label, 300, 150, y);
    right(money(minor), columns.amount, 85, y);
    y = doc.y + 4;
  };
  total(t.subtotal, totals.subtotal);
  if (totals.discountAmount !== 0) total(t.discount, -totals.discountAmount);
  if (totals.taxAmount !== 0) total(t.tax, totals.taxAmount);
  if (totals.tax2Amount !== 0) total(t.tax2, totals.tax2Amount);
  total(t.total, totals.amount, true);
  if (invoice.paid !== 0) total(t.paid, -invoice.paid);
  total(t.dueAmount, invoice.due, true);
  if (invoice.notes) {
    doc.font('bold').text(t.notes, 50, y + 20);
    doc.font('body').text(invoice.notes, { width: 495 });
  }
  doc.end();
  return done;
}
