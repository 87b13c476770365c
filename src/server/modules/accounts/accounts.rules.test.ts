import { describe, expect, it } from 'vitest';
import { harvestTimeZoneName, normalizeTimeZone } from './accounts.rules.ts';

describe('normalizeTimeZone', () => {
  it.each([
    ['UTC', 'UTC'],
    ['Europe/Berlin', 'Europe/Berlin'],
    ['America/Los_Angeles', 'America/Los_Angeles'],
    ['Eastern Time (US & Canada)', 'America/New_York'],
    ['Pacific Time (US & Canada)', 'America/Los_Angeles'],
    [' Europe/Paris ', 'Europe/Paris'],
  ])('%s -> %s', (input, iana) => {
    expect(normalizeTimeZone(input)).toBe(iana);
  });

  it('accepts Kyiv under either of its names', () => {
    expect(normalizeTimeZone('Kyiv')).toMatch(/^Europe\/Ki(y)?ev$/);
    expect(normalizeTimeZone('Europe/Kyiv')).toMatch(/^Europe\/Ki(y)?ev$/);
  });

  it.each(['Mars/Olympus_Mons', '', 'Eastern'])('rejects %j', (input) => {
    expect(normalizeTimeZone(input)).toBeNull();
  });
});

describe('harvestTimeZoneName', () => {
  it.each([
    ['America/New_York', 'Eastern Time (US & Canada)'],
    ['Europe/Kyiv', 'Kyiv'],
    ['Europe/Kiev', 'Kyiv'],
    ['UTC', 'UTC'],
    ['America/Argentina/Salta', 'America/Argentina/Salta'],
  ])('%s -> %s', (iana, name) => {
    expect(harvestTimeZoneName(iana)).toBe(name);
  });
});
