import type { Snapshot } from '../events/events.rules.ts';

/** One field of a record, before and after a change (null where the record did not exist). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Fields every write touches; listing them would bury what changed. */
const STAMPS = new Set(['updatedAt']);

/**
 * What a change did to a record, field by field: every field of a created record, every field
 * of a deleted one, and the fields that differ for an update, in the order the record has them.
 */
export function fieldChanges(before: Snapshot | null, after: Snapshot | null): FieldChange[] {
  const fields = [...new Set([...Object.keys(after ?? {}), ...Object.keys(before ?? {})])];
  const changes: FieldChange[] = [];
  for (const field of fields) {
    if (STAMPS.has(field) && before !== null && after !== null) continue;
    const was = before === null ? null : (before[field] ?? null);
    const is = after === null ? null : (after[field] ?? null);
    if (before !== null && after !== null && JSON.stringify(was) === JSON.stringify(is)) continue;
    changes.push({ field, before: was, after: is });
  }
  return changes;
}

/** The verb of an event type: `time_entry.created` → `created`. */
export function actionOf(type: string): string {
  return type.slice(type.indexOf('.') + 1);
}

/** How long events are kept: 0 keeps them for ever. */
export function retentionCutoff(now: number, days: number): number | null {
  return days > 0 ? now - days * 24 * 60 * 60 * 1000 : null;
}
