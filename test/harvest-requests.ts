import type { App } from '../src/server/http/app-types.ts';

export type Headers = Record<string, string>;

/**
 * Short request helpers for Harvest API tests. Takes a getter because test files build their
 * app in beforeAll, after these helpers are declared.
 */
export function harvestRequests(app: () => App) {
  return {
    get: (headers: Headers, url: string) => app().inject({ method: 'GET', url, headers }),
    send: (method: 'POST' | 'PATCH' | 'DELETE', headers: Headers, url: string, payload?: object) =>
      app().inject({ method, url, headers, ...(payload ? { payload } : {}) }),
  };
}
