import type { Kysely } from 'kysely';
import { Writable } from 'node:stream';
import type { Logger } from 'pino';
import { buildApp } from '../src/server/app.ts';
import { createLogger } from '../src/server/logger.ts';
import type { Dialect } from '../src/server/db/database.ts';
import type { Database } from '../src/server/db/database-types.ts';
import type { App } from '../src/server/http/app-types.ts';
import { FixedClock } from '../src/server/shared/clock.ts';
import { createTestDatabase } from './test-database.ts';

/** A logger whose JSON lines land in `lines`, for tests about what the server logs. */
export function capturedLogs(level = 'info'): { logger: Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger(level, sink), lines };
}

export const TEST_NOW = '2026-03-04T09:30:00Z';
export const TEST_PUBLIC_URL = 'http://punch.test';

export interface TestApp {
  app: App;
  db: Kysely<Database>;
  clock: FixedClock;
  dialect: Dialect;
  /** Resolves once the work a request leaves behind (weighing budgets) is done. */
  settled(): Promise<void>;
  /** One round of the webhook worker (dispatch, then deliver what is due); answers the work done. */
  deliverWebhooks(): Promise<number>;
  close(): Promise<void>;
}

/** One app and database per test file; tests isolate themselves by creating their own account. */
export async function buildTestApp(
  dialect: Dialect,
  options: {
    rateLimit?: { max: number; windowSeconds: number };
    reportsRateLimit?: { max: number; windowSeconds: number };
    documentMaxBytes?: number;
    /** A built web app to serve (see web-app.api.test.ts); none by default. */
    webRoot?: string;
    /** Where the app logs (see `capturedLogs`); silent by default. */
    logger?: Logger;
    /** Days the audit log keeps events (0: for ever). */
    auditRetentionDays?: number;
    /** Webhook settings; tests drive the worker with `deliverWebhooks()` unless `worker` is on. */
    webhooks?: {
      allowedTargets?: readonly string[];
      timeoutMs?: number;
      pollMs?: number;
      worker?: boolean;
      random?: () => number;
    };
    /** Records per page asked of an import's source (small, to cross pages with little data). */
    importSourcePageSize?: number;
    /** Rows an import writes per transaction (small, to cross batches with little data). */
    importBatchSize?: number;
  } = {},
): Promise<TestApp> {
  const handle = await createTestDatabase(dialect);
  const clock = new FixedClock(TEST_NOW);
  // Tests make many requests per token; the limiter has its own test with a small limit.
  const rateLimit = options.rateLimit ?? { max: 0, windowSeconds: 15 };
  const app = await buildApp({
    db: handle.db,
    clock,
    publicUrl: TEST_PUBLIC_URL,
    rateLimit,
    reportsRateLimit: options.reportsRateLimit,
    documentMaxBytes: options.documentMaxBytes,
    webRoot: options.webRoot ?? null,
    // Live-update streams look for new events often, so tests see them at once.
    liveUpdatePollMs: 20,
    // Budgets are weighed a moment after time changes; tests wait for them by polling.
    budgetWeighDelayMs: 5,
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.webhooks ? { webhooks: options.webhooks } : {}),
    ...(options.auditRetentionDays ? { auditRetentionDays: options.auditRetentionDays } : {}),
    ...(options.importSourcePageSize ? { importSourcePageSize: options.importSourcePageSize } : {}),
    ...(options.importBatchSize ? { importBatchSize: options.importBatchSize } : {}),
  });
  await app.ready();
  return {
    app,
    db: handle.db,
    clock,
    dialect,
    settled: () => (app as unknown as { settled: () => Promise<void> }).settled(),
    deliverWebhooks: () =>
      (app as unknown as { webhookWorker: { runOnce(): Promise<number> } }).webhookWorker.runOnce(),
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}
