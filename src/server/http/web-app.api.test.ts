import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../../test/build-test-app.ts';
import { createHarvestCaller } from '../../../test/factories.ts';
import { isAppRoute, wantsHtml } from './web-app.ts';

const BROWSER = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

describe('telling a page load from an API call', () => {
  it('takes HTML before any JSON type as a page load', () => {
    expect(wantsHtml(BROWSER)).toBe(true);
    expect(wantsHtml('application/json, text/html')).toBe(false);
    expect(wantsHtml('application/ld+json')).toBe(false);
    expect(wantsHtml('*/*')).toBe(false);
    expect(wantsHtml(undefined)).toBe(false);
  });

  it("knows the app's own addresses and nothing under the APIs", () => {
    for (const path of ['/', '/timesheet', '/day/2026-03-02', '/projects', '/profile']) {
      expect(isAppRoute(path), path).toBe(true);
    }
    for (const path of [
      '/v2/projects',
      '/api/projects',
      '/punch/v1/me',
      '/docs',
      '/employees',
      '/login',
      '/projects.jsonld',
      '/assets/x.js',
    ]) {
      expect(isAppRoute(path), path).toBe(false);
    }
  });
});

describe('serving the built web app', () => {
  let t: TestApp;
  let root: string;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'punch-web-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(
      join(root, 'index.html'),
      '<!doctype html><title>Punch</title><div id="root"></div>',
    );
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log("app")');
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    t = await buildTestApp('sqlite', { webRoot: root });
  });
  afterAll(async () => {
    await t.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers a page load of any app address with index.html, never cached', async () => {
    for (const url of ['/', '/timesheet', '/day/2026-03-02', '/projects?x=1']) {
      const res = await t.app.inject({ url, headers: { accept: BROWSER } });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.vary).toMatch(/Accept/i);
      expect(res.body).toContain('<div id="root">');
    }
  });

  it('serves hashed assets for a year and the icon for a day', async () => {
    const asset = await t.app.inject({ url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/max-age=31536000/);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    expect((await t.app.inject({ url: '/assets/missing.js' })).statusCode).toBe(404);
    expect((await t.app.inject({ url: '/favicon.svg' })).headers['content-type']).toBe(
      'image/svg+xml',
    );
  });

  it('leaves every API answering as before, whatever a browser asks', async () => {
    const caller = await createHarvestCaller(t.db, t.clock);
    // Flowtly's root alias shares /projects: JSON clients still get JSON-LD, with Vary.
    const flowtly = await t.app.inject({
      url: '/projects',
      headers: { authorization: `Bearer ${caller.token}`, accept: 'application/ld+json' },
    });
    expect(flowtly.statusCode).toBe(200);
    expect(flowtly.headers['content-type']).toMatch(/application\/ld\+json/);
    expect(flowtly.headers.vary).toMatch(/Accept/i);
    const noAccept = await t.app.inject({
      url: '/projects',
      headers: { authorization: `Bearer ${caller.token}` },
    });
    expect(noAccept.headers['content-type']).toMatch(/application\/ld\+json/);

    const harvest = await t.app.inject({
      url: '/v2/projects',
      headers: { ...caller.headers, accept: BROWSER },
    });
    expect(harvest.headers['content-type']).toMatch(/application\/json/);
    const native = await t.app.inject({ url: '/punch/v1/me', headers: { accept: BROWSER } });
    expect(native.statusCode).toBe(401);
    expect(native.headers['content-type']).toMatch(/application\/json/);
    const docs = await t.app.inject({ url: '/docs', headers: { accept: BROWSER } });
    expect(docs.body).not.toContain('<div id="root">');
    // A script asking for / still goes to the API docs.
    const root = await t.app.inject({ url: '/' });
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/docs');
  });

  it('changes nothing when the app is not built', async () => {
    const bare = await buildTestApp('sqlite');
    const res = await bare.app.inject({ url: '/timesheet', headers: { accept: BROWSER } });
    expect(res.statusCode).toBe(404);
    await bare.close();
  });
});
