import { describe, expect, it } from 'vitest';
import { cleanFileName, contentDisposition, documentTypeOf } from './employee-documents.rules.ts';

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n');
const PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1,
  0, 0, 0, 1, 8, 6, 0, 0, 0,
]);

describe('employee documents', () => {
  it('reads the type from the bytes, not from the label', async () => {
    expect(await documentTypeOf(PDF, 'image/png')).toEqual({
      type: 'application/pdf',
      allowed: true,
    });
    expect(await documentTypeOf(PNG, 'application/pdf')).toEqual({
      type: 'image/png',
      allowed: true,
    });
  });

  it('accepts UTF-8 text and keeps a CSV label, refuses binary without a signature', async () => {
    const csv = new TextEncoder().encode('name;hours\nAda;7,5\n');
    expect(await documentTypeOf(csv, 'text/csv')).toEqual({ type: 'text/csv', allowed: true });
    expect(await documentTypeOf(csv, 'application/x-sh')).toEqual({
      type: 'text/plain',
      allowed: true,
    });
    expect(await documentTypeOf(Uint8Array.from([0, 1, 2, 255]), 'text/plain')).toEqual({
      type: 'text/plain',
      allowed: false,
    });
  });

  it('refuses recognised but unwanted types', async () => {
    const gzip = Uint8Array.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4]);
    expect((await documentTypeOf(gzip, 'application/pdf')).allowed).toBe(false);
  });

  it('cleans file names and quotes them for Content-Disposition', () => {
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('C:\\scans\\umowa "2024".pdf')).toBe('umowa 2024.pdf');
    expect(cleanFileName('..')).toBe('document');
    expect(cleanFileName(undefined)).toBe('document');
    expect(contentDisposition('umowa-łódź.pdf')).toBe(
      `attachment; filename="umowa-__d_.pdf"; filename*=UTF-8''umowa-%C5%82%C3%B3d%C5%BA.pdf`,
    );
  });
});
