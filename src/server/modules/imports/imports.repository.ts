import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import { compiledForRows } from '../../db/compiled-once.ts';

// A type, not an interface: the compiled insert wants rows indexable by column name.
type ImportRecord = {
  account_id: number;
  external_id: string;
  time_entry_id: number;
  created_at: number;
};

const CHUNK = 500;

/** Which of these external ids an account has imported already. */
export async function findImported(
  db: Kysely<Database>,
  accountId: number,
  externalIds: readonly string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  // An account's first import asks one question, not one per 500 rows of its file.
  const any = await db
    .selectFrom('import_records')
    .select('id')
    .where('account_id', '=', accountId)
    .limit(1)
    .executeTakeFirst();
  if (!any) return found;
  for (let start = 0; start < externalIds.length; start += CHUNK) {
    const rows = await db
      .selectFrom('import_records')
      .select('external_id')
      .where('account_id', '=', accountId)
      .where('external_id', 'in', externalIds.slice(start, start + CHUNK))
      .execute();
    for (const row of rows) found.add(row.external_id);
  }
  return found;
}

const insertRecords = compiledForRows((db, rows: ImportRecord[]) =>
  db.insertInto('import_records').values(
    rows.map((row) => ({
      account_id: row.account_id,
      external_id: row.external_id,
      time_entry_id: row.time_entry_id,
      created_at: row.created_at,
    })),
  ),
);

export async function insertImportRecords(
  db: Kysely<Database>,
  rows: readonly ImportRecord[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK)
    await insertRecords(db, rows.slice(start, start + CHUNK));
}
