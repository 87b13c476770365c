import { describe, expect, it } from 'vitest';
import { localDate } from './dates.ts';

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
