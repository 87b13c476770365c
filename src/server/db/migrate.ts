import { Migrator, sql, type Kysely, type MigrationResult } from 'kysely';
import type { Database } from './database-types.ts';
import type { Dialect } from './database.ts';
import { migrations as allMigrations, type PunchMigration } from './migrations/index.ts';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies every pending migration; returns the names applied now (empty when up to date).
 * Each migration is all-or-nothing on both databases: Kysely wraps PostgreSQL migrations in a
 * transaction itself, and for SQLite (whose DDL is transactional too, though Kysely does not
 * assume so) we do it here, so a failure never leaves half a schema behind.
 */
export async function migrateToLatest(
  db: Kysely<Database>,
  dialect: Dialect,
  migrations: Record<string, PunchMigration> = allMigrations,
): Promise<string[]> {
  const atomically =
    (run: (kdb: Kysely<unknown>) => Promise<void>) =>
    (kdb: Kysely<unknown>): Promise<void> =>
      dialect === 'sqlite' ? kdb.transaction().execute(run) : run(kdb);
  const migrator = new Migrator({
    db,
    // Kysely looks for its bookkeeping tables in every schema of the database unless told
    // which one: another schema's (another app, a parallel test, a crashed run) would then be
    // taken for ours, and migrating fails. On PostgreSQL they live in the schema we migrate.
    ...(dialect === 'postgres' ? { migrationTableSchema: await currentSchema(db) } : {}),
    provider: {
      getMigrations: () =>
        Promise.resolve(
          Object.fromEntries(
            Object.entries(migrations).map(([name, m]) => [
              name,
              {
                up: atomically((kdb) => m.up(kdb, dialect)),
                down: atomically(async (kdb) => {
                  await m.down?.(kdb, dialect);
                }),
              },
            ]),
          ),
        ),
    },
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r: MigrationResult) => r.status === 'Error');
    const cause = error instanceof Error ? error.message : JSON.stringify(error);
    throw new MigrationError(
      failed ? `migration ${failed.migrationName} failed: ${cause}` : `migration failed: ${cause}`,
    );
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const schema = rows[0]?.schema;
  if (!schema) throw new MigrationError('migration failed: no current schema (check search_path)');
  return schema;
}
