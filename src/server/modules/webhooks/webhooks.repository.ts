import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  Database,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhooksTable,
} from '../../db/database-types.ts';
import { supportsRowLocks } from '../../db/dialect.ts';

export type WebhookRow = Selectable<WebhooksTable>;
export type DeliveryRow = Selectable<WebhookDeliveriesTable>;
export type AttemptRow = Selectable<WebhookAttemptsTable>;

export function listWebhooks(db: Kysely<Database>, accountId: number): Promise<WebhookRow[]> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('account_id', '=', accountId)
    .orderBy('id')
    .execute();
}

export function findWebhook(
  db: Kysely<Database>,
  accountId: number,
  id: number,
): Promise<WebhookRow | undefined> {
  return db
    .selectFrom('webhooks')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertWebhook(
  db: Kysely<Database>,
  row: Omit<WebhookRow, 'id'>,
): Promise<WebhookRow> {
  return db.insertInto('webhooks').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateWebhook(
  db: Kysely<Database>,
  accountId: number,
  id: number,
  changes: Partial<Omit<WebhookRow, 'id' | 'account_id'>>,
): Promise<WebhookRow | undefined> {
  return db
    .updateTable('webhooks')
    .set(changes)
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteWebhook(
  db: Kysely<Database>,
  accountId: number,
  id: number,
): Promise<void> {
  await db
    .deleteFrom('webhooks')
    .where('account_id', '=', accountId)
    .where('id', '=', id)
    .execute();
}

export async function readCursor(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('webhook_cursor')
    .select('last_event_id')
    .where('id', '=', 1)
    .executeTakeFirst();
  return row?.last_event_id ?? 0;
}

/** Moves the cursor forward only: two dispatchers may finish in either order. */
export async function advanceCursor(db: Kysely<Database>, to: number): Promise<void> {
  await db
    .updateTable('webhook_cursor')
    .set({ last_event_id: to })
    .where('id', '=', 1)
    .where('last_event_id', '<', to)
    .execute();
}

/** The id of the `limit`-th event after `after` (or the last one): the end of the next batch. */
export async function batchEnd(
  db: Kysely<Database>,
  after: number,
  limit: number,
): Promise<number | null> {
  const rows = await db
    .selectFrom('events')
    .select('id')
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.at(-1)?.id ?? null;
}

export interface EventForWebhook {
  event_id: number;
  event_type: string;
  account_id: number;
  webhook_id: number;
  patterns: string;
}

/**
 * The events in `(fromId, toId]` (recorded since `since`, when given) beside each active
 * subscription of their account that started before them.
 */
export function eventsForWebhooks(
  db: Kysely<Database>,
  range: { fromId: number; toId: number; since?: number },
): Promise<EventForWebhook[]> {
  let query = db
    .selectFrom('events as e')
    .innerJoin('webhooks as w', (join) =>
      join
        .onRef('w.account_id', '=', 'e.account_id')
        .onRef('w.start_after_event_id', '<', 'e.id')
        .on('w.is_active', '=', 1),
    )
    .select([
      'e.id as event_id',
      'e.type as event_type',
      'e.account_id',
      'w.id as webhook_id',
      'w.events as patterns',
    ])
    .where('e.id', '>', range.fromId)
    .where('e.id', '<=', range.toId);
  // Looking back (late commits), only what has no delivery yet: most of it has one.
  if (range.since !== undefined)
    query = query
      .where('e.occurred_at', '>=', range.since)
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('webhook_deliveries as d')
              .select('d.id')
              .whereRef('d.webhook_id', '=', 'w.id')
              .whereRef('d.event_id', '=', 'e.id'),
          ),
        ),
      );
  return query.orderBy('e.id').execute();
}

/** Deliveries to make; one already made for the same subscription and event is left alone. */
export async function insertDeliveries(
  db: Kysely<Database>,
  rows: Omit<DeliveryRow, 'id'>[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += 500) {
    await db
      .insertInto('webhook_deliveries')
      .values(rows.slice(start, start + 500))
      .onConflict((oc) => oc.columns(['webhook_id', 'event_id']).doNothing())
      .execute();
  }
}

/**
 * Claims up to `limit` due deliveries of active subscriptions for this worker until
 * `lockedUntil`: pending ones whose time has come, and ones a worker claimed and never
 * finished (it died). On PostgreSQL the rows are locked and others' locked rows skipped, so
 * several processes never claim the same delivery; SQLite runs one writer at a time.
 */
export async function claimDeliveries(
  db: Kysely<Database>,
  now: number,
  lockedUntil: number,
  limit: number,
): Promise<DeliveryRow[]> {
  let due = db
    .selectFrom('webhook_deliveries as d')
    .select('d.id')
    .where((eb) =>
      eb.or([
        eb.and([eb('d.status', '=', 'pending'), eb('d.next_attempt_at', '<=', now)]),
        eb.and([eb('d.status', '=', 'delivering'), eb('d.locked_until', '<', now)]),
      ]),
    )
    .where((eb) =>
      eb(
        'd.webhook_id',
        'in',
        eb
          .selectFrom('webhooks as w')
          .select('w.id')
          .where('w.is_active', '=', 1)
          .where('w.paused_at', 'is', null),
      ),
    )
    .orderBy('d.next_attempt_at')
    .limit(limit);
  if (supportsRowLocks(db)) due = due.forUpdate().skipLocked();
  return db
    .updateTable('webhook_deliveries')
    .set({ status: 'delivering', locked_until: lockedUntil })
    .where('id', 'in', due)
    .returningAll()
    .execute();
}

export async function insertAttempt(
  db: Kysely<Database>,
  row: Omit<AttemptRow, 'id'>,
): Promise<void> {
  await db.insertInto('webhook_attempts').values(row).execute();
}

export async function finishDelivery(
  db: Kysely<Database>,
  id: number,
  changes: Partial<Omit<DeliveryRow, 'id' | 'account_id' | 'webhook_id'>>,
): Promise<void> {
  await db.updateTable('webhook_deliveries').set(changes).where('id', '=', id).execute();
}

export async function insertDelivery(
  db: Kysely<Database>,
  row: Omit<DeliveryRow, 'id'>,
): Promise<DeliveryRow> {
  return db.insertInto('webhook_deliveries').values(row).returningAll().executeTakeFirstOrThrow();
}

/** A subscription's deliveries, newest first, a page at a time (keyset on id). */
export function listDeliveries(
  db: Kysely<Database>,
  accountId: number,
  webhookId: number,
  filters: { beforeId: number | null; status: string | null; limit: number },
): Promise<DeliveryRow[]> {
  let query = db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('webhook_id', '=', webhookId);
  if (filters.beforeId !== null) query = query.where('id', '<', filters.beforeId);
  if (filters.status !== null) query = query.where('status', '=', filters.status);
  return query.orderBy('id', 'desc').limit(filters.limit).execute();
}

export function findDelivery(
  db: Kysely<Database>,
  accountId: number,
  webhookId: number,
  id: number,
): Promise<DeliveryRow | undefined> {
  return db
    .selectFrom('webhook_deliveries')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('webhook_id', '=', webhookId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listAttempts(db: Kysely<Database>, deliveryId: number): Promise<AttemptRow[]> {
  return db
    .selectFrom('webhook_attempts')
    .selectAll()
    .where('delivery_id', '=', deliveryId)
    .orderBy('id')
    .execute();
}

export type EventRow = Selectable<Database['events']>;

/** The events behind a round's deliveries, for their bodies. */
export function findEvents(db: Kysely<Database>, ids: number[]): Promise<EventRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('events').selectAll().where('id', 'in', ids).execute();
}

/** A round's subscriptions (deliveries carry the ids; the worker serves every account). */
export function findWebhooksByIds(db: Kysely<Database>, ids: number[]): Promise<WebhookRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return db.selectFrom('webhooks').selectAll().where('id', 'in', ids).execute();
}

/** The event behind a delivery, for its body. */
export function findEvent(db: Kysely<Database>, id: number) {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Pauses a subscription once (a second failing delivery finds it paused already). */
export async function pauseWebhook(
  db: Kysely<Database>,
  id: number,
  at: number,
  reason: string,
): Promise<WebhookRow | undefined> {
  return db
    .updateTable('webhooks')
    .set({ paused_at: at, paused_reason: reason, updated_at: at })
    .where('id', '=', id)
    .where('paused_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Counts for the web page's badges: deliveries waiting and given up. */
export async function deliveryCounts(db: Kysely<Database>, accountId: number) {
  return db
    .selectFrom('webhook_deliveries')
    .select(['webhook_id', 'status', sql<number>`count(*)`.as('n')])
    .where('account_id', '=', accountId)
    .where('status', 'in', ['pending', 'delivering', 'failed'])
    .groupBy(['webhook_id', 'status'])
    .execute();
}
