import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/dialects.ts';
import { createHarvestCaller } from '../../../test/factories.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Harvest rate limit`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect, { rateLimit: { max: 3, windowSeconds: 15 } });
    });
    afterAll(() => t.close());

    const me = (headers: Record<string, string>) =>
      t.app.inject({ method: 'GET', url: '/v2/users/me', headers });

    it('answers 429 with Retry-After once a token used up its window, per token', async () => {
      const a = await createHarvestCaller(t.db, t.clock);
      const b = await createHarvestCaller(t.db, t.clock);
      for (let i = 0; i < 3; i++) expect((await me(a.headers)).statusCode).toBe(200);
      const limited = await me(a.headers);
      expect(limited.statusCode).toBe(429);
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15);
      expect(limited.json().message).toMatch(/Rate limit of 3 requests per 15 seconds exceeded/);
      // Another token of the same server is counted on its own.
      expect((await me(b.headers)).statusCode).toBe(200);
    });

    it('sends no X-RateLimit headers, as Harvest sends none', async () => {
      const c = await createHarvestCaller(t.db, t.clock);
      const res = await me(c.headers);
      expect(res.statusCode).toBe(200);
      expect(Object.keys(res.headers).filter((h) => h.startsWith('x-ratelimit'))).toEqual([]);
    });
  });
}
