import type { Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
// Timesheet approval and locked periods (issue 14). A person's week has one row once anything
// happened to it: its approval state, who submitted and decided it and when, the reason of a
// rejection (kept until the next submission, so the person sees it), and an administrator's
// explicit unlock of a locked period for that person and week, with its expiry. The account
// carries the lock date and the automatic lock's delay.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('timesheet_weeks')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('week_start', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint')
    .addColumn('submitted_by', 'bigint')
    .addColumn('decided_at', 'bigint')
    .addColumn('decided_by', 'bigint')
    .addColumn('rejection_reason', 'text')
    .addColumn('unlocked_until', 'bigint')
    .addColumn('unlocked_by', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('timesheet_weeks_user_week_unique', ['user_id', 'week_start'])
    .execute();
  await db.schema
    .createIndex('timesheet_weeks_account_status_idx')
    .on('timesheet_weeks')
    .columns(['account_id', 'status', 'week_start'])
    .execute();
  await db.schema.alterTable('accounts').addColumn('lock_date', 'text').execute();
  await db.schema.alterTable('accounts').addColumn('auto_lock_days', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('accounts').dropColumn('auto_lock_days').execute();
  await db.schema.alterTable('accounts').dropColumn('lock_date').execute();
  await db.schema.dropTable('timesheet_weeks').execute();
}
