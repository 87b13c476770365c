import { sql, type Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
// Webhooks (issue 16, ADR 0021). A subscription names a URL, the event types it wants and the
// secret its deliveries are signed with; it starts after the newest event of its creation, and
// the system pauses it when a delivery has failed for a day. A delivery is one event for one
// subscription (unique, so that two dispatchers racing over the same events make it once), and
// each attempt at it is logged. The dispatch cursor is how far the events have been read.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('webhooks')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // A JSON array of event types, `entity.*` patterns or `*`.
    .addColumn('events', 'text', (c) => c.notNull())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('paused_at', 'bigint')
    .addColumn('paused_reason', 'text')
    .addColumn('start_after_event_id', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhooks_account_idx')
    .on('webhooks')
    .columns(['account_id', 'id'])
    .execute();
  await db.schema
    .createTable('webhook_deliveries')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('webhook_id', 'bigint', (c) =>
      c.notNull().references('webhooks.id').onDelete('cascade'),
    )
    // Null for a test ping, which is no event.
    .addColumn('event_id', 'bigint')
    .addColumn('event_type', 'text', (c) => c.notNull())
    // pending, delivering, succeeded or failed (given up after a day).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('locked_until', 'bigint')
    .addColumn('first_attempted_at', 'bigint')
    .addColumn('last_attempted_at', 'bigint')
    .addColumn('last_status_code', 'integer')
    .addColumn('last_duration_ms', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('delivered_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_event_idx')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'event_id'])
    .unique()
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_due_idx')
    .on('webhook_deliveries')
    .columns(['status', 'next_attempt_at'])
    .execute();
  await db.schema
    .createIndex('webhook_deliveries_log_idx')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'id'])
    .execute();
  await db.schema
    .createTable('webhook_attempts')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('delivery_id', 'bigint', (c) =>
      c.notNull().references('webhook_deliveries.id').onDelete('cascade'),
    )
    .addColumn('attempted_at', 'bigint', (c) => c.notNull())
    .addColumn('status_code', 'integer')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('response_excerpt', 'text')
    .addColumn('error', 'text')
    .execute();
  await db.schema
    .createIndex('webhook_attempts_delivery_idx')
    .on('webhook_attempts')
    .columns(['delivery_id', 'id'])
    .execute();
  await db.schema
    .createTable('webhook_cursor')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('last_event_id', 'bigint', (c) => c.notNull())
    .execute();
  // The cursor starts at the newest event: no subscription exists yet to want the older ones,
  // and a database with years of events would otherwise be read through once for nothing.
  await sql`
    INSERT INTO webhook_cursor (id, last_event_id)
    SELECT 1, COALESCE(MAX(id), 0) FROM events
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('webhook_cursor').execute();
  await db.schema.dropTable('webhook_attempts').execute();
  await db.schema.dropTable('webhook_deliveries').execute();
  await db.schema.dropTable('webhooks').execute();
}
