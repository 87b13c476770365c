import { createHash } from 'node:crypto';
import { parseDuration } from '../../../shared/duration.ts';

/**
 * The time exports of Harvest, Toggl Track, Clockify and Kimai, read into one shape. Each
 * tracker's documented columns are named here; a row that cannot be read is refused with its
 * line number and the reason, never guessed at (solidtime's importers once made negative
 * durations out of such rows).
 */

export const IMPORT_FORMATS = ['harvest', 'toggl', 'clockify', 'kimai'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** One row of time, whichever tracker it came from. */
export interface ImportRow {
  /** The file's line (the header is line 1), for refusals and the preview. */
  line: number;
  /** Stable across re-runs of the same file: what makes an import idempotent. */
  externalId: string;
  spentDate: string;
  person: { name: string; email: string | null };
  client: string;
  project: string;
  projectCode: string | null;
  task: string | null;
  notes: string | null;
  seconds: number;
  /** HH:MM when the export has start and end times. */
  startedTime: string | null;
  endedTime: string | null;
  billable: boolean | null;
}

export interface Refusal {
  line: number;
  reason: string;
}

/** The columns that tell the trackers apart (each one's own spelling). */
const SIGNATURES: Record<ImportFormat, string[]> = {
  harvest: ['Date', 'Client', 'Project', 'Task', 'Hours', 'First Name', 'Last Name'],
  toggl: ['User', 'Email', 'Project', 'Description', 'Start date', 'Start time', 'Duration'],
  clockify: ['Project', 'Client', 'Description', 'User', 'Start Date', 'Duration (h)'],
  kimai: ['Date', 'From', 'To', 'Duration', 'User', 'Customer', 'Project', 'Activity'],
};

export function detectFormat(headers: readonly string[]): ImportFormat | null {
  const present = new Set(headers.map((h) => h.trim()));
  return IMPORT_FORMATS.find((f) => SIGNATURES[f].every((c) => present.has(c))) ?? null;
}

export function missingColumns(format: ImportFormat, headers: readonly string[]): string[] {
  const present = new Set(headers.map((h) => h.trim()));
  return SIGNATURES[format].filter((c) => !present.has(c));
}

type Record_ = Record<string, string | undefined>;

const text = (value: string | undefined) => {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
};

const yes = (value: string | undefined): boolean | null => {
  const v = (value ?? '').trim().toLowerCase();
  if (['yes', 'true', '1', 'y'].includes(v)) return true;
  if (['no', 'false', '0', 'n'].includes(v)) return false;
  return null;
};

/** A real calendar day as YYYY-MM-DD, from ISO or from Clockify's US MM/DD/YYYY. */
function day(value: string | undefined, us = false): string | null {
  const v = (value ?? '').trim();
  let y: number, m: number, d: number;
  const iso = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else if (slashed && us) [y, m, d] = [Number(slashed[3]), Number(slashed[1]), Number(slashed[2])];
  else if (slashed) [y, m, d] = [Number(slashed[3]), Number(slashed[2]), Number(slashed[1])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d)
    return null;
  return date.toISOString().slice(0, 10);
}

/** `13:05`, `13:05:30` or `01:05:30 PM` as minutes past midnight and HH:MM. */
function clockTime(value: string | undefined): { minutes: number; text: string } | null {
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([AaPp][Mm])?$/.exec((value ?? '').trim());
  if (!match) return null;
  let hours = Number(match[1]);
  const minutes = Number(match[2]);
  const meridiem = match[4]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return null;
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return null;
  const hh = String(hours).padStart(2, '0');
  const mm = String(minutes).padStart(2, '0');
  return { minutes: hours * 60 + minutes, text: `${hh}:${mm}` };
}

/** A duration column: clock (`1:30:00`) or decimal hours; a leading minus is refused. */
function duration(value: string | undefined): number | null | 'negative' {
  const v = (value ?? '').trim();
  if (v.startsWith('-')) return 'negative';
  return parseDuration(v);
}

/** The fields a format yields before the checks every row goes through. */
interface Read {
  date: string | null;
  person: { name: string; email: string | null } | null;
  client: string | null;
  project: string | null;
  projectCode: string | null;
  task: string | null;
  notes: string | null;
  seconds: number | null | 'negative';
  start: string | undefined;
  end: string | undefined;
  /** The end's own day, where the export gives one (an entry may run past midnight). */
  endDate: string | null | undefined;
  billable: boolean | null;
}

function readHarvest(r: Record_): Read {
  const name = [text(r['First Name']), text(r['Last Name'])].filter(Boolean).join(' ');
  return {
    date: day(r.Date),
    person: name ? { name, email: null } : null,
    client: text(r.Client),
    project: text(r.Project),
    projectCode: text(r['Project Code']),
    task: text(r.Task),
    notes: text(r.Notes),
    // Harvest's export gives decimal hours; the raw ones are kept, not the rounded.
    seconds: duration(r.Hours),
    start: undefined,
    end: undefined,
    endDate: undefined,
    billable: yes(r['Billable?']),
  };
}

function readToggl(r: Record_): Read {
  const name = text(r.User);
  return {
    date: day(r['Start date']),
    person: name ? { name, email: text(r.Email) } : null,
    client: text(r.Client),
    project: text(r.Project),
    projectCode: null,
    task: text(r.Task),
    notes: text(r.Description),
    seconds: duration(r.Duration),
    start: r['Start time'],
    end: r['End time'],
    endDate: day(r['End date']),
    billable: yes(r.Billable),
  };
}

function readClockify(r: Record_): Read {
  const name = text(r.User);
  return {
    date: day(r['Start Date'], true),
    person: name ? { name, email: text(r.Email) } : null,
    client: text(r.Client),
    project: text(r.Project),
    projectCode: null,
    task: text(r.Task),
    notes: text(r.Description),
    seconds: duration(r['Duration (h)']),
    start: r['Start Time'],
    end: r['End Time'],
    endDate: day(r['End Date'], true),
    billable: yes(r.Billable),
  };
}

function readKimai(r: Record_): Read {
  const name = text(r.Name) ?? text(r.User);
  return {
    date: day(r.Date),
    person: name ? { name, email: text(r['E-mail']) } : null,
    client: text(r.Customer),
    project: text(r.Project),
    projectCode: null,
    task: text(r.Activity),
    notes: text(r.Description),
    seconds: duration(r.Duration),
    start: r.From,
    end: r.To,
    endDate: undefined,
    billable: yes(r.Billable),
  };
}

const READERS: Record<ImportFormat, (r: Record_) => Read> = {
  harvest: readHarvest,
  toggl: readToggl,
  clockify: readClockify,
  kimai: readKimai,
};

/**
 * Every record of an export as rows or refusals. A row's external id hashes what it says (the
 * same entry read again is recognised), numbered among identical rows so that two equal
 * entries in one file stay two.
 */
export function readExport(
  format: ImportFormat,
  records: readonly Record_[],
): { rows: ImportRow[]; refused: Refusal[] } {
  const rows: ImportRow[] = [];
  const refused: Refusal[] = [];
  const seen = new Map<string, number>();
  records.forEach((record, index) => {
    const line = index + 2;
    const read = READERS[format](record);
    const refuse = (reason: string) => refused.push({ line, reason });
    if (read.date === null) return refuse('no valid date');
    if (read.person === null) return refuse('no person');
    if (read.project === null) return refuse('no project');
    if (read.client === null) return refuse('no client');
    if (read.seconds === 'negative') return refuse('negative duration');
    if (read.seconds === null) return refuse('duration not readable');
    const start = read.start === undefined ? null : clockTime(read.start);
    const end = read.end === undefined ? null : clockTime(read.end);
    if (start && end && endsBeforeStart(read.date, start.minutes, end.minutes, read.endDate))
      return refuse('ends before it starts');
    if (read.seconds === 0) return refuse('zero duration');
    if (read.seconds > 24 * 3600) return refuse('longer than a day');
    const fields = [
      format,
      read.date,
      read.person.email ?? read.person.name,
      read.client,
      read.project,
      read.task ?? '',
      read.notes ?? '',
      read.seconds,
      start?.text ?? '',
    ].join('\u0000');
    const hash = createHash('sha256').update(fields).digest('hex').slice(0, 32);
    const nth = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, nth);
    rows.push({
      line,
      externalId: `${format}:${hash}:${nth}`,
      spentDate: read.date,
      person: read.person,
      client: read.client,
      project: read.project,
      projectCode: read.projectCode,
      task: read.task,
      notes: read.notes,
      seconds: read.seconds,
      startedTime: start?.text ?? null,
      endedTime: end?.text ?? null,
      billable: read.billable,
    });
  });
  return { rows, refused };
}

/**
 * An end before the start is a broken row, unless the entry ran past midnight: its end date is
 * the next day, or (without an end date, as in Kimai's export) its times wrap to the next day.
 */
export function endsBeforeStart(
  date: string,
  startMinutes: number,
  endMinutes: number,
  endDate: string | null | undefined,
): boolean {
  if (endDate === undefined) return false;
  if (endDate === null) return endMinutes < startMinutes;
  if (endDate < date) return true;
  return endDate === date && endMinutes < startMinutes;
}
