import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { flowtlyRequests } from '../../../../test/flowtly-requests.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';

/**
 * A login is attached to a person only when its owner proves it (ADR 0011). These tests replay
 * the takeover that outside testing found: account B creates a login with a password it chose
 * for an e-mail that account A uses later.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: logins across accounts`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const { post, get, del } = flowtlyRequests(() => t.app);
    const harvest = harvestRequests(() => t.app);
    const JSON_TYPE = 'application/json';

    async function account() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const flowtly: Headers = { authorization: `Bearer ${admin.token}` };
      return { admin, flowtly };
    }
    const email = (what: string) =>
      `${what}-${dialect}-${Math.random().toString(36).slice(2)}@example.com`;
    const login = (payload: object) => post({}, '/api/login', payload, JSON_TYPE);
    const accept = (payload: object, headers: Headers = {}) =>
      post(headers, '/api/invitations/accept', payload, JSON_TYPE);
    const jwtAccount = (token: string) => Number(decodeJwt(token).acc);

    /** B's administrator makes a login for `victim` with a password B chose. */
    async function squat(victim: string, password: string) {
      const b = await account();
      const made = await post(b.flowtly, '/api/employees', {
        firstName: 'Squatted',
        lastName: 'Login',
        email: victim,
      });
      expect(made.statusCode).toBe(201);
      const granted = await post(b.flowtly, `/api/employees/${made.json().id}/user`, { password });
      expect(granted.statusCode).toBe(201);
      return b;
    }

    it('does not attach a person added through Harvest to a login another account made', async () => {
      const victim = email('victim');
      const b = await squat(victim, 'chosen by B admin');
      const a = await account();
      const added = await harvest.send('POST', a.admin.headers, '/v2/users', {
        first_name: 'Victim',
        last_name: 'InA',
        email: victim,
      });
      expect(added.statusCode).toBe(201);
      const person = added.json<{ id: number }>();
      expect((await get(a.flowtly, `/api/employees/${person.id}`)).json().user).toBeNull();

      // B's password signs in to B only: the JWT names B's account and cannot read A.
      const signedIn = await login({ username: victim, password: 'chosen by B admin' });
      expect(signedIn.statusCode).toBe(200);
      const token = signedIn.json<{ token: string }>().token;
      expect(jwtAccount(token)).toBe(b.admin.accountId);
      const me = await get({ authorization: `Bearer ${token}` }, '/api/employees/me');
      expect(me.json()['hydra:member'][0].id).not.toBe(person.id);
      // Naming A does not help either: the login is no person there.
      const named = await login({
        username: victim,
        password: 'chosen by B admin',
        account_id: a.admin.accountId,
      });
      expect(named.statusCode).toBe(401);
      expect(named.json()).toEqual({ code: 401, message: 'Invalid credentials.' });
    });

    it('does not attach a Flowtly employee either, and never lets A set that login’s password', async () => {
      const victim = email('victim');
      await squat(victim, 'chosen by B admin');
      const a = await account();
      const created = await post(a.flowtly, '/api/employees', {
        firstName: 'Victim',
        lastName: 'InA',
        email: victim,
      });
      expect(created.json().user).toBeNull();
      const withPassword = await post(a.flowtly, `/api/employees/${created.json().id}/user`, {
        password: 'chosen by A admin',
      });
      expect(withPassword.statusCode).toBe(422);
      expect(withPassword.json().violations[0].propertyPath).toBe('password');
      expect((await login({ username: victim, password: 'chosen by A admin' })).statusCode).toBe(
        401,
      );
    });

    it('attaches an existing login only when its owner accepts the invitation, with its password or signed in', async () => {
      const owner = email('owner');
      const b = await squat(owner, 'owners password');
      const a = await account();
      const created = (
        await post(a.flowtly, '/api/employees', { firstName: 'O', lastName: 'W', email: owner })
      ).json<{ id: number }>();
      const invite = async () => {
        const res = await post(a.flowtly, `/api/employees/${created.id}/user`, {});
        expect(res.statusCode).toBe(201);
        return res.json<{ invitationToken: string }>().invitationToken;
      };
      const first = await invite();
      // Whoever holds the invitation but not the login cannot choose a new password for it.
      const guessed = await accept({ token: first, password: 'a brand new password' });
      expect(guessed.statusCode).toBe(422);
      expect(guessed.json().violations[0].message).toMatch(/already exists: give its password/);
      expect((await login({ username: owner, password: 'a brand new password' })).statusCode).toBe(
        401,
      );
      expect((await get(a.flowtly, `/api/employees/${created.id}`)).json().user).toBeNull();

      // The owner gives the login's own password: now a person in both accounts.
      const joined = await accept({ token: first, password: 'owners password' });
      expect(joined.statusCode).toBe(200);
      expect(jwtAccount(joined.json<{ token: string }>().token)).toBe(a.admin.accountId);
      expect((await get(a.flowtly, `/api/employees/${created.id}`)).json().user).toMatch(
        /^\/api\/users\/\d+$/,
      );

      // With two accounts, a login must name one; the error lists the choices.
      const ambiguous = await login({ username: owner, password: 'owners password' });
      expect(ambiguous.statusCode).toBe(400);
      const detail = ambiguous.json<{ detail: string }>().detail;
      expect(detail).toContain(`${a.admin.accountId} (`);
      expect(detail).toContain(`${b.admin.accountId} (`);
      expect(detail).toContain('account_id');
      for (const accountId of [a.admin.accountId, b.admin.accountId]) {
        const chosen = await login({
          username: owner,
          password: 'owners password',
          account_id: accountId,
        });
        expect(chosen.statusCode).toBe(200);
        expect(jwtAccount(chosen.json<{ token: string }>().token)).toBe(accountId);
      }
    });

    it('lets a signed-in login accept an invitation without a password', async () => {
      const owner = email('owner');
      const b = await squat(owner, 'owners password');
      const a = await account();
      const person = await createUser(t.db, t.clock, a.admin.accountId, { email: email('other') });
      const token = (await post(a.flowtly, `/api/employees/${person.id}/user`, {})).json<{
        invitationToken: string;
      }>().invitationToken;
      const jwt = (await login({ username: owner, password: 'owners password' })).json<{
        token: string;
      }>().token;
      expect(jwtAccount(jwt)).toBe(b.admin.accountId);
      const joined = await accept({ token }, { authorization: `Bearer ${jwt}` });
      expect(joined.statusCode).toBe(200);
      expect(jwtAccount(joined.json<{ token: string }>().token)).toBe(a.admin.accountId);
      // The same login cannot be a second person in that account.
      const again = await createUser(t.db, t.clock, a.admin.accountId, { email: email('third') });
      const second = (await post(a.flowtly, `/api/employees/${again.id}/user`, {})).json<{
        invitationToken: string;
      }>().invitationToken;
      const refused = await accept({ token: second }, { authorization: `Bearer ${jwt}` });
      expect(refused.statusCode).toBe(422);
      // A bad bearer is a 401, not an anonymous acceptance.
      expect(
        (await accept({ token: second }, { authorization: 'Bearer nonsense' })).statusCode,
      ).toBe(401);
    });

    it('keeps a personal access token of B’s person out of A', async () => {
      const victim = email('victim');
      const b = await squat(victim, 'chosen by B admin');
      const bPerson = (await get(b.flowtly, '/api/employees?email=' + victim)).json()[
        'hydra:member'
      ][0] as { id: number };
      const a = await account();
      await harvest.send('POST', a.admin.headers, '/v2/users', {
        first_name: 'Victim',
        last_name: 'InA',
        email: victim,
      });
      const pat = (await createToken(t.db, t.clock, bPerson.id)).token;
      const res = await harvest.get(
        { ...a.admin.headers, authorization: `Bearer ${pat}` },
        '/v2/users/me',
      );
      expect(res.statusCode).toBe(401);
    });

    it('drops the login link on revoke and needs a new invitation after it', async () => {
      const a = await account();
      const person = await createUser(t.db, t.clock, a.admin.accountId, { email: email('p') });
      const granted = await post(a.flowtly, `/api/employees/${person.id}/user`, {
        password: 'first password',
      });
      expect(granted.statusCode).toBe(201);
      expect((await del(a.flowtly, `/api/employees/${person.id}/user`)).statusCode).toBe(204);
      // The login still exists; A may not set its password again, only invite its owner.
      const regrant = await post(a.flowtly, `/api/employees/${person.id}/user`, {
        password: 'second password',
      });
      expect(regrant.statusCode).toBe(422);
      const invited = await post(a.flowtly, `/api/employees/${person.id}/user`, {});
      const token = invited.json<{ invitationToken: string }>().invitationToken;
      expect((await accept({ token, password: 'first password' })).statusCode).toBe(200);
    });
  });
}
