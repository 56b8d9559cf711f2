/**
 * Transparency-log benchmark (issue 4), on PostgreSQL, checkpoints every second:
 *
 *   1. appends: group-committed audit appends (the hub's own writer and statement) while the
 *      integrator runs on its one-second cadence in the same process, as in a hub:
 *        a. closed loop, as fast as it goes: sustained appends/s, and whether integration keeps up;
 *        b. open loop at a fixed offered rate (default 5,000/s): integration lag p50/p99, measured
 *           from the commit of each entry to the commit of the first checkpoint that covers it;
 *   2. proofs at 10M: 10,000,000 entries bulk-created with COPY, integrated by the real integrator
 *      (its catch-up rate is measured), then inclusion-proof latency from the library (cold and
 *      warm tile cache) and over HTTP from a hub process (sequential latency, wrk throughput);
 *   2b. cost: the integrator's CPU per entry, measured directly (this process and its own
 *      PostgreSQL backend), which a shared machine's noise cannot blur;
 *   3. hub: the hub benchmark (wrk against NPDB verify through the hub) with tree integration and
 *      checkpoints on, then off (NDXP_LOG_INTEGRATION=false; entries stay durable), alternating,
 *      with requests/s and CPU milliseconds per request (hub process + its PostgreSQL backends).
 *
 * Needs PostgreSQL (NDXP_BENCH_POSTGRES_URL or NDXP_TEST_POSTGRES_URL, an admin URL) and wrk.
 * BENCH_PHASES=appends,proofs,cost,hub picks phases. Writes bench/results/ledger.json; the readable
 * report is bench/ledger.md. Not part of `npm test`.
 */
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { randomBytes, createHmac } from 'node:crypto';
import { systemClock } from '@ndxp/core';
import { createScratchDatabase, dropScratchDatabase, loadMigrations, migrate, openPostgres, type Db } from '@ndxp/db';
import { canonicalEntry, type AuditEntry } from '@ndxp/hub/audit/audit-entry';
import { createAuditWriter } from '@ndxp/hub/audit/audit-writer';
import { appendEntries } from '@ndxp/hub/audit/append-entries';
import { ensureLogIdentity } from '@ndxp/hub/log/ensure-log-identity';
import { createLogIntegrator } from '@ndxp/hub/log/log-integrator';
import { getInclusionProof } from '@ndxp/hub/log/get-inclusion-proof';
import { TileCache } from '@ndxp/hub/log/db-tile-reader';
import { readLogTree } from '@ndxp/hub/log/read-log-tree';
import { bytesEqual, decodeBase64, encodeUtf8, hashLeaf, openCheckpoint, noteVerifiers, parseVerifierKey, verifyInclusion } from '@ndxp/ledger';
import { registerNpdbConsumer } from './lib/register-npdb-consumer.ts';
import { startChild } from './lib/child.ts';
import { machine } from './lib/machine.ts';
import { runWrk, type WrkRequest, type WrkResult } from './lib/wrk.ts';

const admin = process.env['NDXP_BENCH_POSTGRES_URL'] ?? process.env['NDXP_TEST_POSTGRES_URL'] ?? 'postgres://ndxp:ndxp-ci@127.0.0.1:5432/postgres';
const PHASES = new Set((process.env['BENCH_PHASES'] ?? 'appends,proofs,cost,hub').split(','));
const APPEND_SECONDS = Number(process.env['BENCH_APPEND_SECONDS'] ?? 30);
const APPENDERS = Number(process.env['BENCH_APPENDERS'] ?? 512);
const OFFERED_RATE = Number(process.env['BENCH_OFFERED_RATE'] ?? 5000);
const BIG = Number(process.env['BENCH_BIG_ENTRIES'] ?? 10_000_000);
const HUB_SECONDS = Number(process.env['BENCH_SECONDS'] ?? 15);
const HUB_ROUNDS = Number(process.env['BENCH_HUB_ROUNDS'] ?? 3);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const PEOPLE = Number(process.env['BENCH_PEOPLE'] ?? 20_000);
// The hub's default integration cadence (NDXP_LOG_INTERVAL_MS): half the one-second promise.
const CHECKPOINT_INTERVAL_MS = 500;
const KEK = Buffer.alloc(32, 7);
const SUBJECT_KEY = Buffer.alloc(32, 9);
const ORIGIN = 'bench.ndxp.test/log';
const MIGRATIONS = new URL('../packages/hub/src/migrations/', import.meta.url);
const RESULTS = new URL('./results/ledger.json', import.meta.url);

const round = (x: number, digits = 1): number => Math.round(x * 10 ** digits) / 10 ** digits;
const load = (): number[] => loadavg().map((l) => round(l, 2));
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}
/** CPU seconds (user + system) a process has used so far, from /proc (0 if it is gone). */
function cpuSeconds(pid: number): number {
  try {
    const fields = (readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1] ?? '').split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}
const log = (...args: unknown[]): void => console.log(new Date().toISOString().slice(11, 19), ...args);

/** A realistic entry: the shape the data plane writes (≈ 600 bytes of canonical JSON). */
function entry(n: number): AuditEntry {
  const pid = `0010990${String(n % 100_000).padStart(5, '0')}`;
  return {
    v: 1,
    time: new Date(Date.UTC(2026, 2, 2) + n).toISOString(),
    request_id: `7b0c${n.toString(16).padStart(12, '0')}-4f7e-9a8d-bench`,
    hub_instance: 'bench-hub:4242:a1b2c3',
    consumer: 'BTC/tax',
    service: 'BCA/npdb/citizen-verify/v1',
    method: 'POST',
    purpose: 'tax-registration',
    grant_id: '6f1e1f4e-2b8a-4c55-9d61-5b0e8e3f9a10',
    legal_basis: 'Luật Quản lý thuế 38/2019/QH14',
    fields: ['/match', '/fields', '/deceased'],
    status: 200,
    provider_status: 200,
    error_code: null,
    latency_us: 2000 + (n % 5000),
    request_sha256: createHmac('sha256', 'req').update(String(n)).digest('hex'),
    response_sha256: createHmac('sha256', 'res').update(String(n)).digest('hex'),
    subject_hmac: createHmac('sha256', SUBJECT_KEY).update(pid).digest('hex'),
    subject_key_id: 'hs-2e6c1f0d3b7a9e41',
  };
}

async function freshLogDb(max = 10): Promise<{ db: Db; url: string }> {
  const url = await createScratchDatabase(admin);
  const db = await openPostgres({ url, max });
  await migrate(db, await loadMigrations(MIGRATIONS));
  await ensureLogIdentity(db, { origin: ORIGIN, kek: KEK, nowMs: Date.now(), signers: new Map() });
  return { db, url };
}

const results: Record<string, unknown> = await readFile(RESULTS, 'utf8').then((t) => JSON.parse(t) as Record<string, unknown>, () => ({}));
const m = machine();
Object.assign(results, { cores: m.cores, cpu: m.cpu, memory_gb: m.memory_gb, node: m.node, checkpoint_interval_ms: CHECKPOINT_INTERVAL_MS });
/** Write what is known so far: a later phase failing does not lose the earlier ones. */
async function save(): Promise<void> {
  results['finished_at'] = new Date().toISOString();
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(RESULTS, JSON.stringify(results, null, 2) + '\n');
}
const pgVersion = async (db: Db): Promise<string> => String((await db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v ?? '');
{
  const server = await openPostgres({ url: admin, max: 1 });
  results['postgres'] = await pgVersion(server);
  results['postgres_settings'] = Object.fromEntries((await server.query<{ name: string; setting: string }>(
    "SELECT name, setting FROM pg_settings WHERE name IN ('shared_buffers', 'synchronous_commit', 'fsync', 'wal_sync_method', 'jit')",
  )).rows.map((r) => [r.name, r.setting]));
  await server.close();
}

// ---- 1. appends -------------------------------------------------------------------------------

interface AppendRun {
  readonly appended: number;
  readonly seconds: number;
  readonly appendsPerS: number;
  readonly integratedPerS: number;
  readonly backlogAtEnd: number;
  readonly lagP50: number;
  readonly lagP99: number;
  readonly lagMax: number;
  readonly checkpoints: number;
  readonly maxCheckpointGapMs: number;
  readonly checkpointGapP50Ms: number;
  readonly appendP99Ms: number;
  /** Appends refused by the writer (fail closed). */
  readonly refused: number;
}

/**
 * Append for `seconds`, either closed loop (`rate` undefined: `APPENDERS` concurrent appenders,
 * each waiting for durability before the next) or open loop at `rate` entries/s. The integrator
 * runs alongside on a one-second cadence. Lag = checkpoint commit − entry commit, per entry.
 */
async function appendRun(rate: number | undefined, seconds: number): Promise<AppendRun> {
  const { db, url } = await freshLogDb(12);
  results['postgres'] = await pgVersion(db);
  const checkpoints: { size: number; at: number }[] = [];
  const integrator = createLogIntegrator({ db, origin: ORIGIN, kek: KEK, clock: systemClock, intervalMs: CHECKPOINT_INTERVAL_MS, onCheckpoint: (c) => checkpoints.push({ size: c.size, at: performance.now() }) });
  const writer = createAuditWriter({ db, maxBatch: 512 });
  const committed: number[] = []; // commit time by seq
  const appendLatency: number[] = [];
  let n = 0;
  let refused = 0;
  const one = async (): Promise<void> => {
    const t0 = performance.now();
    try {
      const seq = await writer.append(entry(n++));
      const t = performance.now();
      committed[seq] = t;
      appendLatency.push(t - t0);
    } catch {
      // AUDIT_UNAVAILABLE (fail closed, e.g. a flush slower than 2 s): the hub would refuse the
      // exchange. Counted, not hidden.
      refused++;
    }
  };
  integrator.start();
  const start = performance.now();
  const end = start + seconds * 1000;
  if (rate === undefined) {
    await Promise.all(Array.from({ length: APPENDERS }, async () => {
      while (performance.now() < end) await one();
    }));
  } else {
    // Open loop: every 10 ms, the entries due by now (no coordinated omission: late ticks catch up).
    const pending: Promise<void>[] = [];
    let issued = 0;
    while (performance.now() < end) {
      const due = Math.floor(((performance.now() - start) / 1000) * rate);
      for (; issued < due; issued++) pending.push(one());
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(pending);
  }
  const appendEnd = performance.now();
  // Entries acknowledged as durable; a timed-out flush may still commit later, so the log's own
  // size is what the integrator must reach.
  const appended = committed.filter((x) => x !== undefined).length;
  await writer.close();
  const logged = Number((await db.query<{ n: number }>('SELECT next_seq AS n FROM audit_log_state')).rows[0]?.n ?? 0);
  // Let the integrator cover the tail, then stop it.
  const backlogAtEnd = logged - (checkpoints.at(-1)?.size ?? 0);
  while ((checkpoints.at(-1)?.size ?? 0) < logged) await new Promise((r) => setTimeout(r, 50));
  await integrator.stop();
  const lags: number[] = [];
  let c = 0;
  for (let seq = 0; seq < logged; seq++) {
    while ((checkpoints[c]?.size ?? Infinity) <= seq) c++;
    const cp = checkpoints[c];
    if (cp !== undefined && committed[seq] !== undefined) lags.push(cp.at - (committed[seq] as number));
  }
  lags.sort((a, b) => a - b);
  appendLatency.sort((a, b) => a - b);
  // Size growth inside the measured window only.
  const inWindow = checkpoints.filter((cp) => cp.at <= appendEnd);
  const first = inWindow[0];
  const last = inWindow.at(-1);
  const integratedPerS = first !== undefined && last !== undefined && last.at > first.at ? (last.size - first.size) / ((last.at - first.at) / 1000) : 0;
  const gaps = inWindow.slice(1).map((cp, i) => cp.at - (inWindow[i] as { at: number }).at);
  const tree = await readLogTree(db);
  if (tree.size !== logged) throw new Error(`tree size ${tree.size} != log size ${logged}`);
  await db.close();
  await dropScratchDatabase(admin, url);
  return {
    appended,
    seconds: round((appendEnd - start) / 1000, 2),
    appendsPerS: round(appended / ((appendEnd - start) / 1000)),
    integratedPerS: round(integratedPerS),
    backlogAtEnd,
    lagP50: round(percentile(lags, 50)),
    lagP99: round(percentile(lags, 99)),
    lagMax: round(lags.at(-1) ?? 0),
    checkpoints: checkpoints.length,
    maxCheckpointGapMs: round(Math.max(0, ...gaps)),
    checkpointGapP50Ms: round(percentile([...gaps].sort((a, b) => a - b), 50)),
    appendP99Ms: round(percentile(appendLatency, 99), 2),
    refused,
  };
}

if (PHASES.has('appends')) {
  const before = load();
  log('appends: closed loop', { appenders: APPENDERS, seconds: APPEND_SECONDS, load: before });
  const closed = await appendRun(undefined, APPEND_SECONDS);
  log('appends: closed loop', closed);
  log('appends: open loop', { rate: OFFERED_RATE, seconds: APPEND_SECONDS, load: load() });
  const open = await appendRun(OFFERED_RATE, APPEND_SECONDS);
  log('appends: open loop', open);
  Object.assign(results, {
    appends_per_s: closed.appendsPerS,
    appends_integrated_per_s: closed.integratedPerS,
    appends_closed_loop: { appenders: APPENDERS, ...closed },
    integration_lag_p99_ms: open.lagP99,
    integration_lag_p50_ms: open.lagP50,
    integration_lag_offered_rate: OFFERED_RATE,
    appends_open_loop: { rate: OFFERED_RATE, ...open },
    appends_load_avg_before: before,
    appends_load_avg_after: load(),
    appends_at: new Date().toISOString(),
  });
  await save();
}

// ---- 2. proofs at 10M ---------------------------------------------------------------------------

if (PHASES.has('proofs')) {
  const { db, url } = await freshLogDb(10);
  results['postgres'] = await pgVersion(db);
  try {
    // Bulk-create the entries with COPY (secondary indexes built afterwards, as a bulk load would).
    await db.exec('DROP INDEX audit_log_subject; DROP INDEX audit_log_link');
    const esc = (s: string): string => s.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n');
    async function* rows(): AsyncGenerator<string> {
      for (let i = 0; i < BIG; i++) {
        const e = entry(i);
        yield `${i}\t${e.time}\t${e.request_id}\t${e.hub_instance}\t${e.consumer}\t${e.service}\t${e.method}\t${e.purpose}\t${e.grant_id}\t${e.status}\t\\N\t${e.latency_us}\t${e.request_sha256}\t${e.response_sha256}\t\\\\x${e.subject_hmac}\t${e.subject_key_id}\t${esc(canonicalEntry(e))}\n`;
        if (i % 1_000_000 === 999_999) log(`copy: ${i + 1} rows`);
      }
    }
    let t0 = performance.now();
    log('proofs: COPY', BIG, 'entries', { load: load() });
    await db.copyFrom('audit_log', ['seq', 'at', 'request_id', 'hub_instance', 'consumer_id', 'service_id', 'method', 'purpose', 'grant_id', 'status', 'error_code', 'latency_us', 'request_sha256', 'response_sha256', 'subject_hmac', 'subject_key_id', 'entry'], rows());
    await db.query('UPDATE audit_log_state SET next_seq = $1', [BIG]);
    const copySeconds = (performance.now() - t0) / 1000;
    t0 = performance.now();
    await db.exec(`CREATE INDEX audit_log_subject ON audit_log (subject_hmac, seq) WHERE subject_hmac IS NOT NULL;
      CREATE INDEX audit_log_link ON audit_log (service_id, consumer_id, at); ANALYZE audit_log`);
    const indexSeconds = (performance.now() - t0) / 1000;
    log('proofs: copied', { copySeconds: round(copySeconds), indexSeconds: round(indexSeconds) });

    // The real integrator catches up on the whole backlog.
    t0 = performance.now();
    let lastLog = t0;
    const integrator = createLogIntegrator({
      db, origin: ORIGIN, kek: KEK, clock: systemClock, intervalMs: CHECKPOINT_INTERVAL_MS,
      onCheckpoint: (c) => {
        if (performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          log(`integrated ${c.size} (${round(c.size / ((lastLog - t0) / 1000))}/s)`, { load: load() });
        }
      },
    });
    const caught = await integrator.integrate();
    const integrateSeconds = (performance.now() - t0) / 1000;
    log('proofs: integrated', { size: caught.size, seconds: round(integrateSeconds), perS: round(BIG / integrateSeconds), checkpoints: caught.checkpoints.length, load: load() });
    await db.query('VACUUM ANALYZE log_leaves');
    await db.query('VACUUM ANALYZE log_nodes');
    const sizes = (await db.query<{ table: string; bytes: number }>(
      "SELECT relname AS table, pg_total_relation_size(oid)::int8 AS bytes FROM pg_class WHERE relname IN ('audit_log', 'log_leaves', 'log_nodes', 'log_checkpoints')",
    )).rows.map((r) => [r.table, Math.round(Number(r.bytes) / 2 ** 20)]);
    log('proofs: table sizes (MB)', Object.fromEntries(sizes));

    // Library-level latency: one proof per call, a fresh tile cache (cold) or a shared one (warm).
    const keys = noteVerifiers((await db.query<{ verifier_key: string }>('SELECT verifier_key FROM log_keys')).rows.map((r) => parseVerifierKey(r.verifier_key)));
    const measure = async (cache: () => TileCache, n: number): Promise<{ p50: number; p99: number }> => {
      const times: number[] = [];
      for (let i = 0; i < n; i++) {
        const index = randomBytes(4).readUInt32BE() % BIG;
        const t = performance.now();
        const p = await getInclusionProof(db, { index }, undefined, cache());
        times.push(performance.now() - t);
        if (i < 20) {
          const root = openCheckpoint(p.checkpoint as string, keys).checkpoint.rootHash;
          const leaf = hashLeaf(encodeUtf8(canonicalEntry(entry(index))));
          if (!bytesEqual(leaf, p.leafHash) || !verifyInclusion({ index, size: p.treeSize, leafHash: leaf, proof: p.proof, rootHash: root })) throw new Error(`proof for ${index} does not verify`);
        }
      }
      times.sort((a, b) => a - b);
      return { p50: round(percentile(times, 50), 2), p99: round(percentile(times, 99), 2) };
    };
    const cold = await measure(() => new TileCache(512), 1000);
    const shared = new TileCache(4096);
    await measure(() => shared, 1000);
    const warm = await measure(() => shared, 2000);
    log('proofs: library', { cold, warm });

    // Over HTTP from a hub process on this database.
    const port = 18590;
    const hub = await startChild(new URL('./proc/hub.ts', import.meta.url), {
      DATABASE_URL: url, PORT: String(port), NDXP_HUB_ISSUER: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn', NDXP_HUB_KEK: KEK.toString('base64'),
      NDXP_AUDIT_SUBJECT_KEY: SUBJECT_KEY.toString('base64'), NDXP_LOG_ORIGIN: ORIGIN, NDXP_LOG_INTEGRATION: 'false',
    });
    try {
      const times: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const index = randomBytes(4).readUInt32BE() % BIG;
        const t = performance.now();
        const res = await fetch(`${hub.url}/log/v1/proof/inclusion?index=${index}`);
        const body = await res.json() as { proof: string[]; tree_size: number; leaf_hash: string };
        times.push(performance.now() - t);
        if (res.status !== 200 || body.tree_size !== BIG) throw new Error(`proof request failed: ${res.status}`);
        if (i < 5 && !bytesEqual(decodeBase64(body.leaf_hash), hashLeaf(encodeUtf8(canonicalEntry(entry(index)))))) throw new Error('wrong leaf');
      }
      times.sort((a, b) => a - b);
      const reqs: WrkRequest[] = Array.from({ length: 1000 }, () => ({ method: 'GET', path: `/log/v1/proof/inclusion?index=${randomBytes(4).readUInt32BE() % BIG}` }));
      const wrk = await runWrk({ baseUrl: hub.url, requests: reqs, connections: 16, durationSeconds: 10 });
      log('proofs: http', { p50: percentile(times, 50), p99: percentile(times, 99), wrk });
      Object.assign(results, {
        inclusion_proof_ms_at_10m: round(percentile(times, 50), 2),
        inclusion_proof_p99_ms_at_10m: round(percentile(times, 99), 2),
        inclusion_proof_http_rps_at_10m: wrk.rps,
        inclusion_proof_http_wrk_p99_ms_at_10m: wrk.p99_ms,
        inclusion_proof_library_cold_ms_at_10m: cold,
        inclusion_proof_library_warm_ms_at_10m: warm,
        big_entries: BIG,
        big_copy_seconds: round(copySeconds),
        big_index_seconds: round(indexSeconds),
        big_integrate_seconds: round(integrateSeconds),
        integration_catch_up_per_s: round(BIG / integrateSeconds),
        big_table_mb: Object.fromEntries(sizes),
        proofs_load_avg: load(),
        proofs_at: new Date().toISOString(),
      });
      await save();
    } finally {
      await hub.stop();
    }
  } finally {
    await db.close();
    await dropScratchDatabase(admin, url).catch(() => undefined);
  }
}

// ---- 2b. direct cost of integration per entry -----------------------------------------------

/**
 * What integrating one entry costs, measured directly rather than as a difference of two noisy
 * throughput runs: rounds of 1,000 fresh entries, nothing else running in this process; CPU of
 * this process during each round (the hub's share) and of the integrator's own PostgreSQL backend
 * (one connection, so its pid is known).
 */
if (PHASES.has('cost')) {
  const { db: writerDb, url } = await freshLogDb(2);
  const db = await openPostgres({ url, max: 1 });
  try {
    const backend = Number((await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]?.pid);
    const integrator = createLogIntegrator({ db, origin: ORIGIN, kek: KEK, clock: systemClock, intervalMs: 0 });
    let n = 0;
    let hubUs = 0;
    let pgS = 0;
    let entries = 0;
    for (let r = 0; r < 40; r++) {
      const texts = Array.from({ length: 1000 }, () => canonicalEntry(entry(n++)));
      for (let i = 0; i < texts.length; i += 250) await appendEntries(writerDb, texts.slice(i, i + 250));
      const c0 = process.cpuUsage();
      const p0 = cpuSeconds(backend);
      await integrator.integrate();
      const d = process.cpuUsage(c0);
      if (r >= 10) {
        hubUs += d.user + d.system;
        pgS += cpuSeconds(backend) - p0;
        entries += 1000;
      }
    }
    const hubPerEntry = hubUs / entries;
    const pgPerEntry = (pgS * 1e6) / entries;
    log('cost per entry', { hubUs: round(hubPerEntry, 2), pgUs: round(pgPerEntry, 2) });
    Object.assign(results, { integration_hub_cpu_us_per_entry: round(hubPerEntry, 2), integration_pg_cpu_us_per_entry: round(pgPerEntry, 2), cost_load_avg: load(), cost_at: new Date().toISOString() });
    await save();
  } finally {
    await db.close();
    await writerDb.close();
    await dropScratchDatabase(admin, url).catch(() => undefined);
  }
}

// ---- 3. hub with the tree on and off ---------------------------------------------------------

interface HubRun extends WrkResult {
  readonly audited: number;
  readonly checkpoints: number;
  readonly load: number[];
  /** CPU milliseconds per request: the hub process, and the PostgreSQL backends serving the hub's database. */
  readonly hubCpuMsPerRequest: number;
  readonly pgCpuMsPerRequest: number;
}

async function hubPeak(integration: boolean): Promise<HubRun> {
  const hubDbUrl = await createScratchDatabase(admin);
  const npdbDbUrl = await createScratchDatabase(admin);
  // Ports apart from bench/hub.bench.ts (1848x), which others may run at the same time.
  const HUB_PORT = 18580;
  const issuer = `http://127.0.0.1:${HUB_PORT}`;
  const hub = await startChild(new URL('./proc/hub.ts', import.meta.url), {
    DATABASE_URL: hubDbUrl, PORT: String(HUB_PORT), NDXP_HUB_ISSUER: issuer, NDXP_DEMO: 'true', LOG_LEVEL: 'warn',
    NDXP_HUB_KEK: KEK.toString('base64'), NDXP_AUDIT_SUBJECT_KEY: SUBJECT_KEY.toString('base64'), DATABASE_POOL_SIZE: '10',
    NDXP_LOG_INTEGRATION: String(integration), NDXP_LOG_INTERVAL_MS: String(CHECKPOINT_INTERVAL_MS),
  });
  const npdb = await startChild(new URL('./proc/npdb.ts', import.meta.url), {
    DATABASE_URL: npdbDbUrl, PORT: '18582', NPDB_SEED_ON_START: 'true', NPDB_SEED_COUNT: String(PEOPLE), LOG_LEVEL: 'warn', BENCH_HUB_URL: issuer,
  });
  try {
    const { token } = await registerNpdbConsumer(hub.url, npdb.url);
    const npdbDb = await openPostgres({ url: npdbDbUrl, max: 1 });
    const people = (await npdbDb.query<{ personal_id: string; full_name: string; date_of_birth: string }>('SELECT personal_id, full_name, date_of_birth FROM citizens ORDER BY personal_id LIMIT 200')).rows;
    await npdbDb.close();
    const requests: WrkRequest[] = people.map((p) => ({
      method: 'POST', path: '/x/BCA/npdb/citizen-verify/v1/v1/citizens/verify', body: JSON.stringify({ personal_id: p.personal_id, full_name: p.full_name, date_of_birth: p.date_of_birth }),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-ndxp-purpose': 'tax-registration' },
    }));
    const first = requests[0] as WrkRequest;
    const check = await fetch(hub.url + first.path, { method: 'POST', headers: first.headers, body: first.body });
    if (check.status !== 200) throw new Error(`hub answered ${check.status}: ${await check.text()}`);
    await runWrk({ baseUrl: hub.url, requests, connections: CONNECTIONS, durationSeconds: 3 });
    const during = load();
    // CPU used per request is what the tree costs, whatever else the shared machine is doing;
    // requests per second also depend on how much CPU the other tenants leave us.
    const hubName = new URL(hubDbUrl).pathname.slice(1);
    const admin1 = await openPostgres({ url: admin, max: 1 });
    const backends = (await admin1.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = $1', [hubName])).rows.map((x) => x.pid);
    const pgCpu = (): number => backends.reduce((sum, pid) => sum + cpuSeconds(pid), 0);
    const hubCpu0 = cpuSeconds(hub.process.pid as number);
    const pgCpu0 = pgCpu();
    const r = await runWrk({ baseUrl: hub.url, requests, connections: CONNECTIONS, durationSeconds: HUB_SECONDS });
    const hubCpuMsPerRequest = round(((cpuSeconds(hub.process.pid as number) - hubCpu0) * 1000) / Math.max(1, r.requests), 3);
    const pgCpuMsPerRequest = round(((pgCpu() - pgCpu0) * 1000) / Math.max(1, r.requests), 3);
    await admin1.close();
    // Entries are durable in both modes; with the tree on, the integrator must have covered them.
    await new Promise((res) => setTimeout(res, 2500));
    const hubDb = await openPostgres({ url: hubDbUrl, max: 1 });
    const audited = Number((await hubDb.query<{ n: number }>('SELECT count(*)::int8 AS n FROM audit_log')).rows[0]?.n ?? 0);
    const tree = await readLogTree(hubDb);
    const checkpoints = Number((await hubDb.query<{ n: number }>('SELECT count(*)::int8 AS n FROM log_checkpoints')).rows[0]?.n ?? 0);
    await hubDb.close();
    if (integration && tree.size !== audited) throw new Error(`tree ${tree.size} behind the audit log ${audited}`);
    if (!integration && tree.size !== 0) throw new Error('integration was supposed to be off');
    return { ...r, audited, checkpoints, load: during, hubCpuMsPerRequest, pgCpuMsPerRequest };
  } finally {
    await npdb.stop();
    await hub.stop();
    await dropScratchDatabase(admin, hubDbUrl).catch(() => undefined);
    await dropScratchDatabase(admin, npdbDbUrl).catch(() => undefined);
  }
}

if (PHASES.has('hub')) {
  const on: HubRun[] = [];
  const off: HubRun[] = [];
  for (let i = 0; i < HUB_ROUNDS; i++) {
    for (const integration of i % 2 === 0 ? [true, false] : [false, true]) {
      const r = await hubPeak(integration);
      log(`hub, tree ${integration ? 'on ' : 'off'}:`, { rps: r.rps, p50: r.p50_ms, p99: r.p99_ms, non2xx: r.non2xx, audited: r.audited, checkpoints: r.checkpoints, load: r.load, hubCpuMsPerRequest: r.hubCpuMsPerRequest, pgCpuMsPerRequest: r.pgCpuMsPerRequest });
      (integration ? on : off).push(r);
    }
  }
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const median = (xs: readonly number[]): number => percentile([...xs].sort((a, b) => a - b), 50);
  const withTree = mean(on.map((r) => r.rps));
  const entriesOnly = mean(off.map((r) => r.rps));
  const cpuOn = mean(on.map((r) => r.hubCpuMsPerRequest + r.pgCpuMsPerRequest));
  const cpuOff = mean(off.map((r) => r.hubCpuMsPerRequest + r.pgCpuMsPerRequest));
  const run = (r: HubRun) => ({ rps: r.rps, p50_ms: r.p50_ms, p99_ms: r.p99_ms, non2xx: r.non2xx, audited: r.audited, checkpoints: r.checkpoints, hub_cpu_ms_per_request: r.hubCpuMsPerRequest, pg_cpu_ms_per_request: r.pgCpuMsPerRequest, load_avg: r.load });
  Object.assign(results, {
    hub_rps_with_tree: round(withTree),
    hub_rps_entries_only: round(entriesOnly),
    hub_rps_with_tree_median: round(median(on.map((r) => r.rps))),
    hub_rps_entries_only_median: round(median(off.map((r) => r.rps))),
    hub_tree_cost_pct: round((1 - withTree / entriesOnly) * 100),
    hub_and_pg_cpu_ms_per_request_with_tree: round(cpuOn, 3),
    hub_and_pg_cpu_ms_per_request_entries_only: round(cpuOff, 3),
    hub_tree_cpu_cost_pct: round((cpuOn / cpuOff - 1) * 100),
    hub_at: new Date().toISOString(),
    hub_runs: { connections: CONNECTIONS, duration_s: HUB_SECONDS, people: PEOPLE, with_tree: on.map(run), entries_only: off.map(run) },
  });
  await save();
}

await save();
console.log(JSON.stringify(results, null, 2));
