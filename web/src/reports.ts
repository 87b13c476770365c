import type { Dimension, ReportDefinition, ReportKey } from './types.ts';

/**
 * The report screen's rules: what a row's figure drills into, and the days of a chart bucket.
 * Pure, so the component tests and the screen agree.
 */

const DAY_MS = 86_400_000;
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** The days of a bucket (a day, a week by its first day, a month YYYY-MM) inside a range. */
export function bucketDays(
  dimension: 'day' | 'week' | 'month',
  key: string,
  range: { from: string; to: string },
): { from: string; to: string } {
  let from = key;
  let to = key;
  if (dimension === 'week') to = addDays(key, 6);
  if (dimension === 'month') {
    from = `${key}-01`;
    const [year, month] = key.split('-').map(Number) as [number, number];
    to = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  }
  return { from: from < range.from ? range.from : from, to: to > range.to ? range.to : to };
}

const FILTER_OF: Partial<Record<Dimension, 'clientIds' | 'projectIds' | 'taskIds' | 'personIds'>> =
  {
    client: 'clientIds',
    project: 'projectIds',
    task: 'taskIds',
    person: 'personIds',
  };

/**
 * The definition behind one figure: the report's own, narrowed to the row's keys (its client,
 * project, task or person, and its days), so the entries listed add up to that figure.
 */
export function drillDefinition(
  definition: ReportDefinition,
  range: { from: string; to: string },
  keys: readonly ReportKey[],
): ReportDefinition {
  const filters = { ...(definition.filters ?? {}) };
  let days = range;
  for (const key of keys) {
    const field = FILTER_OF[key.dimension];
    if (field && key.id !== null) filters[field] = [key.id];
    if (key.dimension === 'day' || key.dimension === 'week' || key.dimension === 'month')
      days = bucketDays(key.dimension, key.key, days);
  }
  return {
    ...definition,
    period: 'custom',
    from: days.from,
    to: days.to,
    filters,
  };
}

export const DIMENSIONS: Dimension[] = [
  'client',
  'project',
  'task',
  'person',
  'day',
  'week',
  'month',
];
export const TIME_DIMENSIONS: Dimension[] = ['day', 'week', 'month'];
