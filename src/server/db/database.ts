import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresDialect,
  SqliteDialect,
  type PostgresCursor,
  type PostgresPool,
  type PostgresPoolClient,
  type PostgresQueryResult,
  type SqliteDatabase,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.ts';
import type { Database } from './database-types.ts';

export type Dialect = 'sqlite' | 'postgres';

export interface DatabaseHandle {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

const PG_INT8 = 20;

/**
 * 64-bit integers come back from pg as strings by default. Every int8 we store (ids, epoch
 * milliseconds, cents) stays far below 2^53, so reading them as numbers is exact and keeps the
 * row types identical to SQLite's.
 */
export const parseInt8 = (value: string): number => Number(value);
export const pgTypes = new pg.TypeOverrides();
pgTypes.setTypeParser(PG_INT8, 'text', parseInt8);

function openSqlite(filename: string): SQLite.Database {
  if (filename !== ':memory:') mkdirSync(dirname(filename), { recursive: true });
  const sqlite = new SQLite(filename);
  if (filename !== ':memory:') sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // WAL + NORMAL is durable across application crashes; only an OS crash can lose the last commit.
  sqlite.pragma('synchronous = NORMAL');
  // SQLite's default page cache is 2 MB: past a few hundred thousand entries every insert then
  // reads index pages back from the OS. 64 MB keeps the hot part of the indexes in memory.
  sqlite.pragma('cache_size = -65536');
  return sqlite;
}

/** Statements kept per connection; the app has a few hundred distinct queries at most. */
const STATEMENT_CACHE_SIZE = 500;

/**
 * better-sqlite3 with its prepared statements kept: Kysely prepares every query afresh, and
 * preparing was a seventh of the CPU time of a simple read (benchmark profile, docs/performance.md).
 * Reusing a statement is safe because every call on it runs to completion synchronously.
 */
export function withStatementCache(sqlite: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare: (text: string) => {
      let statement = cache.get(text);
      if (statement) {
        // Refresh its place: the least recently used statement is the one dropped.
        cache.delete(text);
      } else {
        statement = sqlite.prepare(text);
        if (cache.size >= STATEMENT_CACHE_SIZE) {
          const oldest = cache.keys().next().value;
          if (oldest !== undefined) cache.delete(oldest);
        }
      }
      cache.set(text, statement);
      return statement;
    },
  };
}

/** Distinct statements named per server process; beyond this, queries run unnamed. */
const NAMED_STATEMENT_LIMIT = 500;

/**
 * A pg pool whose queries run as named prepared statements, so PostgreSQL parses and plans each
 * distinct query once per connection instead of on every call: planning the time entry joins
 * took longer than running them (benchmark profile, docs/performance.md). Names are bounded, so
 * queries with varying IN lists cannot grow the server's statement cache without end.
 */
export function withNamedStatements(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const nameOf = (text: string): string | undefined => {
    const known = names.get(text);
    if (known !== undefined || names.size >= NAMED_STATEMENT_LIMIT) return known;
    const name = `punch_${names.size + 1}`;
    names.set(text, name);
    return name;
  };
  return {
    connect: async () => {
      const client = await pool.connect();
      function query<R>(
        sql: string,
        parameters: readonly unknown[],
      ): Promise<PostgresQueryResult<R>>;
      function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
      function query<R>(
        sqlOrCursor: string | PostgresCursor<R>,
        parameters?: readonly unknown[],
      ): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
        if (typeof sqlOrCursor !== 'string') {
          return client.query(
            sqlOrCursor as unknown as pg.Submittable,
          ) as unknown as PostgresCursor<R>;
        }
        const name = nameOf(sqlOrCursor);
        return client.query({
          text: sqlOrCursor,
          values: parameters as unknown[],
          ...(name === undefined ? {} : { name }),
        }) as unknown as Promise<PostgresQueryResult<R>>;
      }
      const wrapped: PostgresPoolClient = { query, release: () => client.release() };
      return wrapped;
    },
    end: () => pool.end(),
  };
}

export function createDatabase(config: DatabaseConfig): DatabaseHandle {
  if (config.dialect === 'sqlite') {
    const db = new Kysely<Database>({
      dialect: new SqliteDialect({ database: withStatementCache(openSqlite(config.filename)) }),
    });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({ connectionString: config.connectionString, types: pgTypes, max: 10 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool: withNamedStatements(pool) }),
  });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}
