import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { testBackends } from '@ndxp/db';
import { openTestHub, TEST_OPERATOR_PASSWORD, type TestHub } from '../app/test-hub.ts';
import { recordHubChanges } from '../state/test-fixtures.ts';
import { CITIZEN_FIELDS, CITIZEN_OPENAPI, citizenService } from './test-fixtures.ts';

type Method = 'GET' | 'POST' | 'PATCH';

describe.each(testBackends())('members, subsystems, keys and catalogue on %s', (kind) => {
  let t: TestHub;
  let root: string;
  let bca: string;
  let btc: string;
  const call = (method: Method, url: string, token: string | undefined, payload?: unknown) =>
    t.hub.app.inject({ method, url, ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }), ...(payload === undefined ? {} : { payload: payload as object }) });
  const code = async (p: ReturnType<typeof call>): Promise<string> => (await p).json().code as string;

  beforeAll(async () => {
    t = await openTestHub(kind);
    root = await t.login('root', TEST_OPERATOR_PASSWORD);
    for (const [c, name] of [['BCA', 'Bộ Công an'], ['BTC', 'Bộ Tài chính']]) expect((await call('POST', '/api/v1/members', root, { code: c, name })).statusCode).toBe(201);
    for (const [u, role, m] of [['bca.admin', 'provider_admin', 'BCA'], ['btc.admin', 'consumer_admin', 'BTC']]) {
      expect((await call('POST', '/api/v1/users', root, { username: u, display_name: u, role, member_code: m, password: 'password-of-' + u })).statusCode).toBe(201);
    }
    await relogin();
  });
  /** Sessions last an hour; tests that move the clock further log in again. */
  async function relogin(): Promise<void> {
    root = await t.login('root', TEST_OPERATOR_PASSWORD);
    bca = await t.login('bca.admin', 'password-of-bca.admin');
    btc = await t.login('btc.admin', 'password-of-btc.admin');
  }
  afterAll(async () => {
    await t.close();
  });

  describe('members', () => {
    it('are created by operators, read by anyone logged in', async () => {
      expect(await code(call('POST', '/api/v1/members', root, { code: 'BCA', name: 'x' }))).toBe('MEMBER_EXISTS');
      expect(await code(call('POST', '/api/v1/members', bca, { code: 'BYT', name: 'Bộ Y tế' }))).toBe('ROLE_FORBIDDEN');
      expect(await code(call('POST', '/api/v1/members', root, { code: 'bad code', name: 'x' }))).toBe('VALIDATION_FAILED');
      const long = await call('POST', '/api/v1/members', root, { code: '000.00.00.G12', name: 'Bộ Y tế', name_en: 'Ministry of Health' });
      expect(long.statusCode).toBe(201);
      const list = await call('GET', '/api/v1/members', btc);
      expect(list.json().items.map((m: { code: string }) => m.code)).toEqual(['000.00.00.G12', 'BCA', 'BTC']);
      expect((await call('GET', '/api/v1/members/BCA', btc)).json()).toMatchObject({ code: 'BCA', name: 'Bộ Công an', subsystem_count: 0 });
      expect(await code(call('GET', '/api/v1/members/NOPE', btc))).toBe('MEMBER_NOT_FOUND');
    });
  });

  describe('subsystems', () => {
    it('are managed by the operator or the member\'s own admins', async () => {
      const npdb = await call('POST', '/api/v1/members/BCA/subsystems', bca, { code: 'npdb', name: 'Cơ sở dữ liệu quốc gia về dân cư', base_url: 'http://127.0.0.1:9100/' });
      expect(npdb.statusCode, npdb.body).toBe(201);
      expect(npdb.json()).toMatchObject({ id: 'BCA/npdb', member_code: 'BCA', base_url: 'http://127.0.0.1:9100', status: 'active' });
      expect(await code(call('POST', '/api/v1/members/BCA/subsystems', btc, { code: 'evil', name: 'x' }))).toBe('ROLE_FORBIDDEN');
      expect((await call('POST', '/api/v1/members/BTC/subsystems', btc, { code: 'tax', name: 'Thuế' })).statusCode).toBe(201);
      expect(await code(call('POST', '/api/v1/members/BTC/subsystems', root, { code: 'tax', name: 'again' }))).toBe('SUBSYSTEM_EXISTS');
      expect(await code(call('POST', '/api/v1/members/NOPE/subsystems', root, { code: 'x', name: 'x' }))).toBe('MEMBER_NOT_FOUND');
      expect(await code(call('POST', '/api/v1/members/BTC/subsystems', root, { code: 'Bad_Code', name: 'x' }))).toBe('VALIDATION_FAILED');
      for (const url of ['ftp://x', 'http://user:pw@host', 'http://h/?q=1', 'not a url']) {
        const res = await call('POST', '/api/v1/members/BTC/subsystems', root, { code: 'other', name: 'x', base_url: url });
        expect(res.json(), url).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/base_url' }] });
      }
      expect((await call('GET', '/api/v1/subsystems?member=BCA', btc)).json().items.map((s: { id: string }) => s.id)).toEqual(['BCA/npdb']);
      expect((await call('GET', '/api/v1/subsystems/BTC/tax', bca)).json()).toMatchObject({ id: 'BTC/tax', base_url: null });
      expect(await code(call('GET', '/api/v1/subsystems/BTC/nope', bca))).toBe('SUBSYSTEM_NOT_FOUND');
      const patched = await call('PATCH', '/api/v1/subsystems/BTC/tax', btc, { base_url: 'https://thue.example.vn/api' });
      expect(patched.json()).toMatchObject({ base_url: 'https://thue.example.vn/api', name: 'Thuế' });
      expect(await code(call('PATCH', '/api/v1/subsystems/BTC/tax', bca, { name: 'x' }))).toBe('ROLE_FORBIDDEN');
      expect((await call('PATCH', '/api/v1/subsystems/BTC/tax', btc, { base_url: null })).json().base_url).toBeNull();
    });
  });

  describe('subsystem keys', () => {
    const keysUrl = '/api/v1/subsystems/BTC/tax/keys';

    it('accept a public ES256 key and publish it in the subsystem JWKS', async () => {
      const { publicKey } = await generateKeyPair('ES256');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'tax-1', alg: 'ES256' };
      const res = await call('POST', keysUrl, btc, { jwk });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ kid: 'tax-1', alg: 'ES256', subsystem_id: 'BTC/tax', state: 'active', not_after: null });
      expect(await code(call('POST', keysUrl, btc, { jwk }))).toBe('KEY_EXISTS');
      expect(await code(call('POST', keysUrl, bca, { jwk: { ...jwk, kid: 'tax-x' } }))).toBe('ROLE_FORBIDDEN');
      const jwks = (await call('GET', '/api/v1/subsystems/BTC/tax/jwks.json', bca)).json();
      expect(jwks.keys).toEqual([{ kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y, kid: 'tax-1', alg: 'ES256', use: 'sig' }]);
    });

    it('reject private keys, shared secrets and malformed keys', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const priv = { ...(await exportJWK(privateKey)), kid: 'tax-priv', alg: 'ES256' };
      const res = await call('POST', keysUrl, btc, { jwk: priv });
      expect(res.json()).toMatchObject({ code: 'KEY_INVALID' });
      expect(res.json().detail).toMatch(/private/);
      expect(await code(call('POST', keysUrl, btc, { jwk: { kty: 'oct', k: 'c2VjcmV0', kid: 'tax-hmac', alg: 'HS256' } }))).toBe('KEY_INVALID');
      const { x, y, crv, kty } = priv;
      expect(await code(call('POST', keysUrl, btc, { jwk: { kty, crv, x, y, alg: 'ES256' } }))).toBe('KEY_INVALID');
      expect(await code(call('POST', keysUrl, btc, { jwk: { kty, crv, x, y, kid: 'tax-no-alg' } }))).toBe('KEY_INVALID');
      expect(await code(call('POST', keysUrl, btc, { jwk: { kty, crv, x, y, kid: 'tax-none', alg: 'none' } }))).toBe('KEY_INVALID');
      expect(await code(call('POST', keysUrl, btc, { jwk: { kty, crv, x, y, kid: 'tax-mismatch', alg: 'EdDSA' } }))).toBe('KEY_INVALID');
      // A point that is not on the curve.
      expect(await code(call('POST', keysUrl, btc, { jwk: { kty, crv, x, y: x, kid: 'tax-offcurve', alg: 'ES256' } }))).toBe('KEY_INVALID');
      const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'jwk' });
      const weak = await call('POST', keysUrl, btc, { jwk: { ...rsa1024, kid: 'tax-rsa1024', alg: 'RS256' } });
      expect(weak.json()).toMatchObject({ code: 'KEY_INVALID', detail: expect.stringMatching(/2048/) });
      expect(await code(call('POST', keysUrl, btc, { jwk: 'not an object' }))).toBe('KEY_INVALID');
      const stored = await t.db.query('SELECT kid FROM subsystem_keys ORDER BY kid');
      expect(stored.rows).toEqual([{ kid: 'tax-1' }]);
    });

    it('rotate with overlap and retire', async () => {
      const { publicKey } = await generateKeyPair('EdDSA');
      const jwk = { ...(await exportJWK(publicKey)), kid: 'tax-2', alg: 'EdDSA' };
      const inHour = new Date(t.clock.now() + 3_600_000).toISOString();
      expect((await call('POST', keysUrl, btc, { jwk, not_before: inHour })).json().state).toBe('pending');
      expect(await code(call('POST', `${keysUrl}/tax-1/retire`, btc, { not_after: new Date(t.clock.now() - 1000).toISOString() }))).toBe('VALIDATION_FAILED');
      const retired = await call('POST', `${keysUrl}/tax-1/retire`, btc, { not_after: new Date(t.clock.now() + 7_200_000).toISOString() });
      expect(retired.json()).toMatchObject({ kid: 'tax-1', state: 'active' });
      expect(await code(call('POST', `${keysUrl}/nope/retire`, btc, {}))).toBe('KEY_NOT_FOUND');
      t.clock.advance(3_600_000);
      await relogin();
      let keys = (await call('GET', keysUrl, btc)).json().items as { kid: string; state: string }[];
      expect(keys.map((k) => [k.kid, k.state])).toEqual([['tax-2', 'active'], ['tax-1', 'active']]);
      t.clock.advance(3_600_000);
      await relogin();
      keys = (await call('GET', keysUrl, btc)).json().items;
      expect(keys.map((k) => [k.kid, k.state])).toEqual([['tax-2', 'active'], ['tax-1', 'expired']]);
      expect((await call('GET', '/api/v1/subsystems/BTC/tax/jwks.json', btc)).json().keys.map((k: { kid: string }) => k.kid)).toEqual(['tax-2']);
      const now = await call('POST', `${keysUrl}/tax-2/retire`, btc);
      expect(now.statusCode, now.body).toBe(200);
      expect(now.json().state).toBe('expired');
    });
  });

  describe('services', () => {
    it('are registered by the provider\'s admin with a valid contract', async () => {
      const res = await call('POST', '/api/v1/services', bca, citizenService());
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({
        id: 'BCA/npdb/citizen-lookup/v1', member_code: 'BCA', subsystem_id: 'BCA/npdb', fields: CITIZEN_FIELDS, data_class: 'private',
        subject_locator: { in: 'path', name: 'personal_id' }, timeout_ms: 5000, max_request_bytes: 65536, status: 'active',
      });
      expect(await code(call('POST', '/api/v1/services', bca, citizenService()))).toBe('SERVICE_EXISTS');
      expect(await code(call('POST', '/api/v1/services', btc, citizenService('other')))).toBe('ROLE_FORBIDDEN');
      expect((await call('POST', '/api/v1/services', root, citizenService('household', 'v1', { title: 'Tra cứu hộ gia đình', title_en: 'Household lookup', description: 'Thành viên của một hộ gia đình.', data_class: 'shared', timeout_ms: 2000 }))).statusCode).toBe(201);
      const open = citizenService('admin-units', 'v2', { title: 'Danh mục đơn vị hành chính', title_en: 'Administrative units', description: 'Đơn vị hành chính 2025', data_class: 'open', subject_locator: null, fields: ['/code', '/name'] });
      expect((await call('POST', '/api/v1/services', bca, open)).statusCode).toBe(201);
    });

    it('refuse invalid OpenAPI documents, fields and subject locators', async () => {
      const bad = async (extra: Record<string, unknown>) => (await call('POST', '/api/v1/services', bca, citizenService('bad', 'v1', extra))).json();
      expect(await bad({ openapi: { swagger: '2.0', info: { title: 'x', version: '1' }, paths: {} } })).toMatchObject({ code: 'OPENAPI_INVALID', errors: [{ pointer: '/openapi/openapi' }] });
      expect(await bad({ openapi: { openapi: '3.0.3', info: { title: 'x', version: '1' } } })).toMatchObject({ code: 'OPENAPI_INVALID', errors: [{ pointer: '/openapi/paths' }] });
      expect(await bad({ openapi: { openapi: '3.1.0', paths: {} } })).toMatchObject({ code: 'OPENAPI_INVALID', errors: [{ pointer: '/openapi/info' }] });
      expect(await bad({ openapi: { ...CITIZEN_OPENAPI, paths: { 'citizens': {} } } })).toMatchObject({ code: 'OPENAPI_INVALID' });
      expect(await bad({ openapi: [] })).toMatchObject({ code: 'OPENAPI_INVALID' });
      expect(await bad({ fields: ['full_name'] })).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/fields/0' }] });
      expect(await bad({ fields: ['/a', '/b~2'] })).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/fields/1' }] });
      expect(await bad({ fields: ['/a', '/a'] })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await bad({ fields: [] })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await bad({ subject_locator: { in: 'path', name: 'id' } })).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ pointer: '/subject_locator/name' }] });
      expect(await bad({ subject_locator: { in: 'body', pointer: 'personal_id' } })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await bad({ subject_locator: { in: 'cookie', name: 'x' } })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await bad({ data_class: 'secret' })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await bad({ timeout_ms: 10 })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await bad({ version: '1.0' })).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(await bad({ subsystem_id: 'BCA/nope' })).toMatchObject({ code: 'SUBSYSTEM_NOT_FOUND' });
      expect((await t.db.query("SELECT id FROM services WHERE code = 'bad'")).rows).toEqual([]);
    });

    it('are browsed and searched by any logged-in user, ignoring case and diacritics', async () => {
      const search = async (qs: string, token = btc): Promise<string[]> => {
        const res = await call('GET', `/api/v1/services${qs}`, token);
        expect(res.statusCode, res.body).toBe(200);
        return res.json().items.map((s: { id: string }) => s.id);
      };
      expect(await search('')).toEqual(['BCA/npdb/admin-units/v2', 'BCA/npdb/citizen-lookup/v1', 'BCA/npdb/household/v1']);
      expect(await search('?q=cong%20dan')).toEqual(['BCA/npdb/citizen-lookup/v1']);
      expect(await search(`?q=${encodeURIComponent('CÔNG DÂN')}`)).toEqual(['BCA/npdb/citizen-lookup/v1']);
      expect(await search(`?q=${encodeURIComponent('đơn vị')}`)).toEqual(['BCA/npdb/admin-units/v2']);
      expect(await search('?q=don%20vi%20hanh%20chinh')).toEqual(['BCA/npdb/admin-units/v2']);
      expect(await search('?q=household')).toEqual(['BCA/npdb/household/v1']);
      expect(await search('?q=tra%20cuu')).toEqual(['BCA/npdb/citizen-lookup/v1', 'BCA/npdb/household/v1']);
      expect(await search('?q=100%25')).toEqual([]);
      expect(await search('?data_class=open')).toEqual(['BCA/npdb/admin-units/v2']);
      expect(await search('?member=BTC')).toEqual([]);
      expect(await search('?subsystem=BCA/npdb&limit=1&offset=1')).toEqual(['BCA/npdb/citizen-lookup/v1']);
      expect((await call('GET', '/api/v1/services?limit=1', btc)).json().total).toBe(3);
      expect(await code(call('GET', '/api/v1/services?data_class=secret', btc))).toBe('VALIDATION_FAILED');
      expect((await call('GET', '/api/v1/services/BCA/npdb/citizen-lookup/v1', btc)).json().title_en).toBe('Citizen lookup');
      expect(await code(call('GET', '/api/v1/services/BCA/npdb/citizen-lookup/v9', btc))).toBe('SERVICE_NOT_FOUND');
      const doc = await call('GET', '/api/v1/services/BCA/npdb/citizen-lookup/v1/openapi.json', btc);
      expect(doc.json()).toEqual(CITIZEN_OPENAPI);
      expect((await call('GET', '/api/v1/services', undefined)).statusCode).toBe(401);
    });

    it('change only descriptive and operational settings', async () => {
      const url = '/api/v1/services/BCA/npdb/household/v1';
      expect(await code(call('PATCH', url, btc, { status: 'disabled' }))).toBe('ROLE_FORBIDDEN');
      expect(await code(call('PATCH', url, bca, { fields: ['/x'] }))).toBe('VALIDATION_FAILED');
      const res = await call('PATCH', url, bca, { status: 'deprecated', title: 'Tra cứu hộ khẩu' });
      expect(res.json()).toMatchObject({ status: 'deprecated', title: 'Tra cứu hộ khẩu', data_class: 'shared' });
      expect((await call('GET', '/api/v1/services?q=ho%20khau', btc)).json().items.map((s: { id: string }) => s.id)).toEqual([url.replace('/api/v1/services/', '')]);
    });

    it('publish open services without login, and only those', async () => {
      const pub = await call('GET', '/public/v1/services', undefined);
      expect(pub.statusCode).toBe(200);
      expect(pub.json().items.map((s: { id: string }) => s.id)).toEqual(['BCA/npdb/admin-units/v2']);
      expect((await call('GET', '/public/v1/services/BCA/npdb/admin-units/v2/openapi.json', undefined)).statusCode).toBe(200);
      expect(await code(call('GET', '/public/v1/services/BCA/npdb/citizen-lookup/v1/openapi.json', undefined))).toBe('SERVICE_NOT_FOUND');
    });
  });

  it('serves an OpenAPI 3.1 description of the hub API', async () => {
    const res = await call('GET', '/openapi.json', undefined);
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    for (const p of ['/oauth/token', '/api/v1/auth/login', '/api/v1/grants', '/api/v1/grants/{id}/approve', '/api/v1/services/{member}/{subsystem}/{service}/{version}', '/.well-known/jwks.json']) {
      expect(Object.keys(doc.paths)).toContain(p);
    }
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(doc.paths['/api/v1/grants'].post.security).toEqual([{ bearer: [] }]);
  });

  it('notifies other hub processes of every committed change, and only committed ones', async () => {
    const changes = await recordHubChanges(t.db);
    try {
      await changes.fence();
      expect((await call('POST', '/api/v1/members/BCA/subsystems', bca, { code: 'notify-test', name: 'x' })).statusCode).toBe(201);
      expect(await changes.fence()).toEqual(['subsystems']);
      expect(await code(call('POST', '/api/v1/members/BCA/subsystems', bca, { code: 'notify-test', name: 'x' }))).toBe('SUBSYSTEM_EXISTS');
      expect(await changes.fence()).toEqual([]);
    } finally {
      await changes.stop();
    }
  });
});
