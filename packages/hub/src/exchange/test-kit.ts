import { createServer as createNetServer } from 'node:net';
import { SignJWT, type CryptoKey } from 'jose';
import { createLogger, createServer, fixedClock, unsafeBrand, type FixedClock, type HttpServer, type SubsystemId } from '@ndxp/core';
import { loadMigrations, migrate, openTestDatabase, type Db, type DbKind } from '@ndxp/db';
import { hubGuard, type HubAssertion } from '@ndxp/sdk';
import { loadHubConfig } from '../app/hub-config.ts';
import type { HubContext } from '../app/hub-context.ts';
import { createHubKeyring, type HubKeyring } from '../identity/hub-keyring.ts';
import { issueAccessToken } from '../identity/issue-access-token.ts';
import { registerTokenRoutes } from '../identity/token-routes.ts';
import { registerOperations } from '../metrics/register-operations.ts';
import { registerDataPlane } from './register-data-plane.ts';
import { startExchange, type Exchange, type ExchangeOptions } from './start-exchange.ts';

/**
 * Test kit for the data plane: a real hub (real database, real keyring, real pipeline, served by
 * `fastify.inject`) and a real provider on an ephemeral port guarded by the SDK's `hubGuard`.
 * Nothing is mocked; time is a fixed clock shared by hub and provider.
 */
export const ISSUER = 'http://hub.test';
export const T0 = Date.parse('2026-03-01T08:00:00Z');

export interface TestHub {
  readonly issuer: string;
  readonly db: Db & { readonly url?: string };
  readonly app: HttpServer;
  readonly clock: FixedClock;
  readonly keyring: HubKeyring;
  readonly exchange: Exchange;
  readonly ctx: HubContext;
  /** A valid access token for `consumer`, issued by the hub's own token code. */
  token(consumer: string, ttlSeconds?: number): Promise<string>;
  /** A token with arbitrary claims/header, signed by `key` (default: the hub's current key). */
  forge(claims: Record<string, unknown>, header?: Record<string, unknown>, key?: CryptoKey): Promise<string>;
  close(): Promise<void>;
}

export interface TestHubOptions extends ExchangeOptions {
  readonly db?: Db & { readonly url?: string };
  /** Issuer URL (default http://hub.test); for end-to-end tests, the URL the hub will listen on. */
  readonly issuer?: string;
  /** Also mount the real token endpoint and JWKS (identity/token-routes.ts). */
  readonly tokenEndpoint?: boolean;
}

export async function startTestHub(kind: DbKind, options: TestHubOptions = {}): Promise<TestHub> {
  const issuer = options.issuer ?? ISSUER;
  const db = options.db ?? await openTestDatabase(kind);
  await migrate(db, await loadMigrations(new URL('../migrations/', import.meta.url)));
  const clock = fixedClock(T0);
  const config = loadHubConfig({ NDXP_HUB_ISSUER: issuer, NDXP_HUB_KEK: Buffer.alloc(32, 3).toString('base64'), NDXP_AUDIT_SUBJECT_KEY: Buffer.alloc(32, 9).toString('base64') });
  const keyring = await createHubKeyring({ db, kek: config.kek, clock, retainRetiredSeconds: 600 });
  const logger = createLogger('hub-test', 'silent');
  const ctx: HubContext = { db, config, clock, logger, keyring };
  const exchange = await startExchange(ctx, { processMetrics: false, stateRefreshMs: 0, instanceId: 'hub-test-1', auditFlushTimeoutMs: 10_000, ...options });
  const app = createServer({ name: 'hub', logger: false });
  if (options.tokenEndpoint === true) await registerTokenRoutes(app, ctx);
  registerDataPlane(app, exchange);
  // Generous: the test machine is shared; a loaded database must not read as an unreachable one.
  registerOperations(app, { db, state: exchange.state, audit: exchange.audit, metrics: exchange.metrics, readinessTimeoutMs: 10_000 });
  await app.ready();
  return {
    issuer, db, app, clock, keyring, exchange, ctx,
    token: async (consumer, ttl = 300) => (await issueAccessToken(keyring, issuer, unsafeBrand<'SubsystemId'>(consumer) as SubsystemId, clock.now(), ttl)).accessToken,
    forge: async (claims, header = {}, key) => {
      const k = keyring.current();
      return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: k.kid, ...header }).sign(key ?? k.privateKey);
    },
    async close() {
      await app.close();
      await exchange.close();
      await db.close().catch(() => undefined);
    },
  };
}

/** What the test provider saw of one request. */
export interface SeenRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly assertion: HubAssertion | undefined;
  readonly body: string;
}

export interface TestProvider {
  /** Base URL to register as the provider subsystem's `base_url` (with a base path `/api`). */
  readonly baseUrl: string;
  readonly seen: SeenRequest[];
  /** Requests held by `/api/slow` until released. */
  releaseSlow(): void;
  close(): Promise<void>;
}

/** A full citizen record, as an NPDB-like provider returns it (the hub must cut it down). */
export const CITIZEN = {
  personal_id: '001203012345',
  full_name: 'Nguyễn Văn An',
  date_of_birth: '2003-05-01',
  gender: 'male',
  address: { province_code: '01', ward_code: '00004', street: 'số 1 Tràng Tiền' },
  ethnicity: 'Kinh',
};

/**
 * A provider behind `hubGuard`: it accepts only requests forwarded by the hub (assertion
 * verified against the hub's JWKS, bound to method and path), and records what it received.
 */
export async function startTestProvider(hub: TestHub, audience: string, keys: 'local' | 'remote' = 'local'): Promise<TestProvider> {
  const app = createServer({ name: 'provider', logger: false });
  const seen: SeenRequest[] = [];
  let slow: Array<() => void> = [];
  const source = keys === 'local' ? { jwks: hub.keyring.publicJwks() } : { jwksUrl: `${hub.issuer}/.well-known/jwks.json` };
  app.addHook('onRequest', hubGuard({ ...source, issuer: hub.issuer, audience, clock: hub.clock }));
  app.addContentTypeParser('*', { parseAs: 'string' }, (_r, body, done) => done(null, body));
  app.addHook('preHandler', async (request) => {
    seen.push({ method: request.method, url: request.url, headers: { ...request.headers }, assertion: request.ndxp, body: typeof request.body === 'string' ? request.body : request.body === undefined ? '' : JSON.stringify(request.body) });
  });
  app.get('/api/v1/citizens/:pid', async (request, reply) => {
    const { pid } = request.params as { pid: string };
    // An unknown ID: a problem document, with an extension member the hub must not relay.
    if (pid !== CITIZEN.personal_id) return reply.code(404).type('application/problem+json').send({ type: 'https://ndxp.gov.vn/problems/citizen-not-found', title: 'Không tìm thấy công dân', status: 404, code: 'CITIZEN_NOT_FOUND', origin: 'client', nearest_match: CITIZEN });
    return CITIZEN;
  });
  app.post('/api/v1/verify', async (request) => ({ match: true, received_bytes: String(request.body ?? '').length }));
  app.get('/api/slow', async () => {
    await new Promise<void>((r) => slow.push(r));
    return CITIZEN;
  });
  app.get('/api/garbage', async (_r, reply) => reply.type('text/html').send('<html>oops</html>'));
  app.get('/api/bad-json', async (_r, reply) => reply.type('application/json').send('{"full_name": "Nguy'));
  app.get('/api/fail', async (_r, reply) => reply.code(500).type('application/json').send({ error: 'stack trace at db.ts:10' }));
  app.get('/api/unavailable', async (_r, reply) => reply.code(503).send({}));
  app.get('/api/nothing', async (_r, reply) => reply.code(204).send());
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  const releaseSlow = (): void => {
    const s = slow;
    slow = [];
    for (const r of s) r();
  };
  return {
    baseUrl: `${address}/api`,
    seen,
    releaseSlow,
    async close() {
      releaseSlow();
      await app.close();
    },
  };
}

/** A loopback port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A URL on which nothing listens (a provider that is down). */
export async function deadUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}/api`;
}
