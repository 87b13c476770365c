import { sql, type Kysely } from 'kysely';

// Frozen once landed: later changes go in a new migration.
// Harvest's time reports group a period by project, task and person, so the totals index gains
// the task: the reports' one GROUP BY then reads this index alone, never the table.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('time_entries_live_totals_idx').execute();
  await db.schema
    .createIndex('time_entries_live_totals_idx')
    .on('time_entries')
    .columns([
      'account_id',
      'spent_date',
      'project_id',
      'task_id',
      'user_id',
      'duration_seconds',
      'deleted_at',
    ])
    .where(sql.ref('deleted_at'), 'is', null)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('time_entries_live_totals_idx').execute();
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
