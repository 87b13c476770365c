import type { Kysely } from 'kysely';

/**
 * Recognises a unique-constraint violation from either driver, so services can turn a race
 * ("two requests created the same email at once") into a domain error instead of a 500.
 * better-sqlite3 reports `SQLITE_CONSTRAINT_UNIQUE` (or `_PRIMARYKEY`); PostgreSQL SQLSTATE 23505.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const code = error.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * Runs `work` in a transaction; a unique violation raised inside it (a race the service's own
 * check lost) becomes `conflict()`, the error the service would have given had it seen it first.
 */
export async function transactionOr<DB, T>(
  db: Kysely<DB>,
  conflict: () => Error,
  work: (tx: Kysely<DB>) => Promise<T>,
): Promise<T> {
  try {
    return await db.transaction().execute(work);
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict();
    throw error;
  }
}
