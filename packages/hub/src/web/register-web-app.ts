import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NdxpError, type HttpServer } from '@ndxp/core';
import { CSP_NONCE_PLACEHOLDER, WEB_SECURITY_HEADERS, contentSecurityPolicy, newNonce } from './csp.ts';

export interface WebAppOptions {
  /** The console's build output (`npm run build -w apps/web` → apps/web/dist). */
  readonly distDir: string;
}

export interface WebAppRegistration {
  /** False when `distDir` holds no build: the hub runs without a console (API only). */
  readonly served: boolean;
}

/**
 * Paths that belong to the hub's APIs. An unknown path under them is a 404 problem, never the
 * console's index.html: an API client that mistypes a URL must get a problem+json it can read.
 */
export const API_PREFIXES: readonly string[] = ['/api/', '/x/', '/oauth/', '/.well-known/', '/log/', '/metrics', '/healthz', '/readyz', '/assets/'];

/** Built assets carry a content hash in their name (Vite), so they may be cached for a year. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

function wantsHtml(request: FastifyRequest): boolean {
  const accept = request.headers.accept;
  return typeof accept === 'string' && accept.includes('text/html');
}

/**
 * Serve the operator console from the hub: hashed assets from `distDir` (immutable caching,
 * pre-compressed variants when present), and index.html for every other browser navigation
 * (single-page-app fallback), with a fresh CSP nonce on each response. The console therefore shares
 * the hub's origin, so its API calls need no CORS and the CSP can say `connect-src 'self'`.
 *
 * Call after the API routes are registered or before: specific routes always win over the
 * fallback's wildcard (find-my-way matches static segments first).
 */
export async function registerWebApp(app: HttpServer, options: WebAppOptions): Promise<WebAppRegistration> {
  const distDir = resolve(options.distDir);
  const indexPath = join(distDir, 'index.html');
  if (!existsSync(indexPath)) {
    app.log.warn({ distDir }, 'web console not built (run `npm run build -w apps/web`); serving the API only');
    return { served: false };
  }
  const indexHtml = readFileSync(indexPath, 'utf8');
  if (!indexHtml.includes(CSP_NONCE_PLACEHOLDER)) {
    // A build without the placeholder would either break under the CSP or need 'unsafe-inline'.
    throw new NdxpError('CONFIG_INVALID', { detail: `${indexPath} has no CSP nonce placeholder; rebuild apps/web` });
  }

  await app.register(async (web) => {
    web.addHook('onSend', async (_request, reply, payload) => {
      for (const [k, v] of Object.entries(WEB_SECURITY_HEADERS)) void reply.header(k, v);
      return payload;
    });

    await web.register(fastifyStatic, {
      root: distDir,
      // One route per built file, found at start: nothing outside the build can ever be served,
      // and unknown paths fall through to the SPA fallback below.
      wildcard: false,
      globIgnore: ['index.html'],
      index: false,
      dotfiles: 'deny',
      preCompressed: true,
      decorateReply: false,
      cacheControl: false,
      setHeaders(res, path) {
        res.setHeader('cache-control', path.startsWith(join(distDir, 'assets')) ? IMMUTABLE : 'public, max-age=300');
      },
    });

    const sendIndex = (request: FastifyRequest, reply: FastifyReply): FastifyReply => {
      const path = request.url.split('?')[0] ?? '/';
      if (API_PREFIXES.some((p) => path.startsWith(p)) || !wantsHtml(request)) {
        throw new NdxpError('ROUTE_NOT_FOUND', { detail: `${request.method} ${path}` });
      }
      const nonce = newNonce();
      return reply
        .header('content-security-policy', contentSecurityPolicy(nonce))
        .header('cache-control', 'no-store')
        .type('text/html; charset=utf-8')
        .send(indexHtml.replaceAll(CSP_NONCE_PLACEHOLDER, nonce));
    };
    web.get('/', sendIndex);
    web.get('/*', sendIndex);
  });
  return { served: true };
}
