import type { App } from './app-types.ts';

/** The JSON-LD vocabulary of each resource: its properties, relations typed as IRIs. */
const CONTEXTS: Record<string, { properties: string[]; relations: string[] }> = {
  WorkTime: {
    properties: [
      'id',
      'date',
      'seconds',
      'description',
      'createdAt',
      'updatedAt',
      'deletedAt',
      'deleted',
    ],
    relations: ['employee', 'project'],
  },
  Employee: {
    properties: [
      'id',
      'firstName',
      'lastName',
      'email',
      'contactEmail',
      'phone',
      'active',
      'timeTrackingEnabled',
      'createdAt',
      'updatedAt',
    ],
    relations: ['defaultProject', 'user'],
  },
  Project: {
    properties: ['id', 'name', 'code', 'currency', 'dateFrom', 'dateTo', 'type', 'active'],
    relations: ['client'],
  },
};

/** `GET /api` (the Hydra entrypoint) and `GET /api/contexts/{Name}` (API Platform, §2.2). */
export function flowtlyEntrypointRoutes(app: App): void {
  for (const prefix of ['/api', '']) {
    if (prefix === '/api') {
      app.get('/api', { schema: { hide: true } }, async () => ({
        '@context': '/api/contexts/Entrypoint',
        '@id': '/api',
        '@type': 'Entrypoint',
        employee: '/api/employees',
        project: '/api/projects',
        workTime: '/api/employee_working_hours',
      }));
    }
    app.get<{ Params: { name: string } }>(
      `${prefix}/contexts/:name`,
      { schema: { hide: true } },
      async (request, reply) => {
        const name = request.params.name.replace(/\.jsonld$/, '');
        if (name === 'Entrypoint') {
          return {
            '@context': {
              '@vocab': '/api/docs.jsonld#',
              hydra: 'http://www.w3.org/ns/hydra/core#',
              Entrypoint: 'Entrypoint',
              ...Object.fromEntries(
                ['employee', 'project', 'workTime'].map((key) => [
                  key,
                  { '@id': `Entrypoint/${key}`, '@type': '@id' },
                ]),
              ),
            },
          };
        }
        const context = CONTEXTS[name];
        if (!context) {
          reply.callNotFound();
          return reply;
        }
        return {
          '@context': {
            '@vocab': '/api/docs.jsonld#',
            hydra: 'http://www.w3.org/ns/hydra/core#',
            ...Object.fromEntries(context.properties.map((p) => [p, `${name}/${p}`])),
            ...Object.fromEntries(
              context.relations.map((p) => [p, { '@id': `${name}/${p}`, '@type': '@id' }]),
            ),
          },
        };
      },
    );
  }
}
