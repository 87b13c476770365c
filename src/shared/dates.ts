import { DateTime } from 'luxon';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day (YYYY-MM-DD) an instant falls on in an IANA time zone. */
export function localDate(instant: Date, timeZone: string): string {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter.format(instant);
}

const timeFormatters = new Map<string, Intl.DateTimeFormat>();

/** Seconds after local midnight of an instant in an IANA time zone. */
export function localSecondsOfDay(instant: Date, timeZone: string): number {
  let formatter = timeFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    timeFormatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return Number(parts.hour) * 3600 + Number(parts.minute) * 60 + Number(parts.second);
}

/**
 * The UTC instant (epoch ms) of a local date and time of day in an IANA zone. A time skipped
 * by a DST change moves forward, as clocks do.
 */
export function instantOf(date: string, secondsOfDay: number, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number);
  return DateTime.fromObject(
    {
      year,
      month,
      day,
      hour: Math.floor(secondsOfDay / 3600),
      minute: Math.floor((secondsOfDay % 3600) / 60),
      second: secondsOfDay % 60,
    },
    { zone: timeZone },
  ).toMillis();
}
