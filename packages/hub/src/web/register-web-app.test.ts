import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type HttpServer } from '@ndxp/core';
import { registerWebApp } from './register-web-app.ts';
import { CSP_NONCE_PLACEHOLDER } from './csp.ts';

const HTML = { accept: 'text/html,application/xhtml+xml' };

function fakeBuild(index: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ndxp-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), index);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("console")');
  writeFileSync(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(dir, '.secret'), 'do not serve');
  return dir;
}

const INDEX = `<!doctype html><html lang="vi"><head><meta property="csp-nonce" nonce="${CSP_NONCE_PLACEHOLDER}"><script type="module" src="/assets/index-abc123.js" nonce="${CSP_NONCE_PLACEHOLDER}"></script></head><body><div id="root"></div></body></html>`;

describe('registerWebApp', () => {
  let app: HttpServer;
  let dist: string;
  beforeAll(async () => {
    dist = fakeBuild(INDEX);
    app = createServer({ name: 'test', logger: false });
    app.get('/api/v1/ping', async () => ({ ok: true }));
    expect(await registerWebApp(app, { distDir: dist })).toEqual({ served: true });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });

  it('serves index.html with a fresh nonce that matches the Content-Security-Policy', async () => {
    const a = await app.inject({ url: '/', headers: HTML });
    const b = await app.inject({ url: '/', headers: HTML });
    expect(a.statusCode).toBe(200);
    expect(a.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(a.body).not.toContain(CSP_NONCE_PLACEHOLDER);
    const nonceA = /nonce="([^"]+)"/.exec(a.body)?.[1];
    const nonceB = /nonce="([^"]+)"/.exec(b.body)?.[1];
    expect(nonceA).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceA).not.toBe(nonceB);
    const csp = String(a.headers['content-security-policy']);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonceA}'`);
    expect(csp).toContain(`style-src 'self' 'nonce-${nonceA}'`);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(a.headers['cache-control']).toBe('no-store');
    expect(a.headers['x-frame-options']).toBe('DENY');
    expect(a.headers['cross-origin-opener-policy']).toBe('same-origin');
  });

  it('falls back to index.html for deep links of the single-page app', async () => {
    const res = await app.inject({ url: '/grants/3f1c?tab=history', headers: HTML });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<div id="root">');
  });

  it('serves hashed assets with immutable caching and other files briefly cached', async () => {
    const js = await app.inject({ url: '/assets/index-abc123.js' });
    expect(js.statusCode).toBe(200);
    expect(js.body).toBe('console.log("console")');
    expect(js.headers['content-type']).toMatch(/javascript/);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['x-content-type-options']).toBe('nosniff');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=300');
  });

  it('leaves API routes alone and answers unknown API paths with a problem, not the page', async () => {
    const ping = await app.inject({ url: '/api/v1/ping', headers: HTML });
    expect(ping.json()).toEqual({ ok: true });
    for (const url of ['/api/v1/nope', '/x/BCA/npdb/nope', '/assets/missing.js', '/.well-known/nope']) {
      const res = await app.inject({ url, headers: HTML });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('ROUTE_NOT_FOUND');
    }
  });

  it('answers non-browser requests for unknown paths with a problem', async () => {
    const res = await app.inject({ url: '/grants', headers: { accept: 'application/json' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('ROUTE_NOT_FOUND');
    const post = await app.inject({ method: 'POST', url: '/grants', headers: HTML, payload: {} });
    expect(post.statusCode).toBe(404);
  });

  it('never serves files outside the build, dotfiles or the raw index.html', async () => {
    for (const url of ['/.secret', '/assets/../.secret', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2fpackage.json']) {
      const res = await app.inject({ url, headers: HTML });
      expect(res.body, url).not.toContain('do not serve');
      expect(res.body, url).not.toContain('root:');
    }
    const raw = await app.inject({ url: '/index.html', headers: HTML });
    expect(raw.body).not.toContain(CSP_NONCE_PLACEHOLDER);
  });
});

describe('registerWebApp without a usable build', () => {
  it('runs API-only when the console was not built', async () => {
    const app = createServer({ name: 'test', logger: false });
    expect(await registerWebApp(app, { distDir: join(tmpdir(), 'ndxp-web-does-not-exist') })).toEqual({ served: false });
    await app.ready();
    expect((await app.inject({ url: '/', headers: HTML })).statusCode).toBe(404);
    await app.close();
  });

  it('refuses a build without the CSP nonce placeholder', async () => {
    const dist = fakeBuild('<!doctype html><script>inline()</script>');
    const app = createServer({ name: 'test', logger: false });
    await expect(registerWebApp(app, { distDir: dist })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await app.close();
    rmSync(dist, { recursive: true, force: true });
  });
});
