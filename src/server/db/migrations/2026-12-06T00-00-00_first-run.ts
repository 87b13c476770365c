import type { Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
// First run in the browser: `punch serve` on an empty database prints a one-time setup code,
// and only its holder may create the first account. Codes live in the database, hashed, so that
// any of several server processes accepts the code another printed, and using one consumes
// every code at once. People also get the language the web app speaks to them in.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('setup_codes')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('code_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('users').addColumn('locale', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('locale').execute();
  await db.schema.dropTable('setup_codes').execute();
}
