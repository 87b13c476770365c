import { sql, type Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('time_entries')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('project_id', 'bigint', (c) => c.notNull().references('projects.id'))
    // A Flowtly work time may have no task.
    .addColumn('task_id', 'bigint', (c) => c.references('tasks.id'))
    .addColumn('spent_date', 'text', (c) => c.notNull())
    // Seconds tracked before the timer was last started (Harvest's hours_without_timer).
    .addColumn('duration_seconds', 'integer', (c) => c.notNull().defaultTo(0))
    // Set while the timer runs: elapsed time is computed at read time, never stored.
    .addColumn('timer_started_at', 'bigint')
    // Time of day in seconds after local midnight, for accounts that track start and end.
    .addColumn('started_time', 'integer')
    .addColumn('ended_time', 'integer')
    .addColumn('notes', 'text')
    .addColumn('external_reference_id', 'text')
    .addColumn('external_reference_group_id', 'text')
    .addColumn('external_reference_account_id', 'text')
    .addColumn('external_reference_permalink', 'text')
    .addColumn('approval_status', 'text', (c) => c.notNull().defaultTo('unsubmitted'))
    .addColumn('invoice_id', 'bigint')
    .addColumn('invoice_number', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .addCheckConstraint('time_entries_duration_check', sql`duration_seconds >= 0`)
    .addCheckConstraint(
      'time_entries_approval_check',
      sql`approval_status in ('unsubmitted', 'submitted', 'approved')`,
    )
    .execute();

  // One running timer per person, enforced by the database so that it holds across server
  // processes sharing one PostgreSQL.
  await db.schema
    .createIndex('time_entries_one_running_timer')
    .on('time_entries')
    .column('user_id')
    .unique()
    .where(sql.ref('timer_started_at'), 'is not', null)
    .execute();
  await db.schema
    .createIndex('time_entries_account_date_idx')
    .on('time_entries')
    .columns(['account_id', 'spent_date', 'id'])
    .execute();
  await db.schema
    .createIndex('time_entries_user_date_idx')
    .on('time_entries')
    .columns(['user_id', 'spent_date', 'id'])
    .execute();
  await db.schema
    .createIndex('time_entries_project_date_idx')
    .on('time_entries')
    .columns(['project_id', 'spent_date', 'id'])
    .execute();
  await db.schema
    .createIndex('time_entries_task_idx')
    .on('time_entries')
    .column('task_id')
    .execute();
  await db.schema
    .createIndex('time_entries_account_updated_idx')
    .on('time_entries')
    .columns(['account_id', 'updated_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('time_entries').execute();
}
