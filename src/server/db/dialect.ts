import {
  PostgresAdapter,
  sql,
  type Compilable,
  type CompiledQuery,
  type Kysely,
  type RawBuilder,
} from 'kysely';

/**
 * Whether the database takes row locks (`SELECT … FOR UPDATE`). PostgreSQL does; SQLite has no
 * such clause and needs none, since it lets one writer in at a time.
 */
export function supportsRowLocks<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * A SELECT compiled to read `table` through the named index on SQLite (`INDEXED BY`). SQLite's
 * planner favours an index that saves the GROUP BY sort even when it must then read the table
 * for every row; a covering index is several times faster for a period's totals. PostgreSQL
 * weighs index-only scans itself and gets the query as built.
 */
export function compileThroughIndex<DB, O>(
  db: Kysely<DB>,
  query: Compilable<O>,
  from: { table: string; alias: string; index: string },
): CompiledQuery<O> {
  const compiled = query.compile();
  if (supportsRowLocks(db)) return compiled;
  const clause = `from "${from.table}" as "${from.alias}"`;
  if (!compiled.sql.includes(clause)) throw new Error(`query does not read ${clause}`);
  return { ...compiled, sql: compiled.sql.replace(clause, `${clause} indexed by "${from.index}"`) };
}

/** Runs a SELECT as `compileThroughIndex` builds it. */
export async function executeThroughIndex<DB, O>(
  db: Kysely<DB>,
  query: Compilable<O>,
  from: { table: string; alias: string; index: string },
): Promise<O[]> {
  return (await db.executeQuery(compileThroughIndex(db, query, from))).rows;
}

/**
 * Days since 1970-01-01 of a `YYYY-MM-DD` text column, as an integer: the one date arithmetic
 * a report's weekly buckets need in SQL, where the two databases spell it differently.
 */
export function epochDaySql<DB>(db: Kysely<DB>, column: string): RawBuilder<number> {
  return supportsRowLocks(db)
    ? sql<number>`(cast(${sql.ref(column)} as date) - date '1970-01-01')`
    : sql<number>`cast(julianday(${sql.ref(column)}) - 2440587.5 as integer)`;
}
