import type { App } from '../src/server/http/app-types.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Native API requests as one caller: `as(token)(method, '/clients', body)` sends
 * `/punch/v1/clients` with the bearer token, and the body as JSON when there is one.
 */
export function nativeRequests(app: () => App) {
  return (token: string) => (method: Method, url: string, body?: unknown) =>
    app().inject({
      method,
      url: `/punch/v1${url}`,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { payload: JSON.stringify(body) }),
    });
}
