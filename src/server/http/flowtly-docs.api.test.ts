import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/dialects.ts';
import { createHarvestCaller, createUser } from '../../../test/factories.ts';
import { flowtlyRequests } from '../../../test/flowtly-requests.ts';
import type { Headers } from '../../../test/harvest-requests.ts';

interface SupportedClass {
  '@id': string;
  'hydra:supportedProperty': {
    'hydra:title': string;
    'hydra:writeable': boolean;
    'hydra:required'?: boolean;
  }[];
  'hydra:supportedOperation'?: { 'hydra:method': string; 'hydra:template': string }[];
}

for (const dialect of DIALECTS) {
  describe(`${dialect}: Flowtly API documentation and formats`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
    });
    afterAll(() => t.close());
    const { get } = flowtlyRequests(() => t.app);

    async function caller(): Promise<Headers> {
      const admin = await createHarvestCaller(t.db, t.clock);
      return { authorization: `Bearer ${admin.token}` };
    }

    it('serves a Hydra ApiDocumentation built from the schemas and the routes', async () => {
      const headers = await caller();
      const res = await get(headers, '/api/docs.jsonld');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('application/ld+json; charset=utf-8');
      const docs = res.json();
      expect(docs).toMatchObject({
        '@id': '/api/docs.jsonld',
        '@type': 'hydra:ApiDocumentation',
        'hydra:entrypoint': '/api',
      });
      const classes = docs['hydra:supportedClass'] as SupportedClass[];
      const workTime = classes.find((c) => c['@id'] === '#WorkTime');
      expect(workTime?.['hydra:supportedProperty'].map((p) => p['hydra:title'])).toEqual([
        'id',
        'employee',
        'project',
        'date',
        'seconds',
        'description',
        'createdAt',
        'updatedAt',
        'deletedAt',
        'deleted',
      ]);
      const seconds = workTime?.['hydra:supportedProperty'].find(
        (p) => p['hydra:title'] === 'seconds',
      );
      expect(seconds).toMatchObject({ 'hydra:required': true, 'hydra:writeable': true });
      expect(
        workTime?.['hydra:supportedOperation']?.map(
          (o) => `${o['hydra:method']} ${o['hydra:template']}`,
        ),
      ).toEqual([
        'GET /api/employee_working_hours',
        'GET /api/employee_working_hours/{id}',
        'POST /api/employee_working_hours',
        'PATCH /api/employee_working_hours/{id}',
        'DELETE /api/employee_working_hours/{id}',
      ]);
      const ids = classes.map((c) => c['@id']);
      for (const name of [
        'Employee',
        'Project',
        'EmployeeProjectRates',
        'EmployeeDocument',
        'FeedbackSuggestion',
        'WorkingHoursStats',
      ]) {
        expect(ids).toContain(`#${name}`);
      }
      const employeeOps = classes
        .find((c) => c['@id'] === '#Employee')
        ?.['hydra:supportedOperation']?.map((o) => `${o['hydra:method']} ${o['hydra:template']}`);
      expect(employeeOps).toEqual(
        expect.arrayContaining([
          'GET /api/employees/search',
          'GET /api/employees/preview',
          'POST /api/employees/{id}/user',
          'DELETE /api/employees/{id}/user',
        ]),
      );
      // Public, as API Platform serves it: a client reads it before it has a token.
      const anonymous = await get({}, '/api/docs.jsonld');
      expect(anonymous.statusCode).toBe(200);
      expect((await get({}, '/api')).json()['@type']).toBe('Entrypoint');
      expect((await get({}, '/api/employees')).statusCode).toBe(401);
      // Every response names the documentation, as API Platform's Link header does.
      expect(res.headers.link).toContain('</api/docs.jsonld>');
      expect((await get(headers, '/docs.jsonld')).statusCode).toBe(200);
      expect(
        (await get(headers, '/api/contexts/EmployeeProjectRates')).json()['@context'].employee,
      ).toEqual({
        '@id': 'EmployeeProjectRates/employee',
        '@type': '@id',
      });
    });

    it('answers 405 with Allow for a known path and another method, 404 for unknown paths', async () => {
      const headers = await caller();
      const put = await t.app.inject({
        method: 'PUT',
        url: '/api/work-times/1',
        headers: { ...headers, 'content-type': 'application/ld+json' },
        payload: '{}',
      });
      expect(put.statusCode).toBe(405);
      expect(put.headers.allow).toBe('GET, PATCH, DELETE');
      expect(put.json().detail).toBe(
        'No route found for "PUT http://localhost:80/api/work-times/1": Method Not Allowed (Allow: GET, PATCH, DELETE)',
      );
      const rootAlias = await t.app.inject({ method: 'DELETE', url: '/employees', headers });
      expect(rootAlias.statusCode).toBe(405);
      expect(rootAlias.headers.allow).toBe('GET, POST');
      const unknown = await get(headers, '/api/nothing-here');
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().detail).toBe(
        'No route found for "GET http://localhost:80/api/nothing-here"',
      );
    });

    it('takes the format from a .jsonld or .json suffix over Accept, and 404s others', async () => {
      const headers = await caller();
      const admin = await createHarvestCaller(t.db, t.clock);
      const person = await createUser(t.db, t.clock, admin.accountId);
      const h: Headers = { authorization: `Bearer ${admin.token}` };
      const asJson = await t.app.inject({
        method: 'GET',
        url: `/api/employees/${person.id}.json`,
        headers: { ...h, accept: 'application/ld+json' },
      });
      expect(asJson.statusCode).toBe(200);
      expect(asJson.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(asJson.json()['@id']).toBeUndefined();
      const asLd = await t.app.inject({
        method: 'GET',
        url: `/employees/emp_${person.id}.jsonld?x=1`,
        headers: { ...h, accept: 'application/json' },
      });
      expect(asLd.json()['@id']).toBe(`/api/employees/emp_${person.id}`);
      const collection = await get(h, '/api/employees.json');
      expect(Array.isArray(collection.json())).toBe(true);
      const unknown = await get(headers, `/api/employees/${person.id}.xyz`);
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json().detail).toBe('Format "xyz" is not supported');
    });
  });
}

describe('OpenAPI describes the Flowtly API', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('lists every Flowtly operation once, under /api, with its security', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const paths = doc.paths as Record<
      string,
      Record<string, { security?: unknown[]; tags?: string[] }>
    >;
    for (const [path, method] of [
      ['/api/employee_working_hours', 'post'],
      ['/api/employee_working_hours/{id}', 'patch'],
      ['/api/employees', 'post'],
      ['/api/employees/search', 'get'],
      ['/api/employees/preview', 'get'],
      ['/api/employees/me', 'get'],
      ['/api/employees/{id}', 'delete'],
      ['/api/employees/{id}/user', 'post'],
      ['/api/employees/{id}/project-rates', 'post'],
      ['/api/employees/{id}/project-rates/{rateId}', 'patch'],
      ['/api/employees/{id}/documents', 'post'],
      ['/api/employees/{id}/documents/{documentId}', 'get'],
      ['/api/employees/{id}/feedback-suggestion', 'get'],
      ['/api/employees/{id}/working-hours-stats/{date}', 'get'],
      ['/api/projects/{id}', 'get'],
      ['/api/login', 'post'],
    ] as const) {
      expect(paths[path]?.[method], `${method} ${path}`).toBeDefined();
    }
    expect(paths['/api/login']?.post?.security).toEqual([]);
    expect(doc.security).toEqual([{ BearerAuth: [] }]);
    // Root aliases work but are not documented twice.
    expect(paths['/employees']).toBeUndefined();
    expect(paths['/v2/users/me']?.get?.security).toEqual([{ BearerAuth: [], AccountAuth: [] }]);
  });
});
