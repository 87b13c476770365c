import type { Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
// Reports and budgets (issue 15). A person's saved reports keep a report definition as JSON
// (relative periods stay relative); a share link of one is kept by the hash of its token only,
// with its expiry and revocation. A project's budget state remembers the last alert level and
// forecast told, so that crossing a threshold is an event once, not on every write after it.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('saved_reports')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('definition', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('saved_reports_user_idx')
    .on('saved_reports')
    .columns(['user_id', 'id'])
    .execute();
  await db.schema
    .createTable('report_shares')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('saved_report_id', 'bigint', (c) =>
      c.notNull().references('saved_reports.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('shows_amounts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint')
    .addColumn('created_by', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('report_shares_report_idx')
    .on('report_shares')
    .column('saved_report_id')
    .execute();
  await db.schema
    .createTable('budget_states')
    .addColumn('project_id', 'bigint', (c) =>
      c.primaryKey().references('projects.id').onDelete('cascade'),
    )
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    // The budget's period: 'total', or the month (YYYY-MM) of a monthly budget.
    .addColumn('period', 'text', (c) => c.notNull())
    // 0 below the alert threshold, 1 at or over it, 2 at or over the budget.
    .addColumn('level', 'integer', (c) => c.notNull())
    .addColumn('runs_out_on', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('budget_states').execute();
  await db.schema.dropTable('report_shares').execute();
  await db.schema.dropTable('saved_reports').execute();
}
