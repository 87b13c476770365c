import { createQueryId, type Compilable, type Kysely } from 'kysely';
import type { Database } from './database-types.ts';

/** Marks where an argument goes among a compiled query's parameters. */
class Slot {
  constructor(readonly name: string) {}
}

type Args = Record<string, string | number | null>;

/**
 * A query of fixed shape, built and compiled once per dialect; each run only binds its
 * arguments to the compiled parameters. Kysely builds and compiles a query on every call:
 * for the 40-column joins behind an entry that cost three times what SQLite took to run it
 * (issue 6's profile). `build` must use its arguments as plain values only (no branching on
 * them, no arrays): they are placeholders when it runs.
 */
export function compiledOnce<A extends Args, O>(
  build: (db: Kysely<Database>, args: A) => Compilable<O>,
): (db: Kysely<Database>, args: A) => Promise<O[]> {
  const compiledByDialect = new Map<unknown, ReturnType<Compilable<O>['compile']>>();
  return async (db, args) => {
    const dialect = db.getExecutor().adapter.constructor;
    let compiled = compiledByDialect.get(dialect);
    if (!compiled) {
      const slots = new Proxy({} as A, {
        get: (_target, name) => new Slot(String(name)),
      });
      compiled = build(db, slots).compile();
      compiledByDialect.set(dialect, compiled);
    }
    const parameters = compiled.parameters.map((value) =>
      value instanceof Slot ? args[value.name] : value,
    );
    const result = await db.executeQuery<O>({
      ...compiled,
      parameters,
      queryId: createQueryId(),
    });
    return result.rows;
  };
}

/** Marks where a field of the n-th row goes among a multi-row statement's parameters. */
class RowSlot {
  constructor(
    readonly row: number,
    readonly name: string,
  ) {}
}

/**
 * A statement over many rows (a multi-row insert), compiled once per dialect and row count.
 * Compiling a 500-row insert through Kysely costs about what SQLite takes to run it; a bulk
 * import runs thousands of them, all but the last of one size. `build` gets placeholder rows
 * and must read each row's fields by name, as `compiledOnce` asks of its arguments; a field a
 * row lacks binds as null.
 */
export function compiledForRows<R extends Args, O>(
  build: (db: Kysely<Database>, rows: R[]) => Compilable<O>,
): (db: Kysely<Database>, rows: readonly R[]) => Promise<O[]> {
  const compiledByDialect = new Map<unknown, Map<number, ReturnType<Compilable<O>['compile']>>>();
  return async (db, rows) => {
    if (rows.length === 0) return [];
    const dialect = db.getExecutor().adapter.constructor;
    let bySize = compiledByDialect.get(dialect);
    if (!bySize) {
      bySize = new Map<number, ReturnType<Compilable<O>['compile']>>();
      compiledByDialect.set(dialect, bySize);
    }
    let compiled = bySize.get(rows.length);
    if (!compiled) {
      const slots = rows.map(
        (_row, index) =>
          new Proxy({} as R, { get: (_target, name) => new RowSlot(index, String(name)) }),
      );
      compiled = build(db, slots).compile();
      bySize.set(rows.length, compiled);
    }
    // A field left out or undefined binds as null, as Kysely reads a missing column.
    const parameters = compiled.parameters.map((value) =>
      value instanceof RowSlot ? ((rows[value.row] as R)[value.name] ?? null) : value,
    );
    const result = await db.executeQuery<O>({
      ...compiled,
      parameters,
      queryId: createQueryId(),
    });
    return result.rows;
  };
}
