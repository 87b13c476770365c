import { Type, type TSchema, type TUnsafe, type Static } from 'typebox';

/**
 * A nullable field as a JSON Schema type array (`["string","null"]`) rather than anyOf: measured
 * here, fast-json-stringify serializes the type-array form about 15% faster.
 */
export function Nullable<T extends TSchema & { type: string }>(
  schema: T,
): TUnsafe<Static<T> | null> {
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [schema.type, 'null'] });
}

/** UTC instant on the wire: second precision with a `Z`, as Harvest emits. */
export const Instant = Type.String({ format: 'date-time' });

/** Renders epoch milliseconds as Harvest's `2024-05-23T15:14:37Z`. */
export function toWireInstant(epochMs: number): string {
  // Slicing, not a regex: this runs several times per entry on every list (benchmark profile).
  return `${new Date(epochMs).toISOString().slice(0, 19)}Z`;
}
