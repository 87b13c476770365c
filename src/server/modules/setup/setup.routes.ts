import type { App } from '../../http/app-types.ts';
import { FirstAccount, FirstAccountCreated, SetupState } from './setup.schemas.ts';
import type { SetupService } from './setup.service.ts';

const tags = ['Punch: Setup'];

/**
 * First run in the browser: whoever holds the code that `punch serve` printed creates the first
 * account and its administrator, then signs in like anyone else.
 */
export function setupRoutes(app: App, deps: { setup: SetupService }) {
  app.get(
    '/setup',
    {
      schema: {
        operationId: 'retrieveSetupState',
        summary: 'Whether the first account is still to be created',
        tags,
        security: [],
        response: { 200: SetupState },
      },
    },
    async () => ({ needed: await deps.setup.needsSetup() }),
  );

  app.post(
    '/setup',
    {
      schema: {
        operationId: 'createFirstAccount',
        summary: 'Create the first account and its administrator with the one-time setup code',
        tags,
        security: [],
        body: FirstAccount,
        response: { 201: FirstAccountCreated },
      },
    },
    async (request, reply) => {
      const { code, accountName, ...person } = request.body;
      const created = await deps.setup.setupFirstAccount(code, { account: accountName, ...person });
      return reply.code(201).send({ accountId: created.account_id, personId: created.user_id });
    },
  );
}
