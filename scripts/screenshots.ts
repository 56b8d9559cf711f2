/**
 * Refresh the console screenshots in docs/screenshots/ (`npm run screenshots`).
 *
 * Builds the console, starts the real hub in process on an in-memory PGlite with the demo users
 * and a demo connection (apps/web/test/harness), makes real exchanges through the SDK so the
 * overview and health pages have something to show, then signs in with Debian's Chromium and
 * photographs each page, in Vietnamese, on a laptop screen (and the overview on a tablet).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createConsumer } from '@ndxp/sdk';
import { buildWeb } from '../apps/web/test/harness/build-web.ts';
import { findChromium, launchChromium, NO_CHROMIUM } from '../apps/web/test/harness/chromium.ts';
import { CONSUMER_SUBSYSTEM, demoPassword, ENRICH_PURPOSE, PROVIDER_SUBSYSTEM, PURPOSE, SERVICE_ID, startConsoleHub, TAX_SERVICE_ID } from '../apps/web/test/harness/console-hub.ts';
import type { Page } from 'playwright-core';

const OUT = fileURLToPath(new URL('../docs/screenshots/', import.meta.url));

async function main(): Promise<void> {
  const chromium = findChromium();
  if (chromium === undefined) throw new Error(NO_CHROMIUM);
  mkdirSync(OUT, { recursive: true });
  const dist = await buildWeb();
  const hub = await startConsoleHub(dist);
  const browser = await launchChromium(chromium);
  try {
    // A grant waiting for approval stays in the inbox; the demo one is approved and used.
    await hub.api('operator', 'POST', `/api/v1/grants/${hub.grantId}/approve`, { note: 'Đã kiểm tra căn cứ pháp lý' });
    await hub.api('operator', 'POST', `/api/v1/grants/${hub.grantId}/activate`, {});
    const tax = createConsumer({ hubUrl: hub.url, clientId: CONSUMER_SUBSYSTEM, kid: hub.consumerKey.kid, privateKey: hub.consumerKey.privateJwk });
    const npdb = createConsumer({ hubUrl: hub.url, clientId: PROVIDER_SUBSYSTEM, kid: hub.npdbKey.kid, privateKey: hub.npdbKey.privateJwk });
    for (let i = 0; i < 40; i++) await tax.call(SERVICE_ID, i % 10 === 9 ? '/citizens/000000000000' : '/citizens/001203012345', { purpose: PURPOSE }).catch(() => undefined);
    for (let i = 0; i < 12; i++) await npdb.call(TAX_SERVICE_ID, '/taxpayers/001203012345', { purpose: ENRICH_PURPOSE });
    const pending = await hub.api<{ id: string }>('btc.admin', 'POST', '/api/v1/grants', {
      consumer_id: CONSUMER_SUBSYSTEM, service_id: SERVICE_ID, fields: ['/full_name', '/address/province'], purposes: ['tax-audit'],
      legal_basis: 'Luật Quản lý thuế 2019, Điều 98', valid_until: new Date(Date.now() + 180 * 86_400_000).toISOString(), quota_per_minute: 120,
    });

    const page = await browser.context.newPage();
    const shot = async (p: Page, name: string, fullPage = true) => {
      await p.waitForLoadState('networkidle');
      await p.evaluate(() => window.scrollTo(0, 0));
      await p.screenshot({ path: `${OUT}${name}.png`, fullPage });
      console.log(`docs/screenshots/${name}.png`);
    };
    await page.goto(`${hub.url}/login`);
    await shot(page, 'login', false);
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('operator');
    await page.getByRole('textbox', { name: 'Mật khẩu' }).fill(demoPassword('operator'));
    await page.getByRole('textbox', { name: 'Mật khẩu' }).press('Enter');
    await page.getByTestId('plan-summary').waitFor();
    await page.getByTestId('traffic-table').waitFor();
    await shot(page, 'overview');
    await page.locator('[data-testid="board-in_use"] [data-item="II.9"]').click();
    await page.getByTestId('item-detail').locator('.recharts-wrapper').first().waitFor();
    await page.mouse.move(0, 0);
    await shot(page, 'overview-item', false);
    await page.keyboard.press('Escape');
    for (const [path, name, ready] of [
      ['/grants?state=requested', 'grants', 'tr[data-grant-id]'],
      [`/grants/${pending.body.id}`, 'grant-detail', '[data-testid="field-diff"]'],
      ['/services', 'services', 'tbody tr'],
      [`/services/${SERVICE_ID}`, 'service-detail', 'table'],
      ['/members', 'members', 'tbody tr'],
      ['/members/BCA', 'member-detail', '.mantine-Accordion-item'],
      ['/users', 'users', 'tbody tr'],
      ['/health', 'health', '[data-testid="providers"] tbody tr'],
      ['/transparency', 'transparency-log', '[data-testid="log-entries"] tbody tr[data-index]'],
    ] as const) {
      await page.goto(`${hub.url}${path}`);
      await page.locator(ready).first().waitFor();
      if (name === 'member-detail') await page.getByRole('button', { name: /BCA\/npdb/ }).click();
      if (name === 'transparency-log') {
        // Verify the newest entry in the browser, so the picture shows a checked proof.
        await page.locator('[data-testid="checkpoint-signature"][data-ok="true"]').waitFor();
        await page.getByTestId('log-entries').getByRole('button', { name: /^Xác minh mục/ }).first().click();
        await page.locator('[data-verified="true"]').first().waitFor();
      }
      await shot(page, name, name !== 'transparency-log');
    }
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.goto(`${hub.url}/overview`);
    await page.getByTestId('plan-summary').waitFor();
    await shot(page, 'overview-tablet', false);
    await page.close();

    const consumer = await browser.context.newPage();
    await consumer.goto(`${hub.url}/login`);
    await consumer.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('btc.admin');
    await consumer.getByRole('textbox', { name: 'Mật khẩu' }).fill(demoPassword('btc.admin'));
    await consumer.getByRole('textbox', { name: 'Mật khẩu' }).press('Enter');
    await consumer.getByTestId('signed-in-user').waitFor();
    await consumer.goto(`${hub.url}/overview`);
    await consumer.getByTestId('forbidden').waitFor();
    await shot(consumer, 'consumer-refused', false);
    await consumer.close();
  } finally {
    await browser.close();
    await hub.close();
    rmSync(dist, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
