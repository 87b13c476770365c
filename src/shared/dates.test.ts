import { describe, expect, it } from 'vitest';
import { instantOf, localDate, localSecondsOfDay } from './dates.ts';

describe('localDate', () => {
  it.each([
    ['2026-03-04T23:30:00Z', 'UTC', '2026-03-04'],
    ['2026-03-04T23:30:00Z', 'Europe/Kyiv', '2026-03-05'],
    ['2026-03-04T03:00:00Z', 'America/Los_Angeles', '2026-03-03'],
    ['2026-03-08T10:30:00Z', 'America/New_York', '2026-03-08'],
    ['2026-12-31T11:00:00Z', 'Pacific/Kiritimati', '2027-01-01'],
  ])('%s in %s is %s', (instant, zone, day) => {
    expect(localDate(new Date(instant), zone)).toBe(day);
  });
});

describe('localSecondsOfDay', () => {
  it.each([
    ['2026-03-04T09:30:15Z', 'UTC', 9 * 3600 + 30 * 60 + 15],
    ['2026-03-04T09:30:00Z', 'America/New_York', 4 * 3600 + 30 * 60],
    ['2026-07-04T09:30:00Z', 'America/New_York', 5 * 3600 + 30 * 60],
    ['2026-03-04T23:30:00Z', 'Europe/Kyiv', 3600 + 30 * 60],
  ])('%s in %s', (instant, zone, seconds) => {
    expect(localSecondsOfDay(new Date(instant), zone)).toBe(seconds);
  });
});

describe('instantOf', () => {
  it.each([
    ['2026-03-04', 7 * 3600 + 1800, 'UTC', '2026-03-04T07:30:00.000Z'],
    ['2026-03-04', 7 * 3600 + 1800, 'America/New_York', '2026-03-04T12:30:00.000Z'],
    ['2026-07-04', 7 * 3600 + 1800, 'America/New_York', '2026-07-04T11:30:00.000Z'],
    ['2026-03-05', 3600, 'Europe/Kyiv', '2026-03-04T23:00:00.000Z'],
  ])('%s at %i s in %s', (date, seconds, zone, iso) => {
    expect(new Date(instantOf(date, seconds, zone)).toISOString()).toBe(iso);
  });
});
