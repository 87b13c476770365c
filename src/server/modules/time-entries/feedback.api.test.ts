import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { flowtlyRequests } from '../../../../test/flowtly-requests.ts';
import { harvestRequests, type Headers } from '../../../../test/harvest-requests.ts';

for (const dialect of DIALECTS) {
  describe(`${dialect}: Flowtly feedback suggestion`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const { post, get } = flowtlyRequests(() => t.app);
    const harvest = harvestRequests(() => t.app);

    it('reads the last four weeks of work times into explained suggestions', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const client = (
        await harvest.send('POST', admin.headers, '/v2/clients', { name: 'Acme' })
      ).json();
      const project = (
        await harvest.send('POST', admin.headers, '/v2/projects', {
          client_id: client.id,
          name: 'Aurora',
        })
      ).json();
      const person = await createUser(t.db, t.clock, admin.accountId);
      await harvest.send('POST', admin.headers, `/v2/projects/${project.id}/user_assignments`, {
        user_id: person.id,
      });
      const flowtly: Headers = { authorization: `Bearer ${admin.token}` };
      // 11 h on each of the 10 weekdays of 2026-02-16 .. 2026-02-27 (capacity 35 h a week).
      for (const day of [16, 17, 18, 19, 20, 23, 24, 25, 26, 27]) {
        const res = await post(flowtly, '/api/work-times', {
          employee: `/api/employees/emp_${person.id}`,
          project: '/api/projects/aurora',
          date: `2026-02-${day}`,
          seconds: 11 * 3600,
        });
        expect(res.statusCode).toBe(201);
      }

      const res = await get(
        flowtly,
        `/api/employees/emp_${person.id}/feedback-suggestion?date=2026-03-01`,
      );
      expect(res.statusCode).toBe(200);
      const body = res.json();
      expect(body).toMatchObject({
        '@context': '/api/contexts/FeedbackSuggestion',
        '@id': `/api/employees/emp_${person.id}/feedback-suggestion`,
        '@type': 'FeedbackSuggestion',
        employee: `/api/employees/emp_${person.id}`,
        from: '2026-02-02',
        to: '2026-03-01',
        workedSeconds: 110 * 3600,
        expectedSeconds: 20 * 7 * 3600,
        balanceSeconds: -30 * 3600,
        utilizationPercent: 79,
        topProjects: [
          { project: `/api/projects/prj_${project.id}`, seconds: 110 * 3600, sharePercent: 100 },
        ],
        workingDaysWithoutTime: 10,
        longDays: 10,
        basis: { windowDays: 28, longDaySeconds: 36000 },
      });
      expect(body.suggestions.map((s: { code: string }) => s.code)).toEqual([
        'under_capacity',
        'missing_time',
        'long_days',
        'single_project_focus',
      ]);
      expect(body.summary).toContain(
        '10 days in the four weeks 2026-02-02 to 2026-03-01 were longer than 10.0 h',
      );

      // Without a date: the four weeks up to today in the account (the test clock: 2026-03-04).
      const today = (await get(flowtly, `/employees/${person.id}/feedback-suggestion`)).json();
      expect(today.to).toBe('2026-03-04');
      expect(
        (await get(flowtly, `/api/employees/${person.id}/feedback-suggestion?date=nonsense`))
          .statusCode,
      ).toBe(400);
    });

    it('is for the person, their managers and administrators only', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const a = await createUser(t.db, t.clock, admin.accountId);
      const b = await createUser(t.db, t.clock, admin.accountId);
      const asA: Headers = {
        authorization: `Bearer ${(await createToken(t.db, t.clock, a.id)).token}`,
      };
      expect((await get(asA, `/api/employees/${a.id}/feedback-suggestion`)).statusCode).toBe(200);
      expect((await get(asA, `/api/employees/${b.id}/feedback-suggestion`)).statusCode).toBe(403);
      expect(
        (
          await get(
            { authorization: `Bearer ${admin.token}` },
            '/api/employees/999999/feedback-suggestion',
          )
        ).statusCode,
      ).toBe(404);
    });
  });
}
