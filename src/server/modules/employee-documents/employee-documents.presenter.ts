import { rfc3339 } from '../../http/flowtly-input.ts';
import { iri, type Format } from '../../http/flowtly-transport.ts';
import type { DocumentMeta } from './employee-documents.repository.ts';

export const documentsIri = (userId: number) => `${iri.employee(userId)}/documents`;
export const documentIri = (userId: number, id: number) => `${documentsIri(userId)}/${id}`;

export function presentDocument(row: DocumentMeta, format: Format, as: 'item' | 'member') {
  const id = documentIri(row.user_id, row.id);
  return {
    ...(format === 'jsonld'
      ? {
          ...(as === 'item' ? { '@context': '/api/contexts/EmployeeDocument' } : {}),
          '@id': id,
          '@type': 'EmployeeDocument',
        }
      : {}),
    id: row.id,
    employee: iri.employee(row.user_id),
    fileName: row.file_name,
    contentType: row.content_type,
    size: row.size_bytes,
    sha256: row.sha256,
    uploadedBy: row.uploaded_by === null ? null : iri.employee(row.uploaded_by),
    createdAt: rfc3339(row.created_at, 'UTC'),
    // The item IRI is the download: GET it for the bytes.
    contentUrl: id,
  };
}

/** `GET /employees/{id}/documents`, an item operation in Flowtly's docs: one document listing all. */
export function presentDocuments(userId: number, rows: DocumentMeta[], format: Format) {
  return {
    ...(format === 'jsonld'
      ? {
          '@context': '/api/contexts/EmployeeDocuments',
          '@id': documentsIri(userId),
          '@type': 'EmployeeDocuments',
        }
      : {}),
    employee: iri.employee(userId),
    documents: rows.map((row) => presentDocument(row, format, 'member')),
  };
}
