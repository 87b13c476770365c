import { invalid } from './domain-error.ts';
import { COMMON_ERRORS } from './common.errors.ts';

/** Harvest's limits (§3.2): per_page defaults to, and may not exceed, 2000. */
export const MAX_PER_PAGE = 2000;

/**
 * A keyset position in a list ordered newest first (id descending): `after` = the page of
 * items older than that id, `before` = the page newer than it. Inserts between two requests
 * neither skip nor repeat items, unlike page numbers.
 */
export type Cursor = ({ after: number } | { before: number }) & {
  /** For lists ordered by date first (time entries): the anchor's date, fixed at paging time. */
  date?: string;
};

export interface PageRequest {
  perPage: number;
  /** 1-based; ignored when a cursor is given ("cursor wins", §3.2). */
  page: number;
  cursor: Cursor | null;
}

export function encodeCursor(cursor: Cursor): string {
  const marker = (id: number) => (cursor.date ? { id, spent_date: cursor.date } : { id });
  const body =
    'after' in cursor ? { after: marker(cursor.after) } : { before: marker(cursor.before) };
  return Buffer.from(JSON.stringify(body)).toString('base64url');
}

/** Parses Harvest's cursor: base64url JSON `{"after":{"id":N}}` or `{"before":{"id":N}}`. */
export function decodeCursor(text: string): Cursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const record = value as Record<string, unknown>;
    for (const direction of ['after', 'before'] as const) {
      const marker = record[direction];
      if (typeof marker === 'object' && marker !== null) {
        const { id, spent_date: date } = marker as Record<string, unknown>;
        if (typeof id === 'number' && Number.isSafeInteger(id) && id >= 0) {
          const dated =
            typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? { date } : {};
          return direction === 'after' ? { after: id, ...dated } : { before: id, ...dated };
        }
      }
    }
    return null;
  } catch {
    return null;
  }
}

export function pageRequest(query: {
  page?: number;
  per_page?: number;
  cursor?: string;
}): PageRequest {
  const cursor =
    query.cursor === undefined || query.cursor === '' ? null : decodeCursor(query.cursor);
  if (query.cursor && !cursor) throw invalid(COMMON_ERRORS.invalidCursor);
  return { perPage: query.per_page ?? MAX_PER_PAGE, page: query.page ?? 1, cursor };
}

export interface PageNumbers {
  total_pages: number;
  next_page: number | null;
  previous_page: number | null;
  page: number | null;
}

/**
 * The envelope's numbers. In cursor mode the page is unknown, so Harvest leaves page,
 * next_page and previous_page null and clients follow `links` instead.
 */
export function pageNumbers(request: PageRequest, totalEntries: number): PageNumbers {
  const totalPages = Math.ceil(totalEntries / request.perPage);
  if (request.cursor)
    return { total_pages: totalPages, next_page: null, previous_page: null, page: null };
  const page = request.page;
  return {
    total_pages: totalPages,
    next_page: page < totalPages ? page + 1 : null,
    previous_page: page > 1 ? Math.min(page - 1, Math.max(totalPages, 1)) : null,
    page,
  };
}
