import { sql, type Kysely } from 'kysely';
import { idColumn, type MigrationDialect } from './schema-helpers.ts';

// Frozen once landed: later changes go in a new migration.
// A person is attached to a login only when the login's owner proves it (ADR 0011): an
// invitation now belongs to a person alone, and the login is chosen when it is accepted. A
// login without a password was a placeholder made at grant time that anyone accepting a later
// invitation could claim; such placeholders go, and their people wait for their invitation.
export async function up(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
  await db.schema
    .createTable('invitations')
    .addColumn('id', ...idColumn(dialect))
    .addColumn('user_id', 'bigint', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('accepted_at', 'bigint')
    .execute();
  await db.schema.createIndex('invitations_user_idx').on('invitations').column('user_id').execute();
  await sql`
    INSERT INTO invitations (user_id, token_hash, created_at, expires_at, accepted_at)
    SELECT user_id, token_hash, created_at, expires_at, accepted_at
    FROM login_invitations
    WHERE accepted_at IS NULL
  `.execute(db);
  await db.schema.dropTable('login_invitations').execute();
  await sql`
    UPDATE users SET identity_id = NULL
    WHERE identity_id IN (SELECT id FROM identities WHERE password_hash IS NULL)
  `.execute(db);
  await sql`DELETE FROM identities WHERE password_hash IS NULL`.execute(db);
}

export async function down(db: Kysely<unknown>, dialect: MigrationDialect): Promise<void> {
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
  // Open invitations named no login; they cannot be carried back.
  await db.schema.dropTable('invitations').execute();
}
