import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHash, randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { Pool } from 'undici';
import { importJWK, type CryptoKey } from 'jose';
import { systemClock } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import { DEMO_USERS } from '@ndxp/hub';
import { createClientAssertion, generateSubsystemKey, type SubsystemKey } from '@ndxp/sdk';
import { parseCheckpoint, parseNote } from '@ndxp/ledger';
import { verifyLogCommand, type VerifyReport } from '../../../packages/cli/src/commands/log.ts';
import { startFaultProvider, type FaultProvider, CITIZEN, CITIZEN_FIELDS } from '../../../packages/hub/test/support/test-provider.ts';

/** The issuer every hub process of a cluster shares (as behind one load balancer). */
export const CLUSTER_ISSUER = 'http://hub.faults.test';
export const SERVICE = 'BCA/npdb/citizen-lookup/v1';
export const CALL_PATH = `/x/${SERVICE}/v1/citizens/${CITIZEN.personal_id}`;
export const PURPOSE = 'tax-registration';
const KEK = Buffer.alloc(32, 11).toString('base64');
const SUBJECT_KEY = Buffer.alloc(32, 12).toString('base64');

/** One hub process. */
export interface HubChild {
  readonly url: string;
  readonly pid: number;
  readonly process: ChildProcess;
  /** Resolves with the exit code (or signal) once the process has ended. */
  readonly exited: Promise<string>;
  /** Whatever it wrote to stderr, for the report when it dies. */
  stderr(): string;
  /** Warnings and errors it has logged so far (pino levels 40 and 50+), with the last few error messages. */
  logged(): { readonly warnings: number; readonly errors: number; readonly recentErrors: readonly string[] };
  rssMb(): number;
  stop(): Promise<void>;
}

/** Start one hub process on `databaseUrl` (migrations run under the advisory lock). */
export async function startHubChild(databaseUrl: string, extraEnv: Readonly<Record<string, string>> = {}): Promise<HubChild> {
  const child = fork(fileURLToPath(new URL('./hub-process.ts', import.meta.url)), [], {
    env: {
      ...process.env, DATABASE_URL: databaseUrl, PORT: '0', HOST: '127.0.0.1', NDXP_HUB_ISSUER: CLUSTER_ISSUER, NDXP_DEMO: 'true', NDXP_HUB_SCRYPT_LOG_N: '10',
      NDXP_HUB_KEK: KEK, NDXP_AUDIT_SUBJECT_KEY: SUBJECT_KEY, LOG_LEVEL: 'warn', DATABASE_POOL_SIZE: '10', NDXP_LOG_INTERVAL_MS: '250', ...extraEnv,
    },
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let err = '';
  child.stderr?.on('data', (d: Buffer) => {
    err = (err + d.toString()).slice(-20_000);
  });
  // Its log (pino JSON lines on stdout): a run is not clean if the hub complained, even when every
  // answer was a 2xx.
  const logged = { warnings: 0, errors: 0, recentErrors: [] as string[] };
  let pending = '';
  child.stdout?.on('data', (d: Buffer) => {
    pending += d.toString();
    let nl: number;
    while ((nl = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      let entry: { level?: unknown; msg?: unknown };
      try {
        entry = JSON.parse(line) as { level?: unknown; msg?: unknown };
      } catch {
        continue;
      }
      const level = typeof entry.level === 'number' ? entry.level : 0;
      if (level >= 50) {
        logged.errors++;
        logged.recentErrors = [...logged.recentErrors, String(entry.msg)].slice(-5);
      } else if (level >= 40) logged.warnings++;
    }
  });
  const exited = new Promise<string>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? String(code))));
  const ready = await Promise.race([
    new Promise<{ ready: string; pid: number }>((resolve) => child.once('message', (m) => resolve(m as { ready: string; pid: number }))),
    exited.then((c) => {
      throw new Error(`hub process exited (${c}) before it was ready:\n${err}`);
    }),
  ]);
  return {
    url: ready.ready,
    pid: ready.pid,
    process: child,
    exited,
    stderr: () => err,
    logged: () => ({ ...logged }),
    rssMb() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024);
      } catch {
        return 0;
      }
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function http(base: string, method: string, path: string, token?: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(base + path, {
    method,
    headers: { ...(token === undefined ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${text}`);
  return JSON.parse(text) as Record<string, unknown>;
}

/** What {@link registerPlatform} set up. */
export interface Registered {
  readonly provider: FaultProvider;
  readonly consumer: string;
  readonly key: SubsystemKey;
}

/**
 * Through the hub's own API, as agencies do: the provider subsystem and its service, a consumer
 * with its key and an active grant. The provider runs in this process on a real socket, behind
 * hubGuard with the hub's published keys.
 */
export async function registerPlatform(hubUrl: string, options: { readonly quotaPerMinute?: number } = {}): Promise<Registered> {
  const pw = (u: string) => DEMO_USERS.find((d) => d.username === u)!.password;
  const op = (await http(hubUrl, 'POST', '/api/v1/auth/login', undefined, { username: 'operator', password: pw('operator') }))['access_token'] as string;
  const jwks = await http(hubUrl, 'GET', '/.well-known/jwks.json');
  const provider = await startFaultProvider({ issuer: CLUSTER_ISSUER, audience: 'BCA/npdb', jwks: () => jwks as never, clock: systemClock, recordCalls: false });
  await http(hubUrl, 'POST', '/api/v1/members/BCA/subsystems', op, { code: 'npdb', name: 'CSDL quốc gia về dân cư', base_url: provider.baseUrl });
  await http(hubUrl, 'POST', '/api/v1/services', op, {
    subsystem_id: 'BCA/npdb', code: 'citizen-lookup', version: 'v1', title: 'Tra cứu công dân', data_class: 'private',
    openapi: { openapi: '3.1.0', info: { title: 'lookup', version: '1' }, paths: { '/v1/citizens/{pid}': { get: { responses: { 200: { description: 'ok' } } } } } },
    fields: [...CITIZEN_FIELDS, '/served_to'], subject_locator: { in: 'path', name: 'pid' }, timeout_ms: 5000,
  });
  await http(hubUrl, 'POST', '/api/v1/members/BTC/subsystems', op, { code: 'tax', name: 'Hệ thống thuế', base_url: null });
  const key = await generateSubsystemKey();
  await http(hubUrl, 'POST', '/api/v1/subsystems/BTC/tax/keys', op, { jwk: key.publicJwk });
  const grant = await http(hubUrl, 'POST', '/api/v1/grants', op, {
    consumer_id: 'BTC/tax', service_id: SERVICE, fields: ['/full_name', '/date_of_birth'], purposes: [PURPOSE], legal_basis: 'Luật Quản lý thuế 38/2019/QH14',
    valid_until: new Date(Date.now() + 86_400_000).toISOString(), quota_per_minute: options.quotaPerMinute ?? 1_000_000,
  });
  await http(hubUrl, 'POST', `/api/v1/grants/${String(grant['id'])}/approve`, op, {});
  await http(hubUrl, 'POST', `/api/v1/grants/${String(grant['id'])}/activate`, op, {});
  return { provider, consumer: 'BTC/tax', key };
}

/** An access token for the registered consumer from `hubUrl`'s token endpoint. */
export async function accessToken(hubUrl: string, r: Registered): Promise<string> {
  const key = (await importJWK(r.key.privateJwk, 'ES256')) as CryptoKey;
  const assertion = await createClientAssertion({ clientId: r.consumer, audience: `${CLUSTER_ISSUER}/oauth/token`, kid: r.key.kid, alg: 'ES256', key, nowMs: Date.now() });
  const res = await fetch(`${hubUrl}/oauth/token`, {
    method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer', client_assertion: assertion }).toString(),
  });
  const body = (await res.json()) as { access_token?: string };
  if (body.access_token === undefined) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** One request of a load run, as the client saw it. */
export interface Outcome {
  /** Index of the hub (in the `urls` given) it went to. */
  readonly hub: number;
  /** ms since the load started. */
  readonly at: number;
  /** 0 when no response arrived (connection refused or reset). */
  readonly status: number;
  readonly code?: string;
  readonly index?: number;
  readonly requestId: string;
  readonly bodySha256?: string;
  readonly error?: string;
}

export interface Load {
  readonly outcomes: Outcome[];
  /** Stop sending; resolves when every request in flight has finished. */
  stop(): Promise<void>;
}

/**
 * Closed-loop load: `concurrency` workers, each sending one call after the other, spread
 * round-robin over `urls` (several hub processes, as a load balancer would without health checks,
 * so a dead hub's share fails visibly). Every outcome is kept with its request id, log index and
 * the SHA-256 of the body actually delivered.
 */
export function startLoad(options: { urls: readonly string[]; token: () => string; concurrency: number; pauseMs?: number }): Load {
  const outcomes: Outcome[] = [];
  const pools = options.urls.map((u) => new Pool(u, { connections: options.concurrency, headersTimeout: 20_000, bodyTimeout: 20_000 }));
  const t0 = Date.now();
  let stopping = false;
  let next = 0;
  const worker = async (): Promise<void> => {
    while (!stopping) {
      const hub = next++ % pools.length;
      const requestId = randomUUID();
      try {
        const res = await pools[hub]!.request({ path: CALL_PATH, method: 'GET', headers: { authorization: `Bearer ${options.token()}`, 'x-ndxp-purpose': PURPOSE, 'x-request-id': requestId } });
        const body = Buffer.from(await res.body.arrayBuffer());
        const idx = res.headers['x-ndxp-log-index'];
        let code: string | undefined;
        if (res.statusCode >= 400) {
          try {
            code = (JSON.parse(body.toString('utf8')) as { code?: string }).code;
          } catch {
            code = 'NOT_JSON';
          }
        }
        outcomes.push({
          hub, at: Date.now() - t0, status: res.statusCode, requestId, bodySha256: createHash('sha256').update(body).digest('hex'),
          ...(code === undefined ? {} : { code }), ...(typeof idx === 'string' ? { index: Number(idx) } : {}),
        });
      } catch (error) {
        outcomes.push({ hub, at: Date.now() - t0, status: 0, requestId, error: (error as { code?: string }).code ?? String(error) });
        await new Promise((r) => setTimeout(r, 20));
      }
      if (options.pauseMs !== undefined) await new Promise((r) => setTimeout(r, options.pauseMs));
    }
  };
  const workers = Array.from({ length: options.concurrency }, () => worker());
  return {
    outcomes,
    async stop() {
      stopping = true;
      await Promise.all(workers);
      await Promise.all(pools.map((p) => p.destroy()));
    },
  };
}

/** Every delivered answer (2xx) that is missing from the log, or whose entry disagrees with it. */
export async function deliveredButNotLogged(db: Queryable, outcomes: readonly Outcome[]): Promise<string[]> {
  const delivered = outcomes.filter((o) => o.status >= 200 && o.status < 300);
  const problems: string[] = [];
  for (const o of delivered) if (o.index === undefined) problems.push(`${o.requestId}: delivered without a log index`);
  const byIndex = new Map(delivered.filter((o) => o.index !== undefined).map((o) => [o.index!, o]));
  const indexes = [...byIndex.keys()];
  for (let i = 0; i < indexes.length; i += 5000) {
    const chunk = indexes.slice(i, i + 5000);
    const { rows } = await db.query<{ seq: number; request_id: string; response_sha256: string }>('SELECT seq, request_id, response_sha256 FROM audit_log WHERE seq = ANY($1::int8[])', [chunk]);
    const found = new Map(rows.map((r) => [Number(r.seq), r]));
    for (const idx of chunk) {
      const o = byIndex.get(idx)!;
      const row = found.get(idx);
      if (row === undefined) problems.push(`index ${idx} (${o.requestId}) delivered but not in the log`);
      else if (row.request_id !== o.requestId || row.response_sha256 !== o.bodySha256) problems.push(`index ${idx}: entry is for ${row.request_id}, not the delivered ${o.requestId}, or another body`);
    }
  }
  return problems;
}

/** The log's sequence numbers are 0..n-1 without a gap, and agree with the state row. */
export async function logDensity(db: Queryable): Promise<{ size: number; dense: boolean }> {
  const { rows } = await db.query<{ n: number; min: number | null; max: number | null; next: number }>('SELECT count(*)::int8 AS n, min(seq) AS min, max(seq) AS max, (SELECT next_seq FROM audit_log_state) AS next FROM audit_log');
  const r = rows[0]!;
  return { size: Number(r.n), dense: Number(r.n) === Number(r.next) && (Number(r.n) === 0 || (Number(r.min) === 0 && Number(r.max) === Number(r.n) - 1)) };
}

/** Wait until the hub's latest signed checkpoint covers `size` entries. */
export async function waitForCheckpoint(hubUrl: string, size: number, timeoutMs = 60_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await fetch(`${hubUrl}/log/v1/checkpoint`).catch(() => undefined);
    if (res?.ok === true) {
      const got = parseCheckpoint(parseNote(await res.text()).text).size;
      if (got >= size) return got;
    }
    if (Date.now() > deadline) throw new Error(`no checkpoint covering ${size} entries within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** `ndxp log verify --hub URL --state FILE`, as an auditor runs it. */
export async function verifyLogOf(hubUrl: string, statePath: string): Promise<VerifyReport> {
  return verifyLogCommand({ location: { hub: hubUrl }, statePath });
}

/** Poll until `check` resolves true. */
export async function until(check: () => Promise<boolean> | boolean, what: string, timeoutMs: number): Promise<number> {
  const t0 = Date.now();
  for (;;) {
    if (await check()) return Date.now() - t0;
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
