import type { FastifyBaseLogger } from 'fastify';
import type { WebhooksService } from './webhooks.service.ts';

export interface WebhookWorker {
  start(): void;
  /** Stops looking for work and waits for the attempts under way. */
  stop(): Promise<void>;
  /** One round (dispatch, then deliver what is due), for tests that drive the worker. */
  runOnce(): Promise<number>;
}

/** Events read into deliveries per round, and deliveries attempted at once. */
const DISPATCH_BATCH = 500;
const CONCURRENT_DELIVERIES = 32;
/** Late commits (ADR 0013): how far back and how long ago a round looks again. */
const LATE_WINDOW_IDS = 1000;
const LATE_GRACE_MS = 5 * 60_000;

/**
 * The in-process delivery loop every server process runs. It holds no state of its own: the
 * cursor and the deliveries are rows, so a process that dies loses nothing (a delivery it had
 * claimed is taken over when its lease ends), and several processes share the work through
 * their claims.
 */
export function createWebhookWorker(deps: {
  webhooks: WebhooksService;
  pollMs: number;
  logger?: FastifyBaseLogger;
}): WebhookWorker {
  const { webhooks, pollMs, logger } = deps;
  let running = false;
  let timer: NodeJS.Timeout | null = null;
  let round: Promise<void> | null = null;

  async function runOnce(): Promise<number> {
    const dispatched = await webhooks.dispatch({
      batch: DISPATCH_BATCH,
      lateWindowIds: LATE_WINDOW_IDS,
      lateGraceMs: LATE_GRACE_MS,
    });
    const delivered = await webhooks.deliverDue(CONCURRENT_DELIVERIES);
    return dispatched + delivered;
  }

  function schedule(delay: number) {
    if (!running) return;
    timer = setTimeout(() => {
      timer = null;
      round = (async () => {
        let busy = 0;
        try {
          busy = await runOnce();
        } catch (error) {
          // A database hiccup must not stop deliveries for good: log it and try again later.
          logger?.error({ err: error }, 'webhook worker round failed');
        }
        round = null;
        // More may be waiting: go on at once while there is work, then poll.
        schedule(busy > 0 ? 0 : pollMs);
      })();
    }, delay);
    timer.unref();
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(pollMs);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = null;
      await round;
    },
    runOnce,
  };
}
