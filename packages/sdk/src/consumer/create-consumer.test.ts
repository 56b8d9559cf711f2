import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJWK, jwtVerify, decodeJwt } from 'jose';
import { createServer, fixedClock, type HttpServer } from '@ndxp/core';
import { generateSubsystemKey, type SubsystemKey } from '../keys/generate-subsystem-key.ts';
import { createConsumer } from './create-consumer.ts';
import { NdxpCallError } from './ndxp-call-error.ts';

const T0 = Date.parse('2026-03-01T08:00:00Z');

/**
 * A stand-in for the hub's two public surfaces the consumer talks to: the token endpoint (which
 * verifies the RFC 7523 client assertion with the registered public key, as the hub does) and the
 * data plane (which checks the bearer token). The real hub is exercised end to end in
 * packages/hub/src/exchange/end-to-end.test.ts.
 */
describe('createConsumer', () => {
  let key: SubsystemKey;
  let hub: HttpServer;
  let url: string;
  const clock = fixedClock(T0);
  let issued = 0;
  const assertions: Record<string, unknown>[] = [];
  const calls: { url: string; headers: Record<string, unknown>; body: unknown }[] = [];
  let expireNext = false;

  beforeAll(async () => {
    key = await generateSubsystemKey();
    const publicKey = await importJWK(key.publicJwk, 'ES256');
    hub = createServer({ name: 'test-token-endpoint', logger: false });
    hub.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))));
    hub.post('/oauth/token', async (request, reply) => {
      const form = request.body as Record<string, string>;
      expect(form['grant_type']).toBe('client_credentials');
      expect(form['client_assertion_type']).toBe('urn:ietf:params:oauth:client-assertion-type:jwt-bearer');
      try {
        const { payload, protectedHeader } = await jwtVerify(form['client_assertion']!, publicKey, { issuer: 'BTC/tax', subject: 'BTC/tax', audience: `${url}/oauth/token`, algorithms: ['ES256'], currentDate: new Date(clock.now()) });
        expect(protectedHeader.kid).toBe(key.kid);
        assertions.push(payload);
      } catch {
        return reply.code(401).type('application/problem+json').send({ type: 'x', title: 'Khẳng định không hợp lệ', status: 401, code: 'CLIENT_ASSERTION_INVALID', origin: 'client' });
      }
      issued++;
      return { access_token: `tok-${issued}`, token_type: 'Bearer', expires_in: 300 };
    });
    hub.route({
      method: ['GET', 'POST'],
      url: '/x/*',
      handler: async (request, reply) => {
        calls.push({ url: request.url, headers: { ...request.headers }, body: request.body });
        void reply.header('x-request-id', String(request.headers['x-request-id'] ?? 'hub-req')).header('x-ndxp-log-index', String(calls.length - 1));
        if (expireNext) {
          expireNext = false;
          return reply.code(401).type('application/problem+json').send({ type: 'x', title: 'Mã truy cập đã hết hạn', status: 401, code: 'TOKEN_EXPIRED', origin: 'client' });
        }
        if (request.url.includes('/denied')) return reply.code(403).type('application/problem+json').send({ type: 'https://ndxp.gov.vn/problems/grant-missing', title: 'Không có quyền truy cập dịch vụ', status: 403, code: 'GRANT_MISSING', origin: 'client', request_id: 'hub-req' });
        return { full_name: 'Nguyễn Văn An', token: request.headers.authorization };
      },
    });
    url = await hub.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => hub.close());

  it('makes a call in one line and returns body, request id and log index', async () => {
    const consumer = createConsumer({ hubUrl: url, clientId: 'BTC/tax', kid: key.kid, privateKey: key.privateJwk, clock });
    const res = await consumer.call('BCA/npdb/citizen-lookup/v1', '/v1/citizens/001203012345', { purpose: 'tax-registration', fields: ['/full_name', '/date_of_birth'], requestId: 'my-req-1' });
    expect(res).toEqual({ status: 200, body: { full_name: 'Nguyễn Văn An', token: 'Bearer tok-1' }, requestId: 'my-req-1', logIndex: 0 });
    const sent = calls.at(-1)!;
    expect(sent.url).toBe('/x/BCA/npdb/citizen-lookup/v1/v1/citizens/001203012345');
    expect(sent.headers).toMatchObject({ authorization: 'Bearer tok-1', 'x-ndxp-purpose': 'tax-registration', 'x-ndxp-fields': '/full_name,/date_of_birth', 'x-request-id': 'my-req-1' });
    // RFC 7523 client assertion: iss = sub = client id, aud = token endpoint, fresh jti, short life.
    const a = assertions.at(-1)!;
    expect(a).toMatchObject({ iss: 'BTC/tax', sub: 'BTC/tax', aud: `${url}/oauth/token`, iat: T0 / 1000, exp: T0 / 1000 + 60 });
    expect(typeof a['jti']).toBe('string');
  });

  it('caches the token, renews it once shortly before expiry, and shares one renewal between concurrent calls', async () => {
    issued = 0;
    const consumer = createConsumer({ hubUrl: url, clientId: 'BTC/tax', kid: key.kid, privateKey: key.privateJwk, clock });
    await Promise.all(Array.from({ length: 5 }, () => consumer.call('BCA/npdb/citizen-lookup/v1', '/x', { purpose: 'p' })));
    expect(issued).toBe(1);
    clock.advance(269_000); // 300 s lifetime, renewed 30 s early
    await consumer.call('BCA/npdb/citizen-lookup/v1', '/x', { purpose: 'p' });
    expect(issued).toBe(1);
    clock.advance(1_000);
    const [a, b] = await Promise.all([consumer.accessToken(), consumer.accessToken()]);
    expect(a).toBe('tok-2');
    expect(b).toBe('tok-2');
    expect(issued).toBe(2);
    clock.set(T0);
  });

  it('throws a typed error carrying the problem document', async () => {
    const consumer = createConsumer({ hubUrl: url, clientId: 'BTC/tax', kid: key.kid, privateKey: key.privateJwk, clock });
    const err = await consumer.call('BCA/npdb/citizen-lookup/v1', '/denied', { purpose: 'p' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NdxpCallError);
    expect(err).toMatchObject({ status: 403, code: 'GRANT_MISSING', origin: 'client', requestId: expect.any(String), problem: { title: 'Không có quyền truy cập dịch vụ' } });
    expect((err as NdxpCallError).logIndex).toBe(calls.length - 1);
  });

  it('renews the token and retries once when the hub says it expired', async () => {
    issued = 0;
    const consumer = createConsumer({ hubUrl: url, clientId: 'BTC/tax', kid: key.kid, privateKey: key.privateJwk, clock });
    await consumer.accessToken();
    expireNext = true;
    const res = await consumer.call('BCA/npdb/citizen-lookup/v1', '/x', { purpose: 'p' });
    expect(res.status).toBe(200);
    expect((res.body as { token: string }).token).toBe('Bearer tok-2');
  });

  it('reports a refused client assertion from the token endpoint', async () => {
    const other = await generateSubsystemKey();
    const consumer = createConsumer({ hubUrl: url, clientId: 'BTC/tax', kid: key.kid, privateKey: other.privateJwk, clock });
    await expect(consumer.call('BCA/npdb/citizen-lookup/v1', '/x', { purpose: 'p' })).rejects.toMatchObject({ status: 401, code: 'CLIENT_ASSERTION_INVALID' });
  });

  it('checks its arguments before any network traffic', async () => {
    const consumer = createConsumer({ hubUrl: url, clientId: 'BTC/tax', kid: key.kid, privateKey: key.privateJwk, clock });
    await expect(consumer.call('BCA/npdb/../v1', '/x', { purpose: 'p' })).rejects.toBeInstanceOf(TypeError);
    await expect(consumer.call('BCA/npdb/citizen-lookup/v1', 'x', { purpose: 'p' })).rejects.toBeInstanceOf(TypeError);
  });
});

describe('generateSubsystemKey', () => {
  it('makes an ES256 pair whose kid is the RFC 7638 thumbprint, the private part only in the private JWK', async () => {
    const k = await generateSubsystemKey();
    expect(k.publicJwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: k.kid, alg: 'ES256', use: 'sig' });
    expect(k.publicJwk).not.toHaveProperty('d');
    expect(typeof k.privateJwk.d).toBe('string');
    expect(k.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const other = await generateSubsystemKey();
    expect(other.kid).not.toBe(k.kid);
    const consumerToken = decodeJwt(await (await import('./client-assertion.ts')).createClientAssertion({ clientId: 'A/b', audience: 'x', kid: k.kid, alg: 'ES256', key: await importJWK(k.privateJwk, 'ES256'), nowMs: T0 }));
    expect(consumerToken).toMatchObject({ iss: 'A/b', sub: 'A/b', aud: 'x' });
  });
});
