import { sql, type Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
// Amounts: money in cents; hour budgets in hundredths of an hour (ADR 0003).
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  const account = 'account_id';

  await db.schema
    .createTable('clients')
    .addColumn('id', ...idColumn(dialect))
    .addColumn(account, 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('address', 'text')
    .addColumn('statement_key', 'text', (c) => c.notNull())
    .addColumn('currency', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // Soft delete, as for projects and tasks: rows that time ever pointed at are kept.
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('clients_account_idx')
    .on('clients')
    .columns([account, 'id'])
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', ...idColumn(dialect))
    .addColumn(account, 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('billable_by_default', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('default_hourly_rate_cents', 'bigint')
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('tasks_account_name_unique')
    .on('tasks')
    .columns([account, 'name'])
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('projects')
    .addColumn('id', ...idColumn(dialect))
    .addColumn(account, 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('client_id', 'bigint', (c) => c.notNull().references('clients.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('code', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_billable', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_fixed_fee', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bill_by', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('hourly_rate_cents', 'bigint')
    .addColumn('budget_hundredths', 'bigint')
    .addColumn('budget_by', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('budget_is_monthly', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('notify_when_over_budget', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('over_budget_notification_percentage', 'integer', (c) => c.notNull().defaultTo(80))
    .addColumn('over_budget_notification_date', 'text')
    .addColumn('show_budget_to_all', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_budget_cents', 'bigint')
    .addColumn('cost_budget_include_expenses', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('fee_cents', 'bigint')
    .addColumn('notes', 'text')
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    // Deleted projects are kept (with their time) so syncing clients can see what went away.
    .addColumn('deleted_at', 'bigint')
    .addCheckConstraint(
      'projects_bill_by_check',
      sql`bill_by in ('Project', 'Tasks', 'People', 'none')`,
    )
    .addCheckConstraint(
      'projects_budget_by_check',
      sql`budget_by in ('project', 'project_cost', 'task', 'task_fees', 'person', 'none')`,
    )
    .execute();
  await db.schema
    .createIndex('projects_account_idx')
    .on('projects')
    .columns([account, 'id'])
    .execute();
  await db.schema.createIndex('projects_client_idx').on('projects').column('client_id').execute();
  await db.schema
    .createIndex('projects_client_name_unique')
    .on('projects')
    .columns(['client_id', 'name'])
    .unique()
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();

  await db.schema
    .createTable('user_assignments')
    .addColumn('id', ...idColumn(dialect))
    .addColumn(account, 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('project_id', 'bigint', (c) => c.notNull().references('projects.id'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_project_manager', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('use_default_rates', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('hourly_rate_cents', 'bigint')
    .addColumn('budget_hundredths', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('user_assignments_project_user_unique', ['project_id', 'user_id'])
    .execute();
  await db.schema
    .createIndex('user_assignments_user_idx')
    .on('user_assignments')
    .columns(['user_id', 'project_id'])
    .execute();
  await db.schema
    .createIndex('user_assignments_account_idx')
    .on('user_assignments')
    .columns([account, 'id'])
    .execute();

  await db.schema
    .createTable('task_assignments')
    .addColumn('id', ...idColumn(dialect))
    .addColumn(account, 'bigint', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('project_id', 'bigint', (c) => c.notNull().references('projects.id'))
    .addColumn('task_id', 'bigint', (c) => c.notNull().references('tasks.id'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('billable', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('hourly_rate_cents', 'bigint')
    .addColumn('budget_hundredths', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('task_assignments_project_task_unique', ['project_id', 'task_id'])
    .execute();
  await db.schema
    .createIndex('task_assignments_task_idx')
    .on('task_assignments')
    .column('task_id')
    .execute();
  await db.schema
    .createIndex('task_assignments_account_idx')
    .on('task_assignments')
    .columns([account, 'id'])
    .execute();

  await db.schema
    .createTable('teammates')
    .addColumn('manager_id', 'bigint', (c) =>
      c.notNull().references('users.id').onDelete('cascade'),
    )
    .addColumn('teammate_id', 'bigint', (c) =>
      c.notNull().references('users.id').onDelete('cascade'),
    )
    .addPrimaryKeyConstraint('teammates_pk', ['manager_id', 'teammate_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'teammates',
    'task_assignments',
    'user_assignments',
    'projects',
    'tasks',
    'clients',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
