import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';

/** Everything about a document except its bytes, which only a download reads. */
const META = [
  'id',
  'user_id',
  'file_name',
  'content_type',
  'size_bytes',
  'sha256',
  'uploaded_by',
  'created_at',
] as const;

export interface DocumentMeta {
  id: number;
  user_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  sha256: string;
  uploaded_by: number | null;
  created_at: number;
}

export function listDocuments(db: Kysely<Database>, userId: number): Promise<DocumentMeta[]> {
  return db
    .selectFrom('employee_documents')
    .select(META)
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
}

export function findDocumentMeta(
  db: Kysely<Database>,
  userId: number,
  id: number,
): Promise<DocumentMeta | undefined> {
  return db
    .selectFrom('employee_documents')
    .select(META)
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findDocumentContent(
  db: Kysely<Database>,
  userId: number,
  id: number,
): Promise<(DocumentMeta & { content: Uint8Array }) | undefined> {
  return db
    .selectFrom('employee_documents')
    .select([...META, 'content'])
    .where('user_id', '=', userId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertDocument(
  db: Kysely<Database>,
  values: Omit<DocumentMeta, 'id'> & { content: Uint8Array },
): Promise<DocumentMeta> {
  return db
    .insertInto('employee_documents')
    .values(values)
    .returning(META)
    .executeTakeFirstOrThrow();
}

export async function deleteDocument(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom('employee_documents').where('id', '=', id).execute();
}
