import { describe, expect, it } from 'vitest';
import { employeeDocumentOf } from './employee-document.rules.ts';

describe('employeeDocumentOf', () => {
  it('reads a document’s stored facts in camelCase, without its bytes', () => {
    expect(
      employeeDocumentOf({
        id: 4,
        user_id: 9,
        file_name: 'contract.pdf',
        content_type: 'application/pdf',
        size_bytes: 1234,
        sha256: 'ab',
        uploaded_by: null,
        created_at: 77,
      }),
    ).toEqual({
      id: 4,
      userId: 9,
      fileName: 'contract.pdf',
      contentType: 'application/pdf',
      sizeBytes: 1234,
      sha256: 'ab',
      uploadedBy: null,
      createdAt: 77,
    });
  });
});
