import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

/**
 * Debian's Chromium, never a downloaded browser build: `NDXP_TEST_CHROMIUM` (CI sets it to
 * /usr/bin/chromium), else /usr/bin/chromium if present. Undefined means browser tests skip.
 */
export function findChromium(): string | undefined {
  const configured = process.env['NDXP_TEST_CHROMIUM'];
  if (configured !== undefined && configured !== '') {
    if (!existsSync(configured)) throw new Error(`NDXP_TEST_CHROMIUM=${configured} does not exist`);
    return configured;
  }
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
}

/** A message for skipped browser tests, so a machine without Chromium says why nothing ran. */
export const NO_CHROMIUM = 'no Chromium found (set NDXP_TEST_CHROMIUM or `apt-get install chromium`): browser tests skipped';

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/**
 * Start Chromium headless with a fresh profile, and nothing that talks to the network on its own
 * (no component updates, sync, QUIC, first-run or background fetches): the only traffic is the
 * test's own, to the hub on loopback.
 */
export async function launchChromium(executablePath: string, viewport = { width: 1280, height: 800 }): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'ndxp-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport,
    locale: 'vi-VN',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-default-apps',
      '--disable-extensions',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
