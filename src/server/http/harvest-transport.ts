import type { FastifyRequest } from 'fastify';

/**
 * Harvest clients reach the same resource as `/v2/x`, `/api/v2/x`, `/v2/x/` and `/v2/x.json`
 * (see the Harvest reference §1.1). Routes are registered once under `/v2`; every other
 * spelling is rewritten to that before routing. Paths outside the Harvest API pass unchanged.
 */
export function rewriteHarvestUrl(url: string): string {
  const queryAt = url.indexOf('?');
  let path = queryAt === -1 ? url : url.slice(0, queryAt);
  const query = queryAt === -1 ? '' : url.slice(queryAt);
  if (path.startsWith('/api/v2/') || path === '/api/v2') path = path.slice('/api'.length);
  if (!path.startsWith('/v2/') && path !== '/v2') return url;
  path = path.replace(/\/+$/, '');
  if (path.endsWith('.json')) path = path.slice(0, -'.json'.length);
  return (path === '' ? '/v2' : path) + query;
}

/** Harvest's own Location headers point at the /api/v2 spelling of a resource. */
export function harvestLocation(publicUrl: string, path: string): string {
  return `${publicUrl}/api/v2/${path}`;
}

export function isHarvestPath(url: string): boolean {
  return url === '/v2' || url.startsWith('/v2/') || url.startsWith('/v2?');
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Harvest reads parameters from the query string, form bodies and JSON alike (its own Postman
 * collection sends POST parameters in the query). Body keys win over query keys.
 */
export function mergeHarvestParams(request: FastifyRequest): void {
  if (request.method !== 'POST' && request.method !== 'PATCH') return;
  const query = isPlainObject(request.query) ? request.query : {};
  const body = isPlainObject(request.body) ? request.body : {};
  request.body = { ...query, ...body };
}
