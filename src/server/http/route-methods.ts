import type { RouteOptions } from 'fastify';
import FindMyWay from 'find-my-way';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Which methods a path answers to, for API Platform's 405 (`Allow: GET, PATCH, DELETE`).
 * Fastify only says "no route"; this mirrors every route as it is added, in a router of the
 * same kind, so a known path with the wrong method can be told from an unknown path.
 */
export function createRouteMethods() {
  const router = FindMyWay({ ignoreTrailingSlash: true });
  const noop = () => undefined;
  return {
    onRoute: (route: RouteOptions) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const method of methods) {
        if (method === 'HEAD' || method === 'OPTIONS') continue;
        if (router.find(method as 'GET', route.url) === null) {
          router.on(method as 'GET', route.url, noop);
        }
      }
    },
    allowedFor: (path: string): string[] =>
      METHODS.filter((method) => router.find(method, path.split('?')[0] ?? path) !== null),
  };
}

export type RouteMethods = ReturnType<typeof createRouteMethods>;
