import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { Readable } from 'node:stream';
import { request as httpRequest } from 'node:http';
import { generateKeyPair } from 'jose';
import { openPostgres, testBackends, type Db } from '@ndxp/db';
import { eventually, insertGrant, insertService, insertSubsystem, setGrantState } from '../state/test-fixtures.ts';
import { CITIZEN, ISSUER, T0, deadUrl, startTestHub, startTestProvider, type TestHub, type TestProvider } from './test-kit.ts';

const PID = CITIZEN.personal_id;
const LOOKUP = 'BCA/npdb/citizen-lookup/v1';
const VERIFY = 'BCA/npdb/citizen-verify/v1';
const SLOW = 'BCA/npdb/slow-lookup/v1';
const SUBJECT_KEY = Buffer.alloc(32, 9);
const sha256 = (b: string | Buffer) => createHash('sha256').update(b).digest('hex');
const hmac = (v: string) => createHmac('sha256', SUBJECT_KEY).update(v).digest('hex');
const YEAR = '2027-03-01T00:00:00Z';
const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

type Entry = Record<string, unknown>;

describe.each(testBackends())('data plane on %s', (kind) => {
  let hub: TestHub;
  let npdb: TestProvider;
  let flaky: TestProvider;
  let tax: string;
  let grantId: string;
  let hubUrl: string | undefined;

  beforeAll(async () => {
    hub = await startTestHub(kind, { circuitFailureThreshold: 3, circuitCooldownMs: 30_000 });
    npdb = await startTestProvider(hub, 'BCA/npdb');
    flaky = await startTestProvider(hub, 'BCA/flaky');
    const db = hub.db;
    await insertSubsystem(db, 'BCA/npdb', npdb.baseUrl);
    await insertSubsystem(db, 'BCA/down', await deadUrl());
    await insertSubsystem(db, 'BCA/flaky', await deadUrl());
    for (const c of ['BTC/tax', 'BTC/none', 'BTC/expired', 'BTC/revoked', 'BTC/pending', 'BTC/quota', 'BTC/later']) await insertSubsystem(db, c);
    await insertSubsystem(db, 'BTC/off', null, 'disabled');
    const paths = ['/v1/citizens/{pid}', '/slow', '/garbage', '/bad-json', '/fail', '/unavailable', '/nothing'];
    const fields = ['/personal_id', '/full_name', '/date_of_birth', '/gender', '/address', '/ethnicity'];
    await insertService(db, { id: LOOKUP, fields, paths, subjectLocator: { in: 'path', name: 'pid' } });
    // Its own service with a short time limit, so that only the slow path times out on a loaded machine.
    await insertService(db, { id: SLOW, fields, paths: ['/slow'], timeoutMs: 150 });
    await insertService(db, { id: VERIFY, fields: ['/match'], paths: ['/v1/verify'], subjectLocator: { in: 'body', pointer: '/personal_id' }, maxRequestBytes: 64 });
    await insertService(db, { id: 'BCA/down/lookup/v1', fields, paths });
    await insertService(db, { id: 'BCA/flaky/lookup/v1', fields, paths });
    const g = { service: LOOKUP, fields: ['/full_name', '/date_of_birth', '/address'], purposes: ['tax-registration'], validFrom: '2026-01-01T00:00:00Z', validUntil: YEAR };
    grantId = await insertGrant(db, { ...g, consumer: 'BTC/tax' });
    await insertGrant(db, { ...g, consumer: 'BTC/tax', service: VERIFY, fields: ['/match'] });
    await insertGrant(db, { ...g, consumer: 'BTC/tax', service: SLOW });
    await insertGrant(db, { ...g, consumer: 'BTC/tax', service: 'BCA/down/lookup/v1' });
    await insertGrant(db, { ...g, consumer: 'BTC/tax', service: 'BCA/flaky/lookup/v1' });
    await insertGrant(db, { ...g, consumer: 'BTC/expired', validFrom: '2025-01-01T00:00:00Z', validUntil: '2026-02-01T00:00:00Z' });
    await insertGrant(db, { ...g, consumer: 'BTC/later', validFrom: '2026-06-01T00:00:00Z' });
    await insertGrant(db, { ...g, consumer: 'BTC/revoked', state: 'revoked' });
    await insertGrant(db, { ...g, consumer: 'BTC/pending', state: 'approved' });
    await insertGrant(db, { ...g, consumer: 'BTC/quota', quotaPerMinute: 3 });
    await eventually(() => hub.exchange.state.grants('BTC/quota', LOOKUP).length === 1 && hub.exchange.state.service('BCA/flaky/lookup/v1') !== undefined, 'fixtures loaded');
    tax = await hub.token('BTC/tax');
  });
  afterAll(async () => {
    await npdb?.close();
    await flaky?.close();
    await hub?.close();
  });

  async function call(opts: { url?: string; token?: string | null; purpose?: string | null; fields?: string; method?: string; payload?: string | Readable; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = { ...opts.headers };
    const token = opts.token === undefined ? tax : opts.token;
    if (token !== null) headers['authorization'] = `Bearer ${token}`;
    const purpose = opts.purpose === undefined ? 'tax-registration' : opts.purpose;
    if (purpose !== null) headers['x-ndxp-purpose'] = purpose;
    if (opts.fields !== undefined) headers['x-ndxp-fields'] = opts.fields;
    return hub.app.inject({ method: (opts.method ?? 'GET') as 'GET', url: opts.url ?? `/x/${LOOKUP}/v1/citizens/${PID}`, headers, ...(opts.payload === undefined ? {} : { payload: opts.payload }) });
  }

  /** GET with the request target sent byte for byte as given (no client-side normalisation). */
  async function rawGet(path: string, headers: Record<string, string>): Promise<{ statusCode: number; headers: Record<string, unknown>; body: string }> {
    hubUrl ??= await hub.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = new URL(hubUrl);
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: Number(port), path, method: 'GET', headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ statusCode: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** The audit entry of a response, read back from the database by its log index. */
  async function entryOf(res: { headers: Record<string, unknown> }): Promise<Entry> {
    const idx = res.headers['x-ndxp-log-index'];
    expect(idx).toMatch(/^\d+$/);
    const { rows } = await hub.db.query<Record<string, unknown>>('SELECT * FROM audit_log WHERE seq = $1', [Number(idx)]);
    expect(rows).toHaveLength(1);
    // The raw personal ID appears nowhere in the stored row.
    expect(JSON.stringify(rows[0])).not.toContain(PID);
    return JSON.parse(rows[0]!['entry'] as string) as Entry;
  }

  it('forwards an authorised call and releases exactly the granted fields', async () => {
    const before = npdb.seen.length;
    const res = await call({ headers: { cookie: 'sid=SECRET-COOKIE', 'x-request-id': 'req-abc-1' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.json()).toEqual({ full_name: CITIZEN.full_name, date_of_birth: CITIZEN.date_of_birth, address: CITIZEN.address });
    expect(res.headers['x-request-id']).toBe('req-abc-1');

    // What the provider received: identity, purpose, fields, request id, a verified hub assertion;
    // never the consumer's token or cookies; the path below its base path.
    expect(npdb.seen.length).toBe(before + 1);
    const seen = npdb.seen.at(-1)!;
    expect(seen.url).toBe(`/api/v1/citizens/${PID}`);
    expect(seen.headers).toMatchObject({ 'x-ndxp-consumer': 'BTC/tax', 'x-ndxp-purpose': 'tax-registration', 'x-ndxp-service': LOOKUP, 'x-ndxp-fields': '/full_name,/date_of_birth,/address', 'x-request-id': 'req-abc-1' });
    expect(seen.headers['authorization']).toBeUndefined();
    expect(seen.headers['cookie']).toBeUndefined();
    expect(seen.assertion).toMatchObject({ consumer: 'BTC/tax', service: LOOKUP, purpose: 'tax-registration', grantId, requestId: 'req-abc-1', fields: ['/full_name', '/date_of_birth', '/address'], method: 'GET', target: `/api/v1/citizens/${PID}` });

    const e = await entryOf(res);
    expect(e).toEqual({
      v: 1, time: new Date(T0).toISOString(), request_id: 'req-abc-1', hub_instance: 'hub-test-1', consumer: 'BTC/tax', service: LOOKUP, method: 'GET',
      purpose: 'tax-registration', grant_id: grantId, legal_basis: 'Luật Quản lý thuế 2019, Điều 8', fields: ['/full_name', '/date_of_birth', '/address'],
      status: 200, provider_status: 200, error_code: null, latency_us: expect.any(Number), request_sha256: sha256(''), response_sha256: sha256(res.rawPayload),
      subject_hmac: hmac(PID), subject_key_id: hub.exchange.subjects.keyId,
    });
  });

  it('narrows to the fields the consumer asks for and tells the provider', async () => {
    const res = await call({ fields: '/full_name' });
    expect(res.json()).toEqual({ full_name: CITIZEN.full_name });
    expect(npdb.seen.at(-1)!.headers['x-ndxp-fields']).toBe('/full_name');
    expect((await entryOf(res))['fields']).toEqual(['/full_name']);
  });

  describe('authentication', () => {
    it.each([
      ['no token', async () => null, 401, 'AUTH_REQUIRED'],
      ['a malformed header', async () => 'not-a-jwt', 401, 'TOKEN_INVALID'],
      ['an expired token', async () => {
        const t = hub.clock.now();
        hub.clock.set(T0 - 400_000);
        const token = await hub.token('BTC/tax', 300);
        hub.clock.set(t);
        return token;
      }, 401, 'TOKEN_EXPIRED'],
      ['a token for the control plane audience', async () => hub.forge({ iss: ISSUER, aud: `${ISSUER}/api`, sub: 'BTC/tax', jti: 'j1', iat: T0 / 1000, exp: T0 / 1000 + 300 }), 401, 'TOKEN_AUDIENCE_INVALID'],
      ['another issuer', async () => hub.forge({ iss: 'http://evil.test', aud: `${ISSUER}/x`, sub: 'BTC/tax', jti: 'j2', iat: T0 / 1000, exp: T0 / 1000 + 300 }), 401, 'TOKEN_INVALID'],
      ['a session token type', async () => hub.forge({ iss: ISSUER, aud: `${ISSUER}/x`, sub: 'BTC/tax', jti: 'j3', iat: T0 / 1000, exp: T0 / 1000 + 300 }, { typ: 'JWT' }), 401, 'TOKEN_INVALID'],
      ['a wrong signature', async () => {
        const { privateKey } = await generateKeyPair('ES256');
        return hub.forge({ iss: ISSUER, aud: `${ISSUER}/x`, sub: 'BTC/tax', jti: 'j4', iat: T0 / 1000, exp: T0 / 1000 + 300 }, {}, privateKey);
      }, 401, 'TOKEN_INVALID'],
      ['alg none', async () => `${b64({ alg: 'none', typ: 'at+jwt', kid: hub.keyring.current().kid })}.${b64({ iss: ISSUER, aud: `${ISSUER}/x`, sub: 'BTC/tax', jti: 'j5', iat: T0 / 1000, exp: T0 / 1000 + 300 })}.`, 401, 'TOKEN_INVALID'],
      ['an unknown kid', async () => hub.forge({ iss: ISSUER, aud: `${ISSUER}/x`, sub: 'BTC/tax', jti: 'j6', iat: T0 / 1000, exp: T0 / 1000 + 300 }, { kid: 'nope' }), 401, 'TOKEN_INVALID'],
      ['an unknown subsystem', async () => hub.token('BTC/ghost'), 401, 'TOKEN_INVALID'],
      ['a disabled subsystem', async () => hub.token('BTC/off'), 401, 'TOKEN_INVALID'],
    ])('refuses %s and audits it', async (_name, make, status, code) => {
      const before = npdb.seen.length;
      const res = await call({ token: await make() });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json()).toMatchObject({ code, status, origin: 'client' });
      expect(npdb.seen.length).toBe(before);
      const e = await entryOf(res);
      // What is known is recorded: the catalogued service and the purpose asked, never the subject.
      expect(e).toMatchObject({ consumer: null, service: LOOKUP, purpose: 'tax-registration', grant_id: null, status, error_code: code, provider_status: null, request_sha256: null, subject_hmac: null, fields: null, response_sha256: sha256(res.rawPayload) });
    });

    it('keeps refusing a cached token once it expires', async () => {
      const token = await hub.token('BTC/tax', 60);
      expect((await call({ token })).statusCode).toBe(200);
      hub.clock.advance(60_000 + 60_000); // past exp plus the allowed skew
      try {
        const res = await call({ token });
        expect(res.json().code).toBe('TOKEN_EXPIRED');
      } finally {
        hub.clock.set(T0);
      }
    });
  });

  describe('grants', () => {
    it.each([
      ['no grant', 'BTC/none', {}, 403, 'GRANT_MISSING'],
      ['an expired grant', 'BTC/expired', {}, 403, 'GRANT_EXPIRED'],
      ['a grant not yet valid', 'BTC/later', {}, 403, 'GRANT_EXPIRED'],
      ['a revoked grant', 'BTC/revoked', {}, 403, 'GRANT_REVOKED'],
      ['an approved but not activated grant', 'BTC/pending', {}, 403, 'GRANT_NOT_ACTIVE'],
      ['a missing purpose', 'BTC/tax', { purpose: null }, 400, 'PURPOSE_REQUIRED'],
      ['a purpose outside the grant', 'BTC/tax', { purpose: 'marketing' }, 403, 'PURPOSE_NOT_GRANTED'],
      ['a field outside the grant', 'BTC/tax', { fields: '/full_name,/ethnicity' }, 403, 'FIELD_NOT_GRANTED'],
    ] as const)('refuses %s and audits it', async (_n, consumer, extra, status, code) => {
      const before = npdb.seen.length;
      const res = await call({ token: await hub.token(consumer), ...extra });
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ code, origin: 'client' });
      expect(npdb.seen.length).toBe(before);
      const e = await entryOf(res);
      expect(e).toMatchObject({ consumer, service: LOOKUP, status, error_code: code, provider_status: null, fields: null, subject_hmac: hmac(PID) });
    });

    it('takes a revocation into effect at once, through NOTIFY', async () => {
      const id = await insertGrant(hub.db, { consumer: 'BTC/revoked', service: VERIFY, fields: ['/match'], purposes: ['tax-registration'], validFrom: '2026-01-01T00:00:00Z', validUntil: YEAR });
      const token = await hub.token('BTC/revoked');
      await eventually(() => hub.exchange.state.grants('BTC/revoked', VERIFY).length === 1, 'grant');
      const ok = await call({ token, method: 'POST', url: `/x/${VERIFY}/v1/verify`, payload: '{}', headers: { 'content-type': 'application/json' } });
      expect(ok.statusCode).toBe(200);
      await setGrantState(hub.db, id, 'revoked');
      await eventually(() => hub.exchange.state.grants('BTC/revoked', VERIFY)[0]?.state === 'revoked', 'revocation');
      const res = await call({ token, method: 'POST', url: `/x/${VERIFY}/v1/verify`, payload: '{}', headers: { 'content-type': 'application/json' } });
      expect(res.json().code).toBe('GRANT_REVOKED');
    });

    it('refuses an unknown service', async () => {
      const res = await call({ url: '/x/BCA/npdb/nope/v1/x' });
      expect(res.statusCode).toBe(404);
      expect(res.json().code).toBe('SERVICE_NOT_FOUND');
      expect(await entryOf(res)).toMatchObject({ consumer: 'BTC/tax', service: null, error_code: 'SERVICE_NOT_FOUND' });
    });
  });

  it('enforces the per-grant quota with Retry-After, per fixed minute', async () => {
    const token = await hub.token('BTC/quota');
    hub.clock.set(T0 + 15_000);
    try {
      for (let i = 0; i < 3; i++) expect((await call({ token })).statusCode).toBe(200);
      const res = await call({ token });
      expect(res.statusCode).toBe(429);
      expect(res.headers['retry-after']).toBe('45');
      expect(res.json()).toMatchObject({ code: 'QUOTA_EXCEEDED', retry_after: 45 });
      expect(await entryOf(res)).toMatchObject({ consumer: 'BTC/quota', error_code: 'QUOTA_EXCEEDED', status: 429, provider_status: null });
      const { rows } = await hub.db.query<{ used: number }>("SELECT used FROM grant_quota_usage g JOIN grants r ON r.id = g.grant_id WHERE r.consumer_id = 'BTC/quota' AND window_start = $1", [new Date(T0).toISOString()]);
      expect(rows).toEqual([{ used: 3 }]);
      hub.clock.set(T0 + 60_000);
      expect((await call({ token })).statusCode).toBe(200);
    } finally {
      hub.clock.set(T0);
    }
  });

  describe('request size and path tricks', () => {
    it('forwards a body within the limit and locates the subject in it', async () => {
      const payload = JSON.stringify({ personal_id: PID, full_name: 'x' });
      const res = await call({ method: 'POST', url: `/x/${VERIFY}/v1/verify`, payload, headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({ match: true });
      expect(npdb.seen.at(-1)!.body).toBe(payload);
      expect(await entryOf(res)).toMatchObject({ request_sha256: sha256(payload), subject_hmac: hmac(PID), fields: ['/match'] });
    });

    it.each([
      ['with Content-Length', () => 'x'.repeat(65)],
      ['chunked', () => Readable.from([Buffer.from('x'.repeat(40)), Buffer.from('y'.repeat(40))])],
    ])('refuses an oversized body (%s) without forwarding it', async (_n, body) => {
      const before = npdb.seen.length;
      const res = await call({ method: 'POST', url: `/x/${VERIFY}/v1/verify`, payload: body(), headers: { 'content-type': 'application/json' } });
      expect(res.statusCode).toBe(413);
      expect(res.json()).toMatchObject({ code: 'BODY_TOO_LARGE', limit: 64 });
      expect(npdb.seen.length).toBe(before);
      expect(await entryOf(res)).toMatchObject({ error_code: 'BODY_TOO_LARGE', request_sha256: null, consumer: 'BTC/tax', service: VERIFY });
    });

    it.each([
      '/v1/citizens/..%2f..%2fadmin',
      '/v1/../../admin',
      '/%2e%2e/%2e%2e/admin',
      '/v1/citizens/%00',
      '/v1\\..\\admin',
      '//v1/citizens',
      '/v1/citizens/%5c..%5cadmin',
    ])('refuses the path trick %s without forwarding it', async (trick) => {
      // Over a real socket: in-process injection would normalise `..`, `%2e%2e` and `\\` (WHATWG
      // URL parsing) before the hub ever saw them, and so would many clients. Attackers do not.
      const before = npdb.seen.length;
      const res = await rawGet(`/x/${LOOKUP}${trick}`, { authorization: `Bearer ${tax}`, 'x-ndxp-purpose': 'tax-registration' });
      expect(res.statusCode).toBe(400);
      expect(JSON.parse(res.body).code).toBe('PATH_INVALID');
      expect(npdb.seen.length).toBe(before);
      expect(await entryOf(res)).toMatchObject({ consumer: 'BTC/tax', service: null, error_code: 'PATH_INVALID' });
    });
  });

  describe('provider failures', () => {
    it.each([
      ['/slow', 504, 'PROVIDER_TIMEOUT', null],
      ['/garbage', 502, 'PROVIDER_BAD_RESPONSE', 200],
      ['/bad-json', 502, 'PROVIDER_BAD_RESPONSE', 200],
      ['/fail', 502, 'PROVIDER_BAD_RESPONSE', 500],
      ['/unavailable', 503, 'PROVIDER_UNAVAILABLE', 503],
    ])('%s → %i %s with origin provider, nothing internal leaked', async (path, status, code, providerStatus) => {
      const res = await call({ url: `/x/${path === '/slow' ? SLOW : LOOKUP}${path}` });
      npdb.releaseSlow();
      // A success in between keeps the failures from being consecutive (the circuit is tested below).
      expect((await call()).statusCode).toBe(200);
      expect(res.statusCode).toBe(status);
      expect(res.json()).toMatchObject({ code, origin: 'provider', status });
      expect(res.json().detail).toBeUndefined();
      expect(res.body).not.toMatch(/stack|db\.ts|<html>/);
      expect(await entryOf(res)).toMatchObject({ status, error_code: code, provider_status: providerStatus, fields: null });
    });

    it('relays a provider problem (4xx) with origin provider', async () => {
      const res = await call({ url: `/x/${LOOKUP}/v1/citizens/001203099999` });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toEqual({ type: 'https://ndxp.gov.vn/problems/citizen-not-found', title: 'Không tìm thấy công dân', status: 404, code: 'CITIZEN_NOT_FOUND', origin: 'provider', request_id: res.headers['x-request-id'] });
      expect(res.body).not.toContain(CITIZEN.full_name);
      expect(await entryOf(res)).toMatchObject({ status: 404, provider_status: 404, error_code: 'CITIZEN_NOT_FOUND', subject_hmac: hmac('001203099999') });
    });

    it('passes an empty 204 through', async () => {
      const res = await call({ url: `/x/${LOOKUP}/nothing` });
      expect(res.statusCode).toBe(204);
      expect(res.body).toBe('');
      expect(await entryOf(res)).toMatchObject({ status: 204, error_code: null, response_sha256: sha256('') });
    });

    it('reports an unreachable provider, opens its circuit, half-opens after the cool-down', async () => {
      const url = '/x/BCA/down/lookup/v1/v1/citizens/001203012345';
      for (let i = 0; i < 3; i++) {
        const res = await call({ url });
        expect(res.statusCode).toBe(503);
        expect(res.json()).toMatchObject({ code: 'PROVIDER_UNAVAILABLE', origin: 'provider' });
      }
      const open = await call({ url });
      expect(open.statusCode).toBe(503);
      expect(open.json()).toMatchObject({ code: 'PROVIDER_CIRCUIT_OPEN', origin: 'provider' });
      expect(open.headers['retry-after']).toBe('30');
      expect(await entryOf(open)).toMatchObject({ error_code: 'PROVIDER_CIRCUIT_OPEN', provider_status: null, service: 'BCA/down/lookup/v1' });
      hub.clock.advance(30_000);
      try {
        // The probe goes through, fails, and the circuit opens again.
        expect((await call({ url })).json().code).toBe('PROVIDER_UNAVAILABLE');
        expect((await call({ url })).json().code).toBe('PROVIDER_CIRCUIT_OPEN');
      } finally {
        hub.clock.set(T0);
      }
    });

    it('closes the circuit when the half-open probe succeeds', async () => {
      const url = '/x/BCA/flaky/lookup/v1/v1/citizens/001203012345';
      for (let i = 0; i < 3; i++) expect((await call({ url })).json().code).toBe('PROVIDER_UNAVAILABLE');
      expect((await call({ url })).json().code).toBe('PROVIDER_CIRCUIT_OPEN');
      // The provider comes back (its base URL is fixed through the control plane's tables).
      await hub.db.query('UPDATE subsystems SET base_url = $1 WHERE id = $2', [flaky.baseUrl, 'BCA/flaky']);
      await hub.db.query("SELECT pg_notify('ndxp_hub_changed', 'subsystems')");
      await eventually(() => hub.exchange.state.subsystem('BCA/flaky')?.baseUrl === flaky.baseUrl, 'new base url');
      expect((await call({ url })).json().code).toBe('PROVIDER_CIRCUIT_OPEN');
      hub.clock.advance(30_000);
      try {
        const probe = await call({ url });
        expect(probe.statusCode).toBe(200);
        expect(probe.json()).toEqual({ full_name: CITIZEN.full_name, date_of_birth: CITIZEN.date_of_birth, address: CITIZEN.address });
        expect((await call({ url })).statusCode).toBe(200);
        const metrics = await hub.app.inject({ url: '/metrics' });
        expect(metrics.body).toContain('ndxp_provider_circuit_state{provider="BCA/flaky"} 0');
        expect(metrics.body).toContain('ndxp_provider_circuit_state{provider="BCA/down"} 2');
      } finally {
        hub.clock.set(T0);
      }
    });
  });

  it('numbers concurrent exchanges densely, one entry each', async () => {
    const start = Number((await hub.db.query<{ n: number }>('SELECT next_seq AS n FROM audit_log_state')).rows[0]!.n);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => call(i % 4 === 0 ? { purpose: 'marketing' } : {})));
    const seqs = results.map((r) => Number(r.headers['x-ndxp-log-index'])).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 40 }, (_, i) => start + i));
    const { rows } = await hub.db.query<{ seq: number; request_id: string }>('SELECT seq, request_id FROM audit_log WHERE seq >= $1 ORDER BY seq', [start]);
    expect(rows.map((r) => Number(r.seq))).toEqual(seqs);
    expect(new Set(rows.map((r) => r.request_id)).size).toBe(40);
    expect(rows.map((r) => r.request_id).sort()).toEqual(results.map((r) => String(r.headers['x-request-id'])).sort());
  });

  it('exposes metrics and health', async () => {
    const m = await hub.app.inject({ url: '/metrics' });
    expect(m.statusCode).toBe(200);
    expect(m.body).toMatch(new RegExp(`ndxp_exchange_requests_total\\{service="${LOOKUP}",status="200"\\} \\d+`));
    expect(m.body).toMatch(/ndxp_exchange_denials_total\{code="GRANT_MISSING"\} 1/);
    expect(m.body).toMatch(/ndxp_exchange_duration_seconds_bucket\{le="0.005",service="BCA\/npdb\/citizen-lookup\/v1",status="200"\}/);
    expect(m.body).toMatch(/ndxp_audit_batch_size_count \d+/);
    expect((await hub.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    expect((await hub.app.inject({ url: '/readyz' })).json()).toEqual({ status: 'ready', checks: { database: true, state: true, audit: true } });
  });

  it('shares audit numbering and quota counters with another hub process on the same database', async () => {
    const other: Db = kind === 'postgres' ? await openPostgres({ url: hub.db.url!, max: 3 }) : hub.db;
    const hub2 = await startTestHub(kind, { db: other, instanceId: 'hub-test-2', circuitFailureThreshold: 3 });
    try {
      const id = await insertGrant(hub.db, { consumer: 'BTC/quota', service: VERIFY, fields: ['/match'], purposes: ['tax-registration'], validFrom: '2026-01-01T00:00:00Z', validUntil: YEAR, quotaPerMinute: 3 });
      await eventually(() => hub.exchange.state.grants('BTC/quota', VERIFY).length === 1 && hub2.exchange.state.grants('BTC/quota', VERIFY).length === 1, 'grant in both');
      const token = await hub.token('BTC/quota');
      const verify = (h: TestHub) => h.app.inject({ method: 'POST', url: `/x/${VERIFY}/v1/verify`, payload: '{}', headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': 'tax-registration', 'content-type': 'application/json' } });
      const seqs: number[] = [];
      const statuses: number[] = [];
      for (const h of [hub, hub2, hub, hub2, hub, hub2]) {
        const res = await verify(h);
        statuses.push(res.statusCode);
        seqs.push(Number(res.headers['x-ndxp-log-index']));
      }
      // Sequence numbers keep growing whichever process wrote them: one log, commit order.
      expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
      // Three calls fit. The fourth (hub 2) is admitted only because hub 2 had not yet seen hub 1's
      // last call: the documented one-append lag. After that both processes know the shared total.
      expect(statuses).toEqual([200, 200, 200, 200, 429, 429]);
      const { rows } = await hub.db.query<{ used: number }>('SELECT used FROM grant_quota_usage WHERE grant_id = $1', [id]);
      expect(rows).toEqual([{ used: 4 }]);
      const instances = await hub.db.query<{ hub_instance: string }>('SELECT DISTINCT hub_instance FROM audit_log WHERE seq >= $1 ORDER BY 1', [seqs[0]]);
      expect(instances.rows.map((r) => r.hub_instance)).toEqual(['hub-test-1', 'hub-test-2']);
    } finally {
      await hub2.app.close();
      await hub2.exchange.close();
      if (other !== hub.db) await other.close();
    }
  });

  it('fails closed when the audit store breaks mid-run, and recovers without a gap', async () => {
    const ok = await call();
    expect(ok.statusCode).toBe(200);
    const before = Number(ok.headers['x-ndxp-log-index']);
    const seenBefore = npdb.seen.length;
    await hub.db.query('ALTER TABLE audit_log RENAME TO audit_log_gone');
    const res = await call();
    expect(res.statusCode).toBe(503);
    expect(res.json()).toMatchObject({ code: 'AUDIT_UNAVAILABLE', origin: 'hub' });
    expect(res.headers['x-ndxp-log-index']).toBeUndefined();
    // The provider answered, but its data was not released.
    expect(npdb.seen.length).toBe(seenBefore + 1);
    expect(res.body).not.toContain(CITIZEN.full_name);
    const ready = await hub.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toMatchObject({ code: 'UNAVAILABLE', checks: { database: true, state: true, audit: false } });
    await hub.db.query('ALTER TABLE audit_log_gone RENAME TO audit_log');
    expect((await hub.app.inject({ url: '/readyz' })).statusCode).toBe(200);
    const again = await call();
    expect(again.statusCode).toBe(200);
    expect(Number(again.headers['x-ndxp-log-index'])).toBe(before + 1);
  });

  it('fails closed when the database goes away entirely', async () => {
    await hub.db.close();
    const res = await call();
    expect(res.statusCode).toBe(503);
    expect(res.json().code).toBe('AUDIT_UNAVAILABLE');
    expect(res.body).not.toContain(CITIZEN.full_name);
    const ready = await hub.app.inject({ url: '/readyz' });
    expect(ready.json()).toMatchObject({ checks: { database: false, audit: false } });
  });
});
