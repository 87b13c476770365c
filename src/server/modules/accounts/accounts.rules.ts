import railsTimezone from 'rails-timezone';

export const WEEK_START_DAYS = ['Saturday', 'Sunday', 'Monday'] as const;
export const CLOCKS = ['12h', '24h'] as const;
export const TIME_FORMATS = ['decimal', 'hours_minutes'] as const;
export const DATE_FORMATS = [
  '%m/%d/%Y',
  '%d/%m/%Y',
  '%Y-%m-%d',
  '%d.%m.%Y',
  '%Y.%m.%d',
  '%Y/%m/%d',
] as const;
export const CURRENCY_CODE_DISPLAYS = [
  'iso_code_none',
  'iso_code_before',
  'iso_code_after',
] as const;
export const CURRENCY_SYMBOL_DISPLAYS = ['symbol_none', 'symbol_before', 'symbol_after'] as const;
export const TIME_ROUNDING_MODES = ['none', 'nearest', 'up'] as const;
/** Harvest offers 6, 15 and 30 minutes; 1, 5, 10 and 60 are Punch extensions. */
export const TIME_ROUNDING_MINUTES = [1, 5, 6, 10, 15, 30, 60] as const;
/** A week has 168 hours; capacity beyond that is a typo, not a schedule. */
export const MAX_WEEKLY_CAPACITY_SECONDS = 168 * 3600;

const ianaZones = new Set(Intl.supportedValuesOf('timeZone'));

/**
 * Accepts an IANA zone ("Europe/Kyiv") or a Rails/Harvest name ("Eastern Time (US & Canada)")
 * and returns the IANA name we store, or null when neither is known.
 */
export function normalizeTimeZone(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === 'UTC' || trimmed === 'Etc/UTC') return 'UTC';
  if (ianaZones.has(trimmed)) return trimmed;
  // The library looks names up in a plain object: "toString" or "constructor" would find a
  // function there, so only a string counts as a match.
  const found: unknown = railsTimezone.from(trimmed);
  const fromRails = typeof found === 'string' ? found : undefined;
  if (fromRails)
    return ianaZones.has(fromRails) ? fromRails : (canonicalZone(fromRails) ?? fromRails);
  return canonicalZone(trimmed);
}

/** Zones absent from this runtime's list but still valid (aliases such as Europe/Kiev). */
function canonicalZone(name: string): string | null {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: name }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

// IANA renamed these after Rails' table was written; Rails still knows the old names.
const RENAMED_ZONES: Record<string, string> = {
  'Europe/Kyiv': 'Europe/Kiev',
  'Asia/Yangon': 'Asia/Rangoon',
  'America/Nuuk': 'America/Godthab',
};

/** Harvest shows Rails zone names; zones Rails has no name for are shown as their IANA name. */
export function harvestTimeZoneName(iana: string): string {
  if (iana === 'UTC' || iana === 'Etc/UTC') return 'UTC';
  // The library returns undefined for zones it does not know, whatever its types say.
  const railsName = (zone: string): string | undefined => railsTimezone.to(zone) || undefined;
  return railsName(iana) ?? railsName(RENAMED_ZONES[iana] ?? '') ?? iana;
}
