import { sql, type Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
// The domain-event outbox (ADR 0013): every change is recorded here in the transaction that
// makes it, for the deleted-entries feed, live updates, webhooks and the audit log. Snapshots
// are JSON text so that both databases store and return them byte for byte alike.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('events')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'bigint', (c) => c.notNull())
    // Whose record changed and on which project: who may see the event is decided from these.
    .addColumn('user_id', 'bigint')
    .addColumn('project_id', 'bigint')
    .addColumn('actor_user_id', 'bigint')
    .addColumn('actor_credential', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('before_json', 'text')
    .addColumn('after_json', 'text')
    .execute();
  await db.schema
    .createIndex('events_account_idx')
    .on('events')
    .columns(['account_id', 'id'])
    .execute();
  await db.schema
    .createIndex('events_account_type_entity_idx')
    .on('events')
    .columns(['account_id', 'type', 'entity_id'])
    .execute();
  // Deletions made before the outbox existed, so the deleted-entries feed, which now reads
  // the outbox, keeps answering for them.
  await sql`
    INSERT INTO events (account_id, type, entity_type, entity_id, user_id, project_id,
                        actor_user_id, actor_credential, occurred_at, before_json, after_json)
    SELECT account_id, 'time_entry.deleted', 'time_entry', id, user_id, project_id,
           NULL, 'system', deleted_at,
           '{"id":' || CAST(id AS TEXT) || ',"userId":' || CAST(user_id AS TEXT) ||
           ',"projectId":' || CAST(project_id AS TEXT) || ',"spentDate":"' || spent_date || '"}',
           NULL
    FROM time_entries
    WHERE deleted_at IS NOT NULL
    ORDER BY id
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('events').execute();
}
