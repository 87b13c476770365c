/** Durations are integer seconds everywhere; hours only exist on the wire (2 decimals). */

/** Harvest's `hours`: seconds as hours with two decimals (a one-minute timer is 0.02). */
export function hoursFromSeconds(seconds: number): number {
  return Math.round(seconds / 36) / 100;
}

/** Decimal hours (number or text, e.g. "1.5") to whole seconds; null when not a number ≥ 0. */
export function secondsFromHours(input: number | string): number | null {
  const text = typeof input === 'number' ? String(input) : input.trim();
  if (!/^(?:\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const seconds = Math.round(Number(text) * 3600);
  return Number.isSafeInteger(seconds) ? seconds : null;
}

export type RoundingMode = 'none' | 'nearest' | 'up';

/**
 * Time rounding (Harvest §5.6): applied per entry to its hours as shown, never to stored time.
 * Harvest's examples for "up to 15 minutes": 2.11 → 2.25, 1.35 → 1.5, 0.02 → 0.25, 1.0 → 1.0.
 */
export function roundedHours(hours: number, mode: RoundingMode, stepMinutes: number): number {
  if (mode === 'none' || stepMinutes <= 0) return hours;
  // Work in hundredths of a minute so that 2.11 h is exactly 126.6 minutes.
  const minutes = Math.round(hours * 6000) / 100;
  const steps = minutes / stepMinutes;
  // `+ 0` turns the -0 that Math.ceil(-1e-9) gives for an empty entry into 0.
  const rounded = (mode === 'up' ? Math.ceil(steps - 1e-9) : Math.round(steps)) * stepMinutes + 0;
  return Math.round((rounded / 60) * 100) / 100;
}

/**
 * An entry's rounded hours in hundredths, from its stored seconds, in whole numbers only. It is
 * `roundedHours(hoursFromSeconds(seconds)) × 100` (a test holds them equal for every second of
 * a day), written so that reports can sum it in SQL over a year of entries without loading them:
 * hundredths h = ⌊(s + 18) / 36⌋; steps of m minutes are ⌈3h / 5m⌉ (up) or ⌊(6h + 5m) / 10m⌋
 * (nearest); back to hundredths, ⌊(10·n·m + 3) / 6⌋ rounds n·m minutes half up.
 */
export function roundedHundredths(
  seconds: number,
  mode: RoundingMode,
  stepMinutes: number,
): number {
  const h = Math.floor((seconds + 18) / 36);
  if (mode === 'none' || stepMinutes <= 0) return h;
  const m = stepMinutes;
  const steps =
    mode === 'up'
      ? Math.floor((3 * h + 5 * m - 1) / (5 * m))
      : Math.floor((6 * h + 5 * m) / (10 * m));
  return Math.floor((10 * steps * m + 3) / 6);
}

export type Clock = '12h' | '24h';

/** A time of day (seconds after midnight) as Harvest prints it: "8:00am" or "14:59". */
export function formatClockTime(secondsOfDay: number, clock: string): string {
  const minutesOfDay = Math.floor(secondsOfDay / 60) % (24 * 60);
  const hours = Math.floor(minutesOfDay / 60);
  const minutes = String(minutesOfDay % 60).padStart(2, '0');
  if (clock === '24h') return `${String(hours).padStart(2, '0')}:${minutes}`;
  const suffix = hours < 12 ? 'am' : 'pm';
  const twelve = hours % 12 === 0 ? 12 : hours % 12;
  return `${twelve}:${minutes}${suffix}`;
}

/**
 * Reads a time of day in either clock: "9:00am", "9:00 AM", "9am", "12:30pm", "09:00",
 * "14:59", "9". Returns seconds after midnight, or null when it is not a time.
 */
export function parseClockTime(text: string): number | null {
  const match = /^\s*(\d{1,2})(?::(\d{2}))?\s*([ap])?\.?\s*(?:m\.?)?\s*$/i.exec(text);
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (minutes > 59) return null;
  if (half) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (half === 'p' ? 12 : 0);
  } else if (hours > 23) {
    return null;
  }
  return hours * 3600 + minutes * 60;
}

/** A calendar date as YYYY-MM-DD, also from YYYYMMDD; null when no such day exists. */
export function parseCalendarDate(text: string): string | null {
  const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
  const iso = compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : text;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return null;
  const date = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === iso ? iso : null;
}
