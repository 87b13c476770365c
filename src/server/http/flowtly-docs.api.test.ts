import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/dialects.ts';
import { createHarvestCaller, createUser } from '../../../test/factories.ts';
import { flowtlyRequests } from '../../../test/flowtly-requests.ts';
import type { Headers } from '../../../test/harvest-requests.ts';

interface SupportedOperation {
  'hydra:method': string;
  'hydra:template': string;
  expects?: string;
  returns: string;
}

interface SupportedClass {
  '@id': string;
  'hydra:supportedProperty': {
    'hydra:title': string;
    'hydra:writeable': boolean;
    'hydra:required'?: boolean;
    'hydra:property': {
      '@id': string;
      '@type': string;
      range?: string | unknown[];
      'hydra:supportedOperation'?: SupportedOperation[];
    };
  }[];
  'hydra:supportedOperation'?: SupportedOperation[];
}

const signature = (o: SupportedOperation) => `${o['hydra:method']} ${o['hydra:template']}`;

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
      const property = (c: SupportedClass | undefined, name: string) =>
        c?.['hydra:supportedProperty'].find((p) => p['hydra:title'] === name);
      expect(property(workTime, 'seconds')).toMatchObject({
        'hydra:required': true,
        'hydra:writeable': true,
        'hydra:property': { '@type': 'rdf:Property', range: 'xmls:integer' },
      });
      expect(property(workTime, 'date')?.['hydra:property'].range).toBe('xmls:dateTime');
      expect(property(workTime, 'deletedAt')?.['hydra:property'].range).toBe('xmls:dateTime');
      // Relations are links ranged to their class, as API Platform documents them.
      expect(property(workTime, 'employee')?.['hydra:property']).toMatchObject({
        '@type': 'hydra:Link',
        range: '#Employee',
        'owl:maxCardinality': 1,
      });
      // The class holds its item operations; lists and creation sit on the entrypoint.
      expect(workTime?.['hydra:supportedOperation']?.map(signature)).toEqual([
        'GET /api/employee_working_hours/{id}',
        'PATCH /api/employee_working_hours/{id}',
        'DELETE /api/employee_working_hours/{id}',
      ]);
      const entrypoint = classes.find((c) => c['@id'] === '#Entrypoint');
      const workTimes = property(entrypoint, 'The collection of WorkTime resources');
      expect(workTimes?.['hydra:property']).toMatchObject({
        '@id': '#Entrypoint/workTime',
        '@type': 'hydra:Link',
        range: [
          'hydra:Collection',
          {
            'owl:equivalentClass': {
              'owl:onProperty': { '@id': 'hydra:member' },
              'owl:allValuesFrom': { '@id': '#WorkTime' },
            },
          },
        ],
      });
      expect(workTimes?.['hydra:property']['hydra:supportedOperation']).toMatchObject([
        {
          'hydra:method': 'GET',
          'hydra:template': '/api/employee_working_hours',
          returns: 'hydra:Collection',
        },
        {
          'hydra:method': 'POST',
          'hydra:template': '/api/employee_working_hours',
          expects: '#WorkTime',
          returns: '#WorkTime',
        },
      ]);
      // Only classes with a list route are on the entrypoint: Project items have no list.
      expect(
        entrypoint?.['hydra:supportedProperty'].map((p) => p['hydra:property']['@id']),
      ).toEqual(['#Entrypoint/employee', '#Entrypoint/project', '#Entrypoint/workTime']);
      const ids = classes.map((c) => c['@id']);
      for (const name of [
        'Employee',
        'Project',
        'EmployeeProjectRates',
        'EmployeeProjectRate',
        'EmployeeDocument',
        'FeedbackSuggestion',
        'WorkingHoursStats',
      ]) {
        expect(ids).toContain(`#${name}`);
      }
      const employee = classes.find((c) => c['@id'] === '#Employee');
      expect(employee?.['hydra:supportedOperation']?.map(signature)).toEqual([
        'GET /api/employees/{id}',
        'PATCH /api/employees/{id}',
        'DELETE /api/employees/{id}',
        'DELETE /api/employees/{id}/user',
      ]);
      expect(
        property(entrypoint, 'The collection of Employee resources')?.['hydra:property'][
          'hydra:supportedOperation'
        ]?.map(signature),
      ).toEqual([
        'GET /api/employees',
        'GET /api/employees/preview',
        'GET /api/employees/search',
        'GET /api/employees/me',
        'POST /api/employees',
        'POST /api/employees/{id}/user',
      ]);
      expect(property(employee, 'defaultProject')?.['hydra:property'].range).toBe('#Project');
      // A rate is written on its own; the rates document is what every write answers.
      const rate = classes.find((c) => c['@id'] === '#EmployeeProjectRate');
      expect(rate?.['hydra:supportedOperation']).toMatchObject([
        {
          'hydra:method': 'POST',
          'hydra:template': '/api/employees/{id}/project-rates',
          expects: '#EmployeeProjectRate',
          returns: '#EmployeeProjectRates',
        },
        { 'hydra:method': 'PATCH', expects: '#EmployeeProjectRate' },
        { 'hydra:method': 'DELETE', returns: 'owl:Nothing' },
      ]);
      expect(property(rate, 'ratePerHour')).toMatchObject({
        'hydra:required': true,
        'hydra:writeable': true,
        'hydra:property': { range: 'xmls:decimal' },
      });
      expect(property(rate, 'dateFrom')?.['hydra:property'].range).toBe('xmls:date');
      // Public, as API Platform serves it: a client reads it before it has a token.
      const anonymous = await get({}, '/api/docs.jsonld');
      expect(anonymous.statusCode).toBe(200);
      expect((await get({}, '/api')).json()['@type']).toBe('Entrypoint');
      expect((await get({}, '/api/employees')).statusCode).toBe(401);
      // Every response names the documentation, as API Platform's Link header does: absolute.
      expect(res.headers.link).toBe(
        '<http://localhost:80/api/docs.jsonld>; rel="http://www.w3.org/ns/hydra/core#apiDocumentation"',
      );
      expect(docs['@context']['@vocab']).toBe('http://localhost:80/api/docs.jsonld#');
      const behindHost = await t.app.inject({
        method: 'GET',
        url: '/api',
        headers: { host: 'punch.example:8443' },
      });
      expect(behindHost.headers.link).toContain('<http://punch.example:8443/api/docs.jsonld>');
      expect((await get(headers, '/docs.jsonld')).statusCode).toBe(200);
      expect(
        (await get(headers, '/api/contexts/EmployeeProjectRates')).json()['@context'].employee,
      ).toEqual({
        '@id': 'EmployeeProjectRates/employee',
        '@type': '@id',
      });
      // The nested rates' terms too, so that their project IRIs stay IRIs.
      expect(
        (await get(headers, '/api/contexts/EmployeeProjectRates')).json()['@context'].project,
      ).toEqual({ '@id': 'EmployeeProjectRate/project', '@type': '@id' });
      expect((await get({}, '/api/contexts/Entrypoint')).json()['@context']).toMatchObject({
        '@vocab': 'http://localhost:80/api/docs.jsonld#',
        employee: { '@id': 'Entrypoint/employee', '@type': '@id' },
        workTime: { '@id': 'Entrypoint/workTime', '@type': '@id' },
      });
    });

    it('lists on the entrypoint only collections that answer', async () => {
      const headers = await caller();
      const entrypoint = (await get({}, '/api')).json<Record<string, string>>();
      expect(entrypoint).toEqual({
        '@context': '/api/contexts/Entrypoint',
        '@id': '/api',
        '@type': 'Entrypoint',
        employee: '/api/employees',
        project: '/api/projects',
        workTime: '/api/employee_working_hours',
      });
      for (const [key, path] of Object.entries(entrypoint)) {
        if (key.startsWith('@')) continue;
        const res = await get(headers, path);
        expect(res.statusCode, path).toBe(200);
        expect(res.json()['@type']).toBe('hydra:Collection');
      }
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
