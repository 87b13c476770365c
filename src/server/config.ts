import { fileURLToPath } from 'node:url';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import ipaddr from 'ipaddr.js';

/**
 * The only place that reads the environment. Parsed once at start-up; a bad value stops the
 * process with a message that names the variable.
 */
export type DatabaseConfig =
  { dialect: 'sqlite'; filename: string } | { dialect: 'postgres'; connectionString: string };

export interface Config {
  host: string;
  port: number;
  database: DatabaseConfig;
  /** Base of absolute links we emit (pagination links, Location headers, company base_uri). */
  publicUrl: string;
  logLevel: string;
  /** `pretty` (human-readable lines, for a person at a terminal) or `json` (one object a line). */
  logFormat: LogFormat;
  /** Harvest API requests per token and window (Harvest: 100 per 15 s); 0 turns limiting off. */
  rateLimit: { max: number; windowSeconds: number };
  reportsRateLimit: { max: number; windowSeconds: number };
  /** Largest employee document accepted, in bytes (ADR 0008). */
  documentMaxBytes: number;
  /** The built web app, served at the root; `npm install` builds it (WEB_ROOT overrides). */
  webRoot: string;
  /**
   * How far V8 lets the heap grow past what is live before collecting, in percent; 0 leaves
   * V8's own choice (up to four times the live set). See ADR 0020.
   */
  heapGrowingPercent: number;
  /** Days events (the audit log) are kept; 0 keeps them for ever (AUDIT_RETENTION_DAYS). */
  auditRetentionDays: number;
  /** Webhook deliveries (ADR 0021). */
  webhooks: {
    /** Non-public addresses and CIDR ranges deliveries may reach (WEBHOOK_ALLOWED_TARGETS). */
    allowedTargets: string[];
    timeoutMs: number;
    pollMs: number;
    /** Whether this process delivers (WEBHOOK_WORKER=off leaves it to others). */
    worker: boolean;
  };
}

export type LogFormat = 'pretty' | 'json';

export const DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const DEFAULT_DATABASE_URL = 'sqlite:./data/punch.sqlite';

/** `sqlite:PATH`, `sqlite::memory:`, or `postgres://user[:password]@host[:port]/database`. */
export function parseDatabaseUrl(url: string, cwd = process.cwd()): DatabaseConfig {
  if (url === 'sqlite::memory:') return { dialect: 'sqlite', filename: ':memory:' };
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new ConfigError('DATABASE_URL: sqlite: needs a file path');
    return { dialect: 'sqlite', filename: resolve(cwd, path) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      // Not echoed: the URL may carry a password.
      throw new ConfigError('DATABASE_URL: not a valid PostgreSQL URL');
    }
    // postgres:///db (local socket) is fine; postgres:// alone names nothing.
    if (parsed.hostname === '' && parsed.pathname.length <= 1 && !parsed.searchParams.has('host')) {
      throw new ConfigError('DATABASE_URL: a PostgreSQL URL needs a host or a database name');
    }
    return { dialect: 'postgres', connectionString: url };
  }
  throw new ConfigError(
    'DATABASE_URL must be sqlite:PATH, sqlite::memory: or postgres://user@host/database',
  );
}

function parseCount(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new ConfigError(`${name} must be a whole number of 0 or more, got "${raw}"`);
  }
  return value;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`PORT must be an integer between 0 and 65535, got "${raw}"`);
  }
  return port;
}

/** LOG_FORMAT wins; without it a terminal gets readable lines and a pipe or file gets JSON. */
function parseLogFormat(raw: string | undefined, stdoutIsTerminal: boolean): LogFormat {
  if (raw === undefined || raw === '') return stdoutIsTerminal ? 'pretty' : 'json';
  if (raw === 'pretty' || raw === 'json') return raw;
  throw new ConfigError(`LOG_FORMAT must be pretty or json, got "${raw}"`);
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  // Undefined (falsy), not false, when stdout is a pipe or a file, whatever the typings say.
  stdoutIsTerminal: boolean = process.stdout.isTTY,
): Config {
  const host = env.HOST ?? '127.0.0.1';
  const port = parsePort(env.PORT ?? '8080');
  const publicUrl = (
    env.PUBLIC_URL ?? `http://${host.includes(':') ? `[${host}]` : host}:${port}`
  ).replace(/\/+$/, '');
  try {
    new URL(publicUrl);
  } catch {
    throw new ConfigError(`PUBLIC_URL must be an absolute URL, got "${publicUrl}"`);
  }
  return {
    host,
    port,
    database: parseDatabaseUrl(env.DATABASE_URL ?? DEFAULT_DATABASE_URL),
    publicUrl,
    webRoot: env.WEB_ROOT ?? fileURLToPath(new URL('../../dist/web', import.meta.url)),
    logLevel: env.LOG_LEVEL ?? 'info',
    logFormat: parseLogFormat(env.LOG_FORMAT, stdoutIsTerminal),
    rateLimit: {
      max: parseCount('RATE_LIMIT_MAX', env.RATE_LIMIT_MAX, 100),
      windowSeconds: Math.max(
        1,
        parseCount('RATE_LIMIT_WINDOW_SECONDS', env.RATE_LIMIT_WINDOW_SECONDS, 15),
      ),
    },
    reportsRateLimit: {
      max: parseCount('REPORTS_RATE_LIMIT_MAX', env.REPORTS_RATE_LIMIT_MAX, 100),
      windowSeconds: Math.max(
        1,
        parseCount(
          'REPORTS_RATE_LIMIT_WINDOW_SECONDS',
          env.REPORTS_RATE_LIMIT_WINDOW_SECONDS,
          15 * 60,
        ),
      ),
    },
    documentMaxBytes: Math.max(
      1,
      parseCount('DOCUMENT_MAX_BYTES', env.DOCUMENT_MAX_BYTES, DEFAULT_DOCUMENT_MAX_BYTES),
    ),
    heapGrowingPercent: heapGrowingPercent(env),
    auditRetentionDays: parseCount('AUDIT_RETENTION_DAYS', env.AUDIT_RETENTION_DAYS, 0),
    webhooks: {
      allowedTargets: parseTargets(env.WEBHOOK_ALLOWED_TARGETS),
      timeoutMs: Math.max(100, parseCount('WEBHOOK_TIMEOUT_MS', env.WEBHOOK_TIMEOUT_MS, 10_000)),
      pollMs: Math.max(10, parseCount('WEBHOOK_POLL_MS', env.WEBHOOK_POLL_MS, 1000)),
      worker: parseSwitch('WEBHOOK_WORKER', env.WEBHOOK_WORKER, true),
    },
  };
}

/** A comma-separated list of IP addresses and CIDR ranges. */
function parseTargets(raw: string | undefined): string[] {
  if (raw === undefined || raw.trim() === '') return [];
  const entries = raw
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const valid = entry.includes('/') ? ipaddr.isValidCIDR(entry) : ipaddr.isValid(entry);
    if (!valid)
      throw new ConfigError(
        `WEBHOOK_ALLOWED_TARGETS must list IP addresses or CIDR ranges, got "${entry}"`,
      );
  }
  return entries;
}

function parseSwitch(name: string, raw: string | undefined, fallback: boolean): boolean {
  if (raw === undefined || raw === '') return fallback;
  if (['on', 'true', '1', 'yes'].includes(raw.toLowerCase())) return true;
  if (['off', 'false', '0', 'no'].includes(raw.toLowerCase())) return false;
  throw new ConfigError(`${name} must be on or off, got "${raw}"`);
}

/** Read apart from the rest because it must be set before the modules load (src/cli/heap.ts). */
export function heapGrowingPercent(env: NodeJS.ProcessEnv = process.env): number {
  return parseCount('HEAP_GROWING_PERCENT', env.HEAP_GROWING_PERCENT, 25);
}

/**
 * What the people's CLI reads from its environment: where its login is kept (PUNCH_CONFIG, else
 * the XDG config directory) and whether `punch open` may start a browser (PUNCH_NO_BROWSER).
 */
export function cliEnvironment(env: NodeJS.ProcessEnv = process.env): {
  loginPath: string;
  noBrowser: boolean;
} {
  const base = env.XDG_CONFIG_HOME || join(env.HOME || homedir(), '.config');
  return {
    loginPath: env.PUNCH_CONFIG || join(base, 'punch', 'login.json'),
    noBrowser: Boolean(env.PUNCH_NO_BROWSER),
  };
}
