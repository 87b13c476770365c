import type { Kysely } from 'kysely';
import { Type } from 'typebox';
import type { Database } from '../../db/database-types.ts';
import type { App } from '../../http/app-types.ts';
import { pingDatabase } from './health.repository.ts';

const Health = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
});

/**
 * Readiness for load balancers and scripts: 200 {"status":"ok"} when the server can reach its
 * database, 503 {"status":"unavailable"} when it cannot (so traffic moves elsewhere).
 */
export function healthRoutes(app: App, deps: { db: Kysely<Database> }): void {
  app.get(
    '/health',
    {
      schema: {
        operationId: 'getHealth',
        security: [],
        tags: ['Operations'],
        summary: 'Readiness: 200 when the server and its database answer',
        response: { 200: Health, 503: Health },
      },
    },
    async (_request, reply) => {
      if (await pingDatabase(deps.db)) return { status: 'ok' as const };
      return reply.code(503).send({ status: 'unavailable' as const });
    },
  );

  // Until the web app lands, the address the start-up banner prints leads to the API docs.
  app.get('/', { schema: { hide: true } }, async (_request, reply) => reply.redirect('/docs', 302));
}
