import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, UnsecuredJWT, type CryptoKey, type JWK } from 'jose';
import { testBackends } from '@ndxp/db';
import { openTestHub, TEST_ISSUER, TEST_OPERATOR_PASSWORD, type TestHub } from '../app/test-hub.ts';
import { JWT_BEARER_ASSERTION_TYPE } from './token-routes.ts';

const CLIENT = 'BTC/tax';
const TOKEN_AUD = `${TEST_ISSUER}/oauth/token`;

interface Signer { readonly kid: string; readonly privateKey: CryptoKey; readonly publicJwk: JWK }

async function newSigner(kid: string, alg: 'ES256' | 'EdDSA' = 'ES256'): Promise<Signer> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  return { kid, privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid, alg } };
}

describe.each(testBackends())('POST /oauth/token on %s', (kind) => {
  let t: TestHub;
  let admin: string;
  let key1: Signer;
  let jtiCounter = 0;
  const nowS = (): number => Math.floor(t.clock.now() / 1000);

  /** A client assertion per RFC 7523 with overridable parts. */
  async function assertion(opts: { signer?: Signer; kid?: string; iss?: string; sub?: string; aud?: string; iat?: number; exp?: number; jti?: string | null; alg?: string } = {}): Promise<string> {
    const signer = opts.signer ?? key1;
    const iat = opts.iat ?? nowS();
    const jwt = new SignJWT({})
      .setProtectedHeader({ alg: opts.alg ?? 'ES256', kid: opts.kid ?? signer.kid })
      .setIssuer(opts.iss ?? CLIENT)
      .setSubject(opts.sub ?? CLIENT)
      .setAudience(opts.aud ?? TOKEN_AUD)
      .setIssuedAt(iat)
      .setExpirationTime(opts.exp ?? iat + 60);
    if (opts.jti !== null) jwt.setJti(opts.jti ?? `jti-${++jtiCounter}`);
    return jwt.sign(signer.privateKey);
  }

  const form = (fields: Record<string, string>): string => new URLSearchParams(fields).toString();
  const tokenRequest = (clientAssertion: string, extra: Record<string, string> = {}) => t.hub.app.inject({
    method: 'POST',
    url: '/oauth/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: form({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: clientAssertion, ...extra }),
  });

  async function registerKey(signer: Signer, window: { not_before?: string; not_after?: string } = {}): Promise<void> {
    const res = await t.hub.app.inject({ method: 'POST', url: `/api/v1/subsystems/${CLIENT}/keys`, headers: { authorization: `Bearer ${admin}` }, payload: { jwk: signer.publicJwk, ...window } });
    expect(res.statusCode, res.body).toBe(201);
  }

  beforeAll(async () => {
    t = await openTestHub(kind);
    admin = await t.login('root', TEST_OPERATOR_PASSWORD);
    const auth = { authorization: `Bearer ${admin}` };
    expect((await t.hub.app.inject({ method: 'POST', url: '/api/v1/members', headers: auth, payload: { code: 'BTC', name: 'Bộ Tài chính' } })).statusCode).toBe(201);
    expect((await t.hub.app.inject({ method: 'POST', url: '/api/v1/members/BTC/subsystems', headers: auth, payload: { code: 'tax', name: 'Hệ thống thuế' } })).statusCode).toBe(201);
    key1 = await newSigner('btc-tax-2026-1');
    await registerKey(key1);
  });
  afterAll(async () => {
    await t.close();
  });

  it('issues an RFC 9068 access token that verifies against the hub JWKS', async () => {
    const res = await tokenRequest(await assertion());
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = res.json() as { access_token: string; token_type: string; expires_in: number };
    expect(body.token_type).toBe('Bearer');
    expect(body.expires_in).toBe(300);
    const jwks = (await t.hub.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json() as { keys: JWK[] };
    const { payload, protectedHeader } = await jwtVerify(body.access_token, createLocalJWKSet(jwks as never), {
      issuer: TEST_ISSUER, audience: `${TEST_ISSUER}/x`, typ: 'at+jwt', currentDate: new Date(t.clock.now()),
    });
    expect(protectedHeader.alg).toBe('ES256');
    expect(payload.sub).toBe(CLIENT);
    expect(payload['client_id']).toBe(CLIENT);
    expect(payload.exp! - payload.iat!).toBe(300);
    expect(typeof payload.jti).toBe('string');
  });

  it('serves RFC 8414 metadata naming the token endpoint and private_key_jwt only', async () => {
    const meta = (await t.hub.app.inject({ method: 'GET', url: '/.well-known/oauth-authorization-server' })).json();
    expect(meta).toMatchObject({
      issuer: TEST_ISSUER,
      token_endpoint: `${TEST_ISSUER}/oauth/token`,
      jwks_uri: `${TEST_ISSUER}/.well-known/jwks.json`,
      grant_types_supported: ['client_credentials'],
      token_endpoint_auth_methods_supported: ['private_key_jwt'],
    });
    expect(meta.token_endpoint_auth_signing_alg_values_supported).not.toContain('HS256');
  });

  it('accepts the issuer itself as audience (RFC 7523 §3)', async () => {
    expect((await tokenRequest(await assertion({ aud: TEST_ISSUER }))).statusCode).toBe(200);
  });

  const expectRejected = async (res: Awaited<ReturnType<typeof tokenRequest>>, code: string, status = 401, oauthError = 'invalid_client'): Promise<Record<string, unknown>> => {
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const body = res.json() as Record<string, unknown>;
    expect(body).toMatchObject({ code, error: oauthError });
    return body;
  };

  it('rejects an unknown client', async () => {
    await expectRejected(await tokenRequest(await assertion({ iss: 'BTC/nope', sub: 'BTC/nope' })), 'CLIENT_UNKNOWN');
    await expectRejected(await tokenRequest(await assertion({ iss: 'not a subsystem', sub: 'not a subsystem' })), 'CLIENT_UNKNOWN');
  });

  it('rejects iss different from sub', async () => {
    await expectRejected(await tokenRequest(await assertion({ sub: 'BTC/other' })), 'CLIENT_ASSERTION_INVALID');
  });

  it('rejects a signature by a key that is not the registered one', async () => {
    const impostor = await newSigner(key1.kid);
    const body = await expectRejected(await tokenRequest(await assertion({ signer: impostor })), 'CLIENT_ASSERTION_INVALID');
    expect(body['detail']).toMatch(/signature/);
  });

  it('rejects an unknown kid', async () => {
    await expectRejected(await tokenRequest(await assertion({ kid: 'no-such-kid' })), 'CLIENT_ASSERTION_INVALID');
  });

  it('rejects an expired assertion, but tolerates exp within the clock skew', async () => {
    const body = await expectRejected(await tokenRequest(await assertion({ iat: nowS() - 200, exp: nowS() - 61 })), 'CLIENT_ASSERTION_INVALID');
    expect(body['detail']).toMatch(/expired/);
    expect((await tokenRequest(await assertion({ iat: nowS() - 100, exp: nowS() - 30 }))).statusCode).toBe(200);
  });

  it('rejects iat in the future beyond the skew, tolerates it within', async () => {
    const body = await expectRejected(await tokenRequest(await assertion({ iat: nowS() + 120, exp: nowS() + 180 })), 'CLIENT_ASSERTION_INVALID');
    expect(body['detail']).toMatch(/future/);
    expect((await tokenRequest(await assertion({ iat: nowS() + 30, exp: nowS() + 90 }))).statusCode).toBe(200);
  });

  it('rejects a lifetime over 5 minutes', async () => {
    await expectRejected(await tokenRequest(await assertion({ iat: nowS(), exp: nowS() + 301 })), 'CLIENT_ASSERTION_INVALID');
  });

  it('requires jti', async () => {
    const body = await expectRejected(await tokenRequest(await assertion({ jti: null })), 'CLIENT_ASSERTION_INVALID');
    expect(body['detail']).toMatch(/jti/);
  });

  it('rejects a replayed assertion, also when replays race', async () => {
    const a = await assertion();
    expect((await tokenRequest(a)).statusCode).toBe(200);
    await expectRejected(await tokenRequest(a), 'CLIENT_ASSERTION_REPLAYED');
    const b = await assertion();
    const results = await Promise.all([1, 2, 3, 4, 5].map(() => tokenRequest(b)));
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 401, 401, 401, 401]);
    expect(results.filter((r) => r.statusCode === 401).every((r) => r.json().code === 'CLIENT_ASSERTION_REPLAYED')).toBe(true);
  });

  it('refuses alg none', async () => {
    const unsecured = new UnsecuredJWT({ jti: 'none-1' }).setIssuer(CLIENT).setSubject(CLIENT).setAudience(TOKEN_AUD).setIssuedAt(nowS()).setExpirationTime(nowS() + 60).encode();
    const body = await expectRejected(await tokenRequest(unsecured), 'CLIENT_ASSERTION_INVALID');
    expect(body['detail']).toMatch(/none/);
  });

  it('refuses HS256 even keyed with the registered public key (algorithm confusion)', async () => {
    const secret = new TextEncoder().encode(JSON.stringify(key1.publicJwk));
    const hs = await new SignJWT({}).setProtectedHeader({ alg: 'HS256', kid: key1.kid }).setIssuer(CLIENT).setSubject(CLIENT).setAudience(TOKEN_AUD)
      .setIssuedAt(nowS()).setExpirationTime(nowS() + 60).setJti('hs-1').sign(secret);
    await expectRejected(await tokenRequest(hs), 'CLIENT_ASSERTION_INVALID');
  });

  it('rejects a wrong audience', async () => {
    const body = await expectRejected(await tokenRequest(await assertion({ aud: 'https://elsewhere.example/oauth/token' })), 'CLIENT_ASSERTION_INVALID');
    expect(body['detail']).toMatch(/aud/);
  });

  it('rejects a header alg that differs from the key registration', async () => {
    const ed = await newSigner('btc-tax-ed', 'EdDSA');
    await registerKey(ed);
    // Signed correctly with EdDSA, but the kid names the ES256 key.
    await expectRejected(await tokenRequest(await assertion({ signer: ed, kid: key1.kid, alg: 'EdDSA' })), 'CLIENT_ASSERTION_INVALID');
    // EdDSA keys themselves work.
    expect((await tokenRequest(await assertion({ signer: ed, alg: 'EdDSA' }))).statusCode).toBe(200);
  });

  it('rejects keys outside their validity window and honours rotation overlap', async () => {
    const later = await newSigner('btc-tax-later');
    await registerKey(later, { not_before: new Date(t.clock.now() + 3_600_000).toISOString() });
    const early = await expectRejected(await tokenRequest(await assertion({ signer: later })), 'CLIENT_ASSERTION_INVALID');
    expect(early['detail']).toMatch(/not valid before/);

    // Rotation: a new key now, the old one retired 10 minutes from now; both work meanwhile.
    const key2 = await newSigner('btc-tax-2026-2');
    await registerKey(key2);
    const auth = { authorization: `Bearer ${admin}` };
    const retire = await t.hub.app.inject({ method: 'POST', url: `/api/v1/subsystems/${CLIENT}/keys/${key1.kid}/retire`, headers: auth, payload: { not_after: new Date(t.clock.now() + 600_000).toISOString() } });
    expect(retire.statusCode, retire.body).toBe(200);
    expect(retire.json()).toMatchObject({ kid: key1.kid, state: 'active' });
    expect((await tokenRequest(await assertion({ signer: key1 }))).statusCode).toBe(200);
    expect((await tokenRequest(await assertion({ signer: key2 }))).statusCode).toBe(200);

    t.clock.advance(600_000);
    const gone = await expectRejected(await tokenRequest(await assertion({ signer: key1 })), 'CLIENT_ASSERTION_INVALID');
    expect(gone['detail']).toMatch(/expired/);
    expect((await tokenRequest(await assertion({ signer: key2 }))).statusCode).toBe(200);
    const jwks = (await t.hub.app.inject({ method: 'GET', url: `/api/v1/subsystems/${CLIENT}/jwks.json`, headers: { authorization: `Bearer ${await t.login('root', TEST_OPERATOR_PASSWORD)}` } })).json() as { keys: JWK[] };
    expect(jwks.keys.map((k) => k.kid).sort()).toEqual(['btc-tax-2026-2', 'btc-tax-ed']);
  });

  it('refuses a disabled subsystem', async () => {
    const auth = { authorization: `Bearer ${await t.login('root', TEST_OPERATOR_PASSWORD)}` };
    const key2 = { kid: 'btc-tax-2026-2' };
    expect((await t.hub.app.inject({ method: 'PATCH', url: `/api/v1/subsystems/${CLIENT}`, headers: auth, payload: { status: 'disabled' } })).statusCode).toBe(200);
    const signer = await newSigner('unused');
    await expectRejected(await tokenRequest(await assertion({ signer, kid: key2.kid })), 'CLIENT_UNKNOWN');
    expect((await t.hub.app.inject({ method: 'PATCH', url: `/api/v1/subsystems/${CLIENT}`, headers: auth, payload: { status: 'active' } })).statusCode).toBe(200);
  });

  it('speaks OAuth errors for bad requests', async () => {
    const post = (payload: string, type = 'application/x-www-form-urlencoded') => t.hub.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': type }, payload });
    await expectRejected(await post(form({ grant_type: 'password', username: 'a', password: 'b' })), 'GRANT_TYPE_UNSUPPORTED', 400, 'unsupported_grant_type');
    await expectRejected(await post(form({ client_assertion: 'x' })), 'VALIDATION_FAILED', 400, 'invalid_request');
    await expectRejected(await post(form({ grant_type: 'client_credentials', client_assertion_type: 'urn:other', client_assertion: 'x' })), 'CLIENT_ASSERTION_INVALID');
    await expectRejected(await post(form({ grant_type: 'client_credentials', client_assertion_type: JWT_BEARER_ASSERTION_TYPE, client_assertion: 'not.a.jwt' })), 'CLIENT_ASSERTION_INVALID');
    await expectRejected(await post('grant_type=client_credentials&grant_type=client_credentials'), 'VALIDATION_FAILED', 400, 'invalid_request');
    await expectRejected(await post(JSON.stringify({ grant_type: 'client_credentials' }), 'application/json'), 'UNSUPPORTED_MEDIA_TYPE', 415, 'invalid_request');
    // client_id, when sent, must name the same client.
    await expectRejected(await tokenRequest(await assertion(), { client_id: 'BTC/other' }), 'CLIENT_ASSERTION_INVALID');
  });

  it('purges jti records once they can no longer matter', async () => {
    const count = async (): Promise<number> => Number((await t.db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM client_assertion_jtis')).rows[0]?.n);
    expect(await count()).toBeGreaterThan(0);
    t.clock.advance(3_600_000);
    expect((await tokenRequest(await assertion({ signer: { ...key1, kid: 'btc-tax-2026-2' } }))).statusCode).toBe(401);
    const key3 = await newSigner('btc-tax-2026-3');
    admin = await t.login('root', TEST_OPERATOR_PASSWORD);
    await registerKey(key3);
    expect((await tokenRequest(await assertion({ signer: key3 }))).statusCode).toBe(200);
    expect(await count()).toBe(1);
  });
});
