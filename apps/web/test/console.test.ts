import { readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { buildWeb } from './harness/build-web.ts';
import { findChromium, launchChromium, NO_CHROMIUM, type Browser } from './harness/chromium.ts';
import { createConsumer, generateSubsystemKey } from '@ndxp/sdk';
import { ASKED_FIELDS, CITIZEN_FIELDS_COUNT, CONSUMER_SUBSYSTEM, demoPassword, ENRICH_PURPOSE, PLAN_ITEM, PROVIDER_SUBSYSTEM, PURPOSE, SERVICE_ID, startConsoleHub, TAX_SERVICE_ID, type ConsoleHub } from './harness/console-hub.ts';

const chromiumPath = findChromium();
if (chromiumPath === undefined) console.warn(`apps/web: ${NO_CHROMIUM}`);

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** What the browser reported that should never happen: CSP violations, script errors, failed assets. */
interface Trouble {
  readonly kind: string;
  readonly text: string;
}

describe.skipIf(chromiumPath === undefined)('operator console in Chromium against the real hub', () => {
  let hub: ConsoleHub;
  let browser: Browser;
  let dist: string | undefined;
  /** Log index of the SDK call made by the overview test (x-ndxp-log-index). */
  let callLogIndex: number | undefined;
  /** Log index of the call in the other direction (NPDB consuming the tax service). */
  let backLogIndex: number | undefined;
  const trouble: Trouble[] = [];

  async function newPage(): Promise<Page> {
    const page = await browser.context.newPage();
    // Fail fast and say where; waits that need longer (live refresh) say so themselves.
    page.setDefaultTimeout(15_000);
    page.on('pageerror', (e) => trouble.push({ kind: 'pageerror', text: e.message }));
    page.on('console', (m) => {
      // 4xx answers the test provokes on purpose are logged by Chromium as "Failed to load resource".
      if (m.type() === 'error' && !/status of 4\d\d/.test(m.text())) trouble.push({ kind: 'console', text: m.text() });
    });
    // Any CSP violation (inline style without the nonce, eval, foreign origin) is a failure.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    });
    return page;
  }

  async function signIn(page: Page, username: string): Promise<void> {
    await page.goto(`${hub.url}/login`);
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(username);
    await page.getByRole('textbox', { name: 'Mật khẩu' }).fill(demoPassword(username));
    await page.getByRole('textbox', { name: 'Mật khẩu' }).press('Enter');
    await page.getByTestId('signed-in-user').filter({ hasText: username }).waitFor();
  }

  /** axe-core (WCAG 2.0/2.1 A and AA rules) on the current page; returns the violations. */
  async function axe(page: Page): Promise<string[]> {
    // page.evaluate runs through the DevTools protocol, which the page's CSP does not govern.
    await page.evaluate(axeSource);
    const result = await page.evaluate(async () => {
      const w = window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } };
      return w.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    });
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  beforeAll(async () => {
    dist = await buildWeb();
    hub = await startConsoleHub(dist);
    browser = await launchChromium(chromiumPath!);
  });

  afterAll(async () => {
    await browser?.close();
    await hub?.close();
    if (dist !== undefined) rmSync(dist, { recursive: true, force: true });
  });

  it('serves the console with a strict CSP and Vietnamese first', async () => {
    const res = await fetch(`${hub.url}/grants`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/]+=*'/);
    expect(csp).not.toContain('unsafe-inline');
    const page = await newPage();
    await page.goto(`${hub.url}/grants`);
    // Not signed in: sent to the sign-in page, which remembers where to go back to.
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/grants');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('shows a wrong password as the hub problem: Vietnamese title and code', async () => {
    const page = await newPage();
    await page.goto(`${hub.url}/login`);
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill('operator');
    await page.getByRole('textbox', { name: 'Mật khẩu' }).fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.getAttribute('data-problem-code')).toBe('CREDENTIALS_INVALID');
    expect(await alert.textContent()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    expect(await page.evaluate(() => window.sessionStorage.getItem('ndxp.session'))).toBeNull();
    await page.close();
  });

  it('signs in as the operator, approves and activates the requested grant, and shows who did what', async () => {
    const page = await newPage();
    await signIn(page, 'operator');
    // The token lives in sessionStorage only, never in localStorage.
    expect(await page.evaluate(() => window.sessionStorage.getItem('ndxp.session'))).toContain('"role":"operator"');
    expect(await page.evaluate(() => JSON.stringify(window.localStorage))).not.toContain('eyJ');

    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Quyền truy cập' }).click();
    await page.getByRole('tab', { name: 'Chờ phê duyệt' }).click();
    const row = page.locator(`tr[data-grant-id="${hub.grantId}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(SERVICE_ID);
    await row.getByRole('link', { name: /Xem quyền truy cập/ }).click();

    // The diff: every field of the service, the asked ones marked.
    const diff = page.getByTestId('field-diff');
    await diff.waitFor();
    expect(await diff.locator('tbody tr').count()).toBe(CITIZEN_FIELDS_COUNT);
    const asked = await diff.locator('tbody tr[data-asked="true"] code').allTextContents();
    expect(asked.sort()).toEqual([...ASKED_FIELDS].sort());
    expect(await axe(page)).toEqual([]);

    await page.getByTestId('grant-actions').getByRole('button', { name: 'Phê duyệt' }).click();
    const dialog = page.getByRole('dialog', { name: 'Phê duyệt quyền truy cập' });
    await dialog.getByRole('textbox', { name: 'Ghi chú' }).fill('Đã kiểm tra căn cứ pháp lý');
    await dialog.getByRole('button', { name: 'Phê duyệt' }).click();
    await page.locator('[data-state="approved"]').waitFor();

    await page.getByTestId('grant-actions').getByRole('button', { name: 'Kích hoạt' }).click();
    await page.getByRole('dialog', { name: 'Kích hoạt quyền truy cập' }).getByRole('button', { name: 'Kích hoạt' }).click();
    await page.locator('[data-state="active"]').waitFor();

    // The hub agrees, independently of what the page shows.
    const g = await hub.api<{ state: string; events: { action: string; actor: string; note: string | null }[] }>('operator', 'GET', `/api/v1/grants/${hub.grantId}`);
    expect(g.body.state).toBe('active');
    expect(g.body.events.map((e) => [e.action, e.actor])).toEqual([['request', 'btc.admin'], ['approve', 'operator'], ['activate', 'operator']]);
    expect(g.body.events[1]?.note).toBe('Đã kiểm tra căn cứ pháp lý');
    // And the page's history says the same.
    const history = await page.getByTestId('grant-history').textContent();
    expect(history).toMatch(/Yêu cầu[\s\S]*btc\.admin[\s\S]*Phê duyệt[\s\S]*operator[\s\S]*Kích hoạt[\s\S]*operator/);
    await page.close();
  });

  it('makes a call through the hub with the SDK, and the overview changes live', async () => {
    const page = await newPage();
    await signIn(page, 'operator');
    // The operator lands on the overview: both directions of II.9 are agreed and active, unused.
    await page.getByRole('heading', { name: 'Tổng quan', level: 1 }).waitFor();
    await page.locator(`[data-testid="board-connected_unused"] [data-item="${PLAN_ITEM}"]`).waitFor();
    expect(await page.locator(`[data-item="${PLAN_ITEM}"]`).first().getAttribute('data-schedule')).toBe('overdue');
    expect(await page.getByTestId(`traffic-${PLAN_ITEM}`).count()).toBe(0);
    expect(await axe(page)).toEqual([]);

    const consumer = createConsumer({ hubUrl: hub.url, clientId: CONSUMER_SUBSYSTEM, kid: hub.consumerKey.kid, privateKey: hub.consumerKey.privateJwk });
    const result = await consumer.call<Record<string, unknown>>(SERVICE_ID, '/citizens/001203012345', { purpose: PURPOSE });
    expect(result.status).toBe(200);
    // Projected by the hub to exactly the granted fields.
    expect(Object.keys(result.body).sort()).toEqual(['date_of_birth', 'full_name', 'personal_id']);
    expect(result.logIndex).toEqual(expect.any(Number));
    callLogIndex = result.logIndex;
    // And the other direction: the NPDB takes the tax code to enrich its record.
    const npdb = createConsumer({ hubUrl: hub.url, clientId: PROVIDER_SUBSYSTEM, kid: hub.npdbKey.kid, privateKey: hub.npdbKey.privateJwk });
    const back = await npdb.call<Record<string, unknown>>(TAX_SERVICE_ID, '/taxpayers/001203012345', { purpose: ENRICH_PURPOSE });
    expect(back.body).toEqual({ personal_id: '001203012345', tax_code: '8012345678' });
    backLogIndex = back.logIndex;

    // The item moves on the board by itself: in use now, and late against its 2022 deadline.
    const card = page.locator(`[data-testid="board-in_use"] [data-item="${PLAN_ITEM}"]`);
    await card.waitFor({ timeout: 20_000 });
    expect(await card.getAttribute('data-schedule')).toBe('late');

    // Without reloading: the page polls, and the call appears in traffic, latency and the busiest tables.
    await page.getByTestId(`traffic-${PLAN_ITEM}`).filter({ hasText: /^2$/ }).waitFor({ timeout: 20_000 });
    await page.getByTestId('latency-table').locator(`tr[data-service="${SERVICE_ID}"]`).waitFor({ timeout: 20_000 });
    await page.getByTestId('busiest-consumers').locator(`tr[data-key="${CONSUMER_SUBSYSTEM}"]`).waitFor({ timeout: 20_000 });
    const busiest = await page.getByTestId('busiest-services').locator(`tr[data-key="${SERVICE_ID}"] td`).first().textContent();
    expect(busiest).toBe('1');
    // The item opens with its per-day charts in each direction and the links that implement it.
    await page.locator(`[data-testid="board-in_use"] [data-item="${PLAN_ITEM}"]`).click();
    const detail = page.getByTestId('item-detail');
    await detail.waitFor();
    const text = await detail.textContent();
    expect(text).toContain(SERVICE_ID);
    expect(text).toContain(TAX_SERVICE_ID);
    expect(await detail.locator('.recharts-wrapper').count()).toBe(2);
    expect(await axe(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await detail.waitFor({ state: 'hidden' });
    await page.close();
  });

  it('verifies a log entry in the browser, and catches a hub that lies about an entry', async () => {
    expect(callLogIndex).toEqual(expect.any(Number));
    const index = callLogIndex!;
    const page = await newPage();
    await signIn(page, 'btc.admin');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Nhật ký minh bạch' }).click();
    // The checkpoint's Ed25519 signature and its consistency with the previous one, checked here.
    await page.locator('[data-testid="checkpoint-signature"][data-ok="true"]').waitFor();
    // Wait until the call's entry is integrated (a checkpoint is signed every second while traffic flows).
    await page.waitForFunction((i) => Number(document.querySelector('[data-testid="tree-size"]')?.textContent?.replace(/\D/g, '') ?? 0) > i, index, { timeout: 20_000 });
    await page.getByRole('textbox', { name: 'Chỉ số' }).fill(String(index));
    await page.getByRole('button', { name: 'Xác minh', exact: true }).click();
    const outcome = page.getByTestId('verify-outcome');
    await outcome.waitFor();
    expect(await outcome.getAttribute('data-ok')).toBe('true');
    expect(await outcome.textContent()).toMatch(/Chữ ký điểm kiểm tra[\s\S]*Băm lá[\s\S]*Bằng chứng bao hàm/);
    // The table shows that entry verified, and verifies the other direction's entry on a click.
    await page.getByTestId('log-entries').locator(`tr[data-index="${index}"] [data-verified="true"]`).waitFor();
    const other = backLogIndex!;
    await page.waitForFunction((i) => Number(document.querySelector('[data-testid="tree-size"]')?.textContent?.replace(/\D/g, '') ?? 0) > i, other, { timeout: 20_000 });
    const row = page.getByTestId('log-entries').locator(`tr[data-index="${other}"]`);
    await row.getByRole('button', { name: `Xác minh mục ${other}` }).click();
    await row.locator('[data-verified="true"]').waitFor();
    expect(await row.textContent()).toContain(TAX_SERVICE_ID);
    expect(await axe(page)).toEqual([]);

    // Now a hub that alters an entry it serves: the page recomputes the leaf and refuses it.
    await page.route('**/log/v1/entries?*', async (route) => {
      const res = await route.fetch();
      const body = (await res.json()) as { tree_size: number; entries: { index: number; entry: string }[] };
      for (const e of body.entries) if (e.index === index) e.entry = e.entry.replace('"status":200', '"status":403');
      await route.fulfill({ response: res, json: body });
    });
    await page.reload();
    const tampered = page.getByTestId('log-entries').locator(`tr[data-index="${index}"]`);
    await tampered.getByRole('button', { name: `Xác minh mục ${index}` }).click();
    await tampered.locator('[data-verified="false"]').waitFor();
    await page.unroute('**/log/v1/entries?*');
    await page.close();
  });

  it('shows the health of the hub, its audit log and the providers', async () => {
    const page = await newPage();
    await signIn(page, 'operator');
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tình trạng hệ thống' }).click();
    await page.getByRole('heading', { name: 'Tình trạng hệ thống', level: 1 }).waitFor();
    for (const c of ['live', 'database', 'state', 'audit']) await page.locator(`[data-testid="check-${c}"][data-ok="true"]`).waitFor();
    const npdb = page.getByTestId('providers').locator('tr[data-provider="BCA/npdb"]');
    await npdb.waitFor();
    expect(await npdb.getAttribute('data-circuit')).toBe('closed');
    expect(await page.getByTestId('providers').locator('tr[data-provider="BTC/tax"]').count()).toBe(1);
    // The two calls of the previous test are in the log, handled by this one hub process.
    await page.getByTestId('instances').locator('tbody tr th').first().waitFor();
    await page.locator('[data-testid="log-lag"][data-pending="0"]').waitFor({ timeout: 20_000 });
    expect(Number((await page.getByTestId('log-size').textContent())?.replace(/\D/g, ''))).toBeGreaterThanOrEqual(2);
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('onboards a member and a subsystem, registers keys and rotates them with an overlap', async () => {
    const page = await newPage();
    await signIn(page, 'operator');
    await page.goto(`${hub.url}/members`);
    await page.getByRole('button', { name: 'Thêm thành viên' }).click();
    const memberForm = page.getByRole('dialog', { name: 'Thêm thành viên' });
    await memberForm.getByRole('textbox', { name: 'Mã định danh cơ quan' }).fill('byt');
    await memberForm.getByRole('textbox', { name: 'Tên cơ quan' }).fill('Bộ Y tế');
    await memberForm.getByRole('textbox', { name: 'Tên tiếng Anh' }).fill('Ministry of Health');
    await memberForm.getByRole('button', { name: 'Tạo' }).click();
    // Codes are upper-cased as typed, as the hub requires.
    await page.getByRole('link', { name: 'BYT', exact: true }).click();
    await page.getByRole('heading', { name: 'BYT · Bộ Y tế', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Thêm hệ thống' }).click();
    const subForm = page.getByRole('dialog', { name: 'Thêm hệ thống' });
    await subForm.getByRole('textbox', { name: 'Mã hệ thống' }).fill('ehealth');
    await subForm.getByRole('textbox', { name: 'Tên' }).fill('Hồ sơ sức khỏe điện tử');
    await subForm.getByRole('button', { name: 'Tạo' }).click();
    await page.getByRole('button', { name: /BYT\/ehealth/ }).click();

    // A malformed key is refused by the hub with its problem shown; then two real keys.
    const register = async (jwk: string) => {
      await page.getByRole('button', { name: 'Đăng ký khóa' }).first().click();
      const form = page.getByRole('dialog', { name: 'Đăng ký khóa' });
      await form.getByRole('textbox', { name: 'Khóa công khai (JWK)' }).fill(jwk);
      await form.getByRole('button', { name: 'Đăng ký khóa' }).click();
      return form;
    };
    const bad = await register(JSON.stringify({ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB', kid: 'bad', alg: 'ES256' }));
    expect(await bad.getByRole('alert').getAttribute('data-problem-code')).toBe('KEY_INVALID');
    await page.keyboard.press('Escape');
    await bad.waitFor({ state: 'hidden' });
    const k1 = await generateSubsystemKey();
    const k2 = await generateSubsystemKey();
    await register(JSON.stringify(k1.publicJwk));
    await page.getByRole('cell', { name: k1.kid }).waitFor();
    await register(JSON.stringify(k2.publicJwk));
    await page.getByRole('cell', { name: k2.kid }).waitFor();

    // Rotation: retire the old key in 24 hours; both stay accepted meanwhile.
    const row = page.locator('tr', { hasText: k1.kid });
    await row.getByRole('button', { name: 'Thu hồi khóa' }).click();
    const dialog = page.getByRole('dialog', { name: `Thu hồi khóa ${k1.kid}` });
    expect(await dialog.getByRole('combobox', { name: 'Thời điểm thu hồi' }).inputValue()).toBe('Sau 24 giờ');
    await dialog.getByRole('button', { name: 'Thu hồi khóa' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const keys = await hub.api<{ items: { kid: string; state: string; not_after: string | null }[] }>('operator', 'GET', '/api/v1/subsystems/BYT/ehealth/keys');
    const old = keys.body.items.find((k) => k.kid === k1.kid);
    const fresh = keys.body.items.find((k) => k.kid === k2.kid);
    expect(old?.state).toBe('active');
    const hours = (Date.parse(old?.not_after ?? '') - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(23.5);
    expect(hours).toBeLessThanOrEqual(24);
    expect(fresh).toMatchObject({ state: 'active', not_after: null });
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('lets the provider admin decide on requests for its services, but not activate them', async () => {
    const asked = await hub.api<{ id: string }>('btc.admin', 'POST', '/api/v1/grants', {
      consumer_id: CONSUMER_SUBSYSTEM, service_id: SERVICE_ID, fields: ['/full_name', '/sex'], purposes: ['tax-audit'],
      legal_basis: 'Luật Quản lý thuế 2019, Điều 98', valid_until: new Date(Date.now() + 30 * 86_400_000).toISOString(), quota_per_minute: 10,
    });
    expect(asked.status).toBe(201);
    const page = await newPage();
    await signIn(page, 'bca.admin');
    // A provider admin's inbox opens on the requests waiting for its decision.
    const row = page.locator(`tr[data-grant-id="${asked.body.id}"]`);
    await row.waitFor();
    await row.getByRole('link', { name: /Xem quyền truy cập/ }).click();
    const actions = page.getByTestId('grant-actions');
    await actions.getByRole('button', { name: 'Phê duyệt' }).waitFor();
    expect(await actions.getByRole('button').allTextContents()).toEqual(['Phê duyệt', 'Từ chối', 'Thu hồi']);
    await actions.getByRole('button', { name: 'Từ chối' }).click();
    const dialog = page.getByRole('dialog', { name: 'Từ chối quyền truy cập' });
    // A reason is required: the button stays disabled until one is given.
    expect(await dialog.getByRole('button', { name: 'Từ chối' }).isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: /Lý do từ chối/ }).fill('Mục đích kiểm tra thuế không cần giới tính');
    await dialog.getByRole('button', { name: 'Từ chối' }).click();
    await page.locator('[data-state="rejected"]').waitFor();
    expect(await page.getByTestId('grant-history').textContent()).toContain('Mục đích kiểm tra thuế không cần giới tính');
    const g = await hub.api<{ state: string; events: { action: string; actor: string }[] }>('operator', 'GET', `/api/v1/grants/${asked.body.id}`);
    expect(g.body.state).toBe('rejected');
    expect(g.body.events.at(-1)).toMatchObject({ action: 'reject', actor: 'bca.admin' });
    await page.close();
  });

  it('renders the service with its OpenAPI contract, fields, data class and legal bases', async () => {
    const page = await newPage();
    await signIn(page, 'operator');
    await page.getByRole('link', { name: 'Danh mục dịch vụ' }).click();
    await page.getByRole('searchbox', { name: 'Tìm dịch vụ' }).fill('cong dan');
    await page.getByRole('link', { name: SERVICE_ID }).click();
    await page.getByRole('heading', { name: 'Tra cứu thông tin công dân', level: 1 }).waitFor();
    const body = await page.locator('main').textContent();
    expect(body).toContain('Dữ liệu dùng riêng');
    expect(body).toContain('Luật Căn cước 2023, Điều 10');
    expect(body).toContain('/address/province');
    // The contract's response schema is resolved through its $ref and laid out field by field.
    await page.getByRole('button', { name: /GET \/citizens\/\{personal_id\}/ }).waitFor();
    expect(await page.getByRole('cell', { name: '/full_name' }).count()).toBeGreaterThan(0);
    expect(body).toContain('Họ, chữ đệm và tên khai sinh');
    expect(await axe(page)).toEqual([]);
    await page.close();
  });

  it('switches to English in one click and back', async () => {
    const page = await newPage();
    await signIn(page, 'operator');
    await page.locator('header label', { hasText: 'English' }).click();
    await page.getByRole('link', { name: 'Service catalogue' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.locator('header label', { hasText: 'Tiếng Việt' }).click();
    await page.getByRole('link', { name: 'Danh mục dịch vụ' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('vi');
    await page.close();
  });

  it('refuses operator pages to a consumer admin, in the console and at the API', async () => {
    const page = await newPage();
    await signIn(page, 'btc.admin');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    expect(await nav.getByRole('link', { name: 'Người dùng' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Quyền truy cập' }).count()).toBe(1);
    expect(await nav.getByRole('link', { name: 'Tổng quan' }).count()).toBe(0);
    expect(await nav.getByRole('link', { name: 'Tình trạng hệ thống' }).count()).toBe(0);
    for (const path of ['/overview', '/users', '/health']) {
      await page.goto(`${hub.url}${path}`);
      await page.getByTestId('forbidden').waitFor();
    }
    expect(await page.getByTestId('forbidden').textContent()).toContain('Quản trị bên khai thác');
    // The API refuses the same thing with the session token the console holds.
    const problem = await page.evaluate(async () => {
      const s = JSON.parse(window.sessionStorage.getItem('ndxp.session') ?? '{}') as { token?: string };
      const out: { path: string; status: number; code: string }[] = [];
      for (const path of ['/api/v1/users', '/api/v1/audit', '/api/v1/plan/II.9/links']) {
        const r = await fetch(path, { method: path.endsWith('links') ? 'POST' : 'GET', headers: { authorization: `Bearer ${s.token ?? ''}`, 'content-type': 'application/json' }, ...(path.endsWith('links') ? { body: JSON.stringify({ role: 'consumes', service_id: 'BCA/npdb/citizen-lookup/v1', consumer_id: 'BTC/tax' }) } : {}) });
        out.push({ path, status: r.status, code: ((await r.json()) as { code: string }).code });
      }
      return out;
    });
    expect(problem).toEqual([
      { path: '/api/v1/users', status: 403, code: 'ROLE_FORBIDDEN' },
      { path: '/api/v1/audit', status: 403, code: 'ROLE_FORBIDDEN' },
      { path: '/api/v1/plan/II.9/links', status: 403, code: 'ROLE_FORBIDDEN' },
    ]);
    // Members: the consumer admin is taken to its own member, and cannot onboard others.
    await page.goto(`${hub.url}/members`);
    await page.waitForURL(/\/members\/BTC$/);
    await page.getByText('BTC/tax').first().waitFor();
    await page.close();
  });

  it('ends the session when the hub no longer accepts its token, and says so', async () => {
    const page = await newPage();
    await signIn(page, 'operator');
    // A token the hub did not sign (as after a key rotation or expiry): the next call gets 401.
    await page.evaluate(() => {
      const s = JSON.parse(window.sessionStorage.getItem('ndxp.session') ?? '{}') as { token: string };
      window.sessionStorage.setItem('ndxp.session', JSON.stringify({ ...s, token: `${s.token.slice(0, -4)}AAAA` }));
    });
    await page.goto(`${hub.url}/grants`);
    await page.getByRole('heading', { name: 'Đăng nhập', level: 1 }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: 'Phiên làm việc đã hết hạn' }).count()).toBe(1);
    expect(await page.evaluate(() => window.sessionStorage.getItem('ndxp.session'))).toBeNull();
    await page.close();
  });

  it('is usable with the keyboard: skip link first, focus visible', async () => {
    const page = await newPage();
    await signIn(page, 'operator');
    await page.goto(`${hub.url}/services`);
    await page.getByRole('searchbox', { name: 'Tìm dịch vụ' }).waitFor();
    await page.keyboard.press('Tab');
    const first = await page.evaluate(() => ({ text: document.activeElement?.textContent, outline: getComputedStyle(document.activeElement as Element).outlineStyle }));
    expect(first.text).toBe('Bỏ qua, tới nội dung chính');
    expect(first.outline).not.toBe('none');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
    await page.close();
  });

  it('folds the navigation behind a button on a tablet', async () => {
    const page = await newPage();
    await page.setViewportSize({ width: 768, height: 1024 });
    await signIn(page, 'operator');
    const burger = page.getByRole('button', { name: 'Mở menu điều hướng' });
    await burger.click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Danh mục dịch vụ' }).click();
    await page.getByRole('heading', { name: 'Danh mục dịch vụ', level: 1 }).waitFor();
    await page.close();
  });

  it('asks before revoking, and the revocation holds', async () => {
    const page = await newPage();
    await signIn(page, 'btc.admin');
    await page.goto(`${hub.url}/grants/${hub.grantId}`);
    await page.locator('[data-state="active"]').waitFor();
    await page.getByTestId('grant-actions').getByRole('button', { name: 'Thu hồi' }).click();
    const dialog = page.getByRole('dialog', { name: 'Thu hồi quyền truy cập' });
    expect(await dialog.textContent()).toContain('Không thể hoàn tác');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    expect((await hub.api<{ state: string }>('operator', 'GET', `/api/v1/grants/${hub.grantId}`)).body.state).toBe('active');
    await page.getByTestId('grant-actions').getByRole('button', { name: 'Thu hồi' }).click();
    await page.getByRole('dialog', { name: 'Thu hồi quyền truy cập' }).getByRole('button', { name: 'Thu hồi' }).click();
    await page.locator('[data-state="revoked"]').waitFor();
    const g = await hub.api<{ state: string; events: { action: string; actor: string }[] }>('operator', 'GET', `/api/v1/grants/${hub.grantId}`);
    expect(g.body.state).toBe('revoked');
    expect(g.body.events.at(-1)).toMatchObject({ action: 'revoke', actor: 'btc.admin' });
    await page.close();
  });

  it('met no CSP violation, script error or failed asset along the way', () => {
    expect(trouble).toEqual([]);
  });
});
