import { randomBytes } from 'node:crypto';

/**
 * Placeholder the console's Vite build writes into `<meta property="csp-nonce">` and every
 * script/style tag of index.html (`html.cspNonce` in apps/web/vite.config.ts). Replaced by a fresh
 * nonce on each response. Keep in step with `CSP_NONCE_PLACEHOLDER` in apps/web/vite.config.ts.
 */
export const CSP_NONCE_PLACEHOLDER = '__NDXP_CSP_NONCE__';

/** 128 bits of randomness, base64: a CSP nonce must be unguessable and fresh per response (CSP3 §7.1). */
export function newNonce(): string {
  return randomBytes(16).toString('base64');
}

/**
 * The console's Content-Security-Policy (CSP Level 3). Nothing loads from anywhere but the hub
 * itself; no inline script at all; inline `<style>` only with the per-response nonce (Mantine's
 * runtime CSS variables); no plugins, no framing, no `<base>` rewriting, forms post only to the hub.
 * Style *attributes* are not allowed either: React sets styles through the CSSOM, which CSP does
 * not restrict.
 */
export function contentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** Headers sent with every page and asset of the console, on top of the hub's API security headers. */
export const WEB_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()',
};
