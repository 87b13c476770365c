import type { Kysely } from 'kysely';

// Frozen once landed: later changes go in a new migration.
// The audit log (issue 16) says which way each change came in: Harvest's API, Flowtly's, the
// native API, the web app, the CLI, an import or the system. Older events stay without one.
// The index serves the audit log's filters by person and its newest-first pages.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('events').addColumn('door', 'text').execute();
  await db.schema
    .createIndex('events_account_actor_idx')
    .on('events')
    .columns(['account_id', 'actor_user_id', 'id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('events_account_actor_idx').execute();
  await db.schema.alterTable('events').dropColumn('door').execute();
}
