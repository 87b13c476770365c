import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import type { Database, EventsTable } from '../../db/database-types.ts';
import { compiledForRows } from '../../db/compiled-once.ts';
import { pageNewestFirst } from '../../db/paginate.ts';
import type { PageRequest } from '../../shared/pagination.ts';

export type EventRow = Selectable<EventsTable>;

export type NewEvent = Omit<EventRow, 'id'>;

/** Rows per INSERT: twelve parameters each stays far below both drivers' parameter limits. */
const INSERT_CHUNK = 500;

const EVENT_COLUMNS = [
  'account_id',
  'type',
  'entity_type',
  'entity_id',
  'user_id',
  'project_id',
  'actor_user_id',
  'actor_credential',
  'door',
  'occurred_at',
  'before_json',
  'after_json',
] as const satisfies readonly (keyof NewEvent)[];

// Every column named, so a chunk of a given size compiles once (a bulk import writes many).
const insertRows = compiledForRows((db, rows: NewEvent[]) =>
  db
    .insertInto('events')
    .values(
      rows.map((row) => Object.fromEntries(EVENT_COLUMNS.map((c) => [c, row[c]])) as NewEvent),
    ),
);

export async function insertEvents(db: Kysely<Database>, events: NewEvent[]): Promise<void> {
  for (let start = 0; start < events.length; start += INSERT_CHUNK) {
    await insertRows(db, events.slice(start, start + INSERT_CHUNK));
  }
}

export interface Visibility {
  userIds: number[];
  projectIds: number[];
}

/** Events of the people and projects a scope sees (`-1`: an empty list stays valid SQL). */
function visibleIn(visibleTo: Visibility) {
  return (eb: ExpressionBuilder<Database & { e: EventsTable }, 'e'>) =>
    eb.or([
      eb('e.user_id', 'in', [-1, ...visibleTo.userIds]),
      eb('e.project_id', 'in', [-1, ...visibleTo.projectIds]),
    ]);
}

/** Events after `afterId`, oldest first: what a live stream has not sent yet. */
export async function listEventsAfter(
  db: Kysely<Database>,
  accountId: number,
  filters: { afterId: number; visibleTo?: Visibility; limit: number },
): Promise<EventRow[]> {
  let query = db
    .selectFrom('events as e')
    .selectAll('e')
    .where('e.account_id', '=', accountId)
    .where('e.id', '>', filters.afterId);
  if (filters.visibleTo) query = query.where(visibleIn(filters.visibleTo));
  return query.orderBy('e.id', 'asc').limit(filters.limit).execute();
}

/**
 * Events numbered at most `upToId` but recorded since `since`: on PostgreSQL an id is handed
 * out at insert and seen at commit, so a reader already past an id can still meet it. The id
 * range keeps this on the (account_id, id) index.
 */
export async function listLateEvents(
  db: Kysely<Database>,
  accountId: number,
  filters: { fromId: number; upToId: number; since: number; visibleTo?: Visibility; limit: number },
): Promise<EventRow[]> {
  let query = db
    .selectFrom('events as e')
    .selectAll('e')
    .where('e.account_id', '=', accountId)
    .where('e.id', '>', filters.fromId)
    .where('e.id', '<=', filters.upToId)
    .where('e.occurred_at', '>=', filters.since);
  if (filters.visibleTo) query = query.where(visibleIn(filters.visibleTo));
  return query.orderBy('e.id', 'asc').limit(filters.limit).execute();
}

/** The newest event id of an account (0 when none): where a new live stream starts. */
export async function lastEventId(db: Kysely<Database>, accountId: number): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select((eb) => eb.fn.max('id').as('last'))
    .where('account_id', '=', accountId)
    .executeTakeFirst();
  // PostgreSQL returns a bigint aggregate as text.
  return Number((row?.last as number | string | null | undefined) ?? 0);
}

/**
 * One event of a type per entity, newest entity first, as a page (the entity id is the page
 * key, so a feed keeps the order its clients had when it was read from the entity table).
 */
export function pageEntityEvents(
  db: Kysely<Database>,
  accountId: number,
  filters: { type: string; since?: number; visibleTo?: Visibility },
  request: PageRequest,
) {
  let query = db
    .selectFrom('events as e')
    // The page key must be called `id`: the entity's, with the event's own id beside it.
    .select([
      'e.entity_id as id',
      'e.id as event_id',
      'e.account_id',
      'e.type',
      'e.entity_type',
      'e.entity_id',
      'e.user_id',
      'e.project_id',
      'e.actor_user_id',
      'e.actor_credential',
      'e.door',
      'e.occurred_at',
      'e.before_json',
      'e.after_json',
    ])
    .where('e.account_id', '=', accountId)
    .where('e.type', '=', filters.type);
  if (filters.since !== undefined) query = query.where('e.occurred_at', '>=', filters.since);
  if (filters.visibleTo) query = query.where(visibleIn(filters.visibleTo));
  return pageNewestFirst(query, 'e.entity_id', request);
}

export interface HistoryFilters {
  actorUserId: number | null;
  entityType: string | null;
  entityId: number | null;
  /** The verb of the type (`created`, `updated`, …). */
  action: string | null;
  /** Epoch milliseconds, inclusive. */
  from: number | null;
  to: number | null;
  beforeId: number | null;
  limit: number;
}

/** An account's events newest first, with the name of whoever made each (the audit log). */
export function listHistory(db: Kysely<Database>, accountId: number, f: HistoryFilters) {
  let query = db
    .selectFrom('events as e')
    .leftJoin('users as u', 'u.id', 'e.actor_user_id')
    .selectAll('e')
    .select(['u.first_name as actor_first_name', 'u.last_name as actor_last_name'])
    .where('e.account_id', '=', accountId);
  if (f.actorUserId !== null) query = query.where('e.actor_user_id', '=', f.actorUserId);
  if (f.entityType !== null) query = query.where('e.entity_type', '=', f.entityType);
  if (f.entityId !== null) query = query.where('e.entity_id', '=', f.entityId);
  if (f.action !== null)
    query =
      f.entityType !== null
        ? query.where('e.type', '=', `${f.entityType}.${f.action}`)
        : query.where('e.type', 'like', `%.${f.action}`);
  if (f.from !== null) query = query.where('e.occurred_at', '>=', f.from);
  if (f.to !== null) query = query.where('e.occurred_at', '<=', f.to);
  if (f.beforeId !== null) query = query.where('e.id', '<', f.beforeId);
  return query.orderBy('e.id', 'desc').limit(f.limit).execute();
}

/** Deletes events recorded before `before` and numbered at most `upToId`; answers how many. */
export async function deleteEventsBefore(
  db: Kysely<Database>,
  before: number,
  upToId: number,
): Promise<number> {
  const result = await db
    .deleteFrom('events')
    .where('occurred_at', '<', before)
    .where('id', '<=', upToId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
