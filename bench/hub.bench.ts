/**
 * Hub benchmark (issue 3). wrk against the NPDB verify service in five configurations, in one
 * run on one machine:
 *   1. direct to the provider;
 *   2. through nginx proxy_pass with upstream keep-alive (the physical-limit baseline for one hop);
 *   3. through a minimal Node proxy (bench/proc/floor-proxy.ts): the same hop in Node;
 *   4. through the same proxy that also group-commits one durable row per request before
 *      answering: the floor under any gateway that keeps "no data without a durable log entry";
 *   5. through the hub: token authentication, grant/purpose/quota, projection, hub-signed
 *      assertion, durable group-committed audit on PostgreSQL.
 * Then the latency each adds at half the hub's peak rate.
 *
 * Needs PostgreSQL (NDXP_BENCH_POSTGRES_URL or NDXP_TEST_POSTGRES_URL, an admin URL), wrk and nginx.
 * Writes bench/results/hub.json and bench/hub.md.
 */
import { writeFile, mkdir } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { createScratchDatabase, dropScratchDatabase, loadMigrations, migrate, openDatabase, type Db } from '@ndxp/db';
import { createHubKeyring, loadHubConfig } from '@ndxp/hub';
import { signHubAssertion } from '@ndxp/hub/exchange/sign-hub-assertion';
import { appendEntries } from '@ndxp/hub/audit/append-entries';
import { NPDB_SUBSYSTEM } from '../packages/cli/src/platform/npdb-registrations.ts';
import { startChild } from './lib/child.ts';
import { machine } from './lib/machine.ts';
import { pidsOf, snapshot, usedBetween } from './lib/process-cpu.ts';
import { startNginxProxy } from './lib/nginx.ts';
import { BENCH_PURPOSE as PURPOSE, BENCH_SERVICE as SERVICE, registerNpdbConsumer } from './lib/register-npdb-consumer.ts';
import { median } from './lib/trend.ts';
import { runWrk, type WrkRequest, type WrkResult } from './lib/wrk.ts';

/**
 * The disk's flush latency (pg_test_fsync, fdatasync of one 8 kB write): the floor under any
 * latency that waits for a durable commit, measured in the same run.
 */
function fsyncMs(dataDirectory: string): number | null {
  // On the file system of PostgreSQL's data directory (not /tmp, which may be memory).
  const out = spawnSync('/usr/lib/postgresql/15/bin/pg_test_fsync', ['-s', '1', '-f', join(dirname(dataDirectory), 'ndxp-fsync-test')], { encoding: 'utf8' });
  const m = /fdatasync\s+[\d.]+ ops\/sec\s+(\d+) usecs\/op/.exec(out.stdout ?? '');
  return m ? Number(m[1]) / 1000 : null;
}

/** Median to the microsecond, or NaN for no rounds (a configuration that never ran). */
const medianMs = (xs: readonly number[]): number => (xs.length === 0 ? Number.NaN : Math.round(median(xs) * 1000) / 1000);

/** The hub's time before the audit append (the entry's latency_us) for the exchanges since `from`. */
async function beforeAudit(db: Db, from: Date): Promise<{ before_audit_p50_ms: number; before_audit_p99_ms: number }> {
  const { rows } = await db.query<{ p50: number; p99: number }>(
    'SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_us) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY latency_us) AS p99 FROM audit_log WHERE at >= $1',
    [from.toISOString()],
  );
  const ms = (us: number | undefined): number => Math.round(Number(us ?? Number.NaN)) / 1000;
  return { before_audit_p50_ms: ms(rows[0]?.p50), before_audit_p99_ms: ms(rows[0]?.p99) };
}

/**
 * The audit append statement alone, as a plain statement and prepared (named), sequentially on
 * one connection in a scratch database with the hub's schema: what preparing saves per flush.
 */
async function measureAppend(adminUrl: string): Promise<{ unnamed_ms: number; prepared_ms: number }> {
  const url = await createScratchDatabase(adminUrl);
  const db = await openDatabase({ url });
  try {
    await migrate(db, await loadMigrations(new URL('../packages/hub/src/migrations/', import.meta.url)));
    const entries = (): string[] => Array.from({ length: 3 }, () => JSON.stringify({ v: 1, time: new Date().toISOString(), request_id: randomUUID(), hub_instance: 'bench', consumer: 'BTC/tax', service: SERVICE, method: 'POST', purpose: PURPOSE, grant_id: randomUUID(), status: 200, latency_us: 1000, request_sha256: 'a'.repeat(64), response_sha256: 'b'.repeat(64), subject_hmac: 'c'.repeat(64), subject_key_id: 'k' }));
    const time = async (prepared: boolean): Promise<number> => {
      const run = (): Promise<unknown> => appendEntries(db, entries(), [], { prepared });
      for (let i = 0; i < 100; i++) await run();
      const t = performance.now();
      for (let i = 0; i < 1000; i++) await run();
      return Math.round(performance.now() - t) / 1000;
    };
    const unnamed = await time(false);
    const prepared = await time(true);
    return { unnamed_ms: unnamed, prepared_ms: prepared };
  } finally {
    await db.close();
    await dropScratchDatabase(adminUrl, url);
  }
}

/** CPU time per request in one half-load round, ms: the gateway's process(es), the provider, all of PostgreSQL. */
interface CpuPerRequest {
  readonly gateway_ms: number;
  readonly provider_ms: number;
  readonly postgres_ms: number;
}

type Result = Record<string, unknown> & {
  rounds: { config: string; connections: number; rps: number; p50_ms: number; p99_ms: number }[];
  half_load: ({ round: number; config: string; rps: number; p50_ms: number; p99_ms: number; late_sends: number; before_audit_p50_ms?: number; before_audit_p99_ms?: number } & CpuPerRequest)[];
};

/** The readable report, generated from the figures of this run (never typed by hand). */
function report(r: Result): string {
  const f = (k: string): string => String(r[k]);
  const rows = r.rounds.map((x) => `| ${x.config} | ${x.connections} | ${x.rps} | ${x.p50_ms} | ${x.p99_ms} |`).join('\n');
  const halfRows = r.half_load.map((x) => `| ${x.round} | ${x.config} | ${x.rps} | ${x.p50_ms} | ${x.p99_ms} | ${x.late_sends} | ${x.gateway_ms} | ${x.provider_ms} | ${x.postgres_ms} | ${x.before_audit_p50_ms ?? ''} | ${x.before_audit_p99_ms ?? ''} |`).join('\n');
  const share = Number(r['hub_vs_nginx']);
  const added = Number(r['hub_added_p99_ms_at_half_load']);
  return `# Hub benchmark

Generated by \`npx tsx bench/hub.bench.ts\` on ${new Date().toISOString()}; raw figures in \`bench/results/hub.json\`.
wrk against the NPDB verify service (\`POST /v1/citizens/verify\`, ${f('people')} synthetic people on PostgreSQL), five
configurations in the same run on the same machine (${f('cores')} cores, ${f('cpu')}, Node ${f('node')}; load average at the end ${JSON.stringify(r['load_average_at_end'])}):

1. **direct** to the provider (with a valid hub assertion, so the provider does the same verification work in all of them);
2. **nginx** \`proxy_pass\` with upstream keep-alive: the physical-limit baseline for one extra hop;
3. **node-proxy**: a minimal Node proxy (node:http in, undici pool out; \`bench/proc/floor-proxy.ts\`): the same hop in Node;
4. **node-proxy+log**: the same proxy, which also group-commits one durable row of an audit entry's size per request
   before answering, as the hub does: the floor under any gateway that keeps "no data without a durable log entry";
5. **hub**: access-token check, grant, purpose, quota, field projection, hub-signed assertion, and a durable,
   group-committed audit entry on PostgreSQL before every answer (\`synchronous_commit\` on).

Every configuration ran at each concurrency in interleaved rounds of ${f('duration_s')} s; its peak is its best round.

| configuration | connections | req/s | p50 ms | p99 ms |
|---|---|---|---|---|
${rows}

## Result

| figure | value |
|---|---|
| direct peak | ${f('direct_rps')} req/s (c=${f('direct_best_connections')}) |
| nginx peak | ${f('nginx_rps')} req/s (c=${f('nginx_best_connections')}) |
| hub peak | ${f('hub_rps')} req/s (c=${f('hub_best_connections')}), p50 ${f('hub_p50_ms')} ms, p99 ${f('hub_p99_ms')} ms |
| node-proxy / node-proxy+log peak | ${f('node_proxy_rps')} / ${f('node_proxy_log_rps')} req/s |
| hub / nginx | **${share}** (goal ≥ 0.5: ${share >= 0.5 ? 'met' : 'not met'}) |
| offered rate for the half-load runs (open loop, ${f('half_load_connections')} connections) | ${f('half_load_rate')} req/s |
| p50 at that rate, median of ${f('half_load_rounds')} rounds: direct / nginx / node-proxy / node-proxy+log / hub | ${f('direct_p50_ms_at_half_load')} / ${f('nginx_p50_ms_at_half_load')} / ${f('node_proxy_p50_ms_at_half_load')} / ${f('node_proxy_log_p50_ms_at_half_load')} / ${f('hub_p50_ms_at_half_load')} ms |
| p99 at that rate, median of ${f('half_load_rounds')} rounds: direct / nginx / node-proxy / node-proxy+log / hub | ${f('direct_p99_ms_at_half_load')} / ${f('nginx_p99_ms_at_half_load')} / ${f('node_proxy_p99_ms_at_half_load')} / ${f('node_proxy_log_p99_ms_at_half_load')} / ${f('hub_p99_ms_at_half_load')} ms |
| p99 the hub adds over direct at half load | **${added} ms** (goal < 2 ms: ${added < 2 ? 'met' : 'not met'}) |
| p99 the floor (node-proxy+log) adds over direct at the same rate | ${f('floor_added_p99_ms_at_half_load')} ms |
| of the hub's time, before its audit append (its own work + the provider): p50 / p99 | ${f('hub_before_audit_p50_ms_at_half_load')} / ${f('hub_before_audit_p99_ms_at_half_load')} ms |
| sends the generator could not make on schedule (all half-load rounds) | ${f('late_sends_at_half_load')} |
| the audit append statement alone (3 entries, sequential): plain / prepared | ${f('audit_append_ms_unnamed')} / ${f('audit_append_ms_prepared')} ms |
| the disk's fdatasync of one 8 kB write (pg_test_fsync) | ${f('fsync_ms')} ms |
| audit entries written during the run | ${f('audit_entries_written')} |
| non-2xx answers | ${f('non2xx')} |

Half-load rounds (the hub's "before audit" columns come from the \`latency_us\` of its audit entries):

| round | configuration | req/s | p50 ms | p99 ms | late sends | CPU ms/request: gateway | provider | PostgreSQL | hub before audit p50 ms | p99 ms |
|---|---|---|---|---|---|---|---|---|---|---|
${halfRows}

## Reading it

- The hub releases an answer only after its audit entry is committed, so every hub answer waits for at least one
  flush of the write-ahead log (the fdatasync figure above) plus the append statement. That floor is paid by no
  baseline; it is the price of "no data without a durable log entry". Group commit amortises the flush across
  every request in flight, which is why the hub needs more concurrency than nginx to reach its peak.
- **node-proxy+log is the floor** under that promise: a Node proxy that does nothing but forward and group-commit one
  durable row per answer. What it adds over direct at the half-load rate (${f('floor_added_p99_ms_at_half_load')} ms at p99 in this run) is
  what any gateway keeping "no data without a durable log entry" pays on this machine; the hub's p99 goal sits
  ${Number(r['floor_added_p99_ms_at_half_load']) >= 2 ? '**below** that floor here' : 'above that floor here'}. What the hub adds beyond node-proxy+log is its own work: authentication, grant, projection,
  signing, the richer audit entry and its indexes, and the Merkle log built from it.
- The CPU columns say where the machine's time goes per request: the gateway's own process(es), the provider, and every
  PostgreSQL process. All of them and wrk share the same ${f('cores')} cores, so the busier the machine, the longer every
  process waits its turn, and that wait lands in the tail. Figures on a machine also running other work vary from run
  to run; the load average above says how busy it was.
- The half-load runs are open loop: wrk's \`delay()\` hook is driven by a clock schedule of send slots
  (bench/lib/wrk.ts), so the offered rate holds even when answers are slow, as long as a connection is free.
  A send that could not leave on its slot is counted as late; wrk measures latency from the actual send, so late
  sends would hide waiting (coordinated omission), and the count says whether that happened.
- The "before audit" split is the time from the hub receiving a request to the moment it queues the audit entry;
  the rest of the hub's latency is the wait for the entry to be durable and the answer's write.
- For scale: published reports put an X-Road security server at well under 1,000 requests/s.
`;
}

const admin = process.env['NDXP_BENCH_POSTGRES_URL'] ?? process.env['NDXP_TEST_POSTGRES_URL'] ?? 'postgres://ndxp:ndxp-ci@127.0.0.1:5432/postgres';
const PEOPLE = Number(process.env['BENCH_PEOPLE'] ?? 20_000);
const DURATION = Number(process.env['BENCH_SECONDS'] ?? 15);
// Peak throughput is taken at each configuration's best concurrency: a hub that waits for durable
// audit commits needs more requests in flight to fill its group commits than a plain proxy does.
const CONCURRENCY = (process.env['BENCH_CONNECTIONS'] ?? '16,64,128').split(',').map(Number);
// Half-load runs: interleaved rounds, enough connections that the schedule is held through tails.
const HALF_ROUNDS = Number(process.env['BENCH_HALF_ROUNDS'] ?? 3);
const HALF_CONNECTIONS = Number(process.env['BENCH_HALF_CONNECTIONS'] ?? 64);
const HUB_PORT = 18480;
const NPDB_PORT = 18482;
const NGINX_PORT = 18481;
const FLOOR_PORT = 18483;
const FLOOR_LOG_PORT = 18484;
const KEK = Buffer.alloc(32, 7).toString('base64');
const SUBJECT_KEY = Buffer.alloc(32, 9).toString('base64');

const hubDbUrl = await createScratchDatabase(admin);
const npdbDbUrl = await createScratchDatabase(admin);
const issuer = `http://127.0.0.1:${HUB_PORT}`;
const hubEnv = {
  DATABASE_URL: hubDbUrl, PORT: String(HUB_PORT), NDXP_HUB_ISSUER: issuer, NDXP_DEMO: 'true', LOG_LEVEL: 'warn',
  NDXP_HUB_KEK: KEK, NDXP_AUDIT_SUBJECT_KEY: SUBJECT_KEY, DATABASE_POOL_SIZE: '10',
  // wrk replays one access token for the whole run (over ten minutes); with the default lifetime
  // of 300 s the later hub rounds measured TOKEN_EXPIRED refusals instead of exchanges.
  NDXP_HUB_TOKEN_TTL_S: '3600',
};
const hub = await startChild(new URL('./proc/hub.ts', import.meta.url), { ...hubEnv, ...(process.env['BENCH_PROFILE_DIR'] ? { NODE_PROFILE_DIR: process.env['BENCH_PROFILE_DIR'] } : {}) });
const npdb = await startChild(new URL('./proc/npdb.ts', import.meta.url), {
  DATABASE_URL: npdbDbUrl, PORT: String(NPDB_PORT), NPDB_SEED_ON_START: 'true', NPDB_SEED_COUNT: String(PEOPLE), LOG_LEVEL: 'warn', BENCH_HUB_URL: issuer,
});
const nginx = await startNginxProxy({ port: NGINX_PORT, upstream: npdb.url });
const floorDbUrl = await createScratchDatabase(admin);
const floorProxy = new URL('./proc/floor-proxy.ts', import.meta.url);
const floor = await startChild(floorProxy, { PORT: String(FLOOR_PORT), FLOOR_UPSTREAM: npdb.url, DATABASE_URL: floorDbUrl, FLOOR_AUDIT: 'off' });
const floorLog = await startChild(floorProxy, { PORT: String(FLOOR_LOG_PORT), FLOOR_UPSTREAM: npdb.url, DATABASE_URL: floorDbUrl, FLOOR_AUDIT: 'on' });

try {
  // Register the NPDB and a consumer through the hub's API, as an agency would.
  const { grantId, token } = await registerNpdbConsumer(hub.url, npdb.url);

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

  // Each configuration: where wrk sends, what, and which processes are its gateway (for the CPU
  // columns: nginx's master and worker, the Node proxies, the hub; direct has none).
  const configs: { name: string; base: string; reqs: () => Promise<WrkRequest[]> | WrkRequest[]; gateway: () => number[] }[] = [
    { name: 'direct', base: npdb.url, reqs: baselineRequests, gateway: () => [] },
    { name: 'nginx', base: nginx.url, reqs: baselineRequests, gateway: () => pidsOf('nginx') },
    { name: 'node-proxy', base: floor.url, reqs: baselineRequests, gateway: () => [floor.process.pid!] },
    { name: 'node-proxy+log', base: floorLog.url, reqs: baselineRequests, gateway: () => [floorLog.process.pid!] },
    { name: 'hub', base: hub.url, reqs: () => hubRequests, gateway: () => [hub.process.pid!] },
  ];
  // Sanity: each configuration answers 200 before it is measured.
  for (const { name, base, reqs } of configs) {
    const r = (await reqs())[0]!;
    const res = await fetch(base + r.path, { method: r.method, headers: r.headers, body: r.body });
    if (res.status !== 200) throw new Error(`${name} answered ${res.status}: ${await res.text()}`);
  }
  // Rounds interleave the configurations at each concurrency, so drift in the machine's load
  // affects all of them alike.
  const rounds: { connections: number; config: string; result: WrkResult }[] = [];
  for (const { base, reqs } of configs) await runWrk({ baseUrl: base, requests: await reqs(), connections: 32, durationSeconds: 3 });
  for (const connections of CONCURRENCY) {
    for (const { name, base, reqs } of configs) {
      const r = await runWrk({ baseUrl: base, requests: await reqs(), connections, durationSeconds: DURATION });
      rounds.push({ connections, config: name, result: r });
      console.log(`${name.padEnd(15)} c=${String(connections).padStart(3)} ${r.rps.toFixed(0).padStart(7)} req/s  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  non-2xx ${r.non2xx}  socket errors ${r.socket_errors}`);
    }
  }
  const best = (name: string): WrkResult & { connections: number } => {
    const mine = rounds.filter((r) => r.config === name).sort((a, b) => b.result.rps - a.result.rps)[0]!;
    return { ...mine.result, connections: mine.connections };
  };
  const direct = best('direct');
  const viaNginx = best('nginx');
  const viaHub = best('hub');
  const viaFloor = best('node-proxy');
  const viaFloorLog = best('node-proxy+log');

  // Half load: an open-loop schedule at half the hub's peak (bench/lib/wrk.ts paces sends on the
  // clock, so slow answers do not lower the offered rate), in interleaved rounds; each figure is
  // the median over the rounds. For the hub, the audit log also says how long each exchange took
  // before its audit append (latency_us), which splits the hub's time into work + provider and the
  // wait for a durable entry.
  const rate = Number(process.env['BENCH_RATE'] ?? Math.max(100, Math.round(viaHub.rps / 2)));
  const halfRounds: { round: number; config: string; result: WrkResult; cpu: CpuPerRequest; before_audit_p50_ms?: number; before_audit_p99_ms?: number }[] = [];
  // Where the machine's CPU goes at this rate: the gateway's own process(es), the provider, and
  // every PostgreSQL process (the provider's reads, the audit appends, the log integrator).
  for (let round = 1; round <= HALF_ROUNDS; round++) {
    for (const { name, base, reqs, gateway } of configs) {
      const from = new Date();
      const requests = await reqs();
      const gatewayCpu = snapshot(gateway());
      const providerCpu = snapshot([npdb.process.pid!]);
      const postgresCpu = snapshot(pidsOf('postgres'));
      const r = await runWrk({ baseUrl: base, requests, connections: HALF_CONNECTIONS, durationSeconds: DURATION, rate });
      const perRequest = (start: ReadonlyMap<number, number>): number => Math.round((usedBetween(start, snapshot([...start.keys()])) / Math.max(1, r.requests)) * 1000) / 1000;
      const cpu: CpuPerRequest = { gateway_ms: perRequest(gatewayCpu), provider_ms: perRequest(providerCpu), postgres_ms: perRequest(postgresCpu) };
      const split: { before_audit_p50_ms?: number; before_audit_p99_ms?: number } = name === 'hub' ? await beforeAudit(hubDb, from) : {};
      halfRounds.push({ round, config: name, result: r, cpu, ...split });
      console.log(`${name.padEnd(15)} @${rate}/s round ${round}: ${r.rps.toFixed(0)} req/s  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  late sends ${r.late_sends}  non-2xx ${r.non2xx}  CPU ms/request gateway ${cpu.gateway_ms} provider ${cpu.provider_ms} postgres ${cpu.postgres_ms}${name === 'hub' ? `  before audit p50 ${split.before_audit_p50_ms} / p99 ${split.before_audit_p99_ms} ms` : ''}`);
    }
  }
  const half = (name: string, pick: (x: (typeof halfRounds)[number]) => number | undefined): number => medianMs(halfRounds.filter((x) => x.config === name).map(pick).filter((x): x is number => x !== undefined));
  const appendCost = await measureAppend(admin);
  console.log(`audit append, 3 entries, sequential: ${appendCost.unnamed_ms} ms as plain statement, ${appendCost.prepared_ms} ms prepared`);
  const audited = Number((await hubDb.query<{ n: number }>('SELECT count(*)::int8 AS n FROM audit_log')).rows[0]?.n ?? 0);
  const dataDirectory = (await hubDb.query<{ data_directory: string }>('SHOW data_directory')).rows[0]?.data_directory ?? '/var/lib/postgresql';
  await hubDb.close();

  const m = machine();
  const result = {
    cores: m.cores, cpu: m.cpu, node: m.node, people: PEOPLE, concurrency_tried: CONCURRENCY, duration_s: DURATION,
    load_average_at_end: loadavg().map((x) => Math.round(x * 100) / 100),
    direct_best_connections: direct.connections, nginx_best_connections: viaNginx.connections, hub_best_connections: viaHub.connections,
    direct_rps: direct.rps, direct_p50_ms: direct.p50_ms, direct_p99_ms: direct.p99_ms,
    nginx_rps: viaNginx.rps, nginx_p50_ms: viaNginx.p50_ms, nginx_p99_ms: viaNginx.p99_ms,
    hub_rps: viaHub.rps, hub_p50_ms: viaHub.p50_ms, hub_p99_ms: viaHub.p99_ms,
    node_proxy_rps: viaFloor.rps, node_proxy_log_rps: viaFloorLog.rps,
    hub_vs_nginx: Math.round((viaHub.rps / viaNginx.rps) * 1000) / 1000,
    half_load_rate: rate, half_load_connections: HALF_CONNECTIONS, half_load_rounds: HALF_ROUNDS,
    direct_p50_ms_at_half_load: half('direct', (x) => x.result.p50_ms), nginx_p50_ms_at_half_load: half('nginx', (x) => x.result.p50_ms), hub_p50_ms_at_half_load: half('hub', (x) => x.result.p50_ms),
    direct_p99_ms_at_half_load: half('direct', (x) => x.result.p99_ms), nginx_p99_ms_at_half_load: half('nginx', (x) => x.result.p99_ms), hub_p99_ms_at_half_load: half('hub', (x) => x.result.p99_ms),
    node_proxy_p50_ms_at_half_load: half('node-proxy', (x) => x.result.p50_ms), node_proxy_log_p50_ms_at_half_load: half('node-proxy+log', (x) => x.result.p50_ms),
    node_proxy_p99_ms_at_half_load: half('node-proxy', (x) => x.result.p99_ms), node_proxy_log_p99_ms_at_half_load: half('node-proxy+log', (x) => x.result.p99_ms),
    hub_added_p99_ms_at_half_load: Math.round((half('hub', (x) => x.result.p99_ms) - half('direct', (x) => x.result.p99_ms)) * 1000) / 1000,
    floor_added_p99_ms_at_half_load: Math.round((half('node-proxy+log', (x) => x.result.p99_ms) - half('direct', (x) => x.result.p99_ms)) * 1000) / 1000,
    hub_before_audit_p50_ms_at_half_load: half('hub', (x) => x.before_audit_p50_ms), hub_before_audit_p99_ms_at_half_load: half('hub', (x) => x.before_audit_p99_ms),
    late_sends_at_half_load: halfRounds.reduce((n, x) => n + x.result.late_sends, 0),
    audit_append_ms_unnamed: appendCost.unnamed_ms, audit_append_ms_prepared: appendCost.prepared_ms,
    non2xx: rounds.reduce((n, r) => n + r.result.non2xx, 0) + halfRounds.reduce((n, x) => n + x.result.non2xx, 0),
    rounds: rounds.map((r) => ({ config: r.config, connections: r.connections, rps: r.result.rps, p50_ms: r.result.p50_ms, p99_ms: r.result.p99_ms })),
    half_load: halfRounds.map((x) => ({ round: x.round, config: x.config, rps: x.result.rps, p50_ms: x.result.p50_ms, p99_ms: x.result.p99_ms, late_sends: x.result.late_sends, ...x.cpu, ...(x.before_audit_p50_ms === undefined ? {} : { before_audit_p50_ms: x.before_audit_p50_ms, before_audit_p99_ms: x.before_audit_p99_ms }) })),
    audit_entries_written: audited,
    hub_rss_mb_after: hub.rssMb(),
  };
  Object.assign(result, { fsync_ms: fsyncMs(dataDirectory) });
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(new URL('./results/hub.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
  await writeFile(new URL('./hub.md', import.meta.url), report(result as typeof result & { fsync_ms: number | null }));
  console.log(JSON.stringify(result, null, 2));
} finally {
  await cleanup();
}

async function cleanup(): Promise<void> {
  await nginx.stop();
  await floor.stop();
  await floorLog.stop();
  await npdb.stop();
  await hub.stop();
  await dropScratchDatabase(admin, hubDbUrl).catch(() => undefined);
  await dropScratchDatabase(admin, npdbDbUrl).catch(() => undefined);
  await dropScratchDatabase(admin, floorDbUrl).catch(() => undefined);
}
