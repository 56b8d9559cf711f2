import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JSONWebKeySet } from 'jose';
import { testBackends } from '@ndxp/db';
import { JWT_BEARER_ASSERTION_TYPE } from '../identity/token-routes.ts';
import { citizenService } from '../control/test-fixtures.ts';
import { openTestHub, TEST_ISSUER, TEST_OPERATOR_PASSWORD, type TestHub } from './test-hub.ts';

/**
 * The assembled hub end to end: everything a consumer needs is set up through the control-plane
 * API, the consumer obtains a token from the token endpoint, and calls a real provider through the
 * data plane; revocation through the control plane reaches the data plane through NOTIFY.
 */
describe.each(testBackends())('assembled hub on %s', (kind) => {
  let t: TestHub;
  let provider: Server;
  const seen: IncomingHttpHeaders[] = [];
  let root: string;
  const api = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.hub.app.inject({ method, url, headers: { authorization: `Bearer ${root}` }, ...(payload === undefined ? {} : { payload }) });

  beforeAll(async () => {
    provider = createServer((req, res) => {
      seen.push(req.headers);
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ personal_id: '001203012345', full_name: 'Nguyễn Văn An', date_of_birth: '2003-04-05', gender: 'male', ethnicity: 'Kinh' }));
    });
    await new Promise<void>((r) => provider.listen(0, '127.0.0.1', r));
    t = await openTestHub(kind);
    root = await t.login('root', TEST_OPERATOR_PASSWORD);
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => provider.close(r));
  });

  /** Wait until the hub's in-memory state has caught up with a control-plane change. */
  async function settled(check: () => boolean): Promise<void> {
    for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(check()).toBe(true);
  }

  it('goes from an empty hub to a projected, audited call and back to a refusal after revocation', async () => {
    const { port } = provider.address() as AddressInfo;
    expect((await api('POST', '/api/v1/members', { code: 'BCA', name: 'Bộ Công an' })).statusCode).toBe(201);
    expect((await api('POST', '/api/v1/members', { code: 'BTC', name: 'Bộ Tài chính' })).statusCode).toBe(201);
    expect((await api('POST', '/api/v1/members/BCA/subsystems', { code: 'npdb', name: 'CSDLQG về dân cư', base_url: `http://127.0.0.1:${port}/npdb` })).statusCode).toBe(201);
    expect((await api('POST', '/api/v1/members/BTC/subsystems', { code: 'tax', name: 'Thuế' })).statusCode).toBe(201);
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    expect((await api('POST', '/api/v1/subsystems/BTC/tax/keys', { jwk: { ...(await exportJWK(publicKey)), kid: 'tax-1', alg: 'ES256' } })).statusCode).toBe(201);
    expect((await api('POST', '/api/v1/services', citizenService())).statusCode).toBe(201);
    const grant = (await api('POST', '/api/v1/grants', {
      consumer_id: 'BTC/tax', service_id: 'BCA/npdb/citizen-lookup/v1', fields: ['/personal_id', '/full_name'], purposes: ['tax-verification'],
      legal_basis: 'Luật Quản lý thuế 2019', valid_until: new Date(t.clock.now() + 86_400_000).toISOString(), quota_per_minute: 100,
    })).json();
    expect((await api('POST', `/api/v1/grants/${grant.id}/approve`)).statusCode).toBe(200);
    expect((await api('POST', `/api/v1/grants/${grant.id}/activate`)).statusCode).toBe(200);
    await settled(() => t.hub.state.grants('BTC/tax', 'BCA/npdb/citizen-lookup/v1').some((g) => g.state === 'active') && t.hub.state.service('BCA/npdb/citizen-lookup/v1') !== undefined);

    const now = Math.floor(t.clock.now() / 1000);
    const assertion = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'tax-1' }).setIssuer('BTC/tax').setSubject('BTC/tax')
      .setAudience(`${TEST_ISSUER}/oauth/token`).setIssuedAt(now).setExpirationTime(now + 60).setJti('e2e-1').sign(privateKey);
    const token = await t.hub.app.inject({
      method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: assertion }).toString(),
    });
    expect(token.statusCode, token.body).toBe(200);
    const call = () => t.hub.app.inject({
      method: 'GET', url: '/x/BCA/npdb/citizen-lookup/v1/citizens/001203012345',
      headers: { authorization: `Bearer ${token.json().access_token}`, 'x-ndxp-purpose': 'tax-verification' },
    });

    const ok = await call();
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ personal_id: '001203012345', full_name: 'Nguyễn Văn An' });
    expect(ok.headers['x-ndxp-log-index']).toBe('0');
    const forwarded = seen.at(-1)!;
    expect(forwarded['x-ndxp-consumer']).toBe('BTC/tax');
    expect(forwarded['x-ndxp-fields']).toBe('/personal_id,/full_name');
    const jwks = (await t.hub.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as JSONWebKeySet;
    const { payload } = await jwtVerify(String(forwarded['x-ndxp-hub-assertion']), createLocalJWKSet(jwks), {
      issuer: TEST_ISSUER, audience: 'BCA/npdb', typ: 'ndxp-hub+jwt', currentDate: new Date(t.clock.now()),
    });
    expect(payload).toMatchObject({ sub: 'BTC/tax', service: 'BCA/npdb/citizen-lookup/v1', purpose: 'tax-verification', grant_id: grant.id });

    expect((await api('POST', `/api/v1/grants/${grant.id}/revoke`, { note: 'hết nhu cầu' })).statusCode).toBe(200);
    await settled(() => t.hub.state.grants('BTC/tax', 'BCA/npdb/citizen-lookup/v1').every((g) => g.state === 'revoked'));
    const refused = await call();
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe('GRANT_REVOKED');
    expect(seen).toHaveLength(1);

    const audit = await t.db.query<{ status: number; error_code: string | null; entry: string }>('SELECT status, error_code, entry FROM audit_log ORDER BY seq');
    expect(audit.rows.map((r) => [r.status, r.error_code])).toEqual([[200, null], [403, 'GRANT_REVOKED']]);
    expect(audit.rows.map((r) => r.entry).join('')).not.toContain('001203012345');

    for (const path of ['/healthz', '/readyz', '/metrics']) expect((await t.hub.app.inject({ method: 'GET', url: path })).statusCode, path).toBe(200);
  });
});
