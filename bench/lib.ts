import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseDatabaseUrl } from '../src/server/config.ts';
import { createDatabase, type DatabaseHandle } from '../src/server/db/database.ts';
import { migrateToLatest } from '../src/server/db/migrate.ts';

/** The default benchmark database: a file of its own, never the app's data. */
export const DEFAULT_BENCH_DB = 'sqlite:./bench/data/bench.sqlite';

export async function openBenchDatabase(url: string): Promise<DatabaseHandle> {
  const handle = createDatabase(parseDatabaseUrl(url));
  await migrateToLatest(handle.db, handle.dialect);
  return handle;
}

/** A small deterministic PRNG (mulberry32): the same seed gives the same data set. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `YYYY-MM-DD` of a UTC midnight in epoch days. */
export function isoDay(epochDay: number): string {
  return new Date(epochDay * 86_400_000).toISOString().slice(0, 10);
}

export function epochDay(iso: string): number {
  return Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}

/** The Node flags of `npm start` (`node <flags> bin/punch.js serve`). */
function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(1, words.indexOf('bin/punch.js'));
}

/**
 * A real `punch serve` for a benchmark, on `port` with `env` on top of this process's; resolves
 * once /health answers. It goes when this process exits.
 */
export async function startBenchServer(
  port: number,
  env: Record<string, string>,
): Promise<ChildProcess> {
  // The server runs with the Node flags `npm start` gives it, and BENCH_SERVER_NODE_ARGS on
  // top (say, --cpu-prof to profile a run).
  const nodeArgs = [
    ...startFlags(),
    ...(process.env.BENCH_SERVER_NODE_ARGS?.split(' ').filter(Boolean) ?? []),
  ];
  const server = spawn(process.execPath, [...nodeArgs, 'bin/punch.js', 'serve'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  process.on('exit', () => server.kill('SIGTERM'));
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return server;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the benchmark server did not start');
}
