import type { DocumentMeta } from './employee-documents.repository.ts';

/** A file kept on a person's record (a contract, a certificate), without its bytes. */
export interface EmployeeDocument {
  id: number;
  /** The person whose record holds it. */
  userId: number;
  fileName: string;
  /** The type its bytes were found to be, not the one the upload declared. */
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** Who uploaded it; null when that person is gone. */
  uploadedBy: number | null;
  createdAt: number;
}

export function employeeDocumentOf(row: DocumentMeta): EmployeeDocument {
  return {
    id: row.id,
    userId: row.user_id,
    fileName: row.file_name,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by,
    createdAt: row.created_at,
  };
}
