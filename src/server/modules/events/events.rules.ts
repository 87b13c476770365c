import type { Actor, Door } from '../auth/auth.rules.ts';

/**
 * What changed, in the words of the domain. A type is `entity.verb`; readers (the deleted
 * entries feed, live updates, and later webhooks and the audit log) branch on it, so a type
 * once published keeps its name and meaning.
 */
export const EVENT_TYPES = [
  'account.updated',
  'time_entry.created',
  'time_entry.updated',
  'time_entry.deleted',
  'timer.started',
  'timer.stopped',
  'person.created',
  'person.updated',
  'person.deleted',
  'client.created',
  'client.updated',
  'client.deleted',
  'project.created',
  'project.updated',
  'project.deleted',
  'task.created',
  'task.updated',
  'task.deleted',
  'rate.created',
  'role.created',
  'role.updated',
  'role.deleted',
  'user_assignment.created',
  'user_assignment.updated',
  'user_assignment.deleted',
  'task_assignment.created',
  'task_assignment.updated',
  'task_assignment.deleted',
  'project_rate.created',
  'project_rate.updated',
  'project_rate.deleted',
  'document.created',
  'document.deleted',
  'login.granted',
  'login.invited',
  'login.accepted',
  'login.revoked',
  'timesheet.submitted',
  'timesheet.withdrawn',
  'timesheet.approved',
  'timesheet.rejected',
  'timesheet.reopened',
  'timesheet.unlocked',
  'invoice.created',
  'invoice.updated',
  'invoice.deleted',
  'invoice_payment.created',
  'invoice_payment.deleted',
  'invoice_message.created',
  'invoice_message.deleted',
  'budget.threshold_crossed',
  'budget.exceeded',
  'budget.forecast_warning',
  'saved_report.created',
  'saved_report.updated',
  'saved_report.deleted',
  'report_share.created',
  'report_share.revoked',
  'webhook.created',
  'webhook.updated',
  'webhook.deleted',
  'webhook.paused',
] as const;

export type EventType = (typeof EVENT_TYPES)[number];

/** The part of the type before the dot: what kind of record the event is about. */
export type EntityType = EventType extends `${infer E}.${string}` ? E : never;

/** A snapshot of a record as the domain sees it: camelCase, JSON-safe, instants as ISO text. */
export type Snapshot = Record<string, unknown>;

export interface DomainEvent {
  type: EventType;
  entityId: number;
  /** The person whose record it is (a time entry's person, the person itself), when there is one. */
  userId?: number | null;
  projectId?: number | null;
  before: Snapshot | null;
  after: Snapshot | null;
}

/** Who made a change: a person with their credential, or the operator (CLI, migrations). */
export interface EventActor {
  accountId: number;
  userId: number | null;
  credential: string;
  /** Which way in the change came; `system` when no request made it. */
  door?: Door;
}

export function eventActorOf(actor: Actor): EventActor {
  return {
    accountId: actor.accountId,
    userId: actor.userId,
    credential: actor.credential.kind,
    door: actor.door ?? 'native',
  };
}

export function entityTypeOf(type: EventType): EntityType {
  return type.slice(0, type.indexOf('.')) as EntityType;
}

/**
 * An update that changed nothing records nothing: readers act on events, and a no-op PATCH
 * (a client re-sending what it has) must not wake every other tab or fire a webhook.
 */
export function isNoChange(event: DomainEvent): boolean {
  if (event.before === null || event.after === null) return false;
  return JSON.stringify(withoutStamp(event.before)) === JSON.stringify(withoutStamp(event.after));
}

function withoutStamp(snapshot: Snapshot): Snapshot {
  const { updatedAt: _ignored, ...rest } = snapshot;
  return rest;
}

/** Epoch milliseconds as the ISO text snapshots carry (UTC, millisecond precision). */
export function isoInstant(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/**
 * A stored row as a snapshot: camelCase keys, epoch-millisecond `*_at` columns as ISO text,
 * database booleans (0/1 `is_*`, `has_*`) as booleans. For records whose stored fields are
 * what the domain calls them; entries with derived figures have their own (time entries).
 */
export function rowSnapshot(row: Record<string, unknown>, omit: readonly string[] = []): Snapshot {
  const snapshot: Snapshot = {};
  for (const [key, value] of Object.entries(row)) {
    if (omit.includes(key) || key === 'account_id') continue;
    const name = key.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
    if (key.endsWith('_at') && typeof value === 'number') snapshot[name] = isoInstant(value);
    else if (
      /^(is|has|use|uses|billable|wants)_|^billable$/.test(key) &&
      (value === 0 || value === 1)
    )
      snapshot[name] = value === 1;
    else snapshot[name] = value;
  }
  return snapshot;
}
