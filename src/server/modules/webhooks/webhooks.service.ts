import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import type { Clock } from '../../shared/clock.ts';
import {
  DomainError,
  forbidden,
  invalid,
  invalidAll,
  refusal,
  type Refusal,
} from '../../shared/domain-error.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import type { EventsService } from '../events/events.service.ts';
import { eventActorOf, isoInstant, type Snapshot } from '../events/events.rules.ts';
import { literalTargetAllowed, send, type AttemptResult } from './webhooks.delivery.ts';
import { WEBHOOK_ERRORS } from './webhooks.errors.ts';
import {
  advanceCursor,
  batchEnd,
  claimDeliveries,
  deleteWebhook,
  deliveryCounts,
  eventsForWebhooks,
  findDelivery,
  findEvent,
  findEvents,
  findWebhook,
  findWebhooksByIds,
  finishDelivery,
  insertAttempt,
  insertDeliveries,
  insertDelivery,
  insertWebhook,
  listAttempts,
  listDeliveries,
  listWebhooks,
  pauseWebhook,
  readCursor,
  updateWebhook,
  type AttemptRow,
  type DeliveryRow,
  type EventRow,
  type WebhookRow,
} from './webhooks.repository.ts';
import {
  eventPatternProblem,
  newSecret,
  nextAttemptAt,
  PING_EVENT,
  signatureHeader,
  succeeded,
  urlProblem,
  wantsEvent,
} from './webhooks.rules.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';

export interface Webhook {
  id: number;
  url: string;
  description: string;
  events: string[];
  active: boolean;
  pausedAt: number | null;
  pausedReason: string | null;
  createdAt: number;
  updatedAt: number;
  /** Deliveries waiting (pending or being delivered) and given up. */
  pending: number;
  failed: number;
}

export type DeliveryStatus = 'pending' | 'delivering' | 'succeeded' | 'failed';

export interface WebhookDelivery {
  id: number;
  webhookId: number;
  eventId: number | null;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: number | null;
  lastAttemptedAt: number | null;
  lastStatusCode: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  deliveredAt: number | null;
  createdAt: number;
}

export interface WebhookAttempt {
  id: number;
  attemptedAt: number;
  statusCode: number | null;
  durationMs: number;
  responseExcerpt: string | null;
  error: string | null;
}

export interface WebhookInput {
  url: string;
  events: string[];
  description?: string;
  active?: boolean;
}

export interface WebhookSettings {
  /** Addresses and CIDR ranges deliveries may reach although they are not public. */
  allowedTargets: readonly string[];
  timeoutMs: number;
  /** How long a claimed delivery stays claimed before another worker may take it over. */
  leaseMs: number;
  /** [0, 1): the retries' jitter. */
  random: () => number;
  /** Milliseconds from an arbitrary origin, for durations. */
  elapsed: () => number;
}

export interface WebhooksService {
  list(actor: Actor): Promise<Webhook[]>;
  get(actor: Actor, id: number): Promise<Webhook>;
  /** The secret is returned here and on rotation only. */
  create(actor: Actor, input: WebhookInput): Promise<{ webhook: Webhook; secret: string }>;
  update(actor: Actor, id: number, input: Partial<WebhookInput>): Promise<Webhook>;
  delete(actor: Actor, id: number): Promise<void>;
  rotateSecret(actor: Actor, id: number): Promise<{ webhook: Webhook; secret: string }>;
  deliveries(
    actor: Actor,
    id: number,
    page: { before: number | null; status: DeliveryStatus | null; limit: number },
  ): Promise<WebhookDelivery[]>;
  delivery(
    actor: Actor,
    id: number,
    deliveryId: number,
  ): Promise<{ delivery: WebhookDelivery; attempts: WebhookAttempt[]; body: string | null }>;
  /** Queues a delivery again, now, whatever became of it. */
  redeliver(actor: Actor, id: number, deliveryId: number): Promise<WebhookDelivery>;
  /** Sends a `webhook.ping` at once and answers how it went (logged like any delivery). */
  ping(actor: Actor, id: number): Promise<WebhookDelivery>;

  /**
   * The worker's side. `dispatch` turns events after the cursor (and late commits within the
   * grace) into deliveries; `deliverDue` claims due deliveries and attempts them. Each returns
   * how many it handled, so a worker knows whether to look again at once.
   */
  dispatch(options: { batch: number; lateWindowIds: number; lateGraceMs: number }): Promise<number>;
  deliverDue(limit: number): Promise<number>;
  /** The last event id made into deliveries: events up to it are no longer needed here. */
  cursor(): Promise<number>;
}

const notFound = () => new DomainError('not_found', WEBHOOK_ERRORS.notFound, 'Webhook not found');
const deliveryNotFound = () =>
  new DomainError('not_found', WEBHOOK_ERRORS.deliveryNotFound, 'Delivery not found');

function parsedPatterns(text: string): string[] {
  const value: unknown = JSON.parse(text);
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
}

function webhookOf(row: WebhookRow, counts: { pending: number; failed: number }): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: parsedPatterns(row.events),
    active: row.is_active === 1,
    pausedAt: row.paused_at,
    pausedReason: row.paused_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    ...counts,
  };
}

/** A delivery not yet attempted. */
function newDelivery(
  row: Pick<DeliveryRow, 'account_id' | 'webhook_id' | 'event_id' | 'event_type' | 'status'>,
  now: number,
  lockedUntil: number | null = null,
): Omit<DeliveryRow, 'id'> {
  return {
    ...row,
    attempts: 0,
    next_attempt_at: now,
    locked_until: lockedUntil,
    first_attempted_at: null,
    last_attempted_at: null,
    last_status_code: null,
    last_duration_ms: null,
    last_error: null,
    delivered_at: null,
    created_at: now,
  };
}

/** For snapshots, which leave the counts out (and must not query inside a transaction). */
const NO_COUNTS = { pending: 0, failed: 0 };

function deliveryOf(row: DeliveryRow): WebhookDelivery {
  return {
    id: row.id,
    webhookId: row.webhook_id,
    eventId: row.event_id,
    eventType: row.event_type,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    lastAttemptedAt: row.last_attempted_at,
    lastStatusCode: row.last_status_code,
    lastDurationMs: row.last_duration_ms,
    lastError: row.last_error,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

function attemptOf(row: AttemptRow): WebhookAttempt {
  return {
    id: row.id,
    attemptedAt: row.attempted_at,
    statusCode: row.status_code,
    durationMs: row.duration_ms,
    responseExcerpt: row.response_excerpt,
    error: row.error,
  };
}

/** What events and the audit log keep of a subscription: never its secret. */
function snapshotOf(webhook: Webhook): Snapshot {
  return {
    id: webhook.id,
    url: webhook.url,
    description: webhook.description,
    events: webhook.events,
    active: webhook.active,
    pausedAt: isoInstant(webhook.pausedAt),
    pausedReason: webhook.pausedReason,
  };
}

export function createWebhooksService(deps: {
  db: Kysely<Database>;
  clock: Clock;
  events: EventsService;
  settings: WebhookSettings;
}): WebhooksService {
  const { db, clock, events, settings } = deps;

  function admin(actor: Actor) {
    if (!isAdministrator(actor))
      throw forbidden(COMMON_ERRORS.administratorsOnly, { what: 'webhooks' });
  }

  async function counted(accountId: number, rows: WebhookRow[]): Promise<Webhook[]> {
    const counts = await deliveryCounts(db, accountId);
    return rows.map((row) => {
      const mine = counts.filter((c) => c.webhook_id === row.id);
      const n = (status: string) => mine.find((c) => c.status === status)?.n ?? 0;
      return webhookOf(row, { pending: n('pending') + n('delivering'), failed: n('failed') });
    });
  }

  async function own(actor: Actor, id: number, conn: Kysely<Database> = db) {
    admin(actor);
    const row = await findWebhook(conn, actor.accountId, id);
    if (!row) throw notFound();
    return row;
  }

  /** The problems of a URL and event list, with the URL's address checked where it is literal. */
  function check(input: Partial<WebhookInput>) {
    // The URL's and patterns' problems are the native API's own words (webhooks exist only
    // there), carried with the field they are about.
    const problems: Refusal[] = [];
    const problemOf = (field: string, problem: string) =>
      problems.push(refusal(WEBHOOK_ERRORS.invalid, { field, problem }));
    if (input.url !== undefined) {
      const problem = urlProblem(input.url);
      if (problem) problemOf('url', problem);
      else if (!literalTargetAllowed(new URL(input.url), settings.allowedTargets))
        throw invalid(WEBHOOK_ERRORS.targetNotAllowed);
    }
    if (input.events !== undefined) {
      if (input.events.length === 0) problemOf('events', 'name at least one event type, or *');
      for (const pattern of input.events) {
        const problem = eventPatternProblem(pattern);
        if (problem) problemOf('events', problem);
      }
    }
    if (problems.length > 0) throw invalidAll(WEBHOOK_ERRORS.invalid, problems);
  }

  /** The body a receiver gets for an event: the entity as the native API's snapshots show it. */
  async function bodyOf(
    delivery: DeliveryRow,
    at: number,
    known?: Map<number, EventRow>,
  ): Promise<string | null> {
    if (delivery.event_id === null)
      return JSON.stringify({
        id: null,
        type: PING_EVENT,
        occurredAt: isoInstant(at),
        accountId: delivery.account_id,
        webhookId: delivery.webhook_id,
        deliveryId: delivery.id,
        data: { message: 'Punch is reaching this URL.' },
        previous: null,
      });
    const event = known?.get(delivery.event_id) ?? (await findEvent(db, delivery.event_id));
    if (!event) return null;
    const after = event.after_json === null ? null : (JSON.parse(event.after_json) as Snapshot);
    const before = event.before_json === null ? null : (JSON.parse(event.before_json) as Snapshot);
    return JSON.stringify({
      id: event.id,
      type: event.type,
      occurredAt: isoInstant(event.occurred_at),
      accountId: event.account_id,
      webhookId: delivery.webhook_id,
      deliveryId: delivery.id,
      entityType: event.entity_type,
      entityId: event.entity_id,
      actorUserId: event.actor_user_id,
      // A deletion carries the record as it was; anything else as it is now.
      data: after ?? before,
      previous: after === null ? null : before,
    });
  }

  /** One attempt at a claimed delivery: send, log, and settle what happens next. */
  async function attempt(
    delivery: DeliveryRow,
    webhook: WebhookRow,
    known?: Map<number, EventRow>,
  ): Promise<DeliveryRow> {
    const at = clock.now().getTime();
    const body = await bodyOf(delivery, at, known);
    const result: AttemptResult =
      body === null
        ? {
            statusCode: null,
            durationMs: 0,
            responseExcerpt: null,
            error: 'event no longer stored',
          }
        : await send(
            webhook.url,
            body,
            {
              'content-type': 'application/json',
              'user-agent': 'Punch-Webhooks/1',
              'punch-webhook-id': String(webhook.id),
              'punch-delivery-id': String(delivery.id),
              'punch-event-id': delivery.event_id === null ? '' : String(delivery.event_id),
              'punch-event-type': delivery.event_type,
              'punch-signature': signatureHeader(webhook.secret, Math.floor(at / 1000), body),
            },
            {
              timeoutMs: settings.timeoutMs,
              allowedTargets: settings.allowedTargets,
              elapsed: settings.elapsed,
            },
          );
    const now = clock.now().getTime();
    const first = delivery.first_attempted_at ?? at;
    const ok = succeeded(result.statusCode);
    const retryAt =
      ok || body === null
        ? null
        : nextAttemptAt(first, delivery.attempts + 1, now, settings.random());
    const status: DeliveryStatus = ok ? 'succeeded' : retryAt === null ? 'failed' : 'pending';
    const changes = {
      status,
      attempts: delivery.attempts + 1,
      next_attempt_at: retryAt ?? now,
      locked_until: null,
      first_attempted_at: first,
      last_attempted_at: at,
      last_status_code: result.statusCode,
      last_duration_ms: result.durationMs,
      last_error: result.error,
      delivered_at: ok ? now : null,
    };
    await db.transaction().execute(async (tx) => {
      await insertAttempt(tx, {
        delivery_id: delivery.id,
        attempted_at: at,
        status_code: result.statusCode,
        duration_ms: result.durationMs,
        response_excerpt: result.responseExcerpt,
        error: result.error,
      });
      await finishDelivery(tx, delivery.id, changes);
      // Given up after a day: the subscription is paused and the account told (an event the
      // web app and the audit log show). A ping that fails pauses nothing.
      if (status === 'failed' && body !== null && delivery.event_id !== null) {
        const reason = `Deliveries failed for a day (last: ${result.error ?? `HTTP ${result.statusCode ?? '?'}`})`;
        const paused = await pauseWebhook(tx, webhook.id, now, reason);
        if (paused)
          await events.record(
            tx,
            { accountId: webhook.account_id, userId: null, credential: 'system', door: 'system' },
            {
              type: 'webhook.paused',
              entityId: webhook.id,
              before: snapshotOf(webhookOf(webhook, NO_COUNTS)),
              after: snapshotOf(webhookOf(paused, NO_COUNTS)),
            },
          );
      }
    });
    return { ...delivery, ...changes };
  }

  return {
    async list(actor) {
      admin(actor);
      return counted(actor.accountId, await listWebhooks(db, actor.accountId));
    },

    async get(actor, id) {
      const [webhook] = await counted(actor.accountId, [await own(actor, id)]);
      return webhook as Webhook;
    },

    async create(actor, input) {
      admin(actor);
      check(input);
      const now = clock.now().getTime();
      const secret = newSecret();
      // Only what happens from now on: a new subscription is not sent the account's past.
      const startAfter = await events.lastId(actor.accountId);
      const row = await db.transaction().execute(async (tx) => {
        const created = await insertWebhook(tx, {
          account_id: actor.accountId,
          url: input.url,
          description: input.description ?? '',
          events: JSON.stringify([...new Set(input.events)]),
          secret,
          is_active: input.active === false ? 0 : 1,
          paused_at: null,
          paused_reason: null,
          start_after_event_id: startAfter,
          created_at: now,
          updated_at: now,
        });
        await events.record(tx, eventActorOf(actor), {
          type: 'webhook.created',
          entityId: created.id,
          before: null,
          after: snapshotOf(webhookOf(created, NO_COUNTS)),
        });
        return created;
      });
      return { webhook: webhookOf(row, NO_COUNTS), secret };
    },

    async update(actor, id, input) {
      check(input);
      const row = await db.transaction().execute(async (tx) => {
        const before = await own(actor, id, tx);
        const now = clock.now().getTime();
        const resumes = input.active === true;
        const updated = await updateWebhook(tx, actor.accountId, id, {
          ...(input.url === undefined ? {} : { url: input.url }),
          ...(input.description === undefined ? {} : { description: input.description }),
          ...(input.events === undefined
            ? {}
            : { events: JSON.stringify([...new Set(input.events)]) }),
          ...(input.active === undefined ? {} : { is_active: input.active ? 1 : 0 }),
          // Switching a paused subscription on again resumes it; its waiting deliveries go.
          ...(resumes ? { paused_at: null, paused_reason: null } : {}),
          updated_at: now,
        });
        if (!updated) throw notFound();
        await events.record(tx, eventActorOf(actor), {
          type: 'webhook.updated',
          entityId: id,
          before: snapshotOf(webhookOf(before, NO_COUNTS)),
          after: snapshotOf(webhookOf(updated, NO_COUNTS)),
        });
        return updated;
      });
      const [webhook] = await counted(actor.accountId, [row]);
      return webhook as Webhook;
    },

    async delete(actor, id) {
      await db.transaction().execute(async (tx) => {
        const before = await own(actor, id, tx);
        await deleteWebhook(tx, actor.accountId, id);
        await events.record(tx, eventActorOf(actor), {
          type: 'webhook.deleted',
          entityId: id,
          before: snapshotOf(webhookOf(before, NO_COUNTS)),
          after: null,
        });
      });
    },

    async rotateSecret(actor, id) {
      await own(actor, id);
      const secret = newSecret();
      const row = await updateWebhook(db, actor.accountId, id, {
        secret,
        updated_at: clock.now().getTime(),
      });
      if (!row) throw notFound();
      const [webhook] = await counted(actor.accountId, [row]);
      return { webhook: webhook as Webhook, secret };
    },

    async deliveries(actor, id, page) {
      await own(actor, id);
      const rows = await listDeliveries(db, actor.accountId, id, {
        beforeId: page.before,
        status: page.status,
        limit: page.limit,
      });
      return rows.map(deliveryOf);
    },

    async delivery(actor, id, deliveryId) {
      await own(actor, id);
      const row = await findDelivery(db, actor.accountId, id, deliveryId);
      if (!row) throw deliveryNotFound();
      const [attempts, body] = await Promise.all([
        listAttempts(db, row.id),
        bodyOf(row, row.last_attempted_at ?? row.created_at),
      ]);
      return { delivery: deliveryOf(row), attempts: attempts.map(attemptOf), body };
    },

    async redeliver(actor, id, deliveryId) {
      await own(actor, id);
      const row = await findDelivery(db, actor.accountId, id, deliveryId);
      if (!row) throw deliveryNotFound();
      const now = clock.now().getTime();
      const changes = {
        status: 'pending',
        next_attempt_at: now,
        locked_until: null,
        // A new day of retries from here.
        first_attempted_at: null,
        delivered_at: null,
      };
      await finishDelivery(db, row.id, changes);
      return deliveryOf({ ...row, ...changes });
    },

    async ping(actor, id) {
      const webhook = await own(actor, id);
      const now = clock.now().getTime();
      const delivery = await insertDelivery(
        db,
        newDelivery(
          {
            account_id: actor.accountId,
            webhook_id: id,
            event_id: null,
            event_type: PING_EVENT,
            status: 'delivering',
          },
          now,
          now + settings.leaseMs,
        ),
      );
      const done = await attempt(delivery, webhook);
      // A ping is tried once: it answers the person who pressed the button, now.
      if (done.status === 'pending') {
        await finishDelivery(db, done.id, { status: 'failed' });
        return deliveryOf({ ...done, status: 'failed' });
      }
      return deliveryOf(done);
    },

    async dispatch(options) {
      const cursor = await readCursor(db);
      const end = await batchEnd(db, cursor, options.batch);
      const now = clock.now().getTime();
      // Late commits: on PostgreSQL an id is taken at insert and seen at commit, so an event
      // below the cursor may have become visible since; the unique (webhook, event) index
      // makes looking again harmless.
      const rows = [
        ...(await eventsForWebhooks(db, {
          fromId: Math.max(0, cursor - options.lateWindowIds),
          toId: cursor,
          since: now - options.lateGraceMs,
        })),
        ...(end === null ? [] : await eventsForWebhooks(db, { fromId: cursor, toId: end })),
      ];
      const deliveries = rows
        .filter((row) => wantsEvent(parsedPatterns(row.patterns), row.event_type))
        .map((row) =>
          newDelivery(
            {
              account_id: row.account_id,
              webhook_id: row.webhook_id,
              event_id: row.event_id,
              event_type: row.event_type,
              status: 'pending',
            },
            now,
          ),
        );
      await db.transaction().execute(async (tx) => {
        await insertDeliveries(tx, deliveries);
        if (end !== null) await advanceCursor(tx, end);
      });
      return end === null ? 0 : end - cursor;
    },

    cursor: () => readCursor(db),

    async deliverDue(limit) {
      const now = clock.now().getTime();
      const claimed = await claimDeliveries(db, now, now + settings.leaseMs, limit);
      if (claimed.length === 0) return 0;
      // One read for the round's subscriptions and one for its events, not one per delivery.
      const [hooks, known] = await Promise.all([
        findWebhooksByIds(db, [...new Set(claimed.map((d) => d.webhook_id))]),
        findEvents(
          db,
          claimed.flatMap((d) => (d.event_id === null ? [] : [d.event_id])),
        ),
      ]);
      const byId = new Map(hooks.map((h) => [h.id, h]));
      const events = new Map(known.map((e) => [e.id, e]));
      await Promise.all(
        claimed.map(async (delivery) => {
          const webhook = byId.get(delivery.webhook_id);
          if (webhook) await attempt(delivery, webhook, events);
        }),
      );
      return claimed.length;
    },
  };
}
