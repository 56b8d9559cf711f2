import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type HttpServer } from '@ndxp/core';
import { testBackends } from '@ndxp/db';
import { openTestHub, TEST_OPERATOR_PASSWORD, type TestHub } from '../app/test-hub.ts';
import { createAuditWriter, type AuditWriter } from '../audit/audit-writer.ts';
import type { AuditEntry } from '../audit/audit-entry.ts';
import { createUser } from '../control/users/create-user.ts';
import { registerPlanRoutes } from './plan-routes.ts';

const HOUR = 3600 * 1000;
const OPENAPI = (path: string) => ({ openapi: '3.1.0', info: { title: 't', version: 'v1' }, paths: { [path]: { get: { responses: { '200': { description: 'OK' } } } } } });

describe.each(testBackends())('action plan routes on %s', (kind) => {
  let t: TestHub;
  let app: HttpServer;
  let audit: AuditWriter;
  let operator: string;
  let auth: { authorization: string };

  /** Call the hub's own control plane (members, services, grants). */
  async function hubCall(method: 'POST' | 'GET', url: string, payload?: unknown) {
    const res = await t.hub.app.inject({ method, url, headers: auth, ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }) });
    if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    return res.json() as Record<string, unknown>;
  }

  let seq = 0;
  /** Record an exchange in the audit log, as the data plane would, at `at`. */
  async function exchange(consumer: string, service: string, status: number, at: number) {
    const entry: AuditEntry = {
      v: 1, time: new Date(at).toISOString(), request_id: `r-${seq++}`, hub_instance: 'test', consumer, service, method: 'GET', purpose: 'verify',
      grant_id: null, legal_basis: null, fields: null, status, provider_status: status, error_code: status >= 400 ? 'PROVIDER_UNAVAILABLE' : null,
      latency_us: 1000, request_sha256: null, response_sha256: '0'.repeat(64), subject_hmac: null, subject_key_id: null,
    };
    await audit.append(entry);
  }

  beforeAll(async () => {
    t = await openTestHub(kind);
    app = createServer({ name: 'plan-test', logger: false });
    await registerPlanRoutes(app, t.hub.ctx);
    await app.ready();
    audit = createAuditWriter({ db: t.db });
    operator = await t.login('root', TEST_OPERATOR_PASSWORD);
    auth = { authorization: `Bearer ${operator}` };
    await hubCall('POST', '/api/v1/members', { code: 'BCA', name: 'Bộ Công an' });
    await hubCall('POST', '/api/v1/members', { code: 'TCT', name: 'Tổng cục Thuế' });
    await hubCall('POST', '/api/v1/members/BCA/subsystems', { code: 'npdb', name: 'CSDLQG về dân cư', base_url: 'http://127.0.0.1:9/npdb' });
    await hubCall('POST', '/api/v1/members/BCA/subsystems', { code: 'sector-exchange', name: 'Khai thác dữ liệu chuyên ngành' });
    await hubCall('POST', '/api/v1/members/TCT/subsystems', { code: 'tax', name: 'CSDL thuế', base_url: 'http://127.0.0.1:9/tax' });
    await hubCall('POST', '/api/v1/services', { subsystem_id: 'BCA/npdb', code: 'citizen-verify', version: 'v1', title: 'Xác thực', openapi: OPENAPI('/verify'), fields: ['/match'], data_class: 'private', subject_locator: { in: 'body', pointer: '/personal_id' } });
    await hubCall('POST', '/api/v1/services', { subsystem_id: 'TCT/tax', code: 'taxpayer', version: 'v1', title: 'Người nộp thuế', openapi: OPENAPI('/taxpayers/{personal_id}'), fields: ['/tax_code'], data_class: 'private', subject_locator: { in: 'path', name: 'personal_id' } });
    await createUser(t.db, { username: 'tct-admin', display_name: 'TCT admin', role: 'provider_admin', member_code: 'TCT', password: 'tct-admin-password' }, { scryptLogN: t.config.scryptLogN, nowMs: t.clock.now() });
  });
  afterAll(async () => {
    await audit.close();
    await app.close();
    await t.close();
  });

  const get = async (url: string, headers = auth) => app.inject({ method: 'GET', url, headers });
  const item = async (id: string, query = '') => (await get(`/api/v1/plan/${id}${query}`)).json() as { status: string; schedule: string; directions: { role: string; ok: number; server_errors: number }[]; days: { day: string; consumes: { ok: number }; provides: { ok: number; server_errors: number } }[]; links: unknown[]; reasons: string[]; first_in_use_at: string | null };

  it('lists the 29 items of the plan with their deadlines, all unconnected at first', async () => {
    const res = await get('/api/v1/plan');
    expect(res.statusCode).toBe(200);
    const body = res.json() as { items: { id: string; status: string; deadline_at: string | null; schedule: string }[]; summary: Record<string, number>; source: string };
    expect(body.items).toHaveLength(29);
    expect(body.items.map((i) => i.id).slice(4, 7)).toEqual(['II.1', 'II.2', 'II.3']);
    expect(body.summary).toEqual({ not_connected: 20, connected_unused: 0, in_use: 0, degraded: 0, not_tracked: 9 });
    expect(body.items.find((i) => i.id === 'II.9')).toMatchObject({ status: 'not_connected', deadline_at: '2022-03-31T16:59:59.999Z', schedule: 'overdue' });
    expect(body.source).toMatch(/Decision 47/);
    const rows = await t.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM plan_items');
    expect(rows.rows[0]?.n).toBe(29);
  });

  it('requires a session, and only operators change links', async () => {
    expect((await app.inject({ method: 'GET', url: '/api/v1/plan' })).json()).toMatchObject({ code: 'AUTH_REQUIRED' });
    const admin = await t.login('tct-admin', 'tct-admin-password');
    const res = await app.inject({ method: 'POST', url: '/api/v1/plan/II.9/links', headers: { authorization: `Bearer ${admin}` }, payload: { role: 'consumes', service_id: 'BCA/npdb/citizen-verify/v1', consumer_id: 'TCT/tax' } });
    expect(res.json()).toMatchObject({ code: 'ROLE_FORBIDDEN' });
    expect((await get('/api/v1/plan/II.99')).json()).toMatchObject({ code: 'PLAN_ITEM_NOT_FOUND' });
    expect((await get('/api/v1/plan/V.1')).json()).toMatchObject({ code: 'PLAN_ITEM_NOT_FOUND' });
  });

  it('rejects links to unknown services and to items not measured by traffic', async () => {
    const post = (id: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/plan/${id}/links`, headers: auth, payload });
    expect((await post('II.9', { role: 'consumes', service_id: 'BCA/npdb/nope/v1', consumer_id: 'TCT/tax' })).json()).toMatchObject({ code: 'SERVICE_NOT_FOUND' });
    expect((await post('II.9', { role: 'consumes', service_id: 'BCA/npdb/citizen-verify/v1', consumer_id: 'TCT/nope' })).json()).toMatchObject({ code: 'SUBSYSTEM_NOT_FOUND' });
    expect((await post('I.1', { role: 'consumes', service_id: 'BCA/npdb/citizen-verify/v1', consumer_id: 'TCT/tax' })).json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('follows the connection from not connected to in use and degraded, from live traffic only', async () => {
    const link = (role: string, service_id: string, consumer_id: string) => app.inject({ method: 'POST', url: '/api/v1/plan/II.9/links', headers: auth, payload: { role, service_id, consumer_id } });
    expect((await link('consumes', 'BCA/npdb/citizen-verify/v1', 'TCT/tax')).statusCode).toBe(201);
    expect((await link('consumes', 'BCA/npdb/citizen-verify/v1', 'TCT/tax')).statusCode).toBe(200); // idempotent
    expect((await link('provides', 'TCT/tax/taxpayer/v1', 'BCA/sector-exchange')).statusCode).toBe(201);
    // Linked, but no grant is active yet.
    expect((await item('II.9')).status).toBe('not_connected');

    const until = new Date(t.clock.now() + 365 * 24 * HOUR).toISOString();
    for (const [consumer_id, service_id, fields] of [['TCT/tax', 'BCA/npdb/citizen-verify/v1', ['/match']], ['BCA/sector-exchange', 'TCT/tax/taxpayer/v1', ['/tax_code']]] as const) {
      const g = await hubCall('POST', '/api/v1/grants', { consumer_id, service_id, fields, purposes: ['verify'], legal_basis: 'Luật Quản lý thuế 38/2019/QH14', valid_until: until, quota_per_minute: 100 });
      await hubCall('POST', `/api/v1/grants/${String(g['id'])}/approve`, {});
      await hubCall('POST', `/api/v1/grants/${String(g['id'])}/activate`, {});
    }
    expect((await item('II.9')).status).toBe('connected_unused');

    const now = t.clock.now();
    await exchange('TCT/tax', 'BCA/npdb/citizen-verify/v1', 200, now - 30 * HOUR);
    await exchange('TCT/tax', 'BCA/npdb/citizen-verify/v1', 404, now - 2 * HOUR);
    // Traffic of an unlinked pair does not count.
    await exchange('BCA/npdb', 'TCT/tax/taxpayer/v1', 200, now - 2 * HOUR);
    const half = await item('II.9');
    expect(half.status).toBe('connected_unused');
    expect(half.directions).toMatchObject([{ role: 'consumes', ok: 1 }, { role: 'provides', ok: 0 }]);

    await exchange('BCA/sector-exchange', 'TCT/tax/taxpayer/v1', 200, now - HOUR);
    const used = await item('II.9');
    expect(used.status).toBe('in_use');
    expect(used.first_in_use_at).toBe(new Date(now - HOUR).toISOString());
    expect(used.schedule).toBe('late');
    expect(used.links).toHaveLength(2);
    // Per day, Vietnam time: 2026-03-02T01:00Z is 08:00 on 2 March in Hà Nội; 30 h earlier is 1 March.
    const days = Object.fromEntries(used.days.map((d) => [d.day, d]));
    expect(days['2026-03-01']?.consumes.ok).toBe(1);
    expect(days['2026-03-02']?.provides.ok).toBe(1);
    expect(used.days).toHaveLength(8);

    // A day-long window no longer sees the 30-hour-old success towards the NPDB; two days do.
    expect((await item('II.9', '?window_days=1')).status).toBe('connected_unused');
    expect((await item('II.9', '?window_days=2')).status).toBe('in_use');
    // Time passes with no traffic: the connection falls out of use.
    t.clock.advance(8 * 24 * HOUR);
    auth = { authorization: `Bearer ${await t.login('root', TEST_OPERATOR_PASSWORD)}` };
    expect((await item('II.9')).status).toBe('connected_unused');
    t.clock.set(now);
    auth = { authorization: `Bearer ${await t.login('root', TEST_OPERATOR_PASSWORD)}` };

    // Provider failures above 5% of at least 20 exchanges: degraded.
    for (let i = 0; i < 18; i++) await exchange('BCA/sector-exchange', 'TCT/tax/taxpayer/v1', 200, now - 10 * 60 * 1000);
    for (let i = 0; i < 3; i++) await exchange('BCA/sector-exchange', 'TCT/tax/taxpayer/v1', 503, now - 5 * 60 * 1000);
    const degraded = await item('II.9');
    expect(degraded.status).toBe('degraded');
    expect(degraded.reasons.join()).toMatch(/error rate above threshold/);

    const overview = (await get('/api/v1/plan')).json() as { summary: Record<string, number> };
    expect(overview.summary).toMatchObject({ degraded: 1, not_connected: 19 });
  });

  it('removes links, after which the item is not connected again', async () => {
    const del = (q: string) => app.inject({ method: 'DELETE', url: `/api/v1/plan/II.9/links?${q}`, headers: auth });
    expect((await del('role=provides&service_id=TCT/tax/taxpayer/v1&consumer_id=BCA/sector-exchange')).statusCode).toBe(204);
    expect((await del('role=provides&service_id=TCT/tax/taxpayer/v1&consumer_id=BCA/sector-exchange')).json()).toMatchObject({ code: 'PLAN_LINK_NOT_FOUND' });
    expect((await item('II.9')).status).toBe('not_connected');
  });
});
