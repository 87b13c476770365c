import { describe, expect, it } from 'vitest';
import { ConfigError, heapGrowingPercent, loadConfig, parseDatabaseUrl } from './config.ts';

describe('parseDatabaseUrl', () => {
  it.each([
    ['sqlite::memory:', { dialect: 'sqlite', filename: ':memory:' }],
    ['sqlite:./data/punch.sqlite', { dialect: 'sqlite', filename: '/srv/punch/data/punch.sqlite' }],
    ['sqlite:data.db', { dialect: 'sqlite', filename: '/srv/punch/data.db' }],
    ['sqlite:/var/lib/punch.db', { dialect: 'sqlite', filename: '/var/lib/punch.db' }],
    ['sqlite:///var/lib/punch.db', { dialect: 'sqlite', filename: '/var/lib/punch.db' }],
    [
      'postgres://u:p@db:5433/punch',
      { dialect: 'postgres', connectionString: 'postgres://u:p@db:5433/punch' },
    ],
    [
      'postgresql://u@localhost/punch',
      { dialect: 'postgres', connectionString: 'postgresql://u@localhost/punch' },
    ],
  ])('reads %s', (url, expected) => {
    expect(parseDatabaseUrl(url, '/srv/punch')).toEqual(expected);
  });

  it.each(['mysql://x@y/z', 'sqlite:', 'punch.sqlite', 'postgres://'])('rejects %s', (url) => {
    expect(() => parseDatabaseUrl(url)).toThrow(ConfigError);
  });
});

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:8080 and the SQLite file under ./data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ host: '127.0.0.1', port: 8080, logLevel: 'info' });
    expect(config.publicUrl).toBe('http://127.0.0.1:8080');
    expect(config.database).toMatchObject({ dialect: 'sqlite' });
    expect(config.database.dialect === 'sqlite' && config.database.filename).toMatch(
      /data\/punch\.sqlite$/,
    );
  });

  it('reads HOST, PORT, PUBLIC_URL, DATABASE_URL, LOG_LEVEL and LOG_FORMAT', () => {
    expect(
      loadConfig({
        HOST: '0.0.0.0',
        PORT: '9000',
        PUBLIC_URL: 'https://punch.example.com/',
        DATABASE_URL: 'postgres://p@h/d',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
      }),
    ).toEqual({
      host: '0.0.0.0',
      port: 9000,
      publicUrl: 'https://punch.example.com',
      database: { dialect: 'postgres', connectionString: 'postgres://p@h/d' },
      logLevel: 'warn',
      logFormat: 'json',
      rateLimit: { max: 100, windowSeconds: 15 },
      reportsRateLimit: { max: 100, windowSeconds: 900 },
      documentMaxBytes: 10 * 1024 * 1024,
      webRoot: expect.stringMatching(/dist\/web$/),
      heapGrowingPercent: 25,
      auditRetentionDays: 0,
      webhooks: { allowedTargets: [], timeoutMs: 10_000, pollMs: 1000, worker: true },
    });
  });

  it('reads the webhook settings and refuses targets that are not addresses', () => {
    expect(
      loadConfig({
        WEBHOOK_ALLOWED_TARGETS: '127.0.0.1, 10.0.0.0/8,::1',
        WEBHOOK_TIMEOUT_MS: '2000',
        WEBHOOK_POLL_MS: '50',
        WEBHOOK_WORKER: 'off',
      }).webhooks,
    ).toEqual({
      allowedTargets: ['127.0.0.1', '10.0.0.0/8', '::1'],
      timeoutMs: 2000,
      pollMs: 50,
      worker: false,
    });
    expect(() => loadConfig({ WEBHOOK_ALLOWED_TARGETS: 'intranet.local' })).toThrow(
      /WEBHOOK_ALLOWED_TARGETS/,
    );
    expect(() => loadConfig({ WEBHOOK_WORKER: 'sometimes' })).toThrow(/WEBHOOK_WORKER/);
  });

  it('reads how far the heap may grow past its live set, 0 for V8 to choose', () => {
    expect(heapGrowingPercent({})).toBe(25);
    expect(heapGrowingPercent({ HEAP_GROWING_PERCENT: '0' })).toBe(0);
    expect(loadConfig({ HEAP_GROWING_PERCENT: '50' }).heapGrowingPercent).toBe(50);
    expect(() => loadConfig({ HEAP_GROWING_PERCENT: 'lots' })).toThrow(/HEAP_GROWING_PERCENT/);
  });

  it('serves the web app from dist/web unless WEB_ROOT says otherwise', () => {
    expect(loadConfig({ WEB_ROOT: '/srv/punch-web' }).webRoot).toBe('/srv/punch-web');
  });

  it('logs readable lines to a terminal and JSON lines to a pipe or file, unless LOG_FORMAT says', () => {
    expect(loadConfig({}, true).logFormat).toBe('pretty');
    expect(loadConfig({}, false).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: '' }, false).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'json' }, true).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'pretty' }, false).logFormat).toBe('pretty');
    expect(() => loadConfig({ LOG_FORMAT: 'text' })).toThrow(/LOG_FORMAT/);
  });

  it('reads the document size limit', () => {
    expect(loadConfig({ DOCUMENT_MAX_BYTES: '1024' }).documentMaxBytes).toBe(1024);
    expect(() => loadConfig({ DOCUMENT_MAX_BYTES: 'big' })).toThrow(/DOCUMENT_MAX_BYTES/);
  });

  it('reads the rate limit and refuses nonsense', () => {
    expect(loadConfig({ RATE_LIMIT_MAX: '0', RATE_LIMIT_WINDOW_SECONDS: '60' }).rateLimit).toEqual({
      max: 0,
      windowSeconds: 60,
    });
    expect(() => loadConfig({ RATE_LIMIT_MAX: '-3' })).toThrow(/RATE_LIMIT_MAX/);
    expect(
      loadConfig({ REPORTS_RATE_LIMIT_MAX: '5', REPORTS_RATE_LIMIT_WINDOW_SECONDS: '60' })
        .reportsRateLimit,
    ).toEqual({ max: 5, windowSeconds: 60 });
    expect(() => loadConfig({ REPORTS_RATE_LIMIT_MAX: 'x' })).toThrow(/REPORTS_RATE_LIMIT_MAX/);
  });

  it.each(['abc', '-1', '70000', '80.5'])('rejects PORT=%s naming the variable', (port) => {
    expect(() => loadConfig({ PORT: port })).toThrow(/PORT/);
  });

  it('rejects a relative PUBLIC_URL', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'punch.example.com' })).toThrow(/PUBLIC_URL/);
  });
});
