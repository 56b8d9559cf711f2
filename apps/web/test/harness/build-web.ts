import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const WEB_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Build the console exactly as `npm run build -w apps/web` does, into a fresh directory, so the
 * browser tests exercise what ships (not a dev server) and never clobber a developer's dist/.
 * Vite 8 (rolldown) builds it in a few seconds.
 */
export async function buildWeb(outDir: string = mkdtempSync(join(tmpdir(), 'ndxp-web-dist-'))): Promise<string> {
  await build({ root: WEB_ROOT, configFile: join(WEB_ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  return outDir;
}
