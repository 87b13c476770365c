/**
 * The duration grammar people type into a timesheet cell or the timer's clock field, shared by
 * the server and the web app so that both read `1:30` alike.
 *
 * Accepted: `1:30`, `:45`, `1:30:15` (h:mm[:ss]); `1.5`, `1,5`, `.25` (decimal hours, a comma
 * read as a decimal point); `2h`, `38m`, `2h38m`, `2h 30m`, `1h30`, `90min`, `1.5h`, `45s`;
 * and a bare whole number, read as hours in the grid and as minutes in the timer (what
 * solidtime and Kimai users expect there). Anything else is not a duration: the caller keeps
 * the old value rather than guessing.
 */
export type BareNumberUnit = 'hours' | 'minutes';

const UNIT_SECONDS: Record<string, number> = {
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  // Ukrainian and Chinese abbreviations, so the grammar works in every language the app speaks.
  г: 3600,
  год: 3600,
  хв: 60,
  с: 1,
  小时: 3600,
  时: 3600,
  分钟: 60,
  分: 60,
  秒: 1,
};

const CLOCK = /^(\d{0,4}):([0-5]?\d)(?::([0-5]\d))?$/;
const DECIMAL = /^(\d{0,4})[.,](\d{1,6})$/;
const WHOLE = /^\d{1,5}$/;
const PART = /(\d+(?:[.,]\d+)?)\s*([a-zа-яіїє\u4e00-\u9fff]+)/giu;

/** Seconds for `text`, or null when it is not a duration. */
export function parseDuration(text: string, bare: BareNumberUnit = 'hours'): number | null {
  const input = text.trim().toLowerCase();
  if (input === '') return null;

  const clock = CLOCK.exec(input);
  if (clock) {
    const [, h = '', m = '0', s = '0'] = clock;
    if (h === '' && m === '') return null;
    return Number(h || 0) * 3600 + Number(m) * 60 + Number(s);
  }
  const decimal = DECIMAL.exec(input);
  if (decimal) return Math.round(Number(`${decimal[1] || 0}.${decimal[2]}`) * 3600);
  if (WHOLE.test(input)) return Number(input) * (bare === 'hours' ? 3600 : 60);

  // Units: every part must be a number and a known unit; `1h30` reads the tail as minutes.
  const withTail = /^(.*\D)\s*(\d{1,2})$/.exec(input);
  let rest = input;
  let total = 0;
  if (withTail && /h|г|时/.test(withTail[1] ?? '')) {
    rest = withTail[1] ?? '';
    total += Number(withTail[2]) * 60;
  }
  let consumed = '';
  let parts = 0;
  for (const match of rest.matchAll(PART)) {
    const [whole, amount = '', unit = ''] = match;
    const seconds = UNIT_SECONDS[unit];
    if (seconds === undefined) return null;
    total += Number(amount.replace(',', '.')) * seconds;
    consumed += whole;
    parts += 1;
  }
  if (parts === 0 || consumed.replace(/\s/g, '') !== rest.replace(/\s/g, '')) return null;
  return Math.round(total);
}

export type DurationStyle = 'clock' | 'decimal';

/** `5400` as `1:30` (clock) or `1.50` (decimal hours), as an account shows time. */
export function formatDuration(seconds: number, style: DurationStyle = 'clock'): string {
  const sign = seconds < 0 ? '-' : '';
  const abs = Math.abs(seconds);
  if (style === 'decimal') return sign + (abs / 3600).toFixed(2);
  const minutes = Math.floor(abs / 60);
  return `${sign}${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}

/** A running timer's `1:02:03`, seconds included, so that it visibly ticks. */
export function formatElapsed(seconds: number): string {
  const abs = Math.max(0, Math.floor(seconds));
  const h = Math.floor(abs / 3600);
  const m = Math.floor((abs % 3600) / 60);
  const s = abs % 60;
  return `${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}
