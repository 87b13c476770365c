import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { wordedInvalid } from '../../shared/domain-error.ts';
import { EVENT_ERRORS } from './events.errors.ts';
import type { TimeEntriesService } from '../time-entries/time-entries.service.ts';
import type { EventsService, RecordedEvent } from './events.service.ts';
import { Type } from 'typebox';

/** Events read per poll: a burst larger than this is sent over the following polls. */
const BATCH = 200;
/**
 * Late commits (ADR 0013): each poll also looks back this many ids and this long for events
 * that committed after a later-numbered one; ids sent within the grace are remembered.
 */
const LATE_WINDOW_IDS = 1000;
const LATE_GRACE_MS = 10_000;
/** A comment line this often keeps proxies from closing an idle stream. */
const HEARTBEAT_MS = 15_000;

const StreamQuery = Type.Object({
  after: Type.Optional(
    Type.Integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: 'Resume after this event id (as Last-Event-ID does).',
    }),
  ),
});

function frame(event: RecordedEvent): string {
  const data = {
    id: event.id,
    type: event.type,
    entityType: event.entityType,
    entityId: event.entityId,
    userId: event.userId,
    projectId: event.projectId,
    actorUserId: event.actorUserId,
    occurredAt: new Date(event.occurredAt).toISOString(),
    before: event.before,
    after: event.after,
  };
  return `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * Live updates for the signed-in person (Server-Sent Events): every change they may see, read
 * from the events outbox, so that two tabs or two devices stay in step. A reconnecting
 * browser sends Last-Event-ID and misses nothing that was committed in between.
 */
export function nativeEventsRoutes(
  app: App,
  deps: { events: EventsService; timeEntries: TimeEntriesService; pollMs: number },
) {
  const { events, timeEntries, pollMs } = deps;
  // Open streams never finish by themselves: a shutting-down server ends them, or it would
  // wait for them for ever (browsers reconnect to another process with Last-Event-ID).
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });
  app.get(
    '/events',
    {
      schema: {
        operationId: 'streamEvents',
        summary: 'A live stream of changes the caller may see (text/event-stream)',
        description:
          'Each message has the event id as `id`, its type (`time_entry.created`, `timer.started`, …) as `event`, and the event as JSON `data` with camelCase before/after snapshots. Without `Last-Event-ID` or `after`, the stream starts with the next change.',
        tags: ['Punch: Live updates'],
        security: NATIVE_SECURITY,
        querystring: StreamQuery,
        produces: ['text/event-stream'],
        response: {
          200: {
            description: 'Server-Sent Events, until the client disconnects.',
            content: { 'text/event-stream': { schema: { type: 'string' } } },
          },
        },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const header = request.headers['last-event-id'];
      let cursor: number;
      if (typeof header === 'string' && header !== '') {
        if (!/^\d{1,15}$/.test(header))
          throw wordedInvalid(['Last-Event-ID is not an event id'], EVENT_ERRORS.invalidEventId);
        cursor = Number(header);
      } else {
        cursor = request.query.after ?? (await events.lastId(actor.accountId));
      }
      const scope = await timeEntries.visibleScope(actor);
      // Ids sent lately, with when they were recorded, so a late look-back repeats none.
      const sent = new Map<number, number>();
      // What committed at or before the cursor when the stream opens is what the client has
      // (or, for a new stream, not news): the late look-back is for commits after this point.
      // A late commit during a reconnect can still be missed; while connected, none is.
      if (cursor > 0) {
        const known = await events.late(actor.accountId, cursor, scope, {
          window: LATE_WINDOW_IDS,
          graceMs: LATE_GRACE_MS,
          limit: LATE_WINDOW_IDS,
        });
        for (const event of known) sent.set(event.id, event.occurredAt);
      }

      reply.hijack();
      const out = reply.raw;
      out.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      out.write(`retry: ${Math.max(pollMs, 1000)}\n\n`);

      let closed = false;
      let busy = false;
      // Counted in polls, not read from a clock: the heartbeat is about the wire, not the time.
      const heartbeatEvery = Math.max(1, Math.round(HEARTBEAT_MS / pollMs));
      let quietPolls = 0;
      const send = (event: RecordedEvent) => {
        if (sent.has(event.id)) return;
        sent.set(event.id, event.occurredAt);
        out.write(frame(event));
      };
      const poll = async () => {
        if (closed || busy) return;
        busy = true;
        try {
          // The credential is checked again on every poll: signing out or revoking a token
          // ends its streams too, not only its next request.
          try {
            await request.reauthenticate?.();
          } catch {
            end();
            return;
          }
          if (cursor > 0) {
            const late = await events.late(actor.accountId, cursor, scope, {
              window: LATE_WINDOW_IDS,
              graceMs: LATE_GRACE_MS,
              limit: BATCH,
            });
            for (const event of late) send(event);
          }
          const batch = await events.after(actor.accountId, cursor, scope, BATCH);
          for (const event of batch) {
            send(event);
            cursor = event.id;
          }
          // Forget ids once nothing recorded that long ago can still be looked back at.
          const newest = batch[batch.length - 1]?.occurredAt ?? 0;
          for (const [id, at] of sent) {
            if (sent.size <= BATCH || at >= newest - 2 * LATE_GRACE_MS) break;
            sent.delete(id);
          }
          quietPolls = batch.length > 0 ? 0 : quietPolls + 1;
          if (quietPolls >= heartbeatEvery) {
            out.write(': keep-alive\n\n');
            quietPolls = 0;
          }
        } catch (error) {
          request.log.warn({ err: error }, 'live updates: reading events failed');
        } finally {
          busy = false;
        }
      };
      const timer = setInterval(() => void poll(), pollMs);
      const stop = () => {
        closed = true;
        clearInterval(timer);
        open.delete(end);
      };
      const end = () => {
        stop();
        out.end();
      };
      open.add(end);
      request.raw.on('close', stop);
      out.on('close', stop);
      await poll();
    },
  );
}
