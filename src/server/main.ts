import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { createDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger } from './logger.ts';
import { createAuthService } from './modules/auth/auth.service.ts';
import { createSetupService, type SetupService } from './modules/setup/setup.service.ts';
import { systemClock, type Clock } from './shared/clock.ts';

/** Opens the configured database and brings its schema up to date. */
export async function openDatabase(
  config: Config,
): Promise<DatabaseHandle & { applied: string[] }> {
  const handle = createDatabase(config.database);
  try {
    const applied = await migrateToLatest(handle.db, handle.dialect);
    return { ...handle, applied };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

export function createOperatorServices(
  handle: DatabaseHandle,
  clock: Clock = systemClock,
): SetupService {
  return createSetupService({
    db: handle.db,
    clock,
    auth: createAuthService({ db: handle.db, clock }),
  });
}

function describeDatabase(config: Config): string {
  if (config.database.dialect === 'sqlite') return `SQLite ${config.database.filename}`;
  const url = new URL(config.database.connectionString);
  return `PostgreSQL ${url.host}${url.pathname}`;
}

/**
 * `punch serve`: migrate, listen, and close cleanly on SIGTERM/SIGINT (in-flight requests are
 * finished, then the database is closed).
 */
export async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel, config.logFormat);
  const handle = await openDatabase(config);
  if (handle.applied.length > 0) logger.info({ migrations: handle.applied }, 'migrations applied');
  const app = await buildApp({
    db: handle.db,
    clock: systemClock,
    publicUrl: config.publicUrl,
    rateLimit: config.rateLimit,
    reportsRateLimit: config.reportsRateLimit,
    documentMaxBytes: config.documentMaxBytes,
    webRoot: config.webRoot,
    webhooks: config.webhooks,
    auditRetentionDays: config.auditRetentionDays,
    logger,
  });

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app
      .close()
      .then(() => handle.close())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ host: config.host, port: config.port });
  const operator = createOperatorServices(handle);
  const setupCode = await operator.issueSetupCode();
  const lines = [
    `Punch is running at ${config.publicUrl} (database: ${describeDatabase(config)})`,
    existsSync(join(config.webRoot, 'index.html'))
      ? `  Web app:   ${config.publicUrl}/`
      : '  Web app:   not built (npm install builds it; or npm run build:web)',
    `  API docs:  ${config.publicUrl}/docs`,
  ];
  if (setupCode !== null) {
    lines.push(
      '',
      `No account yet. Open ${config.publicUrl}/ in a browser and enter this one-time setup code:`,
      '',
      `    ${setupCode}`,
      '',
      'It creates the first account and its administrator, works once, and lasts a day (a restart',
      'prints a new one). Or, from a terminal, create them with an API token: run the command',
      'below, then type the password (8 characters or more) and press Enter:',
      '  npx punch setup --account "Acme" --email you@example.com --password-stdin --json',
    );
  } else {
    lines.push('  API token: npx punch token create --email you@example.com');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
}
