import { Type } from 'typebox';
import type { Page } from '../db/paginate.ts';
import { wordedInvalid } from '../shared/domain-error.ts';
import { decodeCursor, encodeCursor, type PageRequest } from '../shared/pagination.ts';

/** The native API's list parameters: an opaque cursor from the previous page, and a size. */
export const NativeListQuery = {
  cursor: Type.Optional(
    Type.String({ maxLength: 200, description: 'nextCursor of the page before.' }),
  ),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
};

/** The page a native list asks for: the first, or the one after a cursor it gave out. */
export function nativePageRequest(query: { cursor?: string; limit?: number }): PageRequest {
  const cursor = query.cursor === undefined ? null : decodeCursor(query.cursor);
  if (query.cursor !== undefined && (!cursor || !('after' in cursor))) {
    throw wordedInvalid(['cursor is not one this list gave'], 'invalid_cursor');
  }
  return { perPage: query.limit ?? 100, page: 1, cursor };
}

/** The cursor of the page after this one, or null at the end; `date` for date-ordered lists. */
export function nextCursor<T extends { id: number }>(
  page: Page<T>,
  dateOf?: (row: T) => string,
): string | null {
  const last = page.rows[page.rows.length - 1];
  if (!page.hasOlder || !last) return null;
  return encodeCursor(dateOf ? { after: last.id, date: dateOf(last) } : { after: last.id });
}
