import { fileTypeFromBuffer } from 'file-type';

/**
 * Which files an employee's record may hold: contracts, scans and spreadsheets, nothing
 * executable or renderable as a page. The type is read from the bytes, never taken from the
 * client's label, so a script renamed to .pdf is refused.
 */
export const ALLOWED_DOCUMENT_TYPES = [
  'application/pdf',
  'image/png',
  'image/jpeg',
  'image/webp',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.text',
  'application/vnd.oasis.opendocument.spreadsheet',
  'text/plain',
  'text/csv',
] as const;

const TEXT_TYPES = new Set(['text/plain', 'text/csv']);

/** Text has no signature: it is text when it decodes as UTF-8 and holds no NUL bytes. */
function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The MIME type of the content, or null when it is not one we keep. */
export async function documentTypeOf(
  bytes: Uint8Array,
  declared: string | undefined,
): Promise<{ type: string; allowed: boolean }> {
  const sniffed = await fileTypeFromBuffer(bytes);
  if (sniffed) {
    return {
      type: sniffed.mime,
      allowed: (ALLOWED_DOCUMENT_TYPES as readonly string[]).includes(sniffed.mime),
    };
  }
  const label = (declared ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (isPlainText(bytes)) {
    return { type: TEXT_TYPES.has(label) ? label : 'text/plain', allowed: true };
  }
  return { type: label || 'application/octet-stream', allowed: false };
}

/** A file name safe to store and to echo in Content-Disposition: no paths, no control characters. */
export function cleanFileName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[\\/]/).pop() ?? '';
  const clean = Array.from(base)
    .filter((c) => c !== '"' && c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join('')
    .trim()
    .slice(0, 255);
  return clean === '' || clean === '.' || clean === '..' ? 'document' : clean;
}

/** `attachment` with an ASCII fallback and the exact UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
