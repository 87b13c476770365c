import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthService } from '../modules/auth/auth.service.ts';

const BEARER = /^Bearer\s+(\S+)\s*$/i;

function queryValue(request: FastifyRequest, key: string): string | undefined {
  const value = (request.query as Record<string, unknown> | undefined)?.[key];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Harvest credentials: `Authorization: Bearer` or `?access_token=`, plus the account from the
 * `Harvest-Account-Id` header (Node lower-cases header names, so any spelling matches) or
 * `?account_id=`. The header wins over the query when both are given.
 */
export function harvestCredentials(request: FastifyRequest): {
  token: string | undefined;
  accountId: string | undefined;
} {
  const header = request.headers.authorization;
  const token = header ? BEARER.exec(header)?.[1] : queryValue(request, 'access_token');
  const accountHeader = request.headers['harvest-account-id'];
  const accountId =
    (typeof accountHeader === 'string' && accountHeader.trim() !== ''
      ? accountHeader
      : undefined) ?? queryValue(request, 'account_id');
  return { token, accountId };
}

/** The `Authorization: Bearer <token>` value, if the request carries one. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/** Flowtly clients send `Authorization: Bearer <token>` and nothing else. */
export function flowtlyAuthenticate(auth: AuthService) {
  return async (request: FastifyRequest): Promise<void> => {
    request.actor = { ...(await auth.authenticateBearer(bearerToken(request))), door: 'flowtly' };
  };
}

export function harvestAuthenticate(auth: AuthService) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const { token, accountId } = harvestCredentials(request);
    request.actor = { ...(await auth.authenticateToken(token, accountId)), door: 'harvest' };
  };
}
