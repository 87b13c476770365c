import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { App } from './app-types.ts';

const DESCRIPTION = `Punch speaks two public APIs over one data model.

**Harvest v2-compatible API** under \`/v2\` (also reachable as \`/api/v2\`, with or without a
trailing slash or a \`.json\` suffix). Authenticate with \`Authorization: Bearer <token>\` (or
\`?access_token=\`), pick the account with \`Harvest-Account-Id\` (or \`?account_id=\`) and send a
\`User-Agent\` naming your application. Fields whose names start with \`x_\` are Punch extensions.

**Flowtly-compatible API** (API Platform's JSON-LD and Hydra) under \`/api\` and at the root:
work times, employees with their project rates, documents, logins, working-hours stats and
feedback. Authenticate with \`Authorization: Bearer <token>\`: a JWT from \`POST /api/login\`
or a personal access token. \`Accept: application/json\` gives plain JSON; PATCH takes
\`application/merge-patch+json\`. The Hydra description is at \`/api/docs.jsonld\`.

Create a token with \`npx punch token create --email you@example.com\`.`;

/** Security requirement of every Harvest operation: a token and the account, together. */
export const HARVEST_SECURITY = [{ BearerAuth: [], AccountAuth: [] }];

/** Registers the OpenAPI generator (from route schemas), `/openapi.json` and the `/docs` page. */
export async function registerOpenApi(app: App): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Punch API', version: '0.1.0', description: DESCRIPTION },
      // Flowtly operations need a bearer token only; Harvest ones add the account header.
      security: [{ BearerAuth: [] }],
      components: {
        securitySchemes: {
          BearerAuth: { type: 'http', scheme: 'bearer' },
          AccountAuth: { type: 'apiKey', in: 'header', name: 'Harvest-Account-Id' },
        },
      },
      tags: [
        { name: 'Harvest: Company', description: 'The account and its settings.' },
        { name: 'Harvest: Users', description: 'People in the account.' },
        { name: 'Harvest: Clients', description: 'The clients projects belong to.' },
        {
          name: 'Harvest: Projects',
          description: 'Projects of clients, with billing and budgets.',
        },
        { name: 'Harvest: Tasks', description: 'Kinds of work, attached to projects.' },
        { name: 'Harvest: Assignments', description: 'People and tasks on projects.' },
        { name: 'Harvest: Time entries', description: 'Tracked time and timers.' },
        { name: 'Harvest: Roles', description: 'Business roles: labels on people, for reports.' },
        {
          name: 'Flowtly: Work times',
          description:
            'WorkTime (JSON-LD/Hydra): the same rows as Harvest time entries. Also at /employee_working_hours, /api/employee-working-hours, /api/work-times and without /api.',
        },
        { name: 'Flowtly: Employees', description: 'People of the account as Flowtly employees.' },
        { name: 'Flowtly: Projects', description: 'Projects, so work-time project IRIs resolve.' },
        {
          name: 'Flowtly: Authentication',
          description: 'JWT login (LexikJWT-style) and accepting a login invitation.',
        },
        { name: 'Operations', description: 'Health and API description.' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
