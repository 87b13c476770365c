import { sql } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/**
 * A fresh, migrated schema on TEST_DATABASE_URL for tests that run real `punch serve`
 * processes against one PostgreSQL: the URL to give them (search_path set) and a handle.
 */
export async function scopedPostgres(prefix: string): Promise<{
  url: string;
  handle: DatabaseHandle;
  drop(): Promise<void>;
}> {
  const schema = `${prefix}_${Date.now().toString(36)}`;
  const admin = createDatabase({
    dialect: 'postgres',
    connectionString: process.env.TEST_DATABASE_URL!,
  });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const scoped = new URL(process.env.TEST_DATABASE_URL!);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const url = scoped.toString();
  const handle = createDatabase({ dialect: 'postgres', connectionString: url });
  await migrateToLatest(handle.db, 'postgres');
  return {
    url,
    handle,
    async drop() {
      await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
      await handle.close();
    },
  };
}
