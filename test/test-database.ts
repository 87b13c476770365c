import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import {
  createDatabase,
  parseInt8,
  type DatabaseHandle,
  type Dialect,
} from '../src/server/db/database.ts';
import type { Database } from '../src/server/db/database-types.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import type { PunchMigration } from '../src/server/db/migrations/index.ts';

/**
 * A migrated, empty database for one test file, built through the real migrator:
 *  - sqlite: in memory;
 *  - postgres: a fresh schema on TEST_DATABASE_URL (dropped on close), or an in-process
 *    PGlite when that variable is unset, so no server is needed locally.
 */
export async function createTestDatabase(
  dialect: Dialect,
  options: { migrations?: Record<string, PunchMigration> } = {},
): Promise<DatabaseHandle> {
  const handle = await openRaw(dialect);
  await migrateToLatest(handle.db, handle.dialect, options.migrations);
  return handle;
}

async function openRaw(dialect: Dialect): Promise<DatabaseHandle> {
  if (dialect === 'sqlite') return createDatabase({ dialect: 'sqlite', filename: ':memory:' });
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    const pglite = new PGlite({ parsers: { 20: parseInt8 } });
    const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  const schema = `punch_test_${randomBytes(6).toString('hex')}`;
  const admin = createDatabase({ dialect: 'postgres', connectionString: url });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const handle = createDatabase({ dialect: 'postgres', connectionString: scoped.toString() });
  return {
    ...handle,
    close: async () => {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
      await handle.close();
    },
  };
}
