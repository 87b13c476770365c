import { PostgresAdapter, type Kysely } from 'kysely';

/**
 * Whether the database takes row locks (`SELECT … FOR UPDATE`). PostgreSQL does; SQLite has no
 * such clause and needs none, since it lets one writer in at a time.
 */
export function supportsRowLocks<DB>(db: Kysely<DB>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
