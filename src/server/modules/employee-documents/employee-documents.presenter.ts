import { rfc3339 } from '../../http/flowtly-input.ts';
import { iri, type Format } from '../../http/flowtly-transport.ts';
import type { EmployeeDocument } from './employee-document.rules.ts';

export const documentsIri = (userId: number) => `${iri.employee(userId)}/documents`;
export const documentIri = (userId: number, id: number) => `${documentsIri(userId)}/${id}`;

export function presentDocument(document: EmployeeDocument, format: Format, as: 'item' | 'member') {
  const id = documentIri(document.userId, document.id);
  return {
    ...(format === 'jsonld'
      ? {
          ...(as === 'item' ? { '@context': '/api/contexts/EmployeeDocument' } : {}),
          '@id': id,
          '@type': 'EmployeeDocument',
        }
      : {}),
    id: document.id,
    employee: iri.employee(document.userId),
    fileName: document.fileName,
    contentType: document.contentType,
    size: document.sizeBytes,
    sha256: document.sha256,
    uploadedBy: document.uploadedBy === null ? null : iri.employee(document.uploadedBy),
    createdAt: rfc3339(document.createdAt, 'UTC'),
    // The item IRI is the download: GET it for the bytes.
    contentUrl: id,
  };
}

/** `GET /employees/{id}/documents`, an item operation in Flowtly's docs: one document listing all. */
export function presentDocuments(userId: number, documents: EmployeeDocument[], format: Format) {
  return {
    ...(format === 'jsonld'
      ? {
          '@context': '/api/contexts/EmployeeDocuments',
          '@id': documentsIri(userId),
          '@type': 'EmployeeDocuments',
        }
      : {}),
    employee: iri.employee(userId),
    documents: documents.map((document) => presentDocument(document, format, 'member')),
  };
}
