import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, capturedLogs, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/dialects.ts';
import { createCatalog, createHarvestCaller } from '../../../test/factories.ts';
import { BOUNDS } from '../shared/bounds.ts';
import type { App } from './app-types.ts';

/**
 * Each input outside testing found to give a 500 (PostgreSQL) or to be stored unchecked
 * (SQLite): every one is now a 4xx in its API's format that names the bound, on both
 * databases, and leaves nothing stored.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: bad input is refused, not stored and never a 500`, () => {
    let t: TestApp;
    let app: App;
    let handle: { db: TestApp['db'] };
    let clock: TestApp['clock'];
    const { logger, lines } = capturedLogs();
    const errorLines = () => lines.filter((line) => Number(line.level) >= 50);
    const HUGE = '9999999999999999999';

    beforeAll(async () => {
      t = await buildTestApp(dialect, { logger });
      ({ app, clock } = t);
      handle = { db: t.db };
    });
    afterAll(() => t.close());

    async function world() {
      const admin = await createHarvestCaller(handle.db, clock);
      const catalog = await createCatalog(handle.db, clock, admin.accountId);
      const assign = (path: string, payload: object) =>
        app.inject({
          method: 'POST',
          url: `/v2/projects/${catalog.project.id}/${path}`,
          headers: admin.headers,
          payload,
        });
      await assign('user_assignments', { user_id: admin.user.id });
      await assign('task_assignments', { task_id: catalog.task.id });
      return { admin, h: admin.headers, ...catalog };
    }
    /** A Flowtly work time for the administrator on the world's project, with `fields` on top. */
    const postWorkTime = (w: Awaited<ReturnType<typeof world>>, fields: object) =>
      app.inject({
        method: 'POST',
        url: '/api/work-times',
        headers: { authorization: w.h.authorization, 'content-type': 'application/ld+json' },
        payload: JSON.stringify({
          employee: `/api/employees/emp_${w.admin.user.id}`,
          project: `/api/projects/${w.project.id}`,
          date: '2026-03-04',
          seconds: 60,
          ...fields,
        }),
      });
    const count = async (table: 'clients' | 'time_entries' | 'projects', accountId: number) =>
      (
        await handle.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('account_id', '=', accountId)
          .where('deleted_at', 'is', null)
          .executeTakeFirstOrThrow()
      ).n;

    it('answers ids, filters and pages beyond 64 bits with 404 and 422', async () => {
      const w = await world();
      for (const url of [`/v2/clients/${HUGE}`, `/v2/time_entries/${HUGE}`, `/v2/users/${HUGE}`]) {
        const res = await app.inject({ method: 'GET', url, headers: w.h });
        expect(res.statusCode, url).toBe(404);
      }
      const filter = await app.inject({
        method: 'GET',
        url: `/v2/time_entries?project_id=${HUGE}`,
        headers: w.h,
      });
      expect(filter.statusCode).toBe(422);
      expect(filter.json()).toEqual({
        message: `Project id must be less than or equal to ${BOUNDS.id}`,
      });
      for (const list of ['/v2/clients', '/v2/time_entries', '/v2/projects', '/v2/users']) {
        const page = await app.inject({ method: 'GET', url: `${list}?page=${HUGE}`, headers: w.h });
        expect(page.statusCode, list).toBe(422);
        expect(page.json()).toEqual({
          message: `Page must be less than or equal to ${BOUNDS.page}`,
        });
      }
      // The last page a bound allows is an empty page, not an offset the database cannot hold.
      const last = await app.inject({
        method: 'GET',
        url: `/v2/clients?page=${BOUNDS.page}&per_page=2000`,
        headers: w.h,
      });
      expect(last.statusCode).toBe(200);
      const flowtly = await app.inject({
        method: 'GET',
        url: `/api/employees/emp_${HUGE}`,
        headers: { authorization: w.h.authorization },
      });
      expect(flowtly.statusCode).toBe(404);
    });

    it('refuses a NUL character anywhere, without logging an error', async () => {
      const w = await world();
      const before = await count('clients', w.admin.accountId);
      const body = await app.inject({
        method: 'POST',
        url: '/v2/clients',
        headers: w.h,
        payload: { name: 'Acme\u0000Corp' },
      });
      expect(body.statusCode).toBe(422);
      expect(body.json()).toEqual({ message: 'Name must not contain NUL characters' });
      const query = await app.inject({ method: 'GET', url: '/v2/clients?name=a%00', headers: w.h });
      expect(query.statusCode).toBe(400);
      const flowtlyPath = await app.inject({
        method: 'GET',
        url: '/api/projects/aurora%00',
        headers: { authorization: w.h.authorization },
      });
      expect(flowtlyPath.statusCode).toBe(400);
      expect(flowtlyPath.json().detail).toMatch(/NUL/);
      const loggedBefore = errorLines().length;
      for (let i = 0; i < 3; i++) {
        const login = await app.inject({
          method: 'POST',
          url: '/api/login',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ username: 'a\u0000@example.com', password: 'x\u0000' }),
        });
        expect(login.statusCode).toBe(422);
      }
      expect(errorLines().slice(loggedBefore)).toEqual([]);
      expect(await count('clients', w.admin.accountId)).toBe(before);
    });

    it('bounds hours, seconds, rates, percentages and currencies', async () => {
      const w = await world();
      const before = await count('time_entries', w.admin.accountId);
      const entry = { project_id: w.project.id, task_id: w.task.id, spent_date: '2026-03-04' };
      const bound = `Hours must be less than or equal to ${BOUNDS.entryHours}`;
      for (const hours of [1e12, 1e15, 10_000.01, '99999', '1e15']) {
        const res = await app.inject({
          method: 'POST',
          url: '/v2/time_entries',
          headers: w.h,
          payload: { ...entry, hours },
        });
        expect(res.statusCode, String(hours)).toBe(422);
        expect(res.json().message, String(hours)).toBe(
          hours === '1e15' ? 'Hours is not a number' : bound,
        );
      }
      const largest = await app.inject({
        method: 'POST',
        url: '/v2/time_entries',
        headers: w.h,
        payload: { ...entry, hours: BOUNDS.entryHours },
      });
      expect(largest.statusCode, largest.body).toBe(201);
      await app.inject({
        method: 'DELETE',
        url: `/v2/time_entries/${largest.json<{ id: number }>().id}`,
        headers: w.h,
      });

      const seconds = await postWorkTime(w, { seconds: 1e308 });
      expect(seconds.statusCode).toBe(422);
      expect(seconds.json().violations).toEqual([
        expect.objectContaining({
          propertyPath: 'seconds',
          message: `This value should be less than or equal to ${BOUNDS.entrySeconds}.`,
        }),
      ]);
      expect(await count('time_entries', w.admin.accountId)).toBe(before);

      const project = await app.inject({
        method: 'PATCH',
        url: `/v2/projects/${w.project.id}`,
        headers: w.h,
        payload: { over_budget_notification_percentage: 1.5 },
      });
      expect(project.statusCode).toBe(422);
      expect(project.json().message).toBe('Over budget notification percentage must be an integer');
      const rate = await app.inject({
        method: 'PATCH',
        url: `/v2/projects/${w.project.id}`,
        headers: w.h,
        payload: { hourly_rate: 1e20 },
      });
      expect(rate.json().message).toBe(`Hourly rate must be less than or equal to ${BOUNDS.rate}`);
      const currency = await app.inject({
        method: 'POST',
        url: '/v2/clients',
        headers: w.h,
        payload: { name: 'Bad money', currency: 'NaN' },
      });
      expect(currency.statusCode).toBe(422);
      expect(currency.json().message).toBe('Currency is not a known ISO 4217 code');
      const company = await app.inject({
        method: 'PATCH',
        url: '/v2/company',
        headers: w.h,
        payload: { currency: 'XYZ' },
      });
      expect(company.statusCode).toBe(422);
    });

    it('answers what the fuzz test found with 4xx, the same on both databases', async () => {
      const w = await world();
      const flowtly = { authorization: w.h.authorization };
      // A project IRI with a broken %-escape names no project.
      const filtered = await app.inject({
        method: 'GET',
        url: '/api/employee_working_hours?project=%2Fapi%2Fprojects%2F%25zz',
        headers: flowtly,
      });
      expect(filtered.statusCode).toBeLessThan(500);
      const broken = await postWorkTime(w, { project: '/api/projects/%zz' });
      expect(broken.statusCode).toBe(400);
      // An employee id past the id bound matches nobody (PostgreSQL's bigint never sees it).
      const nobody = await app.inject({
        method: 'GET',
        url: '/api/employee_working_hours?employee=9223372036854775808',
        headers: flowtly,
      });
      expect(nobody.statusCode).toBe(200);
      expect(nobody.json()['hydra:totalItems']).toBe(0);
      // Time zone names that are keys of every JavaScript object are no time zones.
      for (const name of ['toString', 'constructor', '__proto__']) {
        const company = await app.inject({
          method: 'PATCH',
          url: '/v2/company',
          headers: w.h,
          payload: { x_timezone: name },
        });
        expect(company.statusCode, name).toBe(422);
        const person = await app.inject({
          method: 'POST',
          url: '/v2/users',
          headers: w.h,
          payload: {
            first_name: 'A',
            last_name: 'B',
            email: `tz-${name}@example.com`,
            timezone: name,
          },
        });
        expect(person.statusCode, name).toBe(422);
      }
      // A running timer moved to someone whose timer runs: refused, both timers kept.
      const member = await app.inject({
        method: 'POST',
        url: '/v2/users',
        headers: w.h,
        payload: { first_name: 'Mo', last_name: 'Ver', email: `mover-${dialect}@example.com` },
      });
      const memberId = member.json<{ id: number }>().id;
      await app.inject({
        method: 'POST',
        url: `/v2/projects/${w.project.id}/user_assignments`,
        headers: w.h,
        payload: { user_id: memberId },
      });
      const timer = (userId: number) =>
        app.inject({
          method: 'POST',
          url: '/v2/time_entries',
          headers: w.h,
          payload: {
            user_id: userId,
            project_id: w.project.id,
            task_id: w.task.id,
            spent_date: '2026-03-04',
          },
        });
      expect((await timer(memberId)).statusCode).toBe(201);
      const mine = (await timer(w.admin.user.id)).json<{ id: number }>();
      const moved = await app.inject({
        method: 'PATCH',
        url: `/api/employee_working_hours/wkt_${mine.id}`,
        headers: { ...flowtly, 'content-type': 'application/merge-patch+json' },
        payload: JSON.stringify({ employee: `/api/employees/emp_${memberId}` }),
      });
      expect(moved.statusCode).toBe(422);
      expect(moved.json().detail).toMatch(/running timer/);
    });

    it('refuses bodies nested too deeply, on every API, without logging an error', async () => {
      const w = await world();
      const arrays = '['.repeat(100_000) + ']'.repeat(100_000);
      const objects = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
      const before = errorLines().length;
      const signIn = await app.inject({
        method: 'POST',
        url: '/punch/v1/sessions',
        headers: { 'content-type': 'application/json' },
        payload: arrays,
      });
      expect(signIn.statusCode).toBe(422);
      expect(signIn.json().error.message).toMatch(/nested too deeply/);
      const native = await app.inject({
        method: 'POST',
        url: '/punch/v1/clients',
        headers: { authorization: w.h.authorization, 'content-type': 'application/json' },
        payload: `{"name":"x","address":${arrays}}`,
      });
      expect(native.statusCode).toBe(422);
      const harvest = await app.inject({
        method: 'POST',
        url: '/v2/time_entries',
        headers: { ...w.h, 'content-type': 'application/json' },
        payload: objects,
      });
      expect(harvest.statusCode).toBe(422);
      const flowtly = await app.inject({
        method: 'POST',
        url: '/api/work-times',
        headers: { authorization: w.h.authorization, 'content-type': 'application/ld+json' },
        payload: `{"date":"2026-03-04","seconds":60,"description":${objects}}`,
      });
      expect(flowtly.statusCode).toBeGreaterThanOrEqual(400);
      expect(flowtly.statusCode).toBeLessThan(500);
      expect(errorLines().length).toBe(before);
    });

    it('bounds every string, also in free-form Flowtly bodies', async () => {
      const w = await world();
      const long = 'x'.repeat(BOUNDS.string + 1);
      const client = await app.inject({
        method: 'POST',
        url: '/v2/clients',
        headers: w.h,
        payload: { name: long },
      });
      expect(client.statusCode).toBe(422);
      expect(client.json().message).toMatch(/Name is too long \(maximum is \d+ characters\)/);
      const work = await postWorkTime(w, { description: long });
      expect(work.statusCode).toBe(422);
    });
  });
}
