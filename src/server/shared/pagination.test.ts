import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageNumbers, pageRequest } from './pagination.ts';
import { refusalOf } from '../../../test/worded.ts';

describe('cursors', () => {
  it("decode Harvest's documented examples", () => {
    expect(decodeCursor('eyJhZnRlciI6eyJpZCI6MzAwN319')).toEqual({ after: 3007 });
    expect(decodeCursor('eyJiZWZvcmUiOnsiaWQiOjYwMDZ9fQ')).toEqual({ before: 6006 });
  });

  it('carry an optional date for date-ordered lists', () => {
    const cursor = { after: 9, date: '2026-03-01' };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    const bad = Buffer.from('{"after":{"id":9,"spent_date":"x"}}').toString('base64url');
    expect(decodeCursor(bad)).toEqual({ after: 9 });
  });

  it('round-trip', () => {
    expect(decodeCursor(encodeCursor({ after: 42 }))).toEqual({ after: 42 });
    expect(decodeCursor(encodeCursor({ before: 7 }))).toEqual({ before: 7 });
    expect(encodeCursor({ after: 3007 })).toBe('eyJhZnRlciI6eyJpZCI6MzAwN319');
  });

  it.each([
    '',
    'not-base64!',
    'e30',
    encodeCursor({ after: 1 }).slice(0, 5),
    'eyJhZnRlciI6eyJpZCI6LTF9fQ',
  ])('reject %j', (text) => {
    expect(decodeCursor(text)).toBeNull();
  });
});

describe('pageRequest', () => {
  it('defaults to page 1 of 2000', () => {
    expect(pageRequest({})).toEqual({ perPage: 2000, page: 1, cursor: null });
  });

  it('lets the cursor win over the page', () => {
    expect(pageRequest({ page: 3, per_page: 10, cursor: encodeCursor({ after: 9 }) })).toEqual({
      perPage: 10,
      page: 3,
      cursor: { after: 9 },
    });
  });

  it('refuses a cursor it did not make', () => {
    expect(refusalOf(() => pageRequest({ cursor: 'garbage' }))).toBe('Cursor is invalid');
  });
});

describe('pageNumbers', () => {
  const page = (p: number, perPage = 100) => ({ perPage, page: p, cursor: null });

  it.each([
    [page(1), 119, { total_pages: 2, next_page: 2, previous_page: null, page: 1 }],
    [page(2), 119, { total_pages: 2, next_page: null, previous_page: 1, page: 2 }],
    [page(1, 2000), 123, { total_pages: 1, next_page: null, previous_page: null, page: 1 }],
    [page(1), 0, { total_pages: 0, next_page: null, previous_page: null, page: 1 }],
    [page(5), 119, { total_pages: 2, next_page: null, previous_page: 2, page: 5 }],
  ])('%j of %i entries', (request, total, expected) => {
    expect(pageNumbers(request, total)).toEqual(expected);
  });

  it('leaves page numbers null in cursor mode', () => {
    expect(pageNumbers({ perPage: 10, page: 1, cursor: { after: 5 } }, 25)).toEqual({
      total_pages: 3,
      next_page: null,
      previous_page: null,
      page: null,
    });
  });
});
