import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { App } from './app-types.ts';

/**
 * The web app's own addresses (ADR 0014). A browser loading one of them gets the app; any
 * other caller, or any other address, reaches the APIs exactly as before. Some are also
 * Flowtly's root aliases (`/projects`), so which one answers is decided by `Accept`.
 */
const APP_ROUTES = [
  /^\/$/,
  /^\/(setup|sign-in|timesheet|day|calendar|clients|projects|tasks|people|profile|settings|reports|budgets|shared|approvals|invoices|webhooks|audit|import)(\/[^.]*)?$/,
];

export function isAppRoute(path: string): boolean {
  return APP_ROUTES.some((route) => route.test(path));
}

/**
 * A page load: a GET whose Accept names HTML before any JSON type (browsers send
 * `text/html,…,*\/*;q=0.8`; API clients send JSON types or nothing).
 */
export function wantsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  for (const part of accept.split(',')) {
    const type = (part.split(';')[0] ?? '').trim().toLowerCase();
    if (type === 'text/html' || type === 'application/xhtml+xml') return true;
    if (type.includes('json')) return false;
  }
  return false;
}

/** The built app, read once at start: its index page and where its assets are. */
export interface WebApp {
  root: string;
  index: Buffer;
}

export function loadWebApp(root: string | null): WebApp | null {
  if (root === null) return null;
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return null;
  return { root, index: readFileSync(indexFile) };
}

/** Where a page load is routed: a route of its own, outside every API's hooks. */
const INDEX_ROUTE = '/__punch/web-app';

/**
 * The URL a request is routed by: a browser's page load of an app address goes to the app's
 * index route, anything else keeps its own URL. Run first in Fastify's `rewriteUrl`, so that
 * Flowtly's hooks on a shared address such as `/projects` never see a page load.
 */
export function pageLoadUrl(request: {
  method?: string;
  url?: string;
  headers: { accept?: string };
}): string | null {
  if (request.method !== 'GET' && request.method !== 'HEAD') return null;
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (!isAppRoute(path) || !wantsHtml(request.headers.accept)) return null;
  return INDEX_ROUTE;
}

/**
 * Serves the built web app: hashed assets cached for a year, and index.html, never cached, for
 * every page load of an app address. Without a build nothing is registered and the APIs are
 * untouched.
 */
export async function registerWebApp(app: App, web: WebApp | null): Promise<void> {
  if (web === null) return;
  await app.register(fastifyStatic, {
    root: join(web.root, 'assets'),
    prefix: '/assets/',
    decorateReply: false,
    index: false,
    // Vite names every asset by its content, so a name never changes meaning.
    immutable: true,
    maxAge: '365d',
  });
  const favicon = join(web.root, 'favicon.svg');
  if (existsSync(favicon)) {
    const icon = readFileSync(favicon);
    app.get('/favicon.svg', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('image/svg+xml').header('cache-control', 'public, max-age=86400').send(icon),
    );
  }
  app.get(INDEX_ROUTE, { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-cache')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'same-origin')
      .header('x-frame-options', 'DENY')
      .send(web.index),
  );
  // The same address answers HTML or JSON by Accept; caches must keep the two apart.
  app.addHook('onRequest', async (request, reply) => {
    const path = request.originalUrl.split('?')[0] ?? '/';
    if (isAppRoute(path)) reply.header('vary', 'Accept');
  });
}
