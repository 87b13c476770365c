import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../../test/build-test-app.ts';
import { DIALECTS } from '../../../../test/dialects.ts';
import { createHarvestCaller, createToken, createUser } from '../../../../test/factories.ts';
import { flowtlyRequests } from '../../../../test/flowtly-requests.ts';
import type { Headers } from '../../../../test/harvest-requests.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n%%EOF\n');
const LIMIT = 64 * 1024;

/** A real multipart body, as a browser or curl -F would send it. */
async function multipart(field: string, bytes: Buffer, name: string, type: string) {
  const form = new FormData();
  form.append(field, new Blob([bytes], { type }), name);
  form.append('note', 'scanned contract');
  const encoded = new Response(form);
  return {
    payload: Buffer.from(await encoded.arrayBuffer()),
    type: encoded.headers.get('content-type') ?? '',
  };
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: Flowtly employee documents`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect, { documentMaxBytes: LIMIT });
    });
    afterAll(() => t.close());
    const { get, del } = flowtlyRequests(() => t.app);

    async function world() {
      const admin = await createHarvestCaller(t.db, t.clock);
      const person = await createUser(t.db, t.clock, admin.accountId);
      const flowtly: Headers = { authorization: `Bearer ${admin.token}` };
      const own: Headers = {
        authorization: `Bearer ${(await createToken(t.db, t.clock, person.id)).token}`,
      };
      return { admin, person, flowtly, own, url: `/api/employees/emp_${person.id}/documents` };
    }
    async function upload(
      headers: Headers,
      url: string,
      bytes: Buffer,
      name: string,
      type: string,
    ) {
      const body = await multipart('file', bytes, name, type);
      return t.app.inject({
        method: 'POST',
        url,
        headers: { ...headers, 'content-type': body.type },
        payload: body.payload,
      });
    }

    it('uploads, lists, downloads byte for byte, and deletes a document', async () => {
      const w = await world();
      const res = await upload(w.flowtly, w.url, PDF, 'umowa łódź.pdf', 'application/pdf');
      expect(res.statusCode).toBe(201);
      const doc = res.json();
      expect(res.headers.location).toBe(`${w.url}/${doc.id}`);
      expect(doc).toEqual({
        '@context': '/api/contexts/EmployeeDocument',
        '@id': `${w.url}/${doc.id}`,
        '@type': 'EmployeeDocument',
        id: doc.id,
        employee: `/api/employees/emp_${w.person.id}`,
        fileName: 'umowa łódź.pdf',
        contentType: 'application/pdf',
        size: PDF.length,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        uploadedBy: `/api/employees/emp_${w.admin.user.id}`,
        createdAt: '2026-03-04T09:30:00+00:00',
        contentUrl: `${w.url}/${doc.id}`,
      });

      const list = (await get(w.flowtly, `/employees/${w.person.id}/documents`)).json();
      expect(list['@type']).toBe('EmployeeDocuments');
      const member: Record<string, unknown> = { ...doc };
      delete member['@context'];
      expect(list.documents).toEqual([member]);

      // The person reads their own documents; a browser's Accept does not get a 406.
      const download = await t.app.inject({
        method: 'GET',
        url: `${w.url}/${doc.id}`,
        headers: { ...w.own, accept: 'application/pdf,*/*;q=0.8' },
      });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(PDF)).toBe(true);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="umowa __d_.pdf"; filename*=UTF-8''umowa%20%C5%82%C3%B3d%C5%BA.pdf`,
      );
      const created = await t.db
        .selectFrom('events')
        .select(['type', 'user_id', 'after_json'])
        .where('type', '=', 'document.created')
        .where('entity_id', '=', doc.id)
        .executeTakeFirstOrThrow();
      expect(created.user_id).toBe(w.person.id);
      expect(JSON.parse(String(created.after_json))).toMatchObject({
        fileName: 'umowa łódź.pdf',
        sizeBytes: PDF.length,
      });
      expect(download.headers['x-content-type-options']).toBe('nosniff');

      expect((await del(w.own, `${w.url}/${doc.id}`)).statusCode).toBe(403);
      expect((await del(w.flowtly, `${w.url}/${doc.id}`)).statusCode).toBe(204);
      expect((await get(w.flowtly, `${w.url}/${doc.id}`)).statusCode).toBe(404);
      expect((await get(w.flowtly, w.url)).json().documents).toEqual([]);
    });

    it('refuses what it must not keep: wrong type by content, too large, empty, no file', async () => {
      const w = await world();
      const script = await upload(
        w.flowtly,
        w.url,
        Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0]),
        'contract.pdf',
        'application/pdf',
      );
      expect(script.statusCode).toBe(422);
      expect(script.json().violations[0]).toMatchObject({
        propertyPath: 'file',
        code: '744f00bc-4389-4c74-92de-9a43cde55534',
      });
      const big = await upload(
        w.flowtly,
        w.url,
        Buffer.concat([PDF, Buffer.alloc(LIMIT)]),
        'big.pdf',
        'application/pdf',
      );
      expect(big.statusCode).toBe(422);
      expect(big.json().violations[0]).toMatchObject({
        propertyPath: 'file',
        message: 'The file is too large. Allowed maximum size is 0.06 MiB.',
        code: 'df8637af-d466-48c6-a59d-e7126250a654',
      });
      const empty = await upload(w.flowtly, w.url, Buffer.alloc(0), 'empty.txt', 'text/plain');
      expect(empty.statusCode).toBe(422);
      const wrongField = await multipart('attachment', PDF, 'a.pdf', 'application/pdf');
      const noFile = await t.app.inject({
        method: 'POST',
        url: w.url,
        headers: { ...w.flowtly, 'content-type': wrongField.type },
        payload: wrongField.payload,
      });
      expect(noFile.statusCode).toBe(422);
      expect(noFile.json().violations[0].message).toBe('Please upload a file.');
      const json = await t.app.inject({
        method: 'POST',
        url: w.url,
        headers: { ...w.flowtly, 'content-type': 'application/json' },
        payload: '{}',
      });
      expect(json.statusCode).toBe(415);
      expect(json.json().detail).toBe(
        'The content-type "application/json" is not supported. Supported MIME types are "multipart/form-data".',
      );
      const broken = await t.app.inject({
        method: 'POST',
        url: w.url,
        headers: { ...w.flowtly, 'content-type': 'multipart/form-data' },
        payload: 'not multipart at all',
      });
      expect(broken.statusCode).toBe(400);
      expect(broken.json().detail).toMatch(/^The multipart body could not be read/);
      expect((await get(w.flowtly, w.url)).json().documents).toEqual([]);
    });

    it('keeps CSV as text and lets only administrators upload', async () => {
      const w = await world();
      const csv = Buffer.from('day;hours\n2024-07-04;7.5\n');
      expect((await upload(w.own, w.url, csv, 'hours.csv', 'text/csv')).statusCode).toBe(403);
      const res = await upload(w.flowtly, w.url, csv, 'hours.csv', 'text/csv');
      expect(res.json().contentType).toBe('text/csv');
      const other = await createUser(t.db, t.clock, w.admin.accountId);
      expect((await get(w.own, `/api/employees/${other.id}/documents`)).statusCode).toBe(403);
      expect((await get(w.flowtly, `/api/employees/emp_999999/documents`)).statusCode).toBe(404);
    });
  });
}
