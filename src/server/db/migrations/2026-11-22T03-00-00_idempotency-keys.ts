import type { Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('token_id', 'bigint', (c) =>
      c.notNull().references('personal_access_tokens.id').onDelete('cascade'),
    )
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'text', (c) => c.notNull())
    // Null while the first request is still being handled.
    .addColumn('status_code', 'integer')
    .addColumn('response_body', 'text')
    .addColumn('location', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('idempotency_keys_token_key_unique', ['token_id', 'key'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('idempotency_keys').execute();
}
