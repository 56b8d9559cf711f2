import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { testBackends } from '@ndxp/db';
import { openTestHub, TEST_ISSUER, TEST_OPERATOR_PASSWORD, type TestHub } from '../../app/test-hub.ts';
import { issueAccessToken } from '../../identity/issue-access-token.ts';
import { unsafeBrand } from '@ndxp/core';

describe.each(testBackends())('control-plane authentication on %s', (kind) => {
  let t: TestHub;
  let root: string;
  const inject = (method: 'GET' | 'POST', url: string, token?: string, payload?: object) =>
    t.hub.app.inject({ method, url, ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }), ...(payload === undefined ? {} : { payload }) });
  const login = (username: string, password: string) => inject('POST', '/api/v1/auth/login', undefined, { username, password });

  beforeAll(async () => {
    t = await openTestHub(kind, { NDXP_HUB_LOGIN_MAX_FAILURES: '3' });
    root = await t.login('root', TEST_OPERATOR_PASSWORD);
    expect((await inject('POST', '/api/v1/members', root, { code: 'BCA', name: 'Bộ Công an' })).statusCode).toBe(201);
  });
  afterAll(async () => {
    await t.close();
  });

  it('logs in and answers /me', async () => {
    const res = await login('root', TEST_OPERATOR_PASSWORD);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 3600, user: { username: 'root', role: 'operator', member_code: null } });
    const me = await inject('GET', '/api/v1/me', body.access_token);
    expect(me.json()).toEqual({ username: 'root', role: 'operator', member_code: null });
  });

  it('gives the same answer for a wrong password and an unknown user', async () => {
    const wrong = await login('root', 'not-the-password');
    const unknown = await login('nobody', 'not-the-password');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (b: Record<string, unknown>) => ({ ...b, request_id: undefined });
    expect(strip(wrong.json())).toEqual(strip(unknown.json()));
    expect(wrong.json().code).toBe('CREDENTIALS_INVALID');
  });

  it('throttles a username after repeated failures, existing or not, and forgets on success', async () => {
    for (const name of ['root', 'ghost']) {
      // One failure already counted for root above; make it 3 for both.
      const failures = name === 'root' ? 2 : 3;
      for (let i = 0; i < failures; i++) expect((await login(name, 'wrong-password')).statusCode).toBe(401);
      const locked = await login(name, name === 'root' ? TEST_OPERATOR_PASSWORD : 'whatever');
      expect(locked.statusCode).toBe(429);
      expect(locked.json().code).toBe('LOGIN_THROTTLED');
      expect(Number(locked.headers['retry-after'])).toBe(30);
    }
    t.clock.advance(31_000);
    // Next failure locks again, for twice as long.
    expect((await login('ghost', 'again')).statusCode).toBe(401);
    expect(Number((await login('ghost', 'again')).headers['retry-after'])).toBe(60);
    // The right password works once the lock has passed, and clears the counter.
    expect((await login('root', TEST_OPERATOR_PASSWORD)).statusCode).toBe(200);
    expect((await login('root', 'wrong-password')).statusCode).toBe(401);
    expect((await login('root', TEST_OPERATOR_PASSWORD)).statusCode).toBe(200);
  });

  it('requires a session on every /api/v1 route', async () => {
    const none = await inject('GET', '/api/v1/members');
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('AUTH_REQUIRED');
    expect(none.headers['www-authenticate']).toContain('Bearer');
    // Authentication happens before validation: an anonymous bad body learns nothing.
    const anonBad = await inject('POST', '/api/v1/members', undefined, { nonsense: true });
    expect(anonBad.json().code).toBe('AUTH_REQUIRED');
    expect((await inject('GET', '/api/v1/members', 'garbage')).json().code).toBe('TOKEN_INVALID');
    const basic = await t.hub.app.inject({ method: 'GET', url: '/api/v1/members', headers: { authorization: 'Basic cm9vdDpwdw==' } });
    expect(basic.json().code).toBe('TOKEN_INVALID');
  });

  it('refuses data-plane access tokens and foreign tokens on the control plane', async () => {
    const at = await issueAccessToken(t.hub.ctx.keyring, TEST_ISSUER, unsafeBrand<'SubsystemId'>('BCA/npdb') as never, t.clock.now(), 300);
    expect((await inject('GET', '/api/v1/me', at.accessToken)).json().code).toMatch(/TOKEN_INVALID|TOKEN_AUDIENCE_INVALID/);
    // A session-shaped token signed with someone else's key.
    const { generateKeyPair } = await import('jose');
    const { privateKey } = await generateKeyPair('ES256');
    const forged = await new SignJWT({ role: 'operator', member: null }).setProtectedHeader({ alg: 'ES256', typ: 'JWT', kid: t.hub.ctx.keyring.current().kid })
      .setIssuer(TEST_ISSUER).setAudience(`${TEST_ISSUER}/api`).setSubject('root').setJti('x').setIssuedAt(Math.floor(t.clock.now() / 1000)).setExpirationTime('1h').sign(privateKey);
    expect((await inject('GET', '/api/v1/me', forged)).json().code).toBe('TOKEN_INVALID');
  });

  it('expires sessions', async () => {
    const token = await t.login('root', TEST_OPERATOR_PASSWORD);
    t.clock.advance(3601_000);
    const res = await inject('GET', '/api/v1/me', token);
    expect(res.statusCode).toBe(401);
    expect(res.json().code).toBe('TOKEN_EXPIRED');
    root = await t.login('root', TEST_OPERATOR_PASSWORD);
  });

  it('lets operators, and only operators, create users; stores only a scrypt hash', async () => {
    const created = await inject('POST', '/api/v1/users', root, { username: 'bca.admin', display_name: 'Quản trị BCA', role: 'provider_admin', member_code: 'BCA', password: 'a long enough password' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ username: 'bca.admin', role: 'provider_admin', member_code: 'BCA' });
    expect(created.body).not.toContain('password');
    const { rows } = await t.db.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE username = $1', ['bca.admin']);
    expect(rows[0]?.password_hash).toMatch(/^\$scrypt\$ln=8,r=8,p=1\$/);
    expect(rows[0]?.password_hash).not.toContain('a long enough password');

    const admin = await t.login('bca.admin', 'a long enough password');
    const me = await inject('GET', '/api/v1/me', admin);
    expect(me.json()).toEqual({ username: 'bca.admin', role: 'provider_admin', member_code: 'BCA' });
    const forbidden = await inject('POST', '/api/v1/users', admin, { username: 'sneaky', display_name: 'x', role: 'operator', password: 'a long enough password' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().code).toBe('ROLE_FORBIDDEN');
    expect((await inject('GET', '/api/v1/users', admin)).statusCode).toBe(403);

    expect((await inject('POST', '/api/v1/users', root, { username: 'bca.admin', display_name: 'x', role: 'consumer_admin', member_code: 'BCA', password: 'a long enough password' })).json().code).toBe('USER_EXISTS');
    expect((await inject('POST', '/api/v1/users', root, { username: 'x.admin', display_name: 'x', role: 'consumer_admin', member_code: 'NOPE', password: 'a long enough password' })).json().code).toBe('MEMBER_NOT_FOUND');
    expect((await inject('POST', '/api/v1/users', root, { username: 'op2', display_name: 'x', role: 'operator', member_code: 'BCA', password: 'a long enough password' })).json().code).toBe('VALIDATION_FAILED');
    expect((await inject('POST', '/api/v1/users', root, { username: 'c.admin', display_name: 'x', role: 'consumer_admin', password: 'a long enough password' })).json().code).toBe('VALIDATION_FAILED');
    expect((await inject('POST', '/api/v1/users', root, { username: 'short.pw', display_name: 'x', role: 'operator', password: 'short' })).json().code).toBe('VALIDATION_FAILED');
    const list = await inject('GET', '/api/v1/users', root);
    expect(list.json().items.map((u: { username: string }) => u.username)).toEqual(['bca.admin', 'root']);
  });

  it('ends a session at once when the user changes role', async () => {
    const admin = await t.login('bca.admin', 'a long enough password');
    await t.db.query("UPDATE users SET role = 'consumer_admin' WHERE username = 'bca.admin'");
    const res = await inject('GET', '/api/v1/me', admin);
    expect(res.json().code).toBe('TOKEN_INVALID');
  });

  it('keeps sessions valid across a hub key rotation', async () => {
    const before = await t.login('root', TEST_OPERATOR_PASSWORD);
    const rotated = await inject('POST', '/api/v1/hub/keys/rotate', before);
    expect(rotated.statusCode).toBe(200);
    expect(rotated.json().kid).not.toBe(rotated.json().retired);
    expect((await inject('GET', '/api/v1/me', before)).statusCode).toBe(200);
    const jwks = (await inject('GET', '/.well-known/jwks.json')).json();
    expect(jwks.keys.map((k: { kid: string }) => k.kid).sort()).toEqual([rotated.json().kid, rotated.json().retired].sort());
  });
});

describe.each(testBackends())('demo users on %s', (kind) => {
  it('exist only with NDXP_DEMO', async () => {
    const plain = await openTestHub(kind);
    try {
      expect((await plain.hub.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: 'operator', password: 'ndxp-demo-operator' } })).statusCode).toBe(401);
      expect(plain.config.insecure.map((s) => s.setting)).not.toContain('NDXP_DEMO');
    } finally {
      await plain.close();
    }
    const demo = await openTestHub(kind, { NDXP_DEMO: 'true' });
    try {
      expect(demo.config.insecure.map((s) => s.setting)).toContain('NDXP_DEMO');
      for (const [u, p, role, member] of [['operator', 'ndxp-demo-operator', 'operator', null], ['bca.admin', 'ndxp-demo-provider', 'provider_admin', 'BCA'], ['btc.admin', 'ndxp-demo-consumer', 'consumer_admin', 'BTC']] as const) {
        const res = await demo.hub.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: p } });
        expect(res.statusCode, res.body).toBe(200);
        expect(res.json().user).toMatchObject({ role, member_code: member });
      }
    } finally {
      await demo.close();
    }
  });
});
