import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createAuthService } from '../auth/auth.service.ts';
import { createSetupService } from './setup.service.ts';

for (const dialect of DIALECTS) {
  // Each test needs a database without any account, so each builds its own.
  describe(`${dialect}: first run in the browser (/punch/v1/setup)`, () => {
    let t: TestApp;
    beforeEach(async () => {
      t = await buildTestApp(dialect);
    });
    afterEach(() => t.close());

    const setupService = () =>
      createSetupService({
        db: t.db,
        clock: t.clock,
        auth: createAuthService({ db: t.db, clock: t.clock }),
      });
    const post = (body: object) =>
      t.app.inject({
        method: 'POST',
        url: '/punch/v1/setup',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(body),
      });
    const owner = {
      accountName: 'Acme',
      firstName: 'Olena',
      lastName: 'Koval',
      email: 'olena@example.com',
      password: 'correct horse',
      timezone: 'Europe/Berlin',
    };

    it('creates the first account with the printed code, once, then signs in', async () => {
      expect((await t.app.inject({ url: '/punch/v1/setup' })).json()).toEqual({ needed: true });
      const code = await setupService().issueSetupCode();
      expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);

      // Typed in lower case without dashes, it is the same code.
      const typed = code!.toLowerCase().replace(/-/g, '');
      const created = await post({ code: typed, ...owner });
      expect(created.statusCode, created.body).toBe(201);
      const { accountId, personId } = created.json();
      expect((await t.app.inject({ url: '/punch/v1/setup' })).json()).toEqual({ needed: false });

      const again = await post({ code: code!, ...owner, email: 'other@example.com' });
      expect(again.statusCode).toBe(422);
      expect(again.json().error.code).toBe('already_set_up');
      expect(await setupService().issueSetupCode()).toBeNull();

      const signedIn = await t.app.inject({
        method: 'POST',
        url: '/punch/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ email: owner.email, password: owner.password }),
      });
      expect(signedIn.statusCode, signedIn.body).toBe(201);
      expect(signedIn.json()).toMatchObject({ accountId, userId: personId });
      const person = await t.db
        .selectFrom('users')
        .select(['first_name', 'access_level', 'timezone'])
        .where('id', '=', personId)
        .executeTakeFirstOrThrow();
      expect(person).toEqual({
        first_name: 'Olena',
        access_level: 'administrator',
        timezone: 'Europe/Berlin',
      });
      // The browser path leaves no API token nobody has seen.
      const tokens = await t.db.selectFrom('personal_access_tokens').select('id').execute();
      expect(tokens).toEqual([]);
    });

    it('refuses a wrong or expired code and keeps the database empty', async () => {
      const code = (await setupService().issueSetupCode())!;
      const wrong = await post({ code: 'AAAA-BBBB-CCCC', ...owner });
      expect(wrong.statusCode).toBe(403);
      expect(wrong.json().error.code).toBe('setup_code_invalid');

      t.clock.advance(25 * 60 * 60);
      const expired = await post({ code, ...owner });
      expect(expired.statusCode).toBe(403);
      const accounts = await t.db.selectFrom('accounts').select('id').execute();
      expect(accounts).toEqual([]);

      // A restart prints a fresh code, and that one works.
      const fresh = (await setupService().issueSetupCode())!;
      expect((await post({ code: fresh, ...owner })).statusCode).toBe(201);
    });

    it('names every problem with the input and spends no code on it', async () => {
      const code = (await setupService().issueSetupCode())!;
      const bad = await post({ code, ...owner, email: 'nope', password: 'short' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.details).toEqual(
        expect.arrayContaining([
          'Email is invalid',
          expect.stringMatching(/Password is too short/),
        ]),
      );
      expect((await post({ code, ...owner })).statusCode).toBe(201);
    });

    it('lets one of two claims racing with the same code win', async () => {
      const code = (await setupService().issueSetupCode())!;
      const results = await Promise.all([
        post({ code, ...owner }),
        post({ code, ...owner, email: 'second@example.com' }),
      ]);
      expect(results.map((r) => r.statusCode).sort()).toEqual([201, 422]);
      const accounts = await t.db.selectFrom('accounts').select('id').execute();
      expect(accounts).toHaveLength(1);
    });
  });
}
