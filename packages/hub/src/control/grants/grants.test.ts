import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '@ndxp/db';
import { openTestHub, TEST_OPERATOR_PASSWORD, type TestHub } from '../../app/test-hub.ts';
import { recordHubChanges } from '../../state/test-fixtures.ts';
import { CITIZEN_FIELDS, citizenService } from '../test-fixtures.ts';

type Method = 'GET' | 'POST' | 'PATCH';
const SERVICE = 'BCA/npdb/citizen-lookup/v1';

describe.each(testBackends())('grants on %s', (kind) => {
  let t: TestHub;
  const tokens: Record<string, string> = {};
  const call = (method: Method, url: string, who: string | undefined, payload?: unknown) =>
    t.hub.app.inject({ method, url, ...(who === undefined ? {} : { headers: { authorization: `Bearer ${tokens[who]}` } }), ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = async (p: ReturnType<typeof call>): Promise<string> => (await p).json().code as string;
  const iso = (offsetMs: number): string => new Date(t.clock.now() + offsetMs).toISOString();
  const DAY = 86_400_000;
  const request = (who: string, extra: Record<string, unknown> = {}) => call('POST', '/api/v1/grants', who, {
    consumer_id: 'BTC/tax', service_id: SERVICE, fields: ['/personal_id', '/full_name'], purposes: ['tax-verification'],
    legal_basis: 'Luật Quản lý thuế 2019, Điều 18', valid_until: iso(365 * DAY), quota_per_minute: 600, ...extra,
  });

  beforeAll(async () => {
    t = await openTestHub(kind);
    tokens['root'] = await t.login('root', TEST_OPERATOR_PASSWORD);
    for (const [c, name] of [['BCA', 'Bộ Công an'], ['BTC', 'Bộ Tài chính'], ['BYT', 'Bộ Y tế']]) expect((await call('POST', '/api/v1/members', 'root', { code: c, name })).statusCode).toBe(201);
    for (const [u, role, m] of [['bca', 'provider_admin', 'BCA'], ['btc', 'consumer_admin', 'BTC'], ['byt', 'consumer_admin', 'BYT'], ['bytp', 'provider_admin', 'BYT']] as const) {
      expect((await call('POST', '/api/v1/users', 'root', { username: u, display_name: u, role, member_code: m, password: `password-of-${u}` })).statusCode).toBe(201);
      tokens[u] = await t.login(u, `password-of-${u}`);
    }
    expect((await call('POST', '/api/v1/members/BCA/subsystems', 'bca', { code: 'npdb', name: 'CSDLQG về dân cư', base_url: 'http://127.0.0.1:9100' })).statusCode).toBe(201);
    expect((await call('POST', '/api/v1/members/BTC/subsystems', 'btc', { code: 'tax', name: 'Thuế' })).statusCode).toBe(201);
    expect((await call('POST', '/api/v1/members/BYT/subsystems', 'byt', { code: 'insurance', name: 'Bảo hiểm' })).statusCode).toBe(201);
    expect((await call('POST', '/api/v1/services', 'bca', citizenService())).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('runs request → approve → activate → revoke, recording who did what and when', async () => {
    const requested = await request('btc');
    expect(requested.statusCode, requested.body).toBe(201);
    const g = requested.json();
    expect(g).toMatchObject({ consumer_id: 'BTC/tax', consumer_member: 'BTC', service_id: SERVICE, provider_member: 'BCA', state: 'requested', quota_per_minute: 600, valid_from: iso(0) });
    t.clock.advance(60_000);
    const approved = await call('POST', `/api/v1/grants/${g.id}/approve`, 'bca', { note: 'Đồng ý' });
    expect(approved.json().state).toBe('approved');
    t.clock.advance(60_000);
    expect((await call('POST', `/api/v1/grants/${g.id}/activate`, 'root')).json().state).toBe('active');
    t.clock.advance(60_000);
    expect((await call('POST', `/api/v1/grants/${g.id}/revoke`, 'btc', { note: 'Không còn cần' })).json().state).toBe('revoked');

    const detail = (await call('GET', `/api/v1/grants/${g.id}`, 'bca')).json();
    const t0 = Date.parse(g.created_at);
    expect(detail.events).toEqual([
      { action: 'request', actor: 'btc', actor_role: 'consumer_admin', note: null, at: new Date(t0).toISOString() },
      { action: 'approve', actor: 'bca', actor_role: 'provider_admin', note: 'Đồng ý', at: new Date(t0 + 60_000).toISOString() },
      { action: 'activate', actor: 'root', actor_role: 'operator', note: null, at: new Date(t0 + 120_000).toISOString() },
      { action: 'revoke', actor: 'btc', actor_role: 'consumer_admin', note: 'Không còn cần', at: new Date(t0 + 180_000).toISOString() },
    ]);
    expect(detail.field_diff).toEqual({ service_fields: CITIZEN_FIELDS, granted: ['/personal_id', '/full_name'], not_granted: CITIZEN_FIELDS.slice(2) });
  });

  it('rejects with a reason', async () => {
    const g = (await request('btc')).json();
    expect(await code(call('POST', `/api/v1/grants/${g.id}/reject`, 'bca', {}))).toBe('VALIDATION_FAILED');
    const rejected = await call('POST', `/api/v1/grants/${g.id}/reject`, 'bca', { reason: 'Thiếu căn cứ pháp lý' });
    expect(rejected.json().state).toBe('rejected');
    const detail = (await call('GET', `/api/v1/grants/${g.id}`, 'btc')).json();
    expect(detail.events.at(-1)).toMatchObject({ action: 'reject', actor: 'bca', note: 'Thiếu căn cứ pháp lý' });
  });

  it('refuses every transition the lifecycle does not allow, without changing anything', async () => {
    const at = async (state: string): Promise<string> => {
      const id = (await request('root')).json().id as string;
      const path: Record<string, string[]> = { requested: [], approved: ['approve'], active: ['approve', 'activate'], rejected: ['reject'], revoked: ['revoke'] };
      for (const step of path[state] ?? []) expect((await call('POST', `/api/v1/grants/${id}/${step}`, 'root', step === 'reject' ? { reason: 'r' } : {})).statusCode).toBe(200);
      return id;
    };
    const invalid: [string, string][] = [
      ['requested', 'activate'], ['approved', 'approve'], ['active', 'approve'], ['active', 'reject'], ['active', 'activate'],
      ['rejected', 'approve'], ['rejected', 'reject'], ['rejected', 'activate'], ['rejected', 'revoke'],
      ['revoked', 'approve'], ['revoked', 'reject'], ['revoked', 'activate'], ['revoked', 'revoke'],
    ];
    for (const [state, action] of invalid) {
      const id = await at(state);
      const before = (await call('GET', `/api/v1/grants/${id}`, 'root')).json();
      const res = await call('POST', `/api/v1/grants/${id}/${action}`, 'root', action === 'reject' ? { reason: 'r' } : {});
      expect(res.statusCode, `${action} from ${state}`).toBe(409);
      expect(res.json()).toMatchObject({ code: 'GRANT_STATE_CONFLICT', state });
      const after = (await call('GET', `/api/v1/grants/${id}`, 'root')).json();
      expect(after).toEqual(before);
    }
  });

  it('enforces roles on each step', async () => {
    const g = (await request('btc')).json();
    expect(await code(call('POST', `/api/v1/grants/${g.id}/approve`, 'btc'))).toBe('ROLE_FORBIDDEN');
    expect(await code(call('POST', `/api/v1/grants/${g.id}/approve`, 'byt'))).toBe('GRANT_NOT_FOUND');
    expect(await code(call('POST', `/api/v1/grants/${g.id}/approve`, 'bytp'))).toBe('GRANT_NOT_FOUND');
    expect((await call('POST', `/api/v1/grants/${g.id}/approve`, 'bca')).statusCode).toBe(200);
    expect(await code(call('POST', `/api/v1/grants/${g.id}/activate`, 'bca'))).toBe('ROLE_FORBIDDEN');
    expect(await code(call('POST', `/api/v1/grants/${g.id}/activate`, 'btc'))).toBe('ROLE_FORBIDDEN');
    expect((await call('POST', `/api/v1/grants/${g.id}/activate`, 'root')).statusCode).toBe(200);
    expect((await call('POST', `/api/v1/grants/${g.id}/revoke`, 'bca')).json().state).toBe('revoked');
    // Requests: consumer admins only for their own member's subsystems; provider admins not at all.
    expect(await code(request('byt'))).toBe('ROLE_FORBIDDEN');
    expect(await code(request('bca'))).toBe('ROLE_FORBIDDEN');
    expect((await request('byt', { consumer_id: 'BYT/insurance' })).statusCode).toBe(201);
  });

  it('validates requests against the catalogue', async () => {
    const unknown = await request('btc', { fields: ['/full_name', '/religion'] });
    expect(unknown.json()).toMatchObject({ code: 'FIELD_UNKNOWN', errors: [{ pointer: '/fields/1' }] });
    expect(await code(request('btc', { fields: ['full_name'] }))).toBe('VALIDATION_FAILED');
    expect(await code(request('btc', { fields: [] }))).toBe('VALIDATION_FAILED');
    expect(await code(request('btc', { purposes: [] }))).toBe('VALIDATION_FAILED');
    expect(await code(request('btc', { purposes: ['Tax Check'] }))).toBe('VALIDATION_FAILED');
    expect(await code(request('btc', { purposes: ['a', 'a'] }))).toBe('VALIDATION_FAILED');
    expect(await code(request('btc', { valid_until: iso(-DAY) }))).toBe('VALIDATION_FAILED');
    expect(await code(request('btc', { valid_from: iso(2 * DAY), valid_until: iso(DAY) }))).toBe('VALIDATION_FAILED');
    expect(await code(request('btc', { quota_per_minute: 0 }))).toBe('VALIDATION_FAILED');
    expect(await code(request('btc', { service_id: 'BCA/npdb/citizen-lookup/v9' }))).toBe('SERVICE_NOT_FOUND');
    expect(await code(request('btc', { consumer_id: 'BTC/nope' }))).toBe('SUBSYSTEM_NOT_FOUND');
    expect(await code(call('GET', '/api/v1/grants/not-a-uuid', 'root'))).toBe('GRANT_NOT_FOUND');
    expect(await code(call('GET', '/api/v1/grants/00000000-0000-4000-8000-000000000000', 'root'))).toBe('GRANT_NOT_FOUND');
  });

  it('refuses to activate a grant whose window has ended', async () => {
    const g = (await request('btc', { valid_until: iso(DAY) })).json();
    expect((await call('POST', `/api/v1/grants/${g.id}/approve`, 'bca')).statusCode).toBe(200);
    t.clock.advance(DAY);
    for (const who of ['root', 'bca', 'btc', 'byt', 'bytp']) tokens[who] = await t.login(who, who === 'root' ? TEST_OPERATOR_PASSWORD : `password-of-${who}`);
    const res = await call('POST', `/api/v1/grants/${g.id}/activate`, 'root');
    expect(res.json()).toMatchObject({ code: 'GRANT_STATE_CONFLICT' });
    expect(res.json().detail).toMatch(/validity window/);
  });

  it('lists only grants touching the admin\'s member, with filters', async () => {
    const all = (await call('GET', '/api/v1/grants?limit=500', 'root')).json();
    const btc = (await call('GET', '/api/v1/grants?limit=500', 'btc')).json();
    const byt = (await call('GET', '/api/v1/grants?limit=500', 'byt')).json();
    const bca = (await call('GET', '/api/v1/grants?limit=500', 'bca')).json();
    expect(all.total).toBe(all.items.length);
    expect(byt.items.map((g: { consumer_id: string }) => g.consumer_id)).toEqual(['BYT/insurance']);
    expect(btc.items.every((g: { consumer_member: string }) => g.consumer_member === 'BTC')).toBe(true);
    expect(bca.total).toBe(all.total);
    expect(btc.total + byt.total).toBe(all.total);
    const byState = (await call('GET', '/api/v1/grants?state=rejected', 'root')).json();
    expect(byState.items.length).toBeGreaterThan(0);
    expect(byState.items.every((g: { state: string }) => g.state === 'rejected')).toBe(true);
    expect((await call('GET', '/api/v1/grants?consumer=BYT/insurance', 'btc')).json().items).toEqual([]);
    expect((await call('GET', `/api/v1/grants?service=${encodeURIComponent(SERVICE)}&limit=1`, 'root')).json().items).toHaveLength(1);
    const bytGrant = byt.items[0].id as string;
    expect(await code(call('GET', `/api/v1/grants/${bytGrant}`, 'btc'))).toBe('GRANT_NOT_FOUND');
    expect((await call('GET', `/api/v1/grants/${bytGrant}`, 'bca')).statusCode).toBe(200);
    expect(await code(call('GET', '/api/v1/grants?state=bogus', 'root'))).toBe('VALIDATION_FAILED');
  });

  it('rolls back the state change when its history entry cannot be written', async () => {
    const g = (await request('btc')).json();
    // Make the history insert fail inside the transaction, after the UPDATE of the grant.
    await t.db.exec(`CREATE FUNCTION refuse_event() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN IF NEW.note = 'boom' THEN RAISE EXCEPTION 'history store broken'; END IF; RETURN NEW; END $$;
      CREATE TRIGGER refuse_event BEFORE INSERT ON grant_events FOR EACH ROW EXECUTE FUNCTION refuse_event();`);
    const changes = await recordHubChanges(t.db);
    try {
      await changes.fence();
      const res = await call('POST', `/api/v1/grants/${g.id}/approve`, 'bca', { note: 'boom' });
      expect(res.statusCode).toBe(500);
      expect(res.json().code).toBe('INTERNAL');
      expect(res.body).not.toMatch(/history store broken|grant_events|INSERT/);
      expect(await changes.fence()).toEqual([]);
      const after = (await call('GET', `/api/v1/grants/${g.id}`, 'bca')).json();
      expect(after.state).toBe('requested');
      expect(after.updated_at).toBe(g.updated_at);
      expect(after.events.map((e: { action: string }) => e.action)).toEqual(['request']);
      // The same step succeeds once the fault is gone.
      expect((await call('POST', `/api/v1/grants/${g.id}/approve`, 'bca', { note: 'ok' })).json().state).toBe('approved');
      expect(await changes.fence()).toEqual(['grants']);
    } finally {
      await changes.stop();
      await t.db.exec('DROP TRIGGER refuse_event ON grant_events; DROP FUNCTION refuse_event();');
    }
  });

  it('lets exactly one of two racing approvals win', async () => {
    const g = (await request('btc')).json();
    const results = await Promise.all([call('POST', `/api/v1/grants/${g.id}/approve`, 'bca'), call('POST', `/api/v1/grants/${g.id}/approve`, 'root')]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const detail = (await call('GET', `/api/v1/grants/${g.id}`, 'root')).json();
    expect(detail.events).toHaveLength(2);
  });
});
