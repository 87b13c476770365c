import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, capturedLogs, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/dialects.ts';
import { createHarvestCaller } from '../../../test/factories.ts';
import type { App } from './app-types.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: error handling`, () => {
    let t: TestApp;
    let app: App;
    const { logger, lines: logLines } = capturedLogs();

    beforeAll(async () => {
      t = await buildTestApp(dialect, { logger });
      app = t.app;
    });
    // The last test closes the database itself; only the app is left to close.
    afterAll(() => t.app.close());

    it('sends / to the API docs', async () => {
      const res = await app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(302);
      expect(res.headers.location).toBe('/docs');
    });

    it("answers unknown non-Harvest routes in Punch's own format", async () => {
      const res = await app.inject({ method: 'GET', url: '/nope' });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({
        error: { code: 'route_not_found', message: 'No route for GET /nope' },
      });
    });

    it('logs why a credential was refused without sending it', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await app.inject({
        method: 'GET',
        url: '/v2/users/me',
        headers: { ...caller.headers, 'harvest-account-id': '999999', 'x-request-id': 'auth-1' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.body).not.toContain('wrong_account');
      expect(logLines).toContainEqual(
        expect.objectContaining({ reqId: 'auth-1', reason: 'wrong_account' }),
      );
      expect(JSON.stringify(logLines)).not.toContain(caller.token);
    });

    it('never logs a query-string token', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      const res = await app.inject({
        method: 'GET',
        // Percent-encoded name: qs decodes it, so it authenticates, and must still be redacted.
        url: `/v2/users/me?access%5Ftoken=${caller.token}&account_id=${caller.accountId}`,
        headers: { 'user-agent': 'tests', 'x-request-id': 'query-token-1' },
      });
      expect(res.statusCode).toBe(200);
      const lines = logLines.filter((l) => l.reqId === 'query-token-1');
      expect(lines.length).toBeGreaterThan(0);
      expect(JSON.stringify(lines)).not.toContain(caller.token);
      expect(JSON.stringify(lines)).toContain('access%5Ftoken=[redacted]');
    });

    // Last: it closes the database to provoke a failure nobody planned for.
    it('turns an unexpected failure into a bare 500 and logs it with the request id', async () => {
      const caller = await createHarvestCaller(t.db, t.clock);
      await t.db.destroy();
      const res = await app.inject({
        method: 'GET',
        url: '/v2/users/me',
        headers: { ...caller.headers, 'x-request-id': 'boom-1' },
      });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ status: 500, error: 'Internal Server Error' });
      expect(res.headers['x-request-id']).toBe('boom-1');
      const logged = logLines.find((l) => l.reqId === 'boom-1' && l.level === 50);
      expect(logged).toMatchObject({
        msg: 'unhandled error',
        err: expect.objectContaining({ message: expect.any(String) }),
      });

      const health = await app.inject({ method: 'GET', url: '/health' });
      expect(health.statusCode).toBe(503);
      expect(health.json()).toEqual({ status: 'unavailable' });
    });
  });
}
