import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_NOW, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { flowtlyRequests } from '../../../../test/flowtly-requests.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Flowtly employees`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const { post, patch, get, del } = flowtlyRequests(() => t.app);
    const harvest = harvestRequests(() => t.app);

    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const flowtly: Headers = { authorization: `Bearer ${admin.token}` };
      return { admin, flowtly };
    }

    it('creates an employee (201, Location) who is a Harvest user at once, and back', async () => {
      const w = await world();
      const res = await post(w.flowtly, '/api/employees', {
        firstName: 'Ada',
        lastName: 'Nowak',
        email: 'Ada@Example.com',
        contactEmail: 'ada.private@example.org',
        phone: '+48 600 000 000',
        weeklyCapacitySeconds: 144000,
      });
      expect(res.statusCode).toBe(201);
      const body = res.json();
      expect(res.headers.location).toBe(`/api/employees/emp_${body.id}`);
      expect(body).toEqual({
        '@context': '/api/contexts/Employee',
        '@id': `/api/employees/emp_${body.id}`,
        '@type': 'Employee',
        id: body.id,
        firstName: 'Ada',
        lastName: 'Nowak',
        email: 'ada@example.com',
        contactEmail: 'ada.private@example.org',
        phone: '+48 600 000 000',
        active: true,
        timeTrackingEnabled: true,
        weeklyCapacitySeconds: 144000,
        defaultProject: null,
        user: null,
        createdAt: '2026-03-04T09:30:00+00:00',
        updatedAt: '2026-03-04T09:30:00+00:00',
      });
      const asHarvest = (await harvest.get(w.admin.headers, `/v2/users/${body.id}`)).json();
      expect(asHarvest).toMatchObject({
        first_name: 'Ada',
        email: 'ada@example.com',
        telephone: '+48 600 000 000',
        weekly_capacity: 144000,
      });

      await harvest.send('PATCH', w.admin.headers, `/v2/users/${body.id}`, { last_name: 'Kowal' });
      expect((await get(w.flowtly, `/employees/${body.id}`)).json().lastName).toBe('Kowal');
    });

    it('patches with merge-patch only, and sets and clears the default project', async () => {
      const w = await world();
      const person = await createUser(t.db, t.clock, w.admin.accountId);
      const client = (
        await harvest.send('POST', w.admin.headers, '/v2/clients', { name: 'Acme' })
      ).json();
      const project = (
        await harvest.send('POST', w.admin.headers, '/v2/projects', {
          client_id: client.id,
          name: 'Aurora',
        })
      ).json();
      const url = `/api/employees/emp_${person.id}`;
      expect((await patch(w.flowtly, url, { phone: '1' }, 'application/json')).statusCode).toBe(
        415,
      );
      const res = await patch(w.flowtly, url, {
        defaultProject: '/api/projects/aurora',
        phone: null,
        active: false,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        defaultProject: `/api/projects/prj_${project.id}`,
        phone: null,
        active: false,
        firstName: 'Ada',
      });
      expect((await get(w.flowtly, `/api/projects/aurora`)).json().id).toBe(project.id);
      const cleared = await patch(w.flowtly, url, { defaultProject: null });
      expect(cleared.json().defaultProject).toBeNull();

      const missing = await patch(w.flowtly, url, { defaultProject: '/api/projects/nowhere' });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().detail).toBe('Item not found for "/api/projects/nowhere".');
      const notIri = await patch(w.flowtly, url, { defaultProject: 'aurora' });
      expect(notIri.statusCode).toBe(400);
      expect(notIri.json().detail).toBe('Invalid IRI "aurora".');
    });

    it('answers bad input in API Platform terms: 400 for types, 422 violations', async () => {
      const w = await world();
      const missing = await post(w.flowtly, '/employees', { firstName: 'Ada' });
      expect(missing.statusCode).toBe(422);
      expect(missing.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(
        missing.json().violations.map((v: { propertyPath: string }) => v.propertyPath),
      ).toEqual(['lastName', 'email']);
      const badEmail = await post(w.flowtly, '/employees', {
        firstName: 'Ada',
        lastName: 'N',
        email: 'not-an-email',
        weeklyCapacitySeconds: 999999,
      });
      expect(badEmail.json().violations).toEqual([
        {
          propertyPath: 'email',
          message: 'This value is not a valid email address.',
          code: 'bd79c0ab-ddba-46cc-a703-a7a4b08de310',
        },
        {
          propertyPath: 'weeklyCapacitySeconds',
          message: 'This value should be between 0 and 604800.',
          code: '04b91c99-a946-4221-afc5-e65ebac401eb',
        },
      ]);
      const wrongType = await post(w.flowtly, '/employees', {
        firstName: 'Ada',
        lastName: 'N',
        email: 'a@example.com',
        active: 'yes',
      });
      expect(wrongType.statusCode).toBe(400);
      expect(wrongType.json().detail).toBe(
        'The type of the "active" attribute must be "bool", "string" given.',
      );
      const taken = await post(w.flowtly, '/employees', {
        firstName: 'Ada',
        lastName: 'N',
        email: w.admin.user.email,
      });
      expect(taken.statusCode).toBe(422);
      expect(taken.json().violations[0]).toMatchObject({
        propertyPath: 'email',
        message: 'This value is already used.',
      });
    });

    it('searches by free text and by field, previews, and pages', async () => {
      const w = await world();
      await createUser(t.db, t.clock, w.admin.accountId, {
        firstName: 'Zofia',
        lastName: 'Kowalska',
        email: 'zofia@example.com',
      });
      await createUser(t.db, t.clock, w.admin.accountId, {
        firstName: 'Jan',
        lastName: 'Kowalski',
        email: 'jan_k@example.com',
      });
      await createUser(t.db, t.clock, w.admin.accountId, {
        firstName: 'Piotr',
        lastName: 'Nowak',
        email: 'piotr@example.com',
        isActive: false,
      });
      const names = (body: { 'hydra:member': { firstName: string }[] }) =>
        body['hydra:member'].map((m) => m.firstName).sort();

      const kowal = (await get(w.flowtly, '/api/employees/search?q=KOWAL')).json();
      expect(names(kowal)).toEqual(['Jan', 'Zofia']);
      expect(kowal['hydra:search']['hydra:template']).toBe(
        '/api/employees/search{?q,search,firstName,lastName,email,active}',
      );
      // LIKE wildcards are literal: "_" matches only an underscore.
      expect(names((await get(w.flowtly, '/employees/search?search=_k@')).json())).toEqual(['Jan']);
      expect(names((await get(w.flowtly, '/employees?lastName=nowak')).json())).toEqual(['Piotr']);
      expect(names((await get(w.flowtly, '/employees?email=ZOFIA@')).json())).toEqual(['Zofia']);
      expect((await get(w.flowtly, '/employees?active=false')).json()['hydra:totalItems']).toBe(1);

      const preview = (await get(w.flowtly, '/api/employees/preview?q=zofia')).json();
      expect(preview['hydra:member']).toEqual([
        {
          '@id': expect.stringMatching(/^\/api\/employees\/emp_\d+$/),
          '@type': 'Employee',
          id: expect.any(Number),
          firstName: 'Zofia',
          lastName: 'Kowalska',
          active: true,
        },
      ]);

      const page = (await get(w.flowtly, '/api/employees?itemsPerPage=2&page=2')).json();
      expect(page['hydra:totalItems']).toBe(4);
      expect(page['hydra:member']).toHaveLength(2);
      expect(page['hydra:view']['hydra:previous']).toBe('/api/employees?itemsPerPage=2&page=1');
      const json = await t.app.inject({
        method: 'GET',
        url: '/employees/search?q=jan',
        headers: { ...w.flowtly, accept: 'application/json' },
      });
      expect(json.json()).toEqual([expect.objectContaining({ firstName: 'Jan' })]);
      expect(json.json()[0]['@id']).toBeUndefined();
    });

    it('restricts employees as the Harvest API restricts users', async () => {
      const w = await world();
      const member = await createUser(t.db, t.clock, w.admin.accountId);
      const memberHeaders = {
        authorization: `Bearer ${(await createToken(t.db, t.clock, member.id)).token}`,
      };
      expect((await get(memberHeaders, '/api/employees')).statusCode).toBe(403);
      expect((await get(memberHeaders, '/api/employees/search?q=a')).statusCode).toBe(403);
      expect((await get(memberHeaders, `/api/employees/${w.admin.user.id}`)).statusCode).toBe(403);
      expect((await get(memberHeaders, `/api/employees/${member.id}`)).statusCode).toBe(200);
      const me = (await get(memberHeaders, '/api/employees/me')).json();
      expect(me['hydra:member'][0].id).toBe(member.id);
      expect(
        (
          await post(memberHeaders, '/api/employees', {
            firstName: 'X',
            lastName: 'Y',
            email: 'x@y.io',
          })
        ).statusCode,
      ).toBe(403);
      expect((await del(memberHeaders, `/api/employees/${w.admin.user.id}`)).statusCode).toBe(403);
    });

    it('words a refusal from the shared people rules as Symfony does, not as Harvest', async () => {
      const w = await world();
      const member = await createUser(t.db, t.clock, w.admin.accountId);
      const memberHeaders = {
        authorization: `Bearer ${(await createToken(t.db, t.clock, member.id)).token}`,
      };
      const res = await get(memberHeaders, '/api/employees');
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toBe('Access Denied.');
      expect(res.json()).not.toHaveProperty('violations');
    });

    it('deletes an employee without time (204, then 404) and refuses one with time', async () => {
      const w = await world();
      const person = await createUser(t.db, t.clock, w.admin.accountId);
      const res = await del(w.flowtly, `/api/employees/emp_${person.id}`);
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect((await get(w.flowtly, `/api/employees/emp_${person.id}`)).statusCode).toBe(404);
      const self = await del(w.flowtly, `/api/employees/${w.admin.user.id}`);
      expect(self.statusCode).toBe(422);
      expect(self.json().violations[0].message).toBe('You cannot delete yourself');
    });

    it('grants a login with a password: the employee can log in, then loses it on DELETE', async () => {
      const w = await world();
      const person = await createUser(t.db, t.clock, w.admin.accountId, {
        email: `grant-${dialect}-${Date.now()}@example.com`,
      });
      const short = await post(w.flowtly, `/api/employees/${person.id}/user`, {
        password: 'short',
      });
      expect(short.statusCode).toBe(422);
      expect(short.json().violations[0].propertyPath).toBe('password');

      const granted = await post(w.flowtly, `/api/employees/${person.id}/user`, {
        password: 'a long enough secret',
      });
      expect(granted.statusCode).toBe(201);
      expect(granted.json().user).toMatch(/^\/api\/users\/\d+$/);
      expect(granted.json().invitationToken).toBeUndefined();
      const again = await post(w.flowtly, `/api/employees/${person.id}/user`, {
        password: 'a long enough secret',
      });
      expect(again.statusCode).toBe(422);

      const login = await post(
        {},
        '/api/login',
        {
          username: person.email,
          password: 'a long enough secret',
        },
        'application/json',
      );
      expect(login.statusCode).toBe(200);
      const jwt: Headers = { authorization: `Bearer ${login.json().token}` };
      expect((await get(jwt, '/api/employees/me')).json()['hydra:member'][0].id).toBe(person.id);
      const pat: Headers = {
        authorization: `Bearer ${(await createToken(t.db, t.clock, person.id)).token}`,
      };
      expect((await get(pat, '/api/employees/me')).statusCode).toBe(200);

      const revoked = await del(w.flowtly, `/api/employees/${person.id}/user`);
      expect(revoked.statusCode).toBe(204);
      expect((await get(jwt, '/api/employees/me')).statusCode).toBe(401);
      expect((await get(pat, '/api/employees/me')).statusCode).toBe(401);
      expect((await get(w.flowtly, `/api/employees/${person.id}`)).json().user).toBeNull();
      expect((await del(w.flowtly, `/api/employees/${person.id}/user`)).statusCode).toBe(404);
      expect((await del(w.flowtly, `/api/employees/${w.admin.user.id}/user`)).statusCode).toBe(422);
    });

    it('invites when no password is given: the token works once, then logs in', async () => {
      const w = await world();
      const person = await createUser(t.db, t.clock, w.admin.accountId, {
        email: `invite-${dialect}-${Date.now()}@example.com`,
      });
      // No body at all is fine, as an "invite" button would send.
      const granted = await t.app.inject({
        method: 'POST',
        url: `/employees/emp_${person.id}/user`,
        headers: w.flowtly,
      });
      expect(granted.statusCode).toBe(201);
      const { invitationToken, invitationExpiresAt } = granted.json();
      expect(invitationToken).toMatch(/^punch_inv_/);
      expect(invitationExpiresAt).toBe('2026-03-11T09:30:00+00:00');
      expect((await get(w.flowtly, `/api/employees/${person.id}`)).json().invitationToken).toBe(
        undefined,
      );

      const tooShort = await post(
        {},
        '/api/invitations/accept',
        {
          token: invitationToken,
          password: 'x',
        },
        'application/json',
      );
      expect(tooShort.statusCode).toBe(422);
      const accepted = await post(
        {},
        '/api/invitations/accept',
        {
          token: invitationToken,
          password: 'my own password',
        },
        'application/json',
      );
      expect(accepted.statusCode).toBe(200);
      const jwt: Headers = { authorization: `Bearer ${accepted.json().token}` };
      expect((await get(jwt, '/api/employees/me')).json()['hydra:member'][0].id).toBe(person.id);
      const reused = await post(
        {},
        '/api/invitations/accept',
        {
          token: invitationToken,
          password: 'another password',
        },
        'application/json',
      );
      expect(reused.statusCode).toBe(400);
      expect(reused.json().detail).toBe('This invitation is unknown, expired or already used.');
      const login = await post(
        {},
        '/api/login',
        {
          username: person.email,
          password: 'my own password',
        },
        'application/json',
      );
      expect(login.statusCode).toBe(200);
    });

    it('lets an invitation expire after seven days', async () => {
      const w = await world();
      const person = await createUser(t.db, t.clock, w.admin.accountId, {
        email: `expiring-${dialect}-${Date.now()}@example.com`,
      });
      const granted = await t.app.inject({
        method: 'POST',
        url: `/api/employees/${person.id}/user`,
        headers: w.flowtly,
      });
      const token = granted.json().invitationToken as string;
      t.clock.advance(7 * 24 * 3600 + 1);
      try {
        const late = await post(
          {},
          '/api/invitations/accept',
          { token, password: 'too late now' },
          'application/json',
        );
        expect(late.statusCode).toBe(400);
      } finally {
        t.clock.set(TEST_NOW);
      }
    });

    it('lets only administrators grant and revoke logins', async () => {
      const w = await world();
      const member = await createUser(t.db, t.clock, w.admin.accountId);
      const headers = {
        authorization: `Bearer ${(await createToken(t.db, t.clock, member.id)).token}`,
      };
      const res = await post(headers, `/api/employees/${member.id}/user`, {
        password: 'whatever123',
      });
      expect(res.statusCode).toBe(403);
      expect(res.json().detail).toBe('Access Denied.');
    });

    it('never hands another account an invitation to a login it does not own', async () => {
      const email = `shared-${dialect}-${Date.now()}@example.com`;
      const accept = (token: string, password: string) =>
        post({}, '/api/invitations/accept', { token, password }, 'application/json');
      // Account B invites Bob; no login exists until he accepts.
      const b = await world();
      const bobInB = await createUser(t.db, t.clock, b.admin.accountId, { email });
      const invited = await t.app.inject({
        method: 'POST',
        url: `/api/employees/${bobInB.id}/user`,
        headers: b.flowtly,
      });
      const bobsToken = invited.json().invitationToken as string;
      expect(bobsToken).toMatch(/^punch_inv_/);
      expect(invited.json().user).toBeNull();

      // Account A adds a person with Bob's e-mail: not linked, and A's invitation is A's own.
      const a = await world();
      const created = (
        await post(a.flowtly, '/api/employees', { firstName: 'Bob', lastName: 'B', email })
      ).json();
      expect(created.user).toBeNull();
      const regrant = await t.app.inject({
        method: 'POST',
        url: `/api/employees/${created.id}/user`,
        headers: a.flowtly,
      });
      expect(regrant.statusCode).toBe(201);
      const aToken = regrant.json().invitationToken as string;

      // Bob accepts B's invitation, once; A's holder then cannot replace his password.
      expect((await accept(bobsToken, 'bobs own password')).statusCode).toBe(200);
      expect((await accept(bobsToken, 'attacker password')).statusCode).toBe(400);
      expect((await accept(aToken, 'attacker password')).statusCode).toBe(422);
      expect((await accept(aToken, 'bobs own password')).statusCode).toBe(200);
    });

    it('refuses a page beyond any offset with 400', async () => {
      const w = await world();
      const res = await get(w.flowtly, '/api/employees?page=1e20');
      expect(res.statusCode).toBe(400);
      expect(res.json().detail).toBe('Page is out of range');
    });
  });
}
