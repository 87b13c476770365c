import { Type, type Static, type TObject, type TSchema } from 'typebox';
import type { Page } from '../db/paginate.ts';
import { Nullable } from '../shared/schema.ts';
import { BOUNDS } from '../shared/bounds.ts';
import { encodeCursor, MAX_PER_PAGE, pageNumbers, type PageRequest } from '../shared/pagination.ts';

/** Query parameters every Harvest list accepts (§3.2). */
export const PaginationQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: BOUNDS.page })),
  per_page: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PER_PAGE })),
  cursor: Type.Optional(
    Type.String({ description: 'Opaque; follow links.next / links.previous.' }),
  ),
};

const Links = Type.Object({
  first: Type.String(),
  next: Nullable(Type.String()),
  previous: Nullable(Type.String()),
  last: Type.String(),
});

const envelope = {
  per_page: Type.Integer(),
  total_pages: Type.Integer(),
  total_entries: Type.Integer(),
  next_page: Nullable(Type.Integer()),
  previous_page: Nullable(Type.Integer()),
  page: Nullable(Type.Integer()),
  links: Links,
};

export type HarvestPageBody<K extends string, T> = Record<K, T[]> &
  Omit<Static<TObject<typeof envelope>>, never>;

/**
 * A Harvest list: the resource key first (some clients read `Object.keys(body)[0]`), then the
 * pagination fields in Harvest's order.
 */
export function HarvestPage<const K extends string, T extends TSchema>(key: K, item: T) {
  return Type.Object(
    { [key]: Type.Array(item), ...envelope } as Record<K, ReturnType<typeof Type.Array<T>>> &
      typeof envelope,
    {
      title: `Harvest ${key} page`,
    },
  );
}

const NOT_ECHOED = new Set(['page', 'per_page', 'cursor', 'access_token', 'account_id']);

/** Builds the envelope and its links, echoing the caller's filters (keys sorted, as Harvest). */
export function presentHarvestPage<const K extends string, T, R extends { id: number }>(input: {
  key: K;
  items: T[];
  page: Page<R>;
  /** The day a row is ordered by, for lists paged by cursor over days (time entries). */
  dayOf?: (row: R) => string;
  request: PageRequest;
  /** Absolute URL of the list without query, e.g. https://punch.example.com/v2/clients. */
  url: string;
  query: Record<string, unknown>;
}): HarvestPageBody<K, T> {
  const { request, page, url } = input;
  const filters = Object.entries(input.query)
    .filter(([key, value]) => !NOT_ECHOED.has(key) && value !== undefined)
    .map(([key, value]) => [key, String(value)] as [string, string]);
  const link = (params: Record<string, string | number>) => {
    const all = [
      ...filters,
      ...Object.entries(params).map(([k, v]) => [k, String(v)] as [string, string]),
    ];
    all.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `${url}?${new URLSearchParams(all).toString()}`;
  };
  const numbers = pageNumbers(request, page.total);
  const perPage = request.perPage;
  const lastPage = Math.max(numbers.total_pages, 1);
  const first = page.rows[0];
  const last = page.rows[page.rows.length - 1];
  const links = request.cursor
    ? {
        first: link({ page: 1, per_page: perPage, ref: 'first' }),
        next:
          page.hasOlder && last
            ? link({
                cursor: encodeCursor({ after: last.id, date: input.dayOf?.(last) }),
                per_page: perPage,
                ref: 'next_cursor',
              })
            : null,
        previous:
          page.hasNewer && first
            ? link({
                cursor: encodeCursor({ before: first.id, date: input.dayOf?.(first) }),
                per_page: perPage,
                ref: 'previous_cursor',
              })
            : null,
        last: link({ page: lastPage, per_page: perPage, ref: 'last' }),
      }
    : {
        first: link({ page: 1, per_page: perPage, ref: 'first' }),
        next: numbers.next_page
          ? link({ page: numbers.next_page, per_page: perPage, ref: 'next' })
          : null,
        previous: numbers.previous_page
          ? link({ page: numbers.previous_page, per_page: perPage, ref: 'previous' })
          : null,
        last: link({ page: lastPage, per_page: perPage, ref: 'last' }),
      };
  return {
    [input.key]: input.items,
    per_page: perPage,
    total_pages: numbers.total_pages,
    total_entries: page.total,
    next_page: numbers.next_page,
    previous_page: numbers.previous_page,
    page: numbers.page,
    links,
  } as HarvestPageBody<K, T>;
}
