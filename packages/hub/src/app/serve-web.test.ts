import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP_NONCE_PLACEHOLDER } from '../web/csp.ts';
import { openTestHub } from './test-hub.ts';

describe('hub serves the web console only when NDXP_WEB_DIST is set', () => {
  it('serves index.html with a CSP at / and keeps API 404s as problem+json', async () => {
    const dist = await mkdtemp(join(tmpdir(), 'ndxp-web-'));
    await writeFile(join(dist, 'index.html'), `<!doctype html><html lang="vi"><head><title>NDXP</title><script type="module" nonce="${CSP_NONCE_PLACEHOLDER}" src="/assets/app.js"></script></head><body><div id="root"></div></body></html>`);
    const t = await openTestHub('pglite', { NDXP_WEB_DIST: dist });
    try {
      const page = await t.hub.app.inject({ method: 'GET', url: '/grants', headers: { accept: 'text/html,application/xhtml+xml' } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['content-type']).toContain('text/html');
      const csp = String(page.headers['content-security-policy']);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
      expect(nonce).toBeDefined();
      // The placeholder is replaced by the per-response nonce the CSP names.
      expect(page.body).toContain(`nonce="${nonce}"`);
      expect(page.body).not.toContain(CSP_NONCE_PLACEHOLDER);
      const api = await t.hub.app.inject({ method: 'GET', url: '/api/v1/nope' });
      expect(api.statusCode).toBe(404);
      expect(api.headers['content-type']).toContain('application/problem+json');
    } finally {
      await t.close();
    }
  });

  it('answers problem+json 404 at / without a console', async () => {
    const t = await openTestHub('pglite');
    try {
      const res = await t.hub.app.inject({ method: 'GET', url: '/' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('ROUTE_NOT_FOUND');
    } finally {
      await t.close();
    }
  });
});
