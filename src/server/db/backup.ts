import { existsSync } from 'node:fs';
import SQLite from 'better-sqlite3';

/**
 * Backups of the embedded database, through SQLite's online backup API: the copy is consistent
 * while the server keeps writing (pages changed during it are copied again), and a restore
 * writes into the live file the same way, so running servers see the restored data at once.
 * PostgreSQL has pg_dump and pg_restore for this (README, "Backups").
 */

export interface BackupProgress {
  totalPages: number;
  remainingPages: number;
}

/** A file that SQLite can open and that Punch's migrations have run on. */
export function punchDatabaseProblem(file: string): string | null {
  if (!existsSync(file)) return `${file} does not exist`;
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') return `${file} is damaged (${String(check)})`;
    const migrations = db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'kysely_migration'")
      .get() as { n: number };
    if (migrations.n === 0) return `${file} is not a Punch database`;
    return null;
  } catch (error) {
    return `${file} is not a SQLite database (${(error as Error).message})`;
  } finally {
    db?.close();
  }
}

/**
 * Copies a Punch database into another file with the backup API, some pages at a time, so that
 * a large copy lets the server's writers in between.
 */
async function copyDatabase(
  from: string,
  to: string,
  onProgress: (progress: BackupProgress) => void,
  /** A backup file is only read; the live database is opened as its server opens it. */
  readonly: boolean,
): Promise<{ pages: number }> {
  const problem = punchDatabaseProblem(from);
  if (problem) throw new Error(problem);
  const db = new SQLite(from, { fileMustExist: true, readonly });
  try {
    const result = await db.backup(to, {
      progress: (info) => {
        onProgress(info);
        return 256;
      },
    });
    return { pages: result.totalPages };
  } finally {
    db.close();
  }
}

export function backupSqlite(
  source: string,
  destination: string,
  onProgress: (progress: BackupProgress) => void = () => undefined,
): Promise<{ pages: number }> {
  return copyDatabase(source, destination, onProgress, false);
}

/** How many accounts a database holds (a restore over data needs --force). */
export function accountsIn(file: string): number {
  if (!existsSync(file)) return 0;
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const table = db
      .prepare("SELECT count(*) AS n FROM sqlite_master WHERE name = 'accounts'")
      .get() as { n: number };
    if (table.n === 0) return 0;
    return (db.prepare('SELECT count(*) AS n FROM accounts').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Copies a backup over the database, online: the backup API writes into the live file. */
export function restoreSqlite(
  backup: string,
  target: string,
  onProgress: (progress: BackupProgress) => void = () => undefined,
): Promise<{ pages: number }> {
  return copyDatabase(backup, target, onProgress, true);
}
