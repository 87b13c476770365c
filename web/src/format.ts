import { formatDuration, type DurationStyle } from '../../src/shared/duration.ts';
import { locale } from './i18n.ts';
import type { AccountSettings } from './types.ts';

/** How the account shows time: `1:30` or `1.50`. */
export function durationStyle(account: AccountSettings | undefined): DurationStyle {
  return account?.timeFormat === 'decimal' ? 'decimal' : 'clock';
}

export function hours(seconds: number, account: AccountSettings | undefined): string {
  const style = durationStyle(account);
  if (style === 'clock') return formatDuration(seconds, 'clock');
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(seconds / 3600);
}

const atNoon = (day: string) => new Date(`${day}T12:00:00Z`);

/** "Mon 3" in the chosen language. */
export function weekdayShort(day: string): { weekday: string; date: string } {
  const date = atNoon(day);
  return {
    weekday: new Intl.DateTimeFormat(locale(), { weekday: 'short', timeZone: 'UTC' }).format(date),
    date: new Intl.DateTimeFormat(locale(), {
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }).format(date),
  };
}

export function longDay(day: string): string {
  return new Intl.DateTimeFormat(locale(), {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(atNoon(day));
}

export function dayRange(first: string, last: string): string {
  const format = new Intl.DateTimeFormat(locale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return format.formatRange(atNoon(first), atNoon(last));
}

/** Today's date in a time zone, as YYYY-MM-DD. */
export function today(timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date());
}

export function addDays(day: string, days: number): string {
  const date = atNoon(day);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Minor units (cents, yen) as money in the chosen language, from exact decimal text. */
export function money(minor: number, currency: string): string {
  const format = new Intl.NumberFormat(locale(), { style: 'currency', currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const decimal =
    digits === 0 ? text : `${text.slice(0, text.length - digits)}.${text.slice(-digits)}`;
  // Intl formats decimal strings exactly; the type declarations only know numbers.
  return format.format(`${minor < 0 ? '-' : ''}${decimal}` as unknown as number);
}
