import { Migrator, type Kysely, type MigrationResult } from 'kysely';
import type { Database } from './database-types.ts';
import type { Dialect } from './database.ts';
import { migrations } from './migrations/index.ts';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Applies every pending migration; returns the names applied now (empty when up to date). */
export async function migrateToLatest(db: Kysely<Database>, dialect: Dialect): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider: {
      getMigrations: () =>
        Promise.resolve(
          Object.fromEntries(
            Object.entries(migrations).map(([name, m]) => [
              name,
              {
                up: (kdb: Kysely<unknown>) => m.up(kdb, dialect),
                down:
                  m.down?.bind(m) &&
                  ((kdb: Kysely<unknown>) => m.down?.(kdb, dialect) ?? Promise.resolve()),
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
