import { invalid } from './domain-error.ts';
import { COMMON_ERRORS } from './common.errors.ts';

/**
 * Money is stored as integer hundredths of the currency unit ("cents"), Harvest's precision.
 * Parsing goes through the decimal string, never through float multiplication, so "0.29"
 * becomes exactly 29.
 */
export function toCents(input: number | string): number | null {
  const text = typeof input === 'number' ? numberToPlainString(input) : input.trim();
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const whole = match[1] ?? '0';
  const fraction = (match[2] ?? '').padEnd(3, '0');
  let cents = Number(whole) * 100 + Number(fraction.slice(0, 2));
  // Half away from zero on the third decimal: 10.005 -> 10.01.
  if (Number(fraction[2]) >= 5) cents += 1;
  return Number.isSafeInteger(cents) ? cents : null;
}

/** Cents back to the JSON number Harvest prints (100.0 -> 100, 12.5 -> 12.5). */
/**
 * An optional amount from a request (rate, budget, fee) as exact hundredths: undefined stays
 * "not sent", null stays "cleared", anything unreadable is a 422 naming the field.
 */
export function amountFromInput(value: number, field: string): number;
export function amountFromInput(
  value: number | null | undefined,
  field: string,
): number | null | undefined;
export function amountFromInput(
  value: number | null | undefined,
  field: string,
): number | null | undefined {
  if (value === undefined || value === null) return value;
  const cents = toCents(value);
  if (cents === null) throw invalid(COMMON_ERRORS.notANumber, { field });
  return cents;
}

export function fromCents(cents: number): number {
  return cents / 100;
}

function numberToPlainString(value: number): string {
  if (!Number.isFinite(value) || value < 0) return 'invalid';
  // toFixed avoids exponent notation (1e-7) and keeps enough digits to round correctly.
  return value.toFixed(6);
}

/** ISO 4217 codes the runtime knows how to format; anything else ("NaN") is refused. */
const KNOWN_CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

/** A currency code from a request, upper-cased, or a 422 naming the rule. */
export function currencyCode(input: string): string {
  const code = input.trim().toUpperCase();
  if (!KNOWN_CURRENCIES.has(code)) {
    throw invalid(COMMON_ERRORS.invalidCurrency);
  }
  return code;
}
