import type { Kysely } from 'kysely';
import type { Database, DbBool } from '../../db/database-types.ts';

export function listSavedReports(db: Kysely<Database>, userId: number) {
  return db
    .selectFrom('saved_reports')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('name')
    .orderBy('id')
    .execute();
}

export function findSavedReport(db: Kysely<Database>, userId: number, id: number) {
  return db
    .selectFrom('saved_reports')
    .selectAll()
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

export async function insertSavedReport(
  db: Kysely<Database>,
  row: {
    account_id: number;
    user_id: number;
    name: string;
    definition: string;
    created_at: number;
    updated_at: number;
  },
) {
  return db.insertInto('saved_reports').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateSavedReport(
  db: Kysely<Database>,
  id: number,
  change: { name?: string; definition?: string; updated_at: number },
) {
  return db
    .updateTable('saved_reports')
    .set(change)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function deleteSavedReport(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('report_shares').where('saved_report_id', '=', id).execute();
  await db.deleteFrom('saved_reports').where('id', '=', id).execute();
}

/** A share as it is shown: everything but the token's hash. */
const SHARE_COLUMNS = [
  'id',
  'saved_report_id',
  'shows_amounts',
  'expires_at',
  'revoked_at',
  'created_by',
  'created_at',
] as const;

export function listShares(db: Kysely<Database>, savedReportId: number) {
  return db
    .selectFrom('report_shares')
    .select(SHARE_COLUMNS)
    .where('saved_report_id', '=', savedReportId)
    .orderBy('id', 'desc')
    .execute();
}

export async function insertShare(
  db: Kysely<Database>,
  row: {
    account_id: number;
    saved_report_id: number;
    token_hash: string;
    shows_amounts: DbBool;
    expires_at: number;
    created_by: number;
    created_at: number;
  },
) {
  return db
    .insertInto('report_shares')
    .values(row)
    .returning(SHARE_COLUMNS)
    .executeTakeFirstOrThrow();
}

export async function revokeShare(
  db: Kysely<Database>,
  savedReportId: number,
  shareId: number,
  at: number,
) {
  return db
    .updateTable('report_shares')
    .set({ revoked_at: at })
    .where('id', '=', shareId)
    .where('saved_report_id', '=', savedReportId)
    .where('revoked_at', 'is', null)
    .returning(SHARE_COLUMNS)
    .executeTakeFirst();
}

/** A share by its token's hash, with the report it opens. */
export function findShareByHash(db: Kysely<Database>, tokenHash: string) {
  return db
    .selectFrom('report_shares as s')
    .innerJoin('saved_reports as r', 'r.id', 's.saved_report_id')
    .select([
      's.id',
      's.shows_amounts',
      's.expires_at',
      's.revoked_at',
      'r.id as report_id',
      'r.user_id',
      'r.account_id',
      'r.name',
      'r.definition',
    ])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}
