import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { nativeRequests } from '../../../../test/native-requests.ts';
import { NO_COLUMNS } from './import-formats.rules.ts';

/**
 * An export as the web app and the CLI upload it: multipart/form-data, field `file`, and the
 * web app's `columns` field (JSON) before or after it.
 */
async function upload(
  content: string | Buffer,
  columns?: { json: string; first?: boolean },
  name = 'export.csv',
) {
  const form = new FormData();
  if (columns?.first) form.append('columns', columns.json);
  form.append('file', new Blob([content]), name);
  if (columns && !columns.first) form.append('columns', columns.json);
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    type: encoded.headers.get('content-type') ?? '',
  };
}

const fixture = (name: string) =>
  readFileSync(new URL(`../../../../test/fixtures/imports/${name}`, import.meta.url), 'utf8');

interface Report {
  format: string;
  rows: number;
  alreadyImported: number;
  created: {
    clients: string[];
    projects: string[];
    tasks: string[];
    assignments: number;
    entries: number;
    seconds: number;
  };
  refused: { line: number; reason: string }[];
  preview: { line: number }[];
  headers: string[];
  columns: Record<string, string> | null;
}

/** A time sheet no tracker wrote: its own headers, semicolons, dotted dates, start and end. */
const SHEET = [
  'Tag;Wer;E-Mail-Adresse;Kunde;Auftrag;Tätigkeit;Bemerkung;Von;Bis',
  '04.11.2026;Olena Koval;olena@example.com;Acme;Website relaunch;Design;Wireframes;09:00;10:30',
  '04.11.2026;Li Wei;;Globex;Support;;Night shift;23:15;01:00',
  '05.11.2026;Li Wei;li@example.com;Globex;Support;;Tickets;13:00;15:45',
  '06.11.2026;Nobody;;Globex;Support;;Who?;09:00;10:00',
].join('\n');
const SHEET_COLUMNS = {
  date: 'Tag',
  person: 'Wer',
  email: 'E-Mail-Adresse',
  client: 'Kunde',
  project: 'Auftrag',
  task: 'Tätigkeit',
  notes: 'Bemerkung',
  start: 'Von',
  end: 'Bis',
};
/** 1:30, 1:45 past midnight, and 2:45. */
const SHEET_SECONDS = 5400 + 6300 + 9900;

/** What each sample export holds, as its rules test reads it. */
const TOTALS = { harvest: 16_200, toggl: 16_230, clockify: 14_100, kimai: 10_200 } as const;

for (const dialect of DIALECTS) {
  describe(`${dialect}: imports`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const native = nativeRequests(() => t.app);
    const send = async (
      token: string,
      content: string | Buffer,
      query = '',
      columns?: { json: string; first?: boolean },
    ) => {
      const file = await upload(content, columns);
      return t.app.inject({
        method: 'POST',
        url: `/punch/v1/imports${query}`,
        headers: { authorization: `Bearer ${token}`, 'content-type': file.type },
        payload: file.payload,
      });
    };

    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      for (const [firstName, lastName, email] of [
        ['Olena', 'Koval', 'olena@example.com'],
        ['Li', 'Wei', 'li@example.com'],
      ] as const)
        await createUser(t.db, t.clock, admin.accountId, { firstName, lastName, email });
      const as = native(admin.token);
      const run = async (name: string, dryRun = false) => {
        const res = await send(admin.token, fixture(name), dryRun ? '?dryRun=true' : '');
        expect(res.statusCode, res.body).toBe(200);
        return res.json<Report>();
      };
      const tracked = async () => {
        const row = await t.db
          .selectFrom('time_entries')
          .select((eb) => eb.fn.sum<number | string | null>('duration_seconds').as('s'))
          .where('account_id', '=', admin.accountId)
          .where('deleted_at', 'is', null)
          .executeTakeFirstOrThrow();
        return Number(row.s ?? 0);
      };
      return { admin, as, run, tracked };
    }

    it('reports on a dry run what it would do and writes nothing; then imports it, once', async () => {
      const w = await world();
      const dry = await w.run('toggl.csv', true);
      expect(dry).toMatchObject({
        format: 'toggl',
        rows: 4,
        alreadyImported: 0,
        created: {
          clients: ['Acme', 'Globex'],
          projects: ['Acme / Website relaunch', 'Globex / Support'],
          tasks: ['Design'],
          entries: 3,
          seconds: TOTALS.toggl,
        },
        refused: [{ line: 5, reason: 'negative duration' }],
      });
      expect(dry.preview.map((r) => r.line)).toEqual([2, 3, 4]);
      expect(await w.tracked()).toBe(0);

      const done = await w.run('toggl.csv');
      expect(done.created).toMatchObject({ entries: 3, seconds: TOTALS.toggl });
      expect(done.created.assignments).toBeGreaterThan(0);
      expect(await w.tracked()).toBe(TOTALS.toggl);

      // The same file again: everything is recognised, nothing is made twice.
      const again = await w.run('toggl.csv');
      expect(again).toMatchObject({
        alreadyImported: 3,
        created: { clients: [], projects: [], tasks: [], entries: 0, seconds: 0 },
      });
      expect(await w.tracked()).toBe(TOTALS.toggl);

      // The audit log says these changes came by import.
      const log = (await w.as('GET', '/audit-log?entityType=time_entry')).json<{
        data: { door: string }[];
      }>();
      expect(log.data).toHaveLength(3);
      expect(log.data.every((e) => e.door === 'import')).toBe(true);
    });

    it("imports the four trackers' samples into one account with exact totals", async () => {
      const w = await world();
      // A default task goes onto every new project: the import must not assign it twice.
      expect((await w.as('POST', '/tasks', { name: 'Design', isDefault: true })).statusCode).toBe(
        201,
      );
      let expected = 0;
      for (const format of ['harvest', 'toggl', 'clockify', 'kimai'] as const) {
        const report = await w.run(`${format}.csv`);
        expect(report.format).toBe(format);
        expect(report.created.seconds, format).toBe(TOTALS[format]);
        expected += TOTALS[format];
        expect(await w.tracked(), format).toBe(expected);
      }
      // One catalog: the same client and project named by four trackers.
      const clients = await t.db
        .selectFrom('clients')
        .select('name')
        .where('account_id', '=', w.admin.accountId)
        .orderBy('name')
        .execute();
      expect(clients.map((c) => c.name)).toEqual(['Acme', 'Globex']);
    });

    it('refuses rows of people it does not know, and files it cannot read', async () => {
      const admin = await createHarvestCaller(t.db, t.clock);
      const as = native(admin.token);
      const res = await send(admin.token, fixture('kimai.csv'));
      const report = res.json<Report>();
      expect(report.created.entries).toBe(0);
      expect(report.refused.map((r) => r.reason)).toEqual([
        'no person olena@example.com in this account: add them first',
        'no person li@example.com in this account: add them first',
        'no project',
      ]);
      for (const [content, query] of [
        ['Name,Amount\nA,1\n', ''],
        [Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.from('not a workbook')]), ''],
        [fixture('toggl.csv'), '?format=kimai'],
      ] as const) {
        const bad = await send(admin.token, content, query);
        expect(bad.statusCode, bad.body).toBe(422);
        expect(bad.json()).toMatchObject({ error: { code: 'invalid_import' } });
      }
      // Not multipart, or no file in it: said as such.
      const json = await as('POST', '/imports', { kind: 'csv', content: 'x' });
      expect(json.statusCode).toBe(400);
      expect(json.json()).toMatchObject({ error: { code: 'invalid_multipart' } });
      expect(
        (await send(admin.token, fixture('toggl.csv'), '?format=spreadsheet')).statusCode,
      ).toBe(422);
      const member = await createUser(t.db, t.clock, admin.accountId);
      const memberToken = (await createToken(t.db, t.clock, member.id)).token;
      expect((await send(memberToken, fixture('toggl.csv'))).statusCode).toBe(403);
    });

    it('imports a time sheet of any making through a mapping of its columns, exactly and once', async () => {
      const w = await world();
      const json = JSON.stringify(SHEET_COLUMNS);
      // The mapping after the file on the dry run, before it on the import: either order reads.
      const dry = await send(w.admin.token, SHEET, '?dryRun=true', { json });
      expect(dry.statusCode, dry.body).toBe(200);
      expect(dry.json<Report>()).toMatchObject({
        format: 'custom',
        rows: 4,
        headers: SHEET.split('\n')[0]!.split(';'),
        columns: SHEET_COLUMNS,
        created: {
          clients: ['Acme', 'Globex'],
          projects: ['Acme / Website relaunch', 'Globex / Support'],
          tasks: ['Design'],
          entries: 3,
          seconds: SHEET_SECONDS,
        },
        refused: [{ line: 5, reason: 'no person Nobody in this account: add them first' }],
      });
      expect(await w.tracked()).toBe(0);

      const done = await send(w.admin.token, SHEET, '?format=custom', { json, first: true });
      expect(done.statusCode, done.body).toBe(200);
      expect(done.json<Report>().created).toMatchObject({ entries: 3, seconds: SHEET_SECONDS });
      expect(await w.tracked()).toBe(SHEET_SECONDS);

      const again = await send(w.admin.token, SHEET, '', { json });
      expect(again.json<Report>()).toMatchObject({
        alreadyImported: 3,
        created: { clients: [], projects: [], tasks: [], entries: 0, seconds: 0 },
      });
      expect(await w.tracked()).toBe(SHEET_SECONDS);
    });

    it('refuses a mapping that is not JSON, lacks a field or names a missing column: 422 invalid_import naming the field', async () => {
      const w = await world();
      const cases: [string, { json: string; first?: boolean } | undefined, RegExp][] = [
        ['', { json: '{"date": "Tag",' }, /^columns: not JSON \(/],
        ['', { json: '["Tag"]' }, /^columns: an object naming/],
        [
          '',
          { json: JSON.stringify({ ...SHEET_COLUMNS, start: undefined, duration: 'Dauer' }) },
          /^columns\.duration: the file has no column "Dauer"$/,
        ],
        [
          '',
          { json: JSON.stringify({ ...SHEET_COLUMNS, project: null }), first: true },
          /^columns\.project: required/,
        ],
        ['?format=harvest', { json: JSON.stringify(SHEET_COLUMNS) }, /^columns: .*not harvest$/],
        ['?format=custom', undefined, /^columns: required with format custom/],
      ];
      for (const [query, columns, message] of cases) {
        const res = await send(w.admin.token, SHEET, query, columns);
        expect(res.statusCode, res.body).toBe(422);
        const error = res.json<{ error: { code: string; message: string } }>().error;
        expect(error.code).toBe('invalid_import');
        expect(error.message).toMatch(message);
      }
      expect(await w.tracked()).toBe(0);
    });

    it("tells a client the headers of a file whose columns are no tracker's, to choose from", async () => {
      const w = await world();
      const unknown = await send(w.admin.token, SHEET, '?dryRun=true');
      expect(unknown.statusCode).toBe(422);
      expect(unknown.json()).toMatchObject({ error: { code: 'invalid_import' } });

      const asked = await send(w.admin.token, SHEET, '?format=custom&dryRun=true');
      expect(asked.statusCode, asked.body).toBe(200);
      expect(asked.json<Report>()).toMatchObject({
        format: 'custom',
        rows: 4,
        headers: SHEET.split('\n')[0]!.split(';'),
        columns: null,
        created: { entries: 0, seconds: 0 },
        refused: [{ line: 1, reason: NO_COLUMNS }],
        preview: [],
      });

      // A tracker's export says how its format reads: a starting point for a mapping.
      const toggl = await w.run('toggl.csv', true);
      expect(toggl.headers).toContain('Start date');
      expect(toggl.columns).toMatchObject({ date: 'Start date', person: 'User', email: 'Email' });
      expect(await w.tracked()).toBe(0);
    });
  });
}
