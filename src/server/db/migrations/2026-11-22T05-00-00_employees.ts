import { sql, type Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
// What the Flowtly Employee adds to a person: contact e-mail, default project, per-project
// rates, documents and login invitations (ADR 0008).
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema.alterTable('users').addColumn('contact_email', 'text').execute();
  await db.schema
    .alterTable('users')
    .addColumn('default_project_id', 'bigint', (c) =>
      c.references('projects.id').onDelete('set null'),
    )
    .execute();

  await db.schema
    .createTable('project_rates')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('project_id', 'bigint', (c) =>
      c.notNull().references('projects.id').onDelete('cascade'),
    )
    .addColumn('position', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('rate_cents', 'bigint', (c) => c.notNull())
    .addColumn('date_from', 'text', (c) => c.notNull())
    .addColumn('date_to', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('project_rates_user_project_idx')
    .on('project_rates')
    .columns(['user_id', 'project_id', 'date_from'])
    .execute();

  await db.schema
    .createTable('employee_documents')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('content', dialect === 'sqlite' ? 'blob' : sql`bytea`, (c) => c.notNull())
    .addColumn('uploaded_by', 'bigint', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('employee_documents_user_idx')
    .on('employee_documents')
    .columns(['user_id', 'id'])
    .execute();

  await db.schema
    .createTable('login_invitations')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('identity_id', 'bigint', (c) =>
      c.notNull().references('identities.id').onDelete('cascade'),
    )
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_invitations').execute();
  await db.schema.dropTable('employee_documents').execute();
  await db.schema.dropTable('project_rates').execute();
  await db.schema.alterTable('users').dropColumn('default_project_id').execute();
  await db.schema.alterTable('users').dropColumn('contact_email').execute();
}
