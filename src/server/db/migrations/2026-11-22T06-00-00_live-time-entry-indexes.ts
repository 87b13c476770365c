import { sql, type Kysely } from 'kysely';

// Frozen once landed: later changes go in a new migration.
// Every read of time skips soft-deleted rows, so the date indexes hold live rows only (partial
// indexes, on both databases): counts become index-only scans, and deleted rows cost nothing.
// The totals index covers a period's grouped sums (project and duration) without the table.
// `deleted_at` is a key column too although always null here: SQLite counts a column used in the
// query's WHERE as needed even when the partial index implies it, and would read the table.
export async function up(db: Kysely<unknown>): Promise<void> {
  for (const [name, column] of [
    ['account', 'account_id'],
    ['user', 'user_id'],
    ['project', 'project_id'],
  ] as const) {
    await db.schema.dropIndex(`time_entries_${name}_date_idx`).execute();
    await db.schema
      .createIndex(`time_entries_live_${name}_date_idx`)
      .on('time_entries')
      .columns([column, 'spent_date', 'id', 'deleted_at'])
      .where(sql.ref('deleted_at'), 'is', null)
      .execute();
  }
  await db.schema
    .createIndex('time_entries_live_totals_idx')
    .on('time_entries')
    .columns([
      'account_id',
      'spent_date',
      'project_id',
      'user_id',
      'duration_seconds',
      'deleted_at',
    ])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('time_entries_live_totals_idx').execute();
  for (const [name, column] of [
    ['account', 'account_id'],
    ['user', 'user_id'],
    ['project', 'project_id'],
  ] as const) {
    await db.schema.dropIndex(`time_entries_live_${name}_date_idx`).execute();
    await db.schema
      .createIndex(`time_entries_${name}_date_idx`)
      .on('time_entries')
      .columns([column, 'spent_date', 'id'])
      .execute();
  }
}
