import { sql, type RawBuilder } from 'kysely';
import type { RoundingMode } from '../../shared/time.ts';

/**
 * `roundedHundredths` (shared/time.ts) as a SQL expression over an integer seconds column, so
 * that a report sums rounded entries inside one GROUP BY instead of loading every entry. Whole
 * numbers only: integer division truncates alike on SQLite and PostgreSQL for the non-negative
 * durations the table holds. A test checks it against the TypeScript rule on both databases.
 */
export function roundedHundredthsSql(
  seconds: string,
  mode: RoundingMode,
  stepMinutes: number,
): RawBuilder<number> {
  const h = sql`((${sql.ref(seconds)} + 18) / 36)`;
  if (mode === 'none' || stepMinutes <= 0) return sql<number>`${h}`;
  if (!Number.isSafeInteger(stepMinutes)) throw new RangeError('rounding step must be an integer');
  const m = stepMinutes;
  const steps =
    mode === 'up'
      ? sql`((3 * ${h} + ${sql.lit(5 * m - 1)}) / ${sql.lit(5 * m)})`
      : sql`((6 * ${h} + ${sql.lit(5 * m)}) / ${sql.lit(10 * m)})`;
  return sql<number>`((${steps} * ${sql.lit(10 * m)} + 3) / 6)`;
}
