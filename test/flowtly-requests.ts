import type { App } from '../src/server/http/app-types.ts';
import type { Headers } from './harvest-requests.ts';

export const LD = 'application/ld+json';
export const MERGE_PATCH = 'application/merge-patch+json';

/** Flowtly calls over `inject`: JSON-LD POST, merge-patch PATCH, plain GET and DELETE. */
export function flowtlyRequests(app: () => App) {
  const send = (
    method: 'POST' | 'PATCH',
    headers: Headers,
    url: string,
    payload: unknown,
    type: string,
  ) =>
    app().inject({
      method,
      url,
      headers: { ...headers, 'content-type': type },
      payload: JSON.stringify(payload),
    });
  return {
    post: (headers: Headers, url: string, payload: unknown, type = LD) =>
      send('POST', headers, url, payload, type),
    patch: (headers: Headers, url: string, payload: unknown, type = MERGE_PATCH) =>
      send('PATCH', headers, url, payload, type),
    get: (headers: Headers, url: string) => app().inject({ method: 'GET', url, headers }),
    del: (headers: Headers, url: string) => app().inject({ method: 'DELETE', url, headers }),
  };
}
