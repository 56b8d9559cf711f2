import type { DestinationStream } from 'pino';
import { createLogger, fixedClock, type FixedClock } from '@ndxp/core';
import { openTestDatabase, type Db, type DbKind } from '@ndxp/db';
import { createClientAssertion, generateSubsystemKey, type SubsystemKey } from '@ndxp/sdk';
import { buildHub, type Hub } from '../../src/app/build-hub.ts';
import { loadHubConfig, type HubConfig } from '../../src/app/hub-config.ts';
import { createUser } from '../../src/control/users/create-user.ts';
import type { ExchangeOptions } from '../../src/exchange/start-exchange.ts';
import { CITIZEN_FIELDS, PROVIDER_PATHS, startFaultProvider, type FaultProvider } from './test-provider.ts';

/** Issuer of the in-process platform (fastify `inject`; nothing listens unless a test asks). */
export const ISSUER = 'http://hub.test';
/** Fixed start of time for every suite. */
export const T0 = Date.parse('2026-03-02T01:00:00Z');
export const OPERATOR = { username: 'root', password: 'operator-test-password-1' } as const;
export const KEK = Buffer.alloc(32, 1).toString('base64');
export const SUBJECT_KEY = Buffer.alloc(32, 9).toString('base64');
export const ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/** The services the platform registers, all on the fault provider. */
export const LOOKUP = 'BCA/npdb/citizen-lookup/v1';
/** A second provider subsystem (its own circuit), same behaviour. */
export const LOOKUP_B = 'BCA/civil/citizen-lookup/v1';
/** A service that takes a body (subject in the body). */
export const ECHO = 'BCA/npdb/echo/v1';

/** One consumer subsystem with its key and grants. */
export interface PlatformConsumer {
  readonly id: string;
  readonly key: SubsystemKey;
  /** Grant ids by service id. */
  readonly grants: Record<string, string>;
}

export interface GrantSpec {
  readonly service: string;
  readonly fields: readonly string[];
  readonly purposes?: readonly string[];
  readonly quotaPerMinute?: number;
}

export interface ConsumerSpec {
  readonly id: string;
  readonly grants: readonly GrantSpec[];
}

export interface PlatformOptions {
  /** Tuning of the data plane (circuit breaker, pools...). */
  readonly exchange?: Omit<ExchangeOptions, 'state'>;
  /** Where the hub logs go (pino destination); default: no logging. */
  readonly logTo?: DestinationStream;
  readonly logLevel?: string;
  /** Extra hub environment. */
  readonly env?: Readonly<Record<string, string>>;
  /** Consumers and their grants (default: {@link DEFAULT_CONSUMERS}). */
  readonly consumers?: readonly ConsumerSpec[];
  /** Serve over a real socket too (slowloris, raw request targets). */
  readonly listen?: boolean;
  /**
   * The services' provider timeout, ms (default 3000: generous, the test machine is shared and a
   * loaded provider must not read as a slow one). Suites that hit `/slow` often pass less.
   */
  readonly serviceTimeoutMs?: number;
}

/** BTC/tax may read names and dates; BYT/health the address only; BXD/none has nothing. */
export const DEFAULT_CONSUMERS: readonly ConsumerSpec[] = [
  { id: 'BTC/tax', grants: [{ service: LOOKUP, fields: ['/full_name', '/date_of_birth'] }, { service: LOOKUP_B, fields: ['/full_name'] }, { service: ECHO, fields: ['/received_bytes'] }] },
  { id: 'BYT/health', grants: [{ service: LOOKUP, fields: ['/address'], purposes: ['health-insurance'] }, { service: LOOKUP_B, fields: ['/address'], purposes: ['health-insurance'] }] },
  { id: 'BXD/none', grants: [] },
];

export interface Platform {
  readonly hub: Hub;
  readonly db: Db & { readonly url?: string };
  readonly clock: FixedClock;
  readonly config: HubConfig;
  /** Provider of BCA/npdb (LOOKUP, ECHO). */
  readonly provider: FaultProvider;
  /** Provider of BCA/civil (LOOKUP_B). */
  readonly providerB: FaultProvider;
  readonly consumers: Readonly<Record<string, PlatformConsumer>>;
  /** Operator session token. */
  readonly operatorToken: string;
  /** Base URL when listening. */
  readonly url: string | undefined;
  /** A fresh access token for `consumer` from the real token endpoint. */
  token(consumer: string): Promise<string>;
  /** A client assertion for `consumer` signed with its registered key at the fixed clock. */
  assertion(consumer: string, overrides?: { audience?: string; nowMs?: number }): Promise<string>;
  close(): Promise<void>;
}

interface InjectResult { statusCode: number; body: string; json(): unknown }

async function api(hub: Hub, method: 'GET' | 'POST' | 'PATCH', url: string, token: string | undefined, payload?: unknown): Promise<Record<string, unknown>> {
  const res = (await hub.app.inject({ method, url, ...(token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } }), ...(payload === undefined ? {} : { payload: payload as object }) })) as InjectResult;
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode}: ${res.body}`);
  return res.json() as Record<string, unknown>;
}

/** Wait until `check` holds (state arriving through NOTIFY), polling. */
export async function eventually(check: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function openapiFor(paths: readonly string[]): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: { title: 'fault provider', version: '1' },
    paths: Object.fromEntries(paths.map((p) => [p, {
      [p === '/v1/echo' ? 'post' : 'get']: {
        ...(p.includes('{pid}') ? { parameters: [{ name: 'pid', in: 'path', required: true, schema: { type: 'string' } }] } : {}),
        responses: { 200: { description: 'ok' } },
      },
    }])),
  };
}

/**
 * A whole hub on a fresh test database (PGlite or PostgreSQL), set up exactly as agencies would
 * through its own control-plane API: members, provider subsystems with base URLs, services with
 * OpenAPI documents and fields, consumer subsystems with their public keys, grants requested,
 * approved and activated. Two real providers on real sockets behind `hubGuard`. Time is a fixed
 * clock shared by hub and providers.
 */
export async function openPlatform(kind: DbKind, options: PlatformOptions = {}): Promise<Platform> {
  const db = await openTestDatabase(kind);
  const clock = fixedClock(T0);
  const config = loadHubConfig({ NDXP_HUB_ISSUER: ISSUER, NDXP_HUB_SCRYPT_LOG_N: '8', NDXP_HUB_KEK: KEK, NDXP_AUDIT_SUBJECT_KEY: SUBJECT_KEY, LOG_LEVEL: 'info', ...options.env });
  const logger = options.logTo === undefined ? false : createLogger('hub', options.logLevel ?? 'info', options.logTo);
  const hub = await buildHub({ db, config, clock, logger, exchange: { processMetrics: false, stateRefreshMs: 0, auditFlushTimeoutMs: 10_000, ...options.exchange } });
  const providers: FaultProvider[] = [];
  try {
    await createUser(db, { username: OPERATOR.username, display_name: 'Quản trị viên', role: 'operator', password: OPERATOR.password }, { scryptLogN: config.scryptLogN, nowMs: clock.now() });
    const op = (await api(hub, 'POST', '/api/v1/auth/login', undefined, OPERATOR))['access_token'] as string;
    const jwks = () => hub.ctx.keyring.publicJwks() as never;
    const provider = await startFaultProvider({ issuer: ISSUER, audience: 'BCA/npdb', jwks, clock });
    providers.push(provider);
    const providerB = await startFaultProvider({ issuer: ISSUER, audience: 'BCA/civil', jwks, clock });
    providers.push(providerB);

    const consumersSpec = options.consumers ?? DEFAULT_CONSUMERS;
    const members = new Set(['BCA', ...consumersSpec.map((c) => c.id.split('/')[0]!)]);
    for (const code of members) await api(hub, 'POST', '/api/v1/members', op, { code, name: `Cơ quan ${code}` });
    await api(hub, 'POST', '/api/v1/members/BCA/subsystems', op, { code: 'npdb', name: 'CSDL quốc gia về dân cư', base_url: provider.baseUrl });
    await api(hub, 'POST', '/api/v1/members/BCA/subsystems', op, { code: 'civil', name: 'Hộ tịch', base_url: providerB.baseUrl });
    const lookupPaths = PROVIDER_PATHS.filter((p) => p !== '/v1/echo');
    for (const [subsystem, code, paths, locator] of [
      ['BCA/npdb', 'citizen-lookup', lookupPaths, { in: 'path', name: 'pid' }],
      ['BCA/civil', 'citizen-lookup', lookupPaths, { in: 'path', name: 'pid' }],
      ['BCA/npdb', 'echo', ['/v1/echo'], { in: 'body', pointer: '/personal_id' }],
    ] as const) {
      await api(hub, 'POST', '/api/v1/services', op, {
        subsystem_id: subsystem, code, version: 'v1', title: `Dịch vụ ${code}`, openapi: openapiFor(paths),
        fields: code === 'echo' ? ['/received_bytes', '/personal_id', '/full_name'] : [...CITIZEN_FIELDS, '/served_to'], data_class: 'private',
        subject_locator: locator, timeout_ms: options.serviceTimeoutMs ?? 3000, max_request_bytes: 4096,
      });
    }
    const consumers: Record<string, PlatformConsumer> = {};
    for (const spec of consumersSpec) {
      const [member, code] = spec.id.split('/') as [string, string];
      await api(hub, 'POST', `/api/v1/members/${member}/subsystems`, op, { code, name: `Hệ thống ${code}`, base_url: null });
      const key = await generateSubsystemKey();
      await api(hub, 'POST', `/api/v1/subsystems/${member}/${code}/keys`, op, { jwk: key.publicJwk });
      const grants: Record<string, string> = {};
      for (const g of spec.grants) {
        const created = await api(hub, 'POST', '/api/v1/grants', op, {
          consumer_id: spec.id, service_id: g.service, fields: g.fields, purposes: g.purposes ?? ['tax-registration'],
          legal_basis: 'Luật Quản lý thuế 38/2019/QH14, Điều 8', valid_until: new Date(T0 + 365 * 86_400_000).toISOString(), quota_per_minute: g.quotaPerMinute ?? 100_000,
        });
        const id = created['id'] as string;
        await api(hub, 'POST', `/api/v1/grants/${id}/approve`, op, {});
        await api(hub, 'POST', `/api/v1/grants/${id}/activate`, op, {});
        grants[g.service] = id;
      }
      consumers[spec.id] = { id: spec.id, key, grants };
    }
    // Everything above reached the data plane through NOTIFY.
    await eventually(() => consumersSpec.every((c) => c.grants.every((g) => hub.state.grants(c.id, g.service).some((x) => x.state === 'active'))) && hub.state.service(ECHO) !== undefined, 'platform state');

    const assertion = async (consumer: string, o: { audience?: string; nowMs?: number } = {}): Promise<string> => {
      const c = consumers[consumer];
      if (c === undefined) throw new Error(`no consumer ${consumer}`);
      return createClientAssertion({ clientId: c.id, audience: o.audience ?? `${ISSUER}/oauth/token`, kid: c.key.kid, alg: 'ES256', key: await importPrivate(c.key), nowMs: o.nowMs ?? clock.now() });
    };
    const url = options.listen === true ? await hub.app.listen({ port: 0, host: '127.0.0.1' }) : undefined;
    return {
      hub, db, clock, config, provider, providerB, consumers, operatorToken: op, url,
      assertion,
      async token(consumer) {
        const res = (await hub.app.inject({
          method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
          payload: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion(consumer) }).toString(),
        })) as InjectResult;
        if (res.statusCode !== 200) throw new Error(`token for ${consumer}: ${res.body}`);
        return (res.json() as { access_token: string }).access_token;
      },
      async close() {
        for (const p of providers) await p.close();
        await hub.close();
        await db.close();
      },
    };
  } catch (error) {
    for (const p of providers) await p.close().catch(() => undefined);
    await hub.close().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}

const imported = new Map<string, Promise<CryptoKey>>();
async function importPrivate(key: SubsystemKey): Promise<CryptoKey> {
  let k = imported.get(key.kid);
  if (k === undefined) {
    const { importJWK } = await import('jose');
    k = importJWK(key.privateJwk, 'ES256') as Promise<CryptoKey>;
    imported.set(key.kid, k);
  }
  return k;
}
