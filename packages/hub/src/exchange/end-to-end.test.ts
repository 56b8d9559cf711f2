import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHash, createHmac } from 'node:crypto';
import { testBackends } from '@ndxp/db';
import { createConsumer, generateSubsystemKey, NdxpCallError, type Consumer } from '@ndxp/sdk';
import { eventually, insertGrant, insertService, insertSubsystem } from '../state/test-fixtures.ts';
import { CITIZEN, freePort, startTestHub, startTestProvider, type TestHub, type TestProvider } from './test-kit.ts';

const LOOKUP = 'BCA/npdb/citizen-lookup/v1';

/**
 * End to end over real HTTP: the consumer SDK gets a token from the hub's real token endpoint
 * (RFC 7523 client assertion signed with a key registered for its subsystem), calls the data
 * plane, the hub forwards over its pooled client to a provider that fetches the hub JWKS over
 * HTTP and verifies the hub assertion with the SDK's hubGuard.
 */
describe.each(testBackends())('end to end over HTTP on %s', (kind) => {
  let hub: TestHub;
  let npdb: TestProvider;
  let consumer: Consumer;

  beforeAll(async () => {
    const port = await freePort();
    hub = await startTestHub(kind, { issuer: `http://127.0.0.1:${port}`, tokenEndpoint: true });
    await hub.app.listen({ port, host: '127.0.0.1' });
    npdb = await startTestProvider(hub, 'BCA/npdb', 'remote');
    await insertSubsystem(hub.db, 'BCA/npdb', npdb.baseUrl);
    await insertSubsystem(hub.db, 'BTC/tax');
    await insertService(hub.db, { id: LOOKUP, fields: ['/full_name', '/date_of_birth', '/address', '/personal_id'], paths: ['/v1/citizens/{pid}'], subjectLocator: { in: 'path', name: 'pid' } });
    await insertGrant(hub.db, { consumer: 'BTC/tax', service: LOOKUP, fields: ['/full_name', '/date_of_birth'], purposes: ['tax-registration'], validFrom: '2026-01-01T00:00:00Z', validUntil: '2027-01-01T00:00:00Z' });
    const key = await generateSubsystemKey();
    await hub.db.query('INSERT INTO subsystem_keys (kid, subsystem_id, alg, public_jwk, not_before) VALUES ($1, $2, $3, $4, $5)', [key.kid, 'BTC/tax', 'ES256', JSON.stringify(key.publicJwk), '2026-01-01T00:00:00Z']);
    await eventually(() => hub.exchange.state.grants('BTC/tax', LOOKUP).length === 1, 'grant');
    consumer = createConsumer({ hubUrl: hub.issuer, clientId: 'BTC/tax', kid: key.kid, privateKey: key.privateJwk, clock: hub.clock });
  });
  afterAll(async () => {
    await npdb?.close();
    await hub?.close();
  });

  it('calls a service in one line and gets only the granted fields, with a log index', async () => {
    const res = await consumer.call(LOOKUP, `/v1/citizens/${CITIZEN.personal_id}`, { purpose: 'tax-registration', fields: ['/full_name'] });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ full_name: CITIZEN.full_name });
    expect(res.requestId).toMatch(/.+/);
    expect(typeof res.logIndex).toBe('number');
    const { rows } = await hub.db.query<{ entry: string }>('SELECT entry FROM audit_log WHERE seq = $1', [res.logIndex]);
    const entry = JSON.parse(rows[0]!.entry);
    expect(entry).toMatchObject({ consumer: 'BTC/tax', service: LOOKUP, status: 200, request_id: res.requestId, fields: ['/full_name'], response_sha256: createHash('sha256').update(JSON.stringify(res.body)).digest('hex'), subject_hmac: createHmac('sha256', Buffer.alloc(32, 9)).update(CITIZEN.personal_id).digest('hex') });
    expect(rows[0]!.entry).not.toContain(CITIZEN.personal_id);
    expect(npdb.seen.at(-1)?.assertion).toMatchObject({ consumer: 'BTC/tax', fields: ['/full_name'] });
  });

  it('reuses the token across calls and surfaces refusals as typed errors', async () => {
    const a = await consumer.accessToken();
    const err = await consumer.call(LOOKUP, `/v1/citizens/${CITIZEN.personal_id}`, { purpose: 'tax-registration', fields: ['/personal_id'] }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(NdxpCallError);
    expect(err).toMatchObject({ status: 403, code: 'FIELD_NOT_GRANTED', origin: 'client' });
    expect(typeof (err as NdxpCallError).logIndex).toBe('number');
    expect(await consumer.accessToken()).toBe(a);
  });

  it('refuses a direct call to the provider that bypasses the hub', async () => {
    const res = await fetch(`${npdb.baseUrl}/v1/citizens/${CITIZEN.personal_id}`, { headers: { 'x-ndxp-consumer': 'BTC/tax' } });
    expect(res.status).toBe(401);
    expect((await res.json()).code).toBe('HUB_ASSERTION_INVALID');
  });
});
