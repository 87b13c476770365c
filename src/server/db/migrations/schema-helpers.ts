import type { ColumnDefinitionBuilder, ColumnDataType } from 'kysely';

export type MigrationDialect = 'sqlite' | 'postgres';

/**
 * The one place migrations differ by dialect. SQLite's AUTOINCREMENT and PostgreSQL's identity
 * column both guarantee that an id is never handed out twice, even after deletes, so an id a
 * sync client has seen always means the same record. Use as `.addColumn('id', ...idColumn(d))`.
 * Frozen like the migrations that use it.
 */
export function idColumn(
  dialect: MigrationDialect,
): [ColumnDataType, (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder] {
  return dialect === 'sqlite'
    ? ['integer', (c) => c.primaryKey().autoIncrement()]
    : ['bigint', (c) => c.primaryKey().generatedByDefaultAsIdentity()];
}
