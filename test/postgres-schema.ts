import { sql } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';
import { freePort, startPunch } from './run-punch.ts';

/**
 * A fresh, migrated schema on TEST_DATABASE_URL for tests that run real `punch serve`
 * processes against one PostgreSQL: the URL to give them (search_path set), a handle, and
 * `serve()`, which starts one more such process and answers its base URL. `drop()` stops them
 * and drops the schema.
 */
export async function scopedPostgres(prefix: string): Promise<{
  url: string;
  handle: DatabaseHandle;
  serve(): Promise<string>;
  /** One more `punch serve` with extra settings, and a way to kill it (by any signal). */
  process(
    env: Record<string, string>,
  ): Promise<{ url: string; kill(signal: NodeJS.Signals): Promise<void> }>;
  drop(): Promise<void>;
}> {
  const schema = `${prefix}_${Date.now().toString(36)}`;
  const admin = createDatabase({
    dialect: 'postgres',
    connectionString: process.env.TEST_DATABASE_URL!,
  });
  await sql`create schema ${sql.id(schema)}`.execute(admin.db);
  await admin.close();
  const scoped = new URL(process.env.TEST_DATABASE_URL!);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const url = scoped.toString();
  const handle = createDatabase({ dialect: 'postgres', connectionString: url });
  await migrateToLatest(handle.db, 'postgres');
  const servers: Awaited<ReturnType<typeof startPunch>>[] = [];
  async function start(env: Record<string, string>) {
    const port = await freePort();
    const server = await startPunch({ DATABASE_URL: url, PORT: String(port), ...env });
    servers.push(server);
    return {
      url: `http://127.0.0.1:${port}`,
      async kill(signal: NodeJS.Signals) {
        server.child.kill(signal);
        await server.exited;
      },
    };
  }
  return {
    url,
    handle,
    async serve() {
      return (await start({})).url;
    },
    process: (env) => start(env),
    async drop() {
      for (const server of servers) {
        if (server.child.exitCode === null && server.child.signalCode === null) {
          server.child.kill('SIGTERM');
          await server.exited;
        }
      }
      await sql`drop schema ${sql.id(schema)} cascade`.execute(handle.db);
      await handle.close();
    },
  };
}
