import { sql, type Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('accounts')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('week_start_day', 'text', (c) => c.notNull().defaultTo('Monday'))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('USD'))
    .addColumn('clock', 'text', (c) => c.notNull().defaultTo('12h'))
    .addColumn('wants_timestamp_timers', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('time_format', 'text', (c) => c.notNull().defaultTo('hours_minutes'))
    .addColumn('date_format', 'text', (c) => c.notNull().defaultTo('%Y-%m-%d'))
    .addColumn('decimal_symbol', 'text', (c) => c.notNull().defaultTo('.'))
    .addColumn('thousands_separator', 'text', (c) => c.notNull().defaultTo(','))
    .addColumn('currency_code_display', 'text', (c) => c.notNull().defaultTo('iso_code_none'))
    .addColumn('currency_symbol_display', 'text', (c) => c.notNull().defaultTo('symbol_before'))
    .addColumn('color_scheme', 'text', (c) => c.notNull().defaultTo('orange'))
    .addColumn('weekly_capacity', 'integer', (c) => c.notNull().defaultTo(126000))
    .addColumn('time_rounding_mode', 'text', (c) => c.notNull().defaultTo('none'))
    .addColumn('time_rounding_minutes', 'integer', (c) => c.notNull().defaultTo(15))
    .addColumn('approval_feature', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('expense_feature', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('invoice_feature', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('estimate_feature', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('team_feature', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('plan_type', 'text', (c) => c.notNull().defaultTo('self-hosted'))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('identities')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('users')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('identity_id', 'bigint', (c) => c.references('identities.id').onDelete('set null'))
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('telephone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('timezone', 'text', (c) => c.notNull())
    .addColumn('has_access_to_all_future_projects', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_contractor', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('is_active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('weekly_capacity', 'integer', (c) => c.notNull().defaultTo(126000))
    .addColumn('access_level', 'text', (c) => c.notNull().defaultTo('member'))
    .addColumn('manager_permissions', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('avatar_url', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint(
      'users_access_level_check',
      sql`access_level in ('administrator', 'manager', 'member')`,
    )
    .addUniqueConstraint('users_account_email_unique', ['account_id', 'email'])
    .execute();
  await db.schema.createIndex('users_identity_idx').on('users').column('identity_id').execute();

  await db.schema
    .createTable('user_rates')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('amount_cents', 'bigint', (c) => c.notNull())
    .addColumn('start_date', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addCheckConstraint('user_rates_kind_check', sql`kind in ('billable', 'cost')`)
    .addCheckConstraint('user_rates_amount_check', sql`amount_cents >= 0`)
    .execute();
  await db.schema
    .createIndex('user_rates_user_kind_idx')
    .on('user_rates')
    .columns(['user_id', 'kind', 'start_date'])
    .execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('account_id', 'bigint', (c) =>
      c.notNull().references('accounts.id').onDelete('cascade'),
    )
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('roles_account_name_unique', ['account_id', 'name'])
    .execute();

  await db.schema
    .createTable('role_users')
    .addColumn('role_id', 'bigint', (c) => c.notNull().references('roles.id').onDelete('cascade'))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('role_users_pk', ['role_id', 'user_id'])
    .execute();
  await db.schema.createIndex('role_users_user_idx').on('role_users').column('user_id').execute();

  await db.schema
    .createTable('personal_access_tokens')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('token_hint', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('expires_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('personal_access_tokens_user_idx')
    .on('personal_access_tokens')
    .column('user_id')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'personal_access_tokens',
    'role_users',
    'roles',
    'user_rates',
    'users',
    'identities',
    'accounts',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
