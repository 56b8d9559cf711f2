/**
 * Hub benchmark (issue 3). wrk against the NPDB verify service in three configurations, in one
 * run on one machine:
 *   1. direct to the provider;
 *   2. through nginx proxy_pass with upstream keep-alive (the physical-limit baseline for one hop);
 *   3. through the hub: token authentication, grant/purpose/quota, projection, hub-signed
 *      assertion, durable group-committed audit on PostgreSQL.
 * Then the latency each adds at half the hub's peak rate.
 *
 * Needs PostgreSQL (NDXP_BENCH_POSTGRES_URL or NDXP_TEST_POSTGRES_URL, an admin URL), wrk and nginx.
 * Writes bench/results/hub.json and bench/hub.md.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { createScratchDatabase, dropScratchDatabase, openDatabase } from '@ndxp/db';
import { createHubKeyring, loadHubConfig, DEMO_USERS } from '@ndxp/hub';
import { signHubAssertion } from '@ndxp/hub/exchange/sign-hub-assertion';
import { createConsumer, generateSubsystemKey } from '@ndxp/sdk';
import { login } from '../packages/cli/src/api-client.ts';
import { ensureActiveGrant, ensureKey, ensureService, ensureSubsystem } from '../packages/cli/src/platform/ensure.ts';
import { NPDB_SUBSYSTEM, npdbRegistrations } from '../packages/cli/src/platform/npdb-registrations.ts';
import { startChild } from './lib/child.ts';
import { machine } from './lib/machine.ts';
import { startNginxProxy } from './lib/nginx.ts';
import { runWrk, type WrkRequest, type WrkResult } from './lib/wrk.ts';

const admin = process.env['NDXP_BENCH_POSTGRES_URL'] ?? process.env['NDXP_TEST_POSTGRES_URL'] ?? 'postgres://ndxp:ndxp-ci@127.0.0.1:5432/postgres';
const PEOPLE = Number(process.env['BENCH_PEOPLE'] ?? 20_000);
const DURATION = Number(process.env['BENCH_SECONDS'] ?? 15);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const HUB_PORT = 18480;
const NPDB_PORT = 18482;
const NGINX_PORT = 18481;
const SERVICE = 'BCA/npdb/citizen-verify/v1';
const PURPOSE = 'tax-registration';
const KEK = Buffer.alloc(32, 7).toString('base64');
const SUBJECT_KEY = Buffer.alloc(32, 9).toString('base64');

const hubDbUrl = await createScratchDatabase(admin);
const npdbDbUrl = await createScratchDatabase(admin);
const issuer = `http://127.0.0.1:${HUB_PORT}`;
const hubEnv = {
  DATABASE_URL: hubDbUrl, PORT: String(HUB_PORT), NDXP_HUB_ISSUER: issuer, NDXP_DEMO: 'true', LOG_LEVEL: 'warn',
  NDXP_HUB_KEK: KEK, NDXP_AUDIT_SUBJECT_KEY: SUBJECT_KEY, DATABASE_POOL_SIZE: '10',
};
const hub = await startChild(new URL('./proc/hub.ts', import.meta.url), { ...hubEnv, ...(process.env['BENCH_PROFILE_DIR'] ? { NODE_PROFILE_DIR: process.env['BENCH_PROFILE_DIR'] } : {}) });
const npdb = await startChild(new URL('./proc/npdb.ts', import.meta.url), {
  DATABASE_URL: npdbDbUrl, PORT: String(NPDB_PORT), NPDB_SEED_ON_START: 'true', NPDB_SEED_COUNT: String(PEOPLE), LOG_LEVEL: 'warn', BENCH_HUB_URL: issuer,
});
const nginx = await startNginxProxy({ port: NGINX_PORT, upstream: npdb.url });

try {
  // Register the NPDB and a consumer through the hub's API, as an agency would.
  const pw = (u: string): string => DEMO_USERS.find((d) => d.username === u)?.password ?? '';
  const sessions = { operator: await login(hub.url, 'operator', pw('operator')), provider: await login(hub.url, 'bca.admin', pw('bca.admin')), consumer: await login(hub.url, 'btc.admin', pw('btc.admin')) };
  await ensureSubsystem(sessions.provider, NPDB_SUBSYSTEM, 'CSDL quốc gia về dân cư', npdb.url);
  for (const s of await npdbRegistrations()) await ensureService(sessions.provider, s);
  await ensureSubsystem(sessions.consumer, 'BTC/tax', 'Hệ thống đăng ký thuế', null);
  const key = await generateSubsystemKey();
  await ensureKey(sessions.consumer, 'BTC/tax', key.publicJwk);
  const grantId = await ensureActiveGrant(sessions, {
    consumer_id: 'BTC/tax', service_id: SERVICE, fields: ['/match', '/fields', '/deceased'], purposes: [PURPOSE],
    legal_basis: 'Luật Quản lý thuế 38/2019/QH14', valid_until: new Date(Date.now() + 86_400_000).toISOString(), quota_per_minute: 1_000_000,
  });
  const consumer = createConsumer({ hubUrl: hub.url, clientId: 'BTC/tax', kid: key.kid, privateKey: key.privateJwk });
  const token = await consumer.accessToken();

  // Request bodies for 200 real people (the verify answer is a real lookup each time).
  const npdbDb = await openDatabase({ url: npdbDbUrl });
  const people = (await npdbDb.query<{ personal_id: string; full_name: string; date_of_birth: string }>('SELECT personal_id, full_name, date_of_birth FROM citizens ORDER BY personal_id LIMIT 200')).rows;
  await npdbDb.close();
  const bodies = people.map((p) => JSON.stringify({ personal_id: p.personal_id, full_name: p.full_name, date_of_birth: p.date_of_birth }));

  // A hub assertion for the baselines, minted with the hub's own key (same verification work at the provider).
  const hubDb = await openDatabase({ url: hubDbUrl });
  const keyring = await createHubKeyring({ db: hubDb, kek: loadHubConfig(hubEnv).kek, clock: { now: () => Date.now() }, retainRetiredSeconds: 600 });
  const baselineRequests = async (): Promise<WrkRequest[]> => {
    const requestId = randomUUID();
    const assertion = await signHubAssertion(keyring.current(), {
      issuer, provider: NPDB_SUBSYSTEM, consumer: 'BTC/tax', service: SERVICE, purpose: PURPOSE, grantId, requestId,
      fields: ['/match', '/fields', '/deceased'], method: 'POST', target: '/v1/citizens/verify', nowMs: Date.now(),
    });
    return bodies.map((body) => ({
      method: 'POST', path: '/v1/citizens/verify', body,
      headers: { 'content-type': 'application/json', 'x-ndxp-hub-assertion': assertion, 'x-ndxp-consumer': 'BTC/tax', 'x-ndxp-purpose': PURPOSE, 'x-ndxp-service': SERVICE, 'x-ndxp-fields': '/match,/fields,/deceased', 'x-request-id': requestId },
    }));
  };
  const hubRequests: WrkRequest[] = bodies.map((body) => ({
    method: 'POST', path: `/x/${SERVICE}/v1/citizens/verify`, body,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-ndxp-purpose': PURPOSE },
  }));

  // Sanity: each configuration answers 200 before it is measured.
  for (const [name, base, reqs] of [['direct', npdb.url, await baselineRequests()], ['nginx', nginx.url, await baselineRequests()], ['hub', hub.url, hubRequests]] as const) {
    const r = reqs[0]!;
    const res = await fetch(base + r.path, { method: r.method, headers: r.headers, body: r.body });
    if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${await res.text()}`);
  }
  const warm = async (base: string, reqs: WrkRequest[]) => runWrk({ baseUrl: base, requests: reqs, connections: CONNECTIONS, durationSeconds: 3 });
  const peak = async (name: string, base: string, reqs: () => Promise<WrkRequest[]> | WrkRequest[]): Promise<WrkResult> => {
    await warm(base, await reqs());
    const r = await runWrk({ baseUrl: base, requests: await reqs(), connections: CONNECTIONS, durationSeconds: DURATION });
    console.log(`${name.padEnd(8)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  non-2xx ${r.non2xx}  socket errors ${r.socket_errors}`);
    return r;
  };
  const direct = await peak('direct', npdb.url, baselineRequests);
  const viaNginx = await peak('nginx', nginx.url, baselineRequests);
  const viaHub = await peak('hub', hub.url, () => hubRequests);

  const rate = Math.max(100, Math.round(viaHub.rps / 2));
  const atRate = async (name: string, base: string, reqs: WrkRequest[]): Promise<WrkResult> => {
    const r = await runWrk({ baseUrl: base, requests: reqs, connections: 16, durationSeconds: DURATION, rate });
    console.log(`${name.padEnd(8)} @${rate}/s offered: ${r.rps.toFixed(0)} req/s  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  non-2xx ${r.non2xx}`);
    return r;
  };
  const directHalf = await atRate('direct', npdb.url, await baselineRequests());
  const nginxHalf = await atRate('nginx', nginx.url, await baselineRequests());
  const hubHalf = await atRate('hub', hub.url, hubRequests);
  const audited = Number((await hubDb.query<{ n: number }>('SELECT count(*)::int8 AS n FROM audit_log')).rows[0]?.n ?? 0);
  await hubDb.close();

  const m = machine();
  const result = {
    cores: m.cores, cpu: m.cpu, node: m.node, people: PEOPLE, connections: CONNECTIONS, duration_s: DURATION,
    direct_rps: direct.rps, direct_p50_ms: direct.p50_ms, direct_p99_ms: direct.p99_ms,
    nginx_rps: viaNginx.rps, nginx_p50_ms: viaNginx.p50_ms, nginx_p99_ms: viaNginx.p99_ms,
    hub_rps: viaHub.rps, hub_p50_ms: viaHub.p50_ms, hub_p99_ms: viaHub.p99_ms,
    hub_vs_nginx: Math.round((viaHub.rps / viaNginx.rps) * 1000) / 1000,
    half_load_rate: rate,
    direct_p99_ms_at_half_load: directHalf.p99_ms, nginx_p99_ms_at_half_load: nginxHalf.p99_ms, hub_p99_ms_at_half_load: hubHalf.p99_ms,
    hub_added_p99_ms_at_half_load: Math.round((hubHalf.p99_ms - directHalf.p99_ms) * 1000) / 1000,
    non2xx: direct.non2xx + viaNginx.non2xx + viaHub.non2xx + directHalf.non2xx + nginxHalf.non2xx + hubHalf.non2xx,
    audit_entries_written: audited,
    hub_rss_mb_after: hub.rssMb(),
  };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(new URL('./results/hub.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
} finally {
  await nginx.stop();
  await npdb.stop();
  await hub.stop();
  await dropScratchDatabase(admin, hubDbUrl).catch(() => undefined);
  await dropScratchDatabase(admin, npdbDbUrl).catch(() => undefined);
}
