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
