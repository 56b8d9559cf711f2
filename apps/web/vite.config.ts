import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Placeholder Vite writes into every script/style tag and into `<meta property="csp-nonce">`.
 * The hub's web plugin (packages/hub/src/web) replaces it with a fresh nonce on every response of
 * index.html, so the Content-Security-Policy can forbid inline styles and scripts except Mantine's
 * own style tags, which carry the nonce (MantineProvider `getStyleNonce`). Keep in step with
 * `CSP_NONCE_PLACEHOLDER` in packages/hub/src/web/csp.ts.
 */
export const CSP_NONCE_PLACEHOLDER = '__NDXP_CSP_NONCE__';

const hub = process.env['NDXP_HUB_URL'] ?? 'http://127.0.0.1:8080';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  html: { cspNonce: CSP_NONCE_PLACEHOLDER },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Pages load on demand (React.lazy in app.tsx); the largest chunk is the overview with its
    // charts (recharts), about 0.5 MB before compression.
    chunkSizeWarningLimit: 600,
  },
  // `npm run dev -w apps/web` against a running hub: same-origin calls are proxied to it.
  server: {
    proxy: Object.fromEntries(['/api', '/oauth', '/x', '/log', '/healthz', '/readyz', '/metrics', '/.well-known'].map((p) => [p, hub])),
  },
});
