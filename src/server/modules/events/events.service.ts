import type { Kysely } from 'kysely';
import type { Database } from '../../db/database-types.ts';
import type { Page } from '../../db/paginate.ts';
import type { Clock } from '../../shared/clock.ts';
import type { PageRequest } from '../../shared/pagination.ts';
import {
  entityTypeOf,
  isNoChange,
  type DomainEvent,
  type EventActor,
  type EventType,
  type Snapshot,
} from './events.rules.ts';
import {
  deleteEventsBefore,
  insertEvents,
  lastEventId,
  listHistory,
  listEventsAfter,
  listLateEvents,
  pageEntityEvents,
  type EventRow,
  type HistoryFilters,
  type Visibility,
} from './events.repository.ts';

export type { HistoryFilters } from './events.repository.ts';

/** An event as the audit log reads it: with the way it came in and who made it. */
export interface HistoryEvent extends RecordedEvent {
  door: string | null;
  actorName: string | null;
}

/** An event as read back: what a live stream or a feed presents. */
export interface RecordedEvent {
  id: number;
  type: EventType;
  entityType: string;
  entityId: number;
  userId: number | null;
  projectId: number | null;
  actorUserId: number | null;
  occurredAt: number;
  before: Snapshot | null;
  after: Snapshot | null;
}

export interface EventsService {
  /**
   * Records changes in the caller's transaction (the unit of work), so an event exists exactly
   * when its change was committed. Updates that changed nothing are left out.
   */
  record(tx: Kysely<Database>, actor: EventActor, ...events: DomainEvent[]): Promise<void>;
  /** Up to `limit` events after `afterId` that the scope may see, oldest first. */
  after(
    accountId: number,
    afterId: number,
    visibleTo: Visibility | undefined,
    limit: number,
  ): Promise<RecordedEvent[]>;
  lastId(accountId: number): Promise<number>;
  /**
   * Events at or below `upToId` (within `window` ids) recorded in the last `graceMs`: those
   * whose transaction committed after a later-numbered one, which a reader resuming "after id"
   * would otherwise never see. The caller drops the ones it already has.
   */
  late(
    accountId: number,
    upToId: number,
    visibleTo: Visibility | undefined,
    options: { window: number; graceMs: number; limit: number },
  ): Promise<RecordedEvent[]>;
  /** The account's events newest first, filtered (the audit log). */
  history(accountId: number, filters: HistoryFilters): Promise<HistoryEvent[]>;
  /**
   * Deletes the events recorded before `before` (retention), keeping any that a reader has not
   * passed yet (`upToId`); answers how many went.
   */
  prune(before: number, upToId: number): Promise<number>;
  /** A page of one event type, one per entity, newest entity first (the deleted-entries feed). */
  pageOfType(
    accountId: number,
    filters: { type: EventType; since?: number; visibleTo?: Visibility },
    request: PageRequest,
  ): Promise<Page<RecordedEvent>>;
}

function parsed(text: string | null): Snapshot | null {
  return text === null ? null : (JSON.parse(text) as Snapshot);
}

function recorded(row: EventRow): RecordedEvent {
  return {
    id: row.id,
    type: row.type as EventType,
    entityType: row.entity_type,
    entityId: row.entity_id,
    userId: row.user_id,
    projectId: row.project_id,
    actorUserId: row.actor_user_id,
    occurredAt: row.occurred_at,
    before: parsed(row.before_json),
    after: parsed(row.after_json),
  };
}

export function createEventsService(deps: { db: Kysely<Database>; clock: Clock }): EventsService {
  const { db, clock } = deps;
  return {
    async record(tx, actor, ...events) {
      const at = clock.now().getTime();
      await insertEvents(
        tx,
        events
          .filter((event) => !isNoChange(event))
          .map((event) => ({
            account_id: actor.accountId,
            type: event.type,
            entity_type: entityTypeOf(event.type),
            entity_id: event.entityId,
            user_id: event.userId ?? null,
            project_id: event.projectId ?? null,
            actor_user_id: actor.userId,
            actor_credential: actor.credential,
            door: actor.door ?? 'system',
            occurred_at: at,
            before_json: event.before === null ? null : JSON.stringify(event.before),
            after_json: event.after === null ? null : JSON.stringify(event.after),
          })),
      );
    },

    async after(accountId, afterId, visibleTo, limit) {
      const rows = await listEventsAfter(db, accountId, { afterId, visibleTo, limit });
      return rows.map(recorded);
    },

    lastId: (accountId) => lastEventId(db, accountId),

    async history(accountId, filters) {
      const rows = await listHistory(db, accountId, filters);
      return rows.map((row) => ({
        ...recorded(row),
        door: row.door,
        actorName:
          row.actor_first_name === null
            ? null
            : `${row.actor_first_name} ${row.actor_last_name ?? ''}`.trim(),
      }));
    },

    prune: (before, upToId) => deleteEventsBefore(db, before, upToId),

    async late(accountId, upToId, visibleTo, options) {
      const rows = await listLateEvents(db, accountId, {
        fromId: upToId - options.window,
        upToId,
        since: clock.now().getTime() - options.graceMs,
        visibleTo,
        limit: options.limit,
      });
      return rows.map(recorded);
    },

    async pageOfType(accountId, filters, request) {
      const page = await pageEntityEvents(db, accountId, filters, request);
      return {
        ...page,
        rows: page.rows.map((row) => recorded({ ...row, id: row.event_id })),
      };
    },
  };
}
