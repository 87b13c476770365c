import type { Kysely } from 'kysely';
import { buildApp } from '../src/server/app.ts';
import type { Dialect } from '../src/server/db/database.ts';
import type { Database } from '../src/server/db/database-types.ts';
import type { App } from '../src/server/http/app-types.ts';
import { FixedClock } from '../src/server/shared/clock.ts';
import { createTestDatabase } from './test-database.ts';

export const TEST_NOW = '2026-03-04T09:30:00Z';
export const TEST_PUBLIC_URL = 'http://punch.test';

export interface TestApp {
  app: App;
  db: Kysely<Database>;
  clock: FixedClock;
  dialect: Dialect;
  close(): Promise<void>;
}

/** One app and database per test file; tests isolate themselves by creating their own account. */
export async function buildTestApp(
  dialect: Dialect,
  options: {
    rateLimit?: { max: number; windowSeconds: number };
    reportsRateLimit?: { max: number; windowSeconds: number };
    documentMaxBytes?: number;
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
  });
  await app.ready();
  return {
    app,
    db: handle.db,
    clock,
    dialect,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}
