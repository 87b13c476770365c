import type { App } from '../../http/app-types.ts';
import { NATIVE_SECURITY, NoContent } from '../../http/openapi.ts';
import { actorOf } from '../../http/request-context.ts';
import { notFound } from '../../shared/domain-error.ts';
import { toWireInstant } from '../../shared/schema.ts';
import type { TokenRow } from './auth.repository.ts';
import type { AuthService } from './auth.service.ts';
import {
  ChangePassword,
  CreatePersonalToken,
  IssuedPersonalToken,
  PersonalTokenList,
  PersonalTokenParams,
} from './native-tokens.schemas.ts';
import type { SessionsService } from './sessions.service.ts';

const tags = ['Punch: Sessions'];
const security = NATIVE_SECURITY;

function present(row: TokenRow) {
  return {
    id: row.id,
    name: row.name,
    hint: row.token_hint,
    createdAt: toWireInstant(row.created_at),
    lastUsedAt: row.last_used_at === null ? null : toWireInstant(row.last_used_at),
    expiresAt: row.expires_at === null ? null : toWireInstant(row.expires_at),
  };
}

/** A person's own credentials: their password and their personal access tokens. */
export function nativeTokensRoutes(
  app: App,
  deps: { auth: AuthService; sessions: SessionsService },
) {
  app.post(
    '/me/password',
    {
      schema: {
        operationId: 'changePassword',
        summary: "Change the login's password; its other sessions end",
        tags,
        security,
        body: ChangePassword,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      const { currentPassword, newPassword } = request.body;
      await deps.sessions.changePassword(actorOf(request), currentPassword, newPassword);
      return reply.code(204).send();
    },
  );

  app.get(
    '/me/tokens',
    {
      schema: {
        operationId: 'listPersonalTokens',
        summary: 'My personal access tokens still in force',
        tags,
        security,
        response: { 200: PersonalTokenList },
      },
    },
    async (request) => {
      const rows = await deps.auth.liveTokens(actorOf(request).userId);
      return { data: rows.map(present) };
    },
  );

  app.post(
    '/me/tokens',
    {
      schema: {
        operationId: 'createPersonalToken',
        summary: 'Create a personal access token for scripts and the CLI; shown once',
        tags,
        security,
        body: CreatePersonalToken,
        response: { 201: IssuedPersonalToken },
      },
    },
    async (request, reply) => {
      const { name, expiresInDays } = request.body;
      const { token, record } = await deps.auth.issueToken(
        actorOf(request).userId,
        name.trim(),
        expiresInDays ?? null,
      );
      return reply.code(201).send({ ...present(record), token });
    },
  );

  app.delete(
    '/me/tokens/:tokenId',
    {
      schema: {
        operationId: 'revokePersonalToken',
        summary: 'Revoke one of my personal access tokens',
        tags,
        security,
        params: PersonalTokenParams,
        response: { 204: NoContent },
      },
    },
    async (request, reply) => {
      if (!(await deps.auth.revokeToken(actorOf(request).userId, request.params.tokenId))) {
        throw notFound('token');
      }
      return reply.code(204).send();
    },
  );
}
