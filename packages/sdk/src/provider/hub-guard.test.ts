import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer as createHttpServer, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JSONWebKeySet } from 'jose';
import { createLogger, createServer, fixedClock, type HttpServer } from '@ndxp/core';
import { hubGuard } from './hub-guard.ts';
import { verifyHubAssertion } from './verify-hub-assertion.ts';

const HUB = 'http://hub.test';
const T0 = Date.parse('2026-03-01T08:00:00Z');
const clock = fixedClock(T0);
let hubKey: CryptoKey;
let otherKey: CryptoKey;
let jwks: JSONWebKeySet;

interface Claims {
  aud?: string;
  sub?: string;
  htm?: string;
  htu?: string;
  fields?: string[];
  iat?: number;
  exp?: number;
  jti?: string;
}

function assertion(c: Claims = {}, header: Record<string, unknown> = {}, key?: CryptoKey): Promise<string> {
  const iat = c.iat ?? T0 / 1000;
  return new SignJWT({ service: 'BCA/npdb/citizen-lookup/v1', purpose: 'tax-registration', grant_id: 'g-1', request_id: 'req-1', fields: c.fields ?? ['/full_name'], htm: c.htm ?? 'GET', htu: c.htu ?? '/api/v1/citizens/001203012345' })
    .setProtectedHeader({ alg: 'ES256', typ: 'ndxp-hub+jwt', kid: 'hub-1', ...header })
    .setIssuer(HUB)
    .setAudience(c.aud ?? 'BCA/npdb')
    .setSubject(c.sub ?? 'BTC/tax')
    .setIssuedAt(iat)
    .setExpirationTime(c.exp ?? iat + 60)
    .setJti(c.jti ?? randomUUID())
    .sign(key ?? hubKey);
}

describe('hubGuard', () => {
  let app: HttpServer;
  beforeAll(async () => {
    const pair = await generateKeyPair('ES256', { extractable: true });
    hubKey = pair.privateKey;
    jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'hub-1', alg: 'ES256', use: 'sig' }] };
    ({ privateKey: otherKey } = await generateKeyPair('ES256'));
    app = createServer({ name: 'provider', logger: false });
    app.addHook('onRequest', hubGuard({ jwks, issuer: HUB, audience: 'BCA/npdb', clock }));
    app.get('/api/v1/citizens/:pid', async (request) => ({ seen: request.ndxp }));
    await app.ready();
  });
  afterAll(async () => app.close());

  const get = async (token: string | undefined, headers: Record<string, string> = {}, url = '/api/v1/citizens/001203012345') =>
    app.inject({ url, headers: { ...(token === undefined ? {} : { 'x-ndxp-hub-assertion': token }), ...headers } });

  it('lets a hub-forwarded request through and exposes what the hub vouched for', async () => {
    const res = await get(await assertion(), { 'x-ndxp-consumer': 'BTC/tax', 'x-ndxp-fields': '/full_name', 'x-request-id': 'req-1' });
    expect(res.statusCode).toBe(200);
    expect(res.json().seen).toMatchObject({ consumer: 'BTC/tax', service: 'BCA/npdb/citizen-lookup/v1', purpose: 'tax-registration', grantId: 'g-1', requestId: 'req-1', fields: ['/full_name'], method: 'GET', target: '/api/v1/citizens/001203012345', expMs: T0 + 60_000 });
  });

  it.each([
    ['no assertion', async () => undefined, {}],
    ['another provider as audience', async () => assertion({ aud: 'BHXH/insurance' }), {}],
    ['an expired assertion', async () => assertion({ iat: T0 / 1000 - 200, exp: T0 / 1000 - 100 }), {}],
    ['an access token (wrong typ)', async () => assertion({}, { typ: 'at+jwt' }), {}],
    ['a signature by another key', async () => assertion({}, {}, otherKey), {}],
    ['an unknown kid', async () => assertion({}, { kid: 'hub-9' }), {}],
    ['alg none', async () => `${Buffer.from(JSON.stringify({ alg: 'none', typ: 'ndxp-hub+jwt', kid: 'hub-1' })).toString('base64url')}.${Buffer.from(JSON.stringify({ iss: HUB, aud: 'BCA/npdb', sub: 'BTC/tax', exp: T0 / 1000 + 60, iat: T0 / 1000, jti: 'x' })).toString('base64url')}.`, {}],
    ['HS256 keyed with the public key', async () => new SignJWT({}).setProtectedHeader({ alg: 'HS256', typ: 'ndxp-hub+jwt', kid: 'hub-1' }).sign(new TextEncoder().encode(JSON.stringify(jwks.keys[0]))), {}],
    ['an assertion for another path', async () => assertion({ htu: '/api/v1/citizens/079203099999' }), {}],
    ['an assertion for another method', async () => assertion({ htm: 'POST' }), {}],
    ['headers that disagree with the assertion', async () => assertion(), { 'x-ndxp-consumer': 'BTC/other' }],
    ['fields headers that disagree', async () => assertion(), { 'x-ndxp-fields': '/full_name,/personal_id' }],
  ])('refuses %s with HUB_ASSERTION_INVALID', async (_name, make, headers) => {
    const res = await get(await make(), headers);
    expect(res.statusCode).toBe(401);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'HUB_ASSERTION_INVALID', status: 401 });
  });

  it('refuses a replayed assertion', async () => {
    const token = await assertion();
    expect((await get(token)).statusCode).toBe(200);
    const again = await get(token);
    expect(again.statusCode).toBe(401);
    expect(again.json().detail).toMatch(/already used/);
  });

  it('keeps serving when the replay memory is too small, and warns once', async () => {
    const lines: string[] = [];
    const small = createServer({ name: 'provider', logger: createLogger('provider', 'warn', { write: (l: string) => void lines.push(l) }) });
    small.addHook('onRequest', hubGuard({ jwks, issuer: HUB, audience: 'BCA/npdb', clock, replayCacheSize: 2 }));
    small.get('/api/v1/citizens/:pid', async () => ({ ok: true }));
    try {
      for (let i = 0; i < 5; i++) {
        const res = await small.inject({ url: '/api/v1/citizens/001203012345', headers: { 'x-ndxp-hub-assertion': await assertion() } });
        expect(res.statusCode).toBe(200);
      }
      const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => /replay memory is full/.test(l.msg));
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.level).toBe(40);
    } finally {
      await small.close();
    }
  });
});

describe('verifyHubAssertion with a remote JWKS', () => {
  let server: Server;
  let fetches = 0;
  let url: string;
  beforeAll(async () => {
    server = createHttpServer((req, res) => {
      fetches++;
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify(jwks));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}/.well-known/jwks.json`;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  it('fetches the hub keys once and caches them', async () => {
    const a = await verifyHubAssertion(await assertion(), { jwksUrl: url, issuer: HUB, audience: 'BCA/npdb', clock });
    const b = await verifyHubAssertion(await assertion({ sub: 'BHXH/claims' }), { jwksUrl: url, issuer: HUB, audience: 'BCA/npdb', clock });
    expect(a.consumer).toBe('BTC/tax');
    expect(b.consumer).toBe('BHXH/claims');
    expect(fetches).toBe(1);
    await expect(verifyHubAssertion(await assertion({}, {}, otherKey), { jwksUrl: url, issuer: HUB, audience: 'BCA/npdb', clock })).rejects.toMatchObject({ code: 'HUB_ASSERTION_INVALID' });
  });
});
