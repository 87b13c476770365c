import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { harvestRequests } from '../../../../test/harvest-requests.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';
import type { HarvestImportReport } from './harvest-imports.service.ts';

// The report as the native API presents it: each refusal's reason worded.
type Report = Omit<HarvestImportReport, 'refused'> & {
  refused: { kind: string; sourceId: number; reason: string }[];
};

/**
 * A proxy in front of the source that can fail one request, as a network or a source that goes
 * away part-way through would: the import must stop cleanly and finish on the next run.
 */
async function interruptingProxy(target: string) {
  let failOn: RegExp | null = null;
  const server = http.createServer((req, res) => {
    if (failOn?.test(req.url ?? '')) {
      failOn = null;
      res.writeHead(503).end('down for a moment');
      return;
    }
    void fetch(`${target}${req.url}`, { headers: req.headers as Record<string, string> }).then(
      async (answer) => {
        res.writeHead(answer.status, { 'content-type': 'application/json' });
        res.end(Buffer.from(await answer.arrayBuffer()));
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    failNext: (pattern: RegExp) => {
      failOn = pattern;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: importing a Harvest-compatible account from another Punch`, () => {
    let source: TestApp;
    let target: TestApp;
    let proxy: Awaited<ReturnType<typeof interruptingProxy>>;
    beforeAll(async () => {
      source = await buildTestApp(dialect);
      await source.app.listen({ port: 0, host: '127.0.0.1' });
      const port = (source.app.server.address() as AddressInfo).port;
      proxy = await interruptingProxy(`http://127.0.0.1:${port}`);
      // Small pages, so that a few dozen entries cross several of them.
      target = await buildTestApp(dialect, {
        webhooks: { allowedTargets: ['127.0.0.1'] },
        importSourcePageSize: 10,
      });
    });
    afterAll(async () => {
      await proxy.close();
      await target.close();
      await source.close();
    });
    const sourceHarvest = harvestRequests(() => source.app);
    const targetHarvest = harvestRequests(() => target.app);
    const native = nativeRequests(() => target.app);

    /** A generated Harvest-style account: people with rates, a catalog, and time. */
    async function sourceAccount() {
      const admin = await createHarvestCaller(source.db, source.clock);
      const h = admin.headers;
      const post = async (path: string, body: object) => {
        const res = await sourceHarvest.send('POST', h, path, body);
        expect(res.statusCode, res.body).toBe(201);
        return res.json<{ id: number }>();
      };
      const people = [
        await post('/v2/users', {
          first_name: 'Olena',
          last_name: 'Koval',
          email: 'olena@example.com',
          default_hourly_rate: 120,
          cost_rate: 60,
          weekly_capacity: 108000,
        }),
        await post('/v2/users', {
          first_name: 'Li',
          last_name: 'Wei',
          email: 'li@example.com',
          default_hourly_rate: 95.5,
        }),
      ];
      const acme = await post('/v2/clients', { name: 'Acme', currency: 'EUR' });
      const globex = await post('/v2/clients', { name: 'Globex' });
      const design = await post('/v2/tasks', { name: 'Design', default_hourly_rate: 80 });
      const build = await post('/v2/tasks', { name: 'Build', billable_by_default: false });
      const site = await post('/v2/projects', {
        client_id: acme.id,
        name: 'Website',
        code: 'AC-1',
        is_billable: true,
        bill_by: 'People',
        budget_by: 'project',
        budget: 120,
        notes: 'Relaunch',
      });
      const app = await post('/v2/projects', {
        client_id: globex.id,
        name: 'App',
        is_billable: true,
        bill_by: 'Project',
        hourly_rate: 150,
      });
      for (const project of [site, app]) {
        for (const task of [design, build])
          await post(`/v2/projects/${project.id}/task_assignments`, { task_id: task.id });
        for (const person of [...people, admin.user])
          await post(`/v2/projects/${project.id}/user_assignments`, {
            user_id: person.id,
            ...(project === site ? { use_default_rates: false, hourly_rate: 130 } : {}),
          });
      }
      let seconds = 0;
      for (let i = 0; i < 34; i++) {
        // Hours in hundredths, as Harvest keeps them: the copy is exact to the second.
        const hours = (25 + ((i * 37) % 300)) / 100;
        seconds += Math.round(hours * 3600);
        await post('/v2/time_entries', {
          user_id: (people[i % 2] as { id: number }).id,
          project_id: (i % 3 === 0 ? app : site).id,
          task_id: (i % 2 === 0 ? design : build).id,
          spent_date: `2026-02-${String(1 + (i % 28)).padStart(2, '0')}`,
          hours,
          notes: `Entry ${i}`,
          ...(i === 5
            ? {
                external_reference: {
                  id: 'PR-5',
                  group_id: 'repo',
                  permalink: 'https://example.com/pr/5',
                },
              }
            : {}),
        });
      }
      // A timer still running in the source is not copied: it is not time yet.
      await post('/v2/time_entries', {
        user_id: admin.user.id,
        project_id: site.id,
        task_id: design.id,
        spent_date: '2026-03-04',
      });
      return { admin, seconds, entries: 34 };
    }

    async function targetTotals(accountId: number) {
      const row = await target.db
        .selectFrom('time_entries')
        .select((eb) => [
          eb.fn.countAll<number | string>().as('n'),
          eb.fn.sum<number | string | null>('duration_seconds').as('s'),
        ])
        .where('account_id', '=', accountId)
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow();
      return { entries: Number(row.n), seconds: Number(row.s ?? 0) };
    }

    it('copies people, catalog, rates, assignments and time; a dry run first; re-runs change nothing', async () => {
      const from = await sourceAccount();
      const admin = await createHarvestCaller(target.db, target.clock);
      // Li is here already, under the same e-mail: matched, not made again.
      await createUser(target.db, target.clock, admin.accountId, {
        firstName: 'Li',
        lastName: 'Wei',
        email: 'li@example.com',
      });
      const as = native(admin.token);
      const body = {
        baseUrl: `${proxy.url}/v2`,
        token: from.admin.token,
        accountId: String(from.admin.accountId),
      };

      const dry = await as('POST', '/imports/harvest', { ...body, dryRun: true });
      expect(dry.statusCode, dry.body).toBe(200);
      const would = dry.json<Report>();
      expect(would.created).toMatchObject({
        clients: ['Acme', 'Globex'],
        tasks: ['Build', 'Design'],
        projects: ['Acme / Website', 'Globex / App'],
        entries: from.entries,
        seconds: from.seconds,
      });
      // Li is matched; Olena and the source's administrator would be added.
      expect(would.matched.people).toBe(1);
      expect(would.created.people).toHaveLength(2);
      expect(await targetTotals(admin.accountId)).toEqual({ entries: 0, seconds: 0 });
      // Nothing else was written either: no catalog, no person, no event.
      const written = async (table: 'clients' | 'projects' | 'tasks' | 'users' | 'events') =>
        Number(
          (
            await target.db
              .selectFrom(table)
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .where('account_id', '=', admin.accountId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      expect(
        await Promise.all((['clients', 'projects', 'tasks', 'events'] as const).map(written)),
      ).toEqual([0, 0, 0, 0]);
      expect(await written('users')).toBe(2);

      // The first real run is cut off on the second page of time: what was done stays done.
      proxy.failNext(/\/v2\/time_entries\?.*page=2(&|$)/);
      const cut = await as('POST', '/imports/harvest', body);
      expect(cut.statusCode, cut.body).toBe(422);
      expect(cut.json().error.code).toBe('import_source_unreachable');
      const halfway = await targetTotals(admin.accountId);
      // The first page: ten records, one of them the running timer (newest first).
      expect(halfway.entries).toBe(9);

      const resumed = await as('POST', '/imports/harvest', body);
      expect(resumed.statusCode, resumed.body).toBe(200);
      const report = resumed.json<Report>();
      expect(report.alreadyImported).toBe(9);
      expect(report.created.entries).toBe(from.entries - 9);
      expect(report.created).toMatchObject({ people: [], clients: [], projects: [], tasks: [] });
      expect(report.refused).toEqual([
        expect.objectContaining({
          kind: 'time_entry',
          reason: expect.stringMatching(/running timer/),
        }),
      ]);
      expect(await targetTotals(admin.accountId)).toEqual({
        entries: from.entries,
        seconds: from.seconds,
      });

      // The catalog as the Harvest API shows it on both sides.
      const strip = (p: Record<string, unknown>) => ({
        name: p.name,
        code: p.code,
        client: (p.client as { name: string }).name,
        bill_by: p.bill_by,
        hourly_rate: p.hourly_rate,
        budget: p.budget,
        budget_by: p.budget_by,
        notes: p.notes,
      });
      const projectsOf = async (send: typeof sourceHarvest, headers: Record<string, string>) =>
        ((await send.get(headers, '/v2/projects')).json().projects as Record<string, unknown>[])
          .map(strip)
          .sort((a, b) => String(a.name).localeCompare(String(b.name)));
      expect(await projectsOf(targetHarvest, admin.headers)).toEqual(
        await projectsOf(sourceHarvest, from.admin.headers),
      );
      const olena = (
        (await targetHarvest.get(admin.headers, '/v2/users')).json().users as {
          email: string;
          default_hourly_rate: number;
          cost_rate: number;
          weekly_capacity: number;
        }[]
      ).find((u) => u.email === 'olena@example.com');
      expect(olena).toMatchObject({
        default_hourly_rate: 120,
        cost_rate: 60,
        weekly_capacity: 108000,
      });
      const rates = (await targetHarvest.get(admin.headers, '/v2/user_assignments')).json()
        .user_assignments as {
        project: { name: string };
        hourly_rate: number | null;
        use_default_rates: boolean;
      }[];
      expect(
        rates
          .filter((r) => r.project.name === 'Website' && !r.use_default_rates)
          .map((r) => r.hourly_rate),
      ).toEqual([130, 130, 130]);
      const linked = await targetHarvest.get(admin.headers, '/v2/time_entries?per_page=100');
      expect(
        (linked.json().time_entries as { external_reference: { id: string } | null }[]).filter(
          (e) => e.external_reference?.id === 'PR-5',
        ),
      ).toHaveLength(1);

      // Again: nothing new, nothing changed, not one event recorded.
      const events = async () =>
        Number(
          (
            await target.db
              .selectFrom('events')
              .select((eb) => eb.fn.countAll<number | string>().as('n'))
              .where('account_id', '=', admin.accountId)
              .executeTakeFirstOrThrow()
          ).n,
        );
      const before = await events();
      const again = (await as('POST', '/imports/harvest', body)).json<Report>();
      expect(again.created).toEqual({
        people: [],
        clients: [],
        projects: [],
        tasks: [],
        assignments: 0,
        entries: 0,
        seconds: 0,
      });
      expect(again.alreadyImported).toBe(from.entries);
      expect(await events()).toBe(before);
      // Streamed: progress page by page, then the report; a source failing part-way ends the
      // stream with its error.
      const stream = () =>
        target.app.inject({
          method: 'POST',
          url: '/punch/v1/imports/harvest',
          headers: {
            authorization: `Bearer ${admin.token}`,
            accept: 'application/x-ndjson',
            'content-type': 'application/json',
          },
          payload: { ...body, dryRun: true },
        });
      const streamed = await stream();
      expect(streamed.statusCode).toBe(200);
      expect(streamed.headers['content-type']).toMatch(/^application\/x-ndjson/);
      const lines = streamed.body
        .trim()
        .split('\n')
        .map(
          (l) =>
            JSON.parse(l) as {
              progress?: { stage: string; done: number; total: number };
              report?: Report;
            },
        );
      expect(
        lines.flatMap((l) =>
          l.progress?.stage === 'entries' ? [[l.progress.done, l.progress.total]] : [],
        ),
      ).toEqual([
        [0, 35],
        [10, 35],
        [20, 35],
        [30, 35],
        [35, 35],
      ]);
      expect(lines.at(-1)?.report).toMatchObject({
        alreadyImported: from.entries,
        created: { entries: 0 },
      });
      proxy.failNext(/\/v2\/time_entries\?.*page=3(&|$)/);
      const broken = await stream();
      expect(broken.statusCode).toBe(200);
      expect(JSON.parse(broken.body.trim().split('\n').at(-1) ?? '{}')).toMatchObject({
        error: { code: 'import_source_unreachable', status: 422 },
      });
    });

    it("meets this account's time rules on a dry run as the import then does", async () => {
      const from = await sourceAccount();
      const admin = await createHarvestCaller(target.db, target.clock);
      const as = native(admin.token);
      // Everything up to 10 February is locked here: the source's time of those days is refused.
      expect((await as('PATCH', '/account', { lockDate: '2026-02-10' })).statusCode).toBe(200);
      const body = {
        baseUrl: `${proxy.url}/v2`,
        token: from.admin.token,
        accountId: String(from.admin.accountId),
      };
      const bySource = (r: Report) => [...r.refused].sort((a, b) => a.sourceId - b.sourceId);
      const dry = await as('POST', '/imports/harvest', { ...body, dryRun: true });
      expect(dry.statusCode, dry.body).toBe(200);
      const would = dry.json<Report>();
      const locked = would.refused.filter((r) => r.kind === 'time_entry' && /lock/i.test(r.reason));
      // Days 1 to 10 of February: entries 0 to 9 and 28 to 33.
      expect(locked).toHaveLength(16);
      expect(await targetTotals(admin.accountId)).toEqual({ entries: 0, seconds: 0 });

      const done = await as('POST', '/imports/harvest', body);
      expect(done.statusCode, done.body).toBe(200);
      const report = done.json<Report>();
      expect(bySource(would)).toEqual(bySource(report));
      expect(would.created.entries).toBe(report.created.entries);
      expect(would.created.seconds).toBe(report.created.seconds);
      expect(report.created.entries).toBe(from.entries - 16);
      expect((await targetTotals(admin.accountId)).entries).toBe(from.entries - 16);
    });

    it('says what is wrong with a source it cannot use, and only administrators may import', async () => {
      const from = await sourceAccount();
      const admin = await createHarvestCaller(target.db, target.clock);
      const as = native(admin.token);
      const base = { baseUrl: proxy.url, accountId: String(from.admin.accountId) };
      const refused = await as('POST', '/imports/harvest', { ...base, token: 'wrong' });
      expect(refused.statusCode).toBe(422);
      expect(refused.json().error.code).toBe('import_source_refused');
      const nowhere = await as('POST', '/imports/harvest', {
        ...base,
        baseUrl: 'http://127.0.0.1:9',
        token: from.admin.token,
      });
      expect(nowhere.statusCode).toBe(422);
      expect(nowhere.json().error.code).toBe('import_source_unreachable');
      const bad = await as('POST', '/imports/harvest', { ...base, baseUrl: 'ftp://x', token: 't' });
      expect(bad.statusCode).toBe(422);
      const member = await createUser(target.db, target.clock, admin.accountId);
      expect(member.id).toBeGreaterThan(0);
      const asMember = native((await createToken(target.db, target.clock, member.id)).token);
      expect(
        (await asMember('POST', '/imports/harvest', { ...base, token: from.admin.token }))
          .statusCode,
      ).toBe(403);
    });

    it('refuses the records of a source that do not fit their shape, by id, and reads the rest', async () => {
      // A source that is not quite Harvest: a person without an e-mail, an entry with text hours.
      const page = (key: string, records: unknown[]) => ({
        [key]: records,
        next_page: null,
        total_entries: records.length,
      });
      const entry = (fields: Record<string, unknown>) => ({
        spent_date: '2026-03-02',
        user: { id: 2 },
        project: { id: 5 },
        task: { id: 4 },
        hours: 1.5,
        notes: null,
        is_running: false,
        ...fields,
      });
      const answers: Record<string, unknown> = {
        '/v2/company': { name: 'Odd Co' },
        '/v2/users': page('users', [
          { id: 1, first_name: 'No', last_name: 'Mail' },
          { id: 2, first_name: 'Ada', last_name: 'L', email: 'ada@example.com' },
        ]),
        '/v2/clients': page('clients', [{ id: 3, name: 'Odd' }]),
        '/v2/tasks': page('tasks', [{ id: 4, name: 'Work' }]),
        '/v2/projects': page('projects', [{ id: 5, name: 'P', client: { id: 3, name: 'Odd' } }]),
        '/v2/user_assignments': page('user_assignments', [
          { id: 6, project: { id: 5 }, user: { id: 2 } },
        ]),
        '/v2/task_assignments': page('task_assignments', [
          { id: 7, project: { id: 5 }, task: { id: 4 } },
        ]),
        // Entries of Ada's on P, each differing from a good one in what the comment below names.
        '/v2/time_entries': page('time_entries', [
          entry({ id: 8, hours: '1.5' }),
          entry({ id: 9 }),
          entry({ id: 9 }),
          entry({ id: 10, spent_date: '2026-02-30', hours: 1 }),
          entry({ id: 11, hours: 700000 }),
          { id: 1e300, spent_date: '2026-03-02' },
        ]),
      };
      const odd = http.createServer((req, res) => {
        const body = answers[new URL(req.url ?? '/', 'http://x').pathname];
        res.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body ?? { error: 'not_found' }));
      });
      await new Promise<void>((resolve) => odd.listen(0, '127.0.0.1', resolve));
      try {
        const admin = await createHarvestCaller(target.db, target.clock);
        const res = await native(admin.token)('POST', '/imports/harvest', {
          baseUrl: `http://127.0.0.1:${(odd.address() as AddressInfo).port}`,
          token: 't',
          accountId: '1',
        });
        expect(res.statusCode, res.body).toBe(200);
        const report = res.json<Report>();
        expect(report.source.name).toBe('Odd Co');
        // Text hours, hours past any entry and an id past any number are not Harvest's; a
        // repeated entry is imported once; 30 February is no day.
        expect(report.refused).toEqual([
          { kind: 'user', sourceId: 1, reason: 'not a Harvest user record' },
          { kind: 'time_entry', sourceId: 8, reason: 'not a Harvest time_entry record' },
          { kind: 'time_entry', sourceId: 11, reason: 'not a Harvest time_entry record' },
          { kind: 'time_entry', sourceId: 0, reason: 'not a Harvest time_entry record' },
          { kind: 'time_entry', sourceId: 10, reason: 'no such day: 2026-02-30' },
        ]);
        expect(report.alreadyImported).toBe(1);
        expect(report.created).toMatchObject({
          people: ['Ada L <ada@example.com>'],
          entries: 1,
          seconds: 5400,
        });
        // A page holding more than was asked for (10 here) is not Harvest's paging: refused.
        answers['/v2/tasks'] = page(
          'tasks',
          Array.from({ length: 11 }, (_, i) => ({ id: 100 + i, name: `Task ${i}` })),
        );
        const overfull = await native(admin.token)('POST', '/imports/harvest', {
          baseUrl: `http://127.0.0.1:${(odd.address() as AddressInfo).port}`,
          token: 't',
          accountId: '1',
          dryRun: true,
        });
        expect(overfull.statusCode).toBe(422);
        expect(overfull.json().error).toMatchObject({
          code: 'import_source_unreachable',
          message: expect.stringMatching(/11 records on a page of 10/),
        });
      } finally {
        await new Promise<void>((resolve) => odd.close(() => resolve()));
      }
    });

    it('refuses private addresses unless the server allows them', async () => {
      const strict = await buildTestApp(dialect);
      try {
        const admin = await createHarvestCaller(strict.db, strict.clock);
        const res = await nativeRequests(() => strict.app)(admin.token)(
          'POST',
          '/imports/harvest',
          {
            baseUrl: proxy.url,
            token: 'x',
            accountId: '1',
          },
        );
        expect(res.statusCode).toBe(422);
        expect(res.json().error).toMatchObject({
          code: 'import_source_unreachable',
          message: expect.stringMatching(/not a public address/),
        });
        // A public name over plain http would carry the token readable: refused before any
        // connection is made.
        const plain = await nativeRequests(() => strict.app)(admin.token)(
          'POST',
          '/imports/harvest',
          {
            baseUrl: 'http://api.harvestapp.com',
            token: 'x',
            accountId: '1',
          },
        );
        expect(plain.statusCode).toBe(422);
        expect(plain.json().error.message).toMatch(/use https/);
      } finally {
        await strict.close();
      }
    });
  });
}
