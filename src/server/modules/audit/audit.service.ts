import type { Clock } from '../../shared/clock.ts';
import { forbidden } from '../../shared/domain-error.ts';
import { isAdministrator, type Actor } from '../auth/auth.rules.ts';
import type { EventsService, HistoryFilters } from '../events/events.service.ts';
import type { WebhooksService } from '../webhooks/webhooks.service.ts';
import { actionOf, fieldChanges, retentionCutoff, type FieldChange } from './audit.rules.ts';
import { COMMON_ERRORS } from '../../shared/common.errors.ts';

export interface AuditEntry {
  id: number;
  occurredAt: number;
  type: string;
  entityType: string;
  entityId: number;
  action: string;
  /** Null for changes made before doors were recorded. */
  door: string | null;
  /** Null when the system made the change (budgets, webhooks, operators). */
  actor: { id: number; name: string | null } | null;
  changes: FieldChange[];
}

export type AuditFilters = Omit<HistoryFilters, 'limit' | 'beforeId'>;

export interface AuditService {
  /** The account's changes, newest first, a page at a time (administrators). */
  list(
    actor: Actor,
    filters: AuditFilters,
    page: { before: number | null; limit: number },
  ): Promise<AuditEntry[]>;
  /** Deletes what the retention setting no longer keeps; answers how many events went. */
  prune(): Promise<number>;
}

export function createAuditService(deps: {
  clock: Clock;
  events: EventsService;
  webhooks: WebhooksService;
  /** Days events are kept; 0 keeps them for ever (AUDIT_RETENTION_DAYS). */
  retentionDays: number;
}): AuditService {
  const { clock, events, webhooks, retentionDays } = deps;
  return {
    async list(actor, filters, page) {
      if (!isAdministrator(actor))
        throw forbidden(COMMON_ERRORS.administratorsOnly, { what: 'audit' });
      const rows = await events.history(actor.accountId, {
        ...filters,
        beforeId: page.before,
        limit: page.limit,
      });
      return rows.map((event) => ({
        id: event.id,
        occurredAt: event.occurredAt,
        type: event.type,
        entityType: event.entityType,
        entityId: event.entityId,
        action: actionOf(event.type),
        door: event.door,
        actor: event.actorUserId === null ? null : { id: event.actorUserId, name: event.actorName },
        changes: fieldChanges(event.before, event.after),
      }));
    },

    async prune() {
      const cutoff = retentionCutoff(clock.now().getTime(), retentionDays);
      if (cutoff === null) return 0;
      // Webhooks still to be made from an event keep it, however old.
      return events.prune(cutoff, await webhooks.cursor());
    },
  };
}
