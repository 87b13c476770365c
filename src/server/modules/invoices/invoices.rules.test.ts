import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  divideRounded,
  dueDate,
  hundredthsToMinor,
  importLines,
  invoiceTotals,
  lineAmount,
  minorDigits,
  minorToNumber,
  nextInvoiceNumber,
  numberToMinor,
  percentOf,
  stateAfter,
  stateAfterPayments,
  type ImportEntry,
} from './invoices.rules.ts';

describe('money', () => {
  it('rounds halves away from zero, once', () => {
    expect(divideRounded(5n, 2n)).toBe(3n);
    expect(divideRounded(-5n, 2n)).toBe(-3n);
    expect(divideRounded(4n, 3n)).toBe(1n);
    expect(lineAmount(1500, 3333)).toBe(5000); // 1.5 h × 33.33 = 49.995 → 50.00
    expect(lineAmount(333, 100)).toBe(33); // 0.333 × 1.00 = 0.333 → 0.33
    expect(percentOf(10_005, 10_000)).toBe(1001); // 10% of 100.05 = 10.005 → 10.01
  });

  it('knows each currency’s minor units', () => {
    expect(minorDigits('EUR')).toBe(2);
    expect(minorDigits('JPY')).toBe(0);
    expect(minorDigits('KWD')).toBe(3);
    expect(hundredthsToMinor(12_350, 'JPY')).toBe(124); // 123.50 → 124 yen
    expect(hundredthsToMinor(12_345, 'KWD')).toBe(123_450);
    expect(minorToNumber(1234, 'UAH')).toBe(12.34);
    expect(numberToMinor(12.34, 'UAH')).toBe(1234);
    expect(numberToMinor(12.345, 'UAH')).toBeNull();
    expect(numberToMinor(12, 'JPY')).toBe(12);
  });

  it('totals per line, then discount, then taxes on the taxed lines', () => {
    const totals = invoiceTotals(
      [
        { amount: 10_000, taxed: true, taxed2: false },
        { amount: 5_050, taxed: false, taxed2: true },
      ],
      { tax: 20_000, tax2: 8_875, discount: 10_000 },
    );
    expect(totals).toEqual({
      subtotal: 15_050,
      discountAmount: 1_505,
      taxAmount: 1_800, // 20% of (100.00 − 10%)
      tax2Amount: 403, // 8.875% of (50.50 − 5.05) = 4.0336…
      amount: 15_050 - 1_505 + 1_800 + 403,
    });
  });

  it('makes the total the sum of its lines, exactly, in every currency', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('EUR', 'JPY', 'KWD', 'UAH', 'CNY', 'USD'),
        fc.array(
          fc.record({
            quantity: fc.integer({ min: 0, max: 10_000_000 }),
            unitPriceHundredths: fc.integer({ min: 0, max: 10_000_000 }),
          }),
          { maxLength: 30 },
        ),
        (currency, raw) => {
          const lines = raw.map((l) => ({
            amount: lineAmount(l.quantity, hundredthsToMinor(l.unitPriceHundredths, currency)),
            taxed: false,
            taxed2: false,
          }));
          const totals = invoiceTotals(lines, { tax: null, tax2: null, discount: null });
          expect(totals.amount).toBe(lines.reduce((sum, l) => sum + l.amount, 0));
          expect(Number.isSafeInteger(totals.amount)).toBe(true);
        },
      ),
    );
  });

  it('keeps amount = subtotal − discount + taxes for any rates', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            amount: fc.integer({ min: 0, max: 100_000_000 }),
            taxed: fc.boolean(),
            taxed2: fc.boolean(),
          }),
          { maxLength: 20 },
        ),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        fc.integer({ min: 0, max: 100_000 }),
        (lines, tax, tax2, discount) => {
          const t = invoiceTotals(lines, { tax, tax2, discount });
          expect(t.subtotal).toBe(lines.reduce((s, l) => s + l.amount, 0));
          expect(t.amount).toBe(t.subtotal - t.discountAmount + t.taxAmount + t.tax2Amount);
          expect(t.discountAmount).toBeLessThanOrEqual(t.subtotal);
        },
      ),
    );
  });
});

describe('terms, numbers and states', () => {
  it('sets the due date from the payment term', () => {
    expect(dueDate('2026-03-04', 'net 30', null)).toBe('2026-04-03');
    expect(dueDate('2026-03-04', 'upon receipt', '2026-05-01')).toBe('2026-03-04');
    expect(dueDate('2026-03-04', 'custom', '2026-05-01')).toBe('2026-05-01');
    expect(dueDate('2026-03-04', 'custom', null)).toBe('2026-03-04');
  });

  it('numbers invoices one past the highest number', () => {
    expect(nextInvoiceNumber([])).toBe('1');
    expect(nextInvoiceNumber(['1', '7', 'INV-99', '3'])).toBe('8');
    expect(nextInvoiceNumber(['99999999999999999999'])).toBe('100000000000000000000');
  });

  it('moves through draft, open, paid and closed', () => {
    expect(stateAfter('draft', 'send', false, false)).toBe('open');
    expect(stateAfter('paid', 'send', true, true)).toBeNull();
    expect(stateAfter('open', 'close', false, false)).toBe('closed');
    expect(stateAfter('closed', 're-open', true, true)).toBe('paid');
    expect(stateAfter('closed', 're-open', false, false)).toBe('open');
    expect(stateAfter('open', 'draft', false, true)).toBeNull();
    expect(stateAfter('open', 'draft', false, false)).toBe('draft');
    expect(stateAfterPayments('open', 0, 100)).toBe('paid');
    expect(stateAfterPayments('open', 0, 0)).toBe('open');
    expect(stateAfterPayments('paid', 100, 50)).toBe('open');
    expect(stateAfterPayments('closed', 0, 100)).toBe('closed');
  });
});

describe('importLines', () => {
  const entry = (over: Partial<ImportEntry>): ImportEntry => ({
    id: 1,
    projectId: 1,
    projectName: 'Site',
    projectCode: 'ST',
    taskName: 'Build',
    personName: 'Mo Lee',
    spentDate: '2026-03-02',
    notes: null,
    roundedHundredths: 150,
    unitPrice: 10_000,
    times: null,
    ...over,
  });
  const entries = [
    entry({ id: 1 }),
    entry({ id: 2, spentDate: '2026-03-04', taskName: 'Design', roundedHundredths: 225 }),
    entry({ id: 3, spentDate: '2026-03-03', unitPrice: 12_000, personName: 'Ann Bo' }),
  ];

  it('sums a project per rate, with the period in the description', () => {
    expect(importLines(entries, 'project')).toEqual([
      {
        projectId: 1,
        kind: 'Service',
        description: '[ST] Site (03/02/2026 - 03/04/2026)',
        quantity: 3750,
        unitPrice: 10_000,
        entryIds: [1, 2],
      },
      {
        projectId: 1,
        kind: 'Service',
        description: '[ST] Site (03/03/2026 - 03/03/2026)',
        quantity: 1500,
        unitPrice: 12_000,
        entryIds: [3],
      },
    ]);
  });

  it('splits by task, by person, or by entry', () => {
    expect(importLines(entries, 'task').map((l) => l.description)).toEqual([
      '[ST] Site: Build (03/02/2026 - 03/02/2026)',
      '[ST] Site: Build (03/03/2026 - 03/03/2026)',
      '[ST] Site: Design (03/04/2026 - 03/04/2026)',
    ]);
    expect(importLines(entries, 'people').map((l) => l.entryIds)).toEqual([[1, 2], [3]]);
    const detailed = importLines(
      [entry({ notes: 'Planning', times: { started: '9:00am', ended: '10:30am' } })],
      'detailed',
    );
    expect(detailed[0]?.description).toBe('03/02/2026 - Build: [9:00am - 10:30am] Planning');
  });
});
