import { sql, type SelectQueryBuilder } from 'kysely';
import type { PageRequest } from '../shared/pagination.ts';

export interface Page<O> {
  rows: O[];
  total: number;
  /** Items exist after this page (older), and before it (newer). */
  hasOlder: boolean;
  hasNewer: boolean;
}

/**
 * Runs a filtered list query newest first (by `idColumn` descending, which is creation order
 * because ids are never reused), by page number or by keyset cursor, with the total count.
 * `query` must select `id` and may not be ordered or limited yet.
 */
export async function pageNewestFirst<DB, TB extends keyof DB, O extends { id: number }>(
  query: SelectQueryBuilder<DB, TB, O>,
  idColumn: string,
  request: PageRequest,
): Promise<Page<O>> {
  const id = sql.ref<number>(idColumn);
  // Generic over the table, so Kysely cannot type the aliased count: read it as a plain row.
  const counted = (await query
    .clearSelect()
    .select(sql<number>`count(*)`.as('total'))
    .executeTakeFirstOrThrow()) as unknown as { total: number | string };
  const total = Number(counted.total);
  const exists = async (op: '<' | '>', bound: number) =>
    (
      await query
        .where(() => sql<boolean>`${id} ${sql.raw(op)} ${bound}`)
        .limit(1)
        .execute()
    ).length > 0;

  const { cursor, perPage } = request;
  if (!cursor) {
    const offset = (request.page - 1) * perPage;
    const rows = await query.orderBy(id, 'desc').limit(perPage).offset(offset).execute();
    return { rows, total, hasOlder: offset + rows.length < total, hasNewer: offset > 0 };
  }
  if ('after' in cursor) {
    const rows = await query
      .where(() => sql<boolean>`${id} < ${cursor.after}`)
      .orderBy(id, 'desc')
      .limit(perPage + 1)
      .execute();
    const hasOlder = rows.length > perPage;
    const page = rows.slice(0, perPage);
    return {
      rows: page,
      total,
      hasOlder,
      hasNewer: await exists('>', page[0]?.id ?? cursor.after - 1),
    };
  }
  const rows = await query
    .where(() => sql<boolean>`${id} > ${cursor.before}`)
    .orderBy(id, 'asc')
    .limit(perPage + 1)
    .execute();
  const hasNewer = rows.length > perPage;
  const page = rows.slice(0, perPage).reverse();
  return {
    rows: page,
    total,
    hasNewer,
    hasOlder: await exists('<', page[page.length - 1]?.id ?? cursor.before + 1),
  };
}
