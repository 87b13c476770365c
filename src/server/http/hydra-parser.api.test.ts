import { parseHydraDocumentation, type Field, type Resource } from '@api-platform/api-doc-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { DIALECTS } from '../../../test/dialects.ts';
import { createHarvestCaller } from '../../../test/factories.ts';

const XSD = 'http://www.w3.org/2001/XMLSchema#';

/**
 * API Platform's own reader of Hydra documentation (behind API Platform Admin and its client
 * generator), run against a live Punch over real HTTP on the loopback interface: what it finds
 * is what those tools can do with the Flowtly API.
 */
for (const dialect of DIALECTS) {
  describe(`${dialect}: @api-platform/api-doc-parser reads the Flowtly API`, () => {
    let t: TestApp;
    let base: string;
    beforeAll(async () => {
      t = await buildTestApp(dialect);
      await t.app.listen({ port: 0, host: '127.0.0.1' });
      const address = t.app.server.address();
      if (address === null || typeof address === 'string') throw new Error('not listening');
      base = `http://127.0.0.1:${address.port}`;
    });
    afterAll(() => t.close());

    async function parse() {
      const admin = await createHarvestCaller(t.db, t.clock);
      // Only the collections (read for their filters) need the token; the docs are public.
      const { api, status } = await parseHydraDocumentation(`${base}/api`, {
        headers: { Authorization: `Bearer ${admin.token}` },
      });
      expect(status).toBe(200);
      return api.resources ?? [];
    }

    const docs = (name: string) => `${base}/api/docs.jsonld#${name}`;
    const byTitle = (resources: Resource[], title: string) => {
      const resource = resources.find((r) => r.title === title);
      if (!resource) throw new Error(`no resource ${title}`);
      return resource;
    };
    const fieldOf = (resource: Resource, name: string): Field => {
      const field = resource.fields?.find((f) => f.name === name);
      if (!field) throw new Error(`no field ${resource.title}.${name}`);
      return field;
    };
    const rangesOf = (resource: Resource) =>
      Object.fromEntries((resource.fields ?? []).map((f) => [f.name, f.range]));
    const names = (fields: Field[] | null | undefined) => (fields ?? []).map((f) => f.name);
    const referenceOf = (field: Field) =>
      typeof field.reference === 'object' ? field.reference?.title : field.reference;
    const operationsOf = (resource: Resource) =>
      (resource.operations ?? []).map((o) => `${o.type} ${o.method ?? ''}`);

    it('finds every resource the entrypoint lists, each at its collection URL', async () => {
      const resources = await parse();
      const entrypoint = (await fetch(`${base}/api`)).json() as Promise<Record<string, string>>;
      const listed = Object.entries(await entrypoint).filter(([key]) => !key.startsWith('@'));
      expect(listed.length).toBeGreaterThan(0);
      expect(resources.length).toBe(listed.length);
      expect(resources.map((r) => r.title).sort()).toEqual(['Employee', 'Project', 'WorkTime']);
      expect(resources.map((r) => r.url).sort()).toEqual(
        listed.map(([, path]) => `${base}${path}`).sort(),
      );
      // Every advertised collection answers (none is a 404).
      const admin = await createHarvestCaller(t.db, t.clock);
      for (const resource of resources) {
        const res = await fetch(resource.url, {
          headers: { authorization: `Bearer ${admin.token}` },
        });
        expect(res.status, resource.url).toBe(200);
      }
    });

    it('reads WorkTime: its fields, ranges, relations, required and writable flags, operations', async () => {
      const workTime = byTitle(await parse(), 'WorkTime');
      expect(workTime.id).toBe(docs('WorkTime'));
      expect(workTime.url).toBe(`${base}/api/employee_working_hours`);
      expect(rangesOf(workTime)).toEqual({
        id: `${XSD}integer`,
        employee: docs('Employee'),
        project: docs('Project'),
        date: `${XSD}dateTime`,
        seconds: `${XSD}integer`,
        description: `${XSD}string`,
        createdAt: `${XSD}dateTime`,
        updatedAt: `${XSD}dateTime`,
        deletedAt: `${XSD}dateTime`,
        deleted: `${XSD}boolean`,
      });
      expect(fieldOf(workTime, 'date').type).toBe('dateTime');
      expect(fieldOf(workTime, 'seconds').type).toBe('integer');
      expect(referenceOf(fieldOf(workTime, 'employee'))).toBe('Employee');
      expect(fieldOf(workTime, 'employee').maxCardinality).toBe(1);
      expect(fieldOf(workTime, 'seconds').reference).toBeNull();
      expect((workTime.fields ?? []).filter((f) => f.required).map((f) => f.name)).toEqual([
        'employee',
        'project',
        'date',
        'seconds',
      ]);
      expect(names(workTime.writableFields)).toEqual([
        'employee',
        'project',
        'date',
        'seconds',
        'description',
      ]);
      expect(names(workTime.readableFields)).toEqual(names(workTime.fields));
      expect(operationsOf(workTime)).toEqual([
        'list GET',
        'create POST',
        'show GET',
        'edit PATCH',
        'delete DELETE',
      ]);
      const create = workTime.operations?.find((o) => o.type === 'create');
      expect(create).toMatchObject({ expects: docs('WorkTime'), returns: docs('WorkTime') });
      expect(workTime.operations?.find((o) => o.type === 'list')?.returns).toBe(
        'http://www.w3.org/ns/hydra/core#Collection',
      );
    });

    it("reads the work-time list's filters, ranged like the fields they filter", async () => {
      const workTime = byTitle(await parse(), 'WorkTime');
      const parameters = await workTime.getParameters?.();
      expect(
        Object.fromEntries((parameters ?? []).map((p) => [p.variable, p.range])),
      ).toMatchObject({
        employee: docs('Employee'),
        'employee[]': docs('Employee'),
        project: docs('Project'),
        'project[]': docs('Project'),
        'date[before]': `${XSD}dateTime`,
        'date[strictly_before]': `${XSD}dateTime`,
        'date[after]': `${XSD}dateTime`,
        'date[strictly_after]': `${XSD}dateTime`,
        'exists[description]': `${XSD}string`,
        'order[date]': `${XSD}dateTime`,
        'order[id]': `${XSD}integer`,
      });
      expect(parameters?.every((p) => !p.required)).toBe(true);
    });

    it('reads Employee: ranges, its default project, writes, its four lists and filters', async () => {
      const resources = await parse();
      const employee = byTitle(resources, 'Employee');
      expect(employee.url).toBe(`${base}/api/employees`);
      expect(rangesOf(employee)).toMatchObject({
        id: `${XSD}integer`,
        firstName: `${XSD}string`,
        email: `${XSD}string`,
        active: `${XSD}boolean`,
        weeklyCapacitySeconds: `${XSD}integer`,
        defaultProject: docs('Project'),
        createdAt: `${XSD}dateTime`,
        updatedAt: `${XSD}dateTime`,
      });
      // Every relation is a link with a range, never Hydra's untyped hydra:Link.
      for (const resource of resources) {
        for (const field of resource.fields ?? []) {
          expect(field.range, `${resource.title}.${field.name}`).not.toMatch(/#Link$/);
          expect(field.range, `${resource.title}.${field.name}`).toBeTruthy();
        }
      }
      expect(fieldOf(employee, 'defaultProject').maxCardinality).toBe(1);
      expect((employee.fields ?? []).filter((f) => f.required).map((f) => f.name)).toEqual([
        'firstName',
        'lastName',
        'email',
      ]);
      expect(names(employee.writableFields)).toEqual([
        'firstName',
        'lastName',
        'email',
        'contactEmail',
        'phone',
        'active',
        'weeklyCapacitySeconds',
        'defaultProject',
      ]);
      expect(operationsOf(employee)).toEqual([
        'list GET',
        'list GET',
        'list GET',
        'list GET',
        'create POST',
        'create POST',
        'show GET',
        'edit PATCH',
        'delete DELETE',
        'delete DELETE',
      ]);
      // Giving a login (POST /employees/{id}/user) takes a password, not an Employee.
      expect(
        employee.operations
          ?.filter((o) => o.type === 'create')
          .map((o) => `${String(o.expects)} → ${o.returns ?? ''}`),
      ).toEqual([
        `${docs('Employee')} → ${docs('Employee')}`,
        `${docs('EmployeeLogin')} → ${docs('Employee')}`,
      ]);
      const parameters = await employee.getParameters?.();
      expect(parameters?.map((p) => `${p.variable} ${p.range ?? ''}`)).toEqual([
        `firstName ${XSD}string`,
        `lastName ${XSD}string`,
        `email ${XSD}string`,
        `active ${XSD}boolean`,
      ]);
    });

    it('ranges Project relations to the Project class, typed as the Project item says', async () => {
      const resources = await parse();
      const workTime = byTitle(resources, 'WorkTime');
      // Projects are listed at /api/projects, so the relation is a reference to that resource.
      expect(byTitle(resources, 'Project').url).toBe(`${base}/api/projects`);
      expect(fieldOf(workTime, 'project').range).toBe(docs('Project'));
      expect(referenceOf(fieldOf(workTime, 'project'))).toBe('Project');
      expect(referenceOf(fieldOf(byTitle(resources, 'Employee'), 'defaultProject'))).toBe(
        'Project',
      );
      const docsBody = (await (await fetch(`${base}/api/docs.jsonld`)).json()) as {
        'hydra:supportedClass': {
          '@id': string;
          'hydra:supportedProperty': {
            'hydra:title': string;
            'hydra:property': { range?: string; '@type': string };
          }[];
          'hydra:supportedOperation': { 'hydra:method': string }[];
        }[];
      };
      const project = docsBody['hydra:supportedClass'].find((c) => c['@id'] === '#Project');
      expect(
        Object.fromEntries(
          (project?.['hydra:supportedProperty'] ?? []).map((p) => [
            p['hydra:title'],
            p['hydra:property'].range,
          ]),
        ),
      ).toEqual({
        id: 'xmls:integer',
        name: 'xmls:string',
        code: 'xmls:string',
        client: 'hydra:Resource',
        clientName: 'xmls:string',
        currency: 'xmls:string',
        dateFrom: 'xmls:date',
        dateTo: 'xmls:date',
        type: 'xmls:string',
        hourlyRate: 'xmls:decimal',
        active: 'xmls:boolean',
      });
      expect(project?.['hydra:supportedOperation'].map((o) => o['hydra:method'])).toEqual(['GET']);
    });
  });
}
