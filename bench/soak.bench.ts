/**
 * Soak (issue 7): the hub at 70% of its measured peak for 10 minutes, on its own PostgreSQL.
 * Memory must stay flat, latency must stay flat, and there must be no errors; afterwards every
 * entry is in the log and the log verifies.
 *
 * 1. a private PostgreSQL (initdb in a temp dir), one hub process on it, a provider behind
 *    hubGuard, everything registered through the hub's API;
 * 2. peak: wrk, closed loop, `SOAK_CONNECTIONS` connections for `SOAK_PEAK_SECONDS`;
 * 3. soak: wrk at 70% of that rate, open loop (sends paced on a clock schedule, bench/lib/wrk.ts,
 *    over `SOAK_PACED_CONNECTIONS` connections so one is always free), in `SOAK_WINDOW_SECONDS`
 *    windows back to back for `SOAK_MINUTES`; after each window the hub's resident memory (from /proc), the
 *    window's latency percentiles and sends that missed their slot, and what the database did
 *    meanwhile (checkpoints, autovacuum runs on the audit log, entries not yet in the Merkle log);
 * 4. the log: dense, the size equal to the requests wrk saw answered, `ndxp log verify` passes;
 * 5. the verdict, from each figure's trend across the windows (bench/lib/trend.ts).
 *
 * Needs wrk and PostgreSQL 15 binaries (Debian). Writes bench/results/soak.json and bench/soak.md
 * (`--render` rebuilds them from the JSON; SOAK_PG_DIR, an experiment, writes soak-pg-tmpfs.*).
 * Run: `npx tsx bench/soak.bench.ts` (about 12 minutes).
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openPostgres, type Queryable } from '@ndxp/db';
import { accessToken, CALL_PATH, logDensity, PURPOSE, registerPlatform, startHubChild, verifyLogOf, waitForCheckpoint } from './faults/support/cluster.ts';
import { createDatabase, startPrivatePostgres } from './faults/support/private-postgres.ts';
import { machine } from './lib/machine.ts';
import { pidsOf, processCpuMs, reapedChildrenCpuMs, snapshot, usedBetween } from './lib/process-cpu.ts';
import { courseOf, pearson, type Course } from './lib/trend.ts';
import { runWrk, type WrkResult } from './lib/wrk.ts';

const MINUTES = Number(process.env['SOAK_MINUTES'] ?? 10);
// 30-second windows: twenty points give a trend an interval narrow enough to mean something, and
// each still holds ~45,000 requests, plenty for its own p99.
const WINDOW_SECONDS = Number(process.env['SOAK_WINDOW_SECONDS'] ?? 30);
const WINDOWS = Math.max(3, Math.round((MINUTES * 60) / WINDOW_SECONDS));
const PEAK_SECONDS = Number(process.env['SOAK_PEAK_SECONDS'] ?? 20);
const CONNECTIONS = Number(process.env['SOAK_CONNECTIONS'] ?? 32);
const PACED_CONNECTIONS = Number(process.env['SOAK_PACED_CONNECTIONS'] ?? 128);
const LOAD = Number(process.env['SOAK_LOAD'] ?? 0.7);
// What "flat" means, fixed before the run: the trend carried over the whole soak moves resident
// memory by at most 5% and the p50 and p99 latency by at most 25% of their medians.
const MEMORY_DRIFT_PCT = 5;
const LATENCY_DRIFT_PCT = 25;

const round2 = (x: number): number => Math.round(x * 100) / 100;

const signed = (x: number): string => (x > 0 ? `+${x}` : String(x));
const describe = (c: Course, unit: string): string =>
  `${c.first_third} → ${c.last_third} ${unit} (first → last third), trend over the run ${signed(c.drift_pct)}% (95% interval ${signed(c.drift_pct_low)}% to ${signed(c.drift_pct_high)}%)`;

interface Window extends WrkResult, WindowActivity {
  /** The window's end, seconds into the soak. */
  readonly end_s: number;
  readonly hub_rss_mb: number;
  /** The provider runs in this process: its resident memory, so a drift there is not blamed on the hub. */
  readonly provider_rss_mb: number;
}

/** What PostgreSQL and the hub did during a window: the usual suspects when latency drifts. */
interface WindowActivity {
  readonly checkpoints: number;
  readonly audit_autovacuums: number;
  /** Write-ahead log written in the window, and how many full-page images it carried (after a checkpoint, the first change to a page logs the whole page). */
  readonly wal_mb: number;
  readonly wal_full_pages: number;
  /** Audit entries committed but not yet integrated into the Merkle log at the window's end. */
  readonly integration_backlog: number;
  /** The hub's event loop delay over the window (p99, max) and its audit flushes (mean, how many took over 100 ms). */
  readonly event_loop_p99_ms: number;
  readonly event_loop_max_ms: number;
  readonly flush_mean_ms: number;
  readonly slow_flushes: number;
  /** Entries per group commit, mean: a slower flush gathers more entries into the next one. */
  readonly entries_per_flush: number;
  /**
   * The same appends seen from inside PostgreSQL (pg_stat_statements): mean execution time and
   * shared blocks read per statement. If the hub's flush time grows while these stay flat, the
   * database is not what got slower.
   */
  readonly append_exec_mean_ms: number;
  readonly append_exec_us_per_entry: number;
  readonly append_blocks_read: number;
  /**
   * pg_stat_bgwriter.buffers_backend. In PostgreSQL 15 this counts every sync request a backend
   * forwards to the checkpointer (ForwardSyncRequest in checkpointer.c), relation extensions
   * included, and only reaches the view when the checkpointer absorbs the queue: it reads 0 until
   * the first checkpoint, then a steady count from the audit tables growing. A jump well above that
   * steady count is backends writing out dirty buffers for want of clean ones.
   */
  readonly backend_writes: number;
  /**
   * The disk's side of every commit: WAL flushes in the window and their mean duration. An audit
   * flush that takes long while the append itself ran fast inside PostgreSQL waited here (or for a CPU).
   */
  readonly wal_syncs: number;
  readonly wal_sync_mean_ms: number;
  /** Milliseconds of the window the hub's V8 spent collecting garbage: scavenges, and full (mark-compact) collections. */
  readonly hub_gc_minor_ms: number;
  readonly hub_gc_major_ms: number;
  /** Warnings and errors the hub logged during the window. */
  readonly hub_warnings: number;
  readonly hub_errors: number;
  /**
   * Share of the window in which some task on the machine waited for a CPU, or for I/O (Linux
   * pressure stall information, /proc/pressure): how saturated the machine itself was, whatever
   * its cause; null where the kernel does not report it.
   */
  readonly machine_cpu_pressure_pct: number | null;
  readonly machine_io_pressure_pct: number | null;
  /**
   * CPU ms per answered request, by process: the hub, the provider (it runs in this benchmark's
   * own process), every PostgreSQL process, and wrk. If these stay flat while latency climbs, the
   * platform is doing no more work per request than at the start: the machine has less to give.
   */
  readonly cpu_ms_per_request: { readonly hub: number; readonly provider: number; readonly postgres: number; readonly wrk: number };
  /** Share of the machine's CPU time left idle in the window, and taken by the hypervisor (steal), from /proc/stat. */
  readonly machine_idle_pct: number;
  readonly machine_steal_pct: number;
}

/** The machine's CPU time so far, in ticks: all of it, idle (with iowait) and stolen (/proc/stat, first line). */
function machineTicks(): { total: number; idle: number; steal: number } {
  const f = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal (guest time is already inside user)
  return { total: f.slice(0, 8).reduce((a, b) => a + b, 0), idle: (f[3] ?? 0) + (f[4] ?? 0), steal: f[7] ?? 0 };
}

/** Microseconds some task has stalled on `resource` since boot (the `some` line's total), or null. */
function stalledUs(resource: 'cpu' | 'io'): number | null {
  try {
    const m = /^some .*total=(\d+)$/m.exec(readFileSync(`/proc/pressure/${resource}`, 'utf8'));
    return m === null ? null : Number(m[1]);
  } catch {
    return null;
  }
}

const pressurePct = (before: number | null, after: number | null, windowMs: number): number | null =>
  before === null || after === null ? null : Math.round(((after - before) / 1000 / windowMs) * 1000) / 10;

/** From the hub's /metrics: the event loop's delay since the previous scrape (prom-client resets it) and audit flush totals. */
async function hubCounters(hubUrl: string): Promise<{ lagP99Ms: number; lagMaxMs: number; flushes: number; flushSeconds: number; slowFlushes: number; batchedEntries: number; batches: number; gcMinorMs: number; gcMajorMs: number }> {
  const text = await (await fetch(`${hubUrl}/metrics`)).text();
  const value = (re: RegExp): number => Number(re.exec(text)?.[1] ?? Number.NaN);
  // prom-client's GC histogram: scavenges are "minor"; mark-sweep-compact and its incremental steps the rest.
  const gcMs = (kinds: readonly string[]): number =>
    kinds.reduce((a, kind) => a + (Number(new RegExp(`^ndxp_hub_nodejs_gc_duration_seconds_sum\\{kind="${kind}"\\} (\\S+)$`, 'm').exec(text)?.[1] ?? 0) * 1000), 0);
  const flushes = value(/^ndxp_audit_flush_duration_seconds_count\{outcome="ok"\} (\S+)$/m);
  return {
    lagP99Ms: Math.round(value(/^ndxp_hub_nodejs_eventloop_lag_p99_seconds (\S+)$/m) * 1e4) / 10,
    lagMaxMs: Math.round(value(/^ndxp_hub_nodejs_eventloop_lag_max_seconds (\S+)$/m) * 1e4) / 10,
    flushes,
    flushSeconds: value(/^ndxp_audit_flush_duration_seconds_sum\{outcome="ok"\} (\S+)$/m),
    slowFlushes: flushes - value(/^ndxp_audit_flush_duration_seconds_bucket\{le="0.1",outcome="ok"\} (\S+)$/m),
    batchedEntries: value(/^ndxp_audit_batch_size_sum (\S+)$/m),
    batches: value(/^ndxp_audit_batch_size_count (\S+)$/m),
    gcMinorMs: gcMs(['minor']),
    gcMajorMs: gcMs(['major', 'incremental', 'weakcb']),
  };
}

interface DatabaseCounters {
  checkpoints: number;
  autovacuums: number;
  backlog: number;
  walMb: number;
  fullPageImages: number;
  /** pg_stat_bgwriter.buffers_backend (see WindowActivity.backend_writes for what it counts). */
  backendWrites: number;
  /** The audit append statement, from pg_stat_statements: calls, total execution ms, shared blocks read from outside shared_buffers. */
  appendCalls: number;
  appendExecMs: number;
  appendBlocksRead: number;
  /** WAL flushes to disk (fdatasync) so far and the time they took, ms (track_wal_io_timing). */
  walSyncs: number;
  walSyncMs: number;
}

async function databaseCounters(q: Queryable): Promise<DatabaseCounters> {
  const { rows } = await q.query<{ checkpoints: number; autovacuums: number; backlog: number; wal_bytes: number; wal_fpi: number; wal_sync: number; wal_sync_ms: number; backend_writes: number; calls: number; exec_ms: number; blks_read: number }>(
    `SELECT (SELECT checkpoints_timed + checkpoints_req FROM pg_stat_bgwriter)::int8 AS checkpoints,
            (SELECT wal_sync FROM pg_stat_wal)::int8 AS wal_sync, (SELECT wal_sync_time FROM pg_stat_wal)::float8 AS wal_sync_ms,
            (SELECT buffers_backend FROM pg_stat_bgwriter)::int8 AS backend_writes,
            (SELECT wal_bytes FROM pg_stat_wal)::int8 AS wal_bytes, (SELECT wal_fpi FROM pg_stat_wal)::int8 AS wal_fpi,
            (SELECT coalesce(sum(autovacuum_count + autoanalyze_count), 0) FROM pg_stat_user_tables
              WHERE relid IN (SELECT inhrelid FROM pg_inherits WHERE inhparent = 'audit_log'::regclass))::int8 AS autovacuums,
            ((SELECT next_seq FROM audit_log_state) - (SELECT size FROM log_tree))::int8 AS backlog,
            s.calls, s.exec_ms, s.blks_read
       FROM (SELECT coalesce(sum(calls), 0)::int8 AS calls, coalesce(sum(total_exec_time), 0)::float8 AS exec_ms, coalesce(sum(shared_blks_read), 0)::int8 AS blks_read
               FROM pg_stat_statements WHERE query LIKE '%INSERT INTO audit_log %') AS s`,
  );
  const r = rows[0]!;
  return {
    checkpoints: Number(r.checkpoints), autovacuums: Number(r.autovacuums), backlog: Number(r.backlog), walMb: Number(r.wal_bytes) / 2 ** 20, fullPageImages: Number(r.wal_fpi),
    backendWrites: Number(r.backend_writes), appendCalls: Number(r.calls), appendExecMs: Number(r.exec_ms), appendBlocksRead: Number(r.blks_read),
    walSyncs: Number(r.wal_sync), walSyncMs: Number(r.wal_sync_ms),
  };
}

// What a DBA would give a server writing ~180 MB of WAL a minute (bench/soak.md): checkpoints
// by time rather than forced by WAL volume every few minutes (PostgreSQL manual, "WAL
// Configuration"), full-page images compressed, and shared_buffers sized for the machine instead
// of the test clusters' 64 MB (the manual's starting point is 25% of memory; 2 GB is under 10% of
// this one's): with 64 MB, the soak's ~1 GB of new heap and index pages would cycle through 8,192
// buffers, most of them evicted dirty. pg_stat_statements is loaded to time the audit append
// inside PostgreSQL, and track_wal_io_timing to time the WAL flushes every commit waits for.
// Durability settings are the defaults (fsync, synchronous_commit on).
const SHARED_BUFFERS = process.env['SOAK_SHARED_BUFFERS'] ?? '2GB';
// SOAK_PG_DIR puts the cluster elsewhere, e.g. /dev/shm: an experiment that takes the disk's fsync
// out of every commit, to see how much of the latency's wandering was the disk. It is never the
// headline run: its report goes to SOAK_REPORT (bench/<name>.md, bench/results/<name>.json).
const PG_PARENT_DIR = process.env['SOAK_PG_DIR'];
const REPORT = process.env['SOAK_REPORT'] ?? (PG_PARENT_DIR === undefined ? 'soak' : 'soak-pg-tmpfs');
const PG_SETTINGS = ["max_wal_size = '8GB'", 'wal_compression = on', `shared_buffers = '${SHARED_BUFFERS}'`];
// `--render`: rebuild the page and the derived figures from the windows of the last run's JSON.
if (process.argv.includes('--render')) {
  await writeReport(JSON.parse(readFileSync(new URL(`./results/${REPORT}.json`, import.meta.url), 'utf8')) as Measured);
  process.exit(0);
}
const pgServer = await startPrivatePostgres([...PG_SETTINGS, "shared_preload_libraries = 'pg_stat_statements'", 'track_wal_io_timing = on'], PG_PARENT_DIR);
const url = await createDatabase(pgServer, 'hub');
// Tokens live an hour here (the maximum): wrk replays one token for the whole run.
const hub = await startHubChild(url, { NDXP_HUB_TOKEN_TTL_S: '3600', NDXP_LOG_INTERVAL_MS: '1000' });
const reg = await registerPlatform(hub.url);
const db = await openPostgres({ url, max: 2 });
await db.exec('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
// Interrupted (Ctrl-C): still stop the hub and the private PostgreSQL, and delete its files.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void (async () => {
      await hub.stop().catch(() => undefined);
      await pgServer.destroy().catch(() => undefined);
      process.exit(130);
    })();
  });
}
try {
  const token = await accessToken(hub.url, reg);
  const requests = [{ method: 'GET' as const, path: CALL_PATH, headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': PURPOSE } }];
  const check = await fetch(hub.url + CALL_PATH, { headers: requests[0]!.headers });
  if (check.status !== 200) throw new Error(`the hub answered ${check.status}: ${await check.text()}`);

  await runWrk({ baseUrl: hub.url, requests, connections: CONNECTIONS, durationSeconds: 5 });
  const peak = await runWrk({ baseUrl: hub.url, requests, connections: CONNECTIONS, durationSeconds: PEAK_SECONDS });
  // SOAK_RATE fixes the rate instead (to compare two versions at the same load on a machine whose
  // measured peak moves with other work).
  const rate = process.env['SOAK_RATE'] === undefined ? Math.max(10, Math.round(peak.rps * LOAD)) : Number(process.env['SOAK_RATE']);
  console.log(`peak ${peak.rps} req/s (p99 ${peak.p99_ms} ms); soaking at ${rate} req/s for ${MINUTES} min`);
  const rssStart = hub.rssMb();
  const windows: Window[] = [];
  // Every counter a window is the difference of, read at once at each window's edge.
  const sample = async () => ({
    db: await databaseCounters(db), hub: await hubCounters(hub.url), logged: hub.logged(), cpuStallUs: stalledUs('cpu'), ioStallUs: stalledUs('io'), atMs: performance.now(),
    hubCpuMs: processCpuMs(hub.pid), ownCpuMs: processCpuMs(process.pid), wrkCpuMs: reapedChildrenCpuMs(), postgresCpu: snapshot(pidsOf('postgres')), ticks: machineTicks(),
  });
  let before = await sample();
  for (let index = 1; index <= WINDOWS; index++) {
    const r = await runWrk({ baseUrl: hub.url, requests, connections: PACED_CONNECTIONS, durationSeconds: WINDOW_SECONDS, rate });
    const after = await sample();
    const perRequest = (ms: number): number => Math.round((ms / Math.max(1, r.requests)) * 1000) / 1000;
    const ticks = after.ticks.total - before.ticks.total;
    const w: Window = {
      end_s: index * WINDOW_SECONDS, ...r, hub_rss_mb: hub.rssMb(), provider_rss_mb: Math.round(process.memoryUsage().rss / 2 ** 20),
      checkpoints: after.db.checkpoints - before.db.checkpoints, wal_mb: Math.round(after.db.walMb - before.db.walMb), wal_full_pages: after.db.fullPageImages - before.db.fullPageImages,
      audit_autovacuums: after.db.autovacuums - before.db.autovacuums, integration_backlog: after.db.backlog,
      event_loop_p99_ms: after.hub.lagP99Ms, event_loop_max_ms: after.hub.lagMaxMs,
      flush_mean_ms: Math.round(((after.hub.flushSeconds - before.hub.flushSeconds) / Math.max(1, after.hub.flushes - before.hub.flushes)) * 1e5) / 100,
      slow_flushes: after.hub.slowFlushes - before.hub.slowFlushes,
      entries_per_flush: Math.round(((after.hub.batchedEntries - before.hub.batchedEntries) / Math.max(1, after.hub.batches - before.hub.batches)) * 10) / 10,
      append_exec_mean_ms: Math.round(((after.db.appendExecMs - before.db.appendExecMs) / Math.max(1, after.db.appendCalls - before.db.appendCalls)) * 100) / 100,
      append_exec_us_per_entry: Math.round(((after.db.appendExecMs - before.db.appendExecMs) * 1000) / Math.max(1, after.hub.batchedEntries - before.hub.batchedEntries)),
      append_blocks_read: after.db.appendBlocksRead - before.db.appendBlocksRead, backend_writes: after.db.backendWrites - before.db.backendWrites,
      wal_syncs: after.db.walSyncs - before.db.walSyncs,
      wal_sync_mean_ms: Math.round(((after.db.walSyncMs - before.db.walSyncMs) / Math.max(1, after.db.walSyncs - before.db.walSyncs)) * 1000) / 1000,
      hub_gc_minor_ms: Math.round(after.hub.gcMinorMs - before.hub.gcMinorMs), hub_gc_major_ms: Math.round(after.hub.gcMajorMs - before.hub.gcMajorMs),
      hub_warnings: after.logged.warnings - before.logged.warnings, hub_errors: after.logged.errors - before.logged.errors,
      machine_cpu_pressure_pct: pressurePct(before.cpuStallUs, after.cpuStallUs, after.atMs - before.atMs),
      machine_io_pressure_pct: pressurePct(before.ioStallUs, after.ioStallUs, after.atMs - before.atMs),
      cpu_ms_per_request: {
        hub: perRequest(after.hubCpuMs - before.hubCpuMs), provider: perRequest(after.ownCpuMs - before.ownCpuMs),
        postgres: perRequest(usedBetween(before.postgresCpu, after.postgresCpu)), wrk: perRequest(after.wrkCpuMs - before.wrkCpuMs),
      },
      machine_idle_pct: Math.round(((after.ticks.idle - before.ticks.idle) / ticks) * 1000) / 10,
      machine_steal_pct: Math.round(((after.ticks.steal - before.ticks.steal) / ticks) * 1000) / 10,
    };
    before = after;
    windows.push(w);
    console.log(`${w.end_s} s: ${r.rps} req/s  p50 ${r.p50_ms} ms  p99 ${r.p99_ms} ms  late sends ${r.late_sends}  non-2xx ${r.non2xx}  socket errors ${r.socket_errors}  rss ${w.hub_rss_mb} MB (provider ${w.provider_rss_mb} MB)  checkpoints ${w.checkpoints}  WAL ${w.wal_mb} MB, ${w.wal_full_pages} full pages  autovacuum ${w.audit_autovacuums}  backlog ${w.integration_backlog}  loop p99/max ${w.event_loop_p99_ms}/${w.event_loop_max_ms} ms  flush mean ${w.flush_mean_ms} ms of ${w.entries_per_flush} entries, >100 ms ${w.slow_flushes}  in PostgreSQL ${w.append_exec_mean_ms} ms (${w.append_exec_us_per_entry} µs/entry), ${w.append_blocks_read} blocks read  backend writes ${w.backend_writes}  WAL fsyncs ${w.wal_syncs}, mean ${w.wal_sync_mean_ms} ms  hub GC ${w.hub_gc_minor_ms}/${w.hub_gc_major_ms} ms  hub log warnings ${w.hub_warnings} errors ${w.hub_errors}  machine pressure cpu ${w.machine_cpu_pressure_pct}% io ${w.machine_io_pressure_pct}%  idle ${w.machine_idle_pct}% steal ${w.machine_steal_pct}%  CPU ms/request hub ${w.cpu_ms_per_request.hub} provider ${w.cpu_ms_per_request.provider} postgres ${w.cpu_ms_per_request.postgres} wrk ${w.cpu_ms_per_request.wrk}`);
  }

  // The log: every answered request has its entry, dense, and it verifies end to end.
  const density = await logDensity(db);
  await waitForCheckpoint(hub.url, density.size, 120_000);
  const statePath = join(await mkdtemp(join(tmpdir(), 'ndxp-soak-')), 'state.json');
  const verified = await verifyLogOf(hub.url, statePath);

  const m = machine();
  await writeReport({
    cores: m.cores, cpu: m.cpu, node: m.node, pg_settings: PG_SETTINGS, ...(PG_PARENT_DIR === undefined ? {} : { pg_dir: PG_PARENT_DIR }), connections: CONNECTIONS, minutes: MINUTES, window_seconds: WINDOW_SECONDS, load_fraction: LOAD,
    peak_rps: peak.rps, peak_p99_ms: peak.p99_ms, soak_rate: rate, paced_connections: PACED_CONNECTIONS, rss_mb_start: rssStart, hub_recent_errors: hub.logged().recentErrors,
    log_size: density.size, log_dense: density.dense, log_verified: verified.ok, entries_verified: verified.result.entriesChecked, checkpoints_verified: verified.result.checkpointsVerified,
    windows,
  });
} finally {
  await db.close().catch(() => undefined);
  await hub.stop();
  await reg.provider.close();
  await pgServer.destroy();
}

/** What a run measured; everything else in the report is derived from it. */
interface Measured {
  readonly cores: number;
  readonly cpu: string;
  readonly node: string;
  readonly pg_settings: readonly string[];
  /** Where the cluster's files were, when not on the default temporary directory's disk. */
  readonly pg_dir?: string;
  readonly connections: number;
  readonly minutes: number;
  readonly window_seconds: number;
  readonly load_fraction: number;
  readonly peak_rps: number;
  readonly peak_p99_ms: number;
  readonly soak_rate: number;
  readonly paced_connections: number;
  readonly rss_mb_start: number;
  readonly hub_recent_errors: readonly string[];
  readonly log_size: number;
  readonly log_dense: boolean;
  readonly log_verified: boolean;
  readonly entries_verified: number;
  readonly checkpoints_verified: number;
  readonly windows: readonly Window[];
}

/** Derives each figure's course, the verdict and what latency followed; writes results/<REPORT>.json and <REPORT>.md. */
async function writeReport(measured: Measured): Promise<void> {
  const { windows } = measured;
  const sumOf = (f: (w: Window) => number): number => windows.reduce((a, w) => a + f(w), 0);
  const cpuTotal = (w: Window): number => w.cpu_ms_per_request.hub + w.cpu_ms_per_request.provider + w.cpu_ms_per_request.postgres + w.cpu_ms_per_request.wrk;
  const totals = {
    soak_requests: sumOf((w) => w.requests), achieved_rps_mean: round2(sumOf((w) => w.rps) / Math.max(1, windows.length)), late_sends: sumOf((w) => w.late_sends),
    soak_non2xx: sumOf((w) => w.non2xx), soak_socket_errors: sumOf((w) => w.socket_errors), soak_hub_errors_logged: sumOf((w) => w.hub_errors), soak_hub_warnings_logged: sumOf((w) => w.hub_warnings),
    rss_mb_end: windows.at(-1)?.hub_rss_mb ?? 0, rss_mb_max: Math.max(...windows.map((w) => w.hub_rss_mb)),
  };
  const course = {
    p50_ms: courseOf(windows.map((w) => w.p50_ms)), p99_ms: courseOf(windows.map((w) => w.p99_ms)), hub_rss_mb: courseOf(windows.map((w) => w.hub_rss_mb)),
    cpu_ms_per_request: courseOf(windows.map(cpuTotal)), machine_idle_pct: courseOf(windows.map((w) => w.machine_idle_pct)),
  };
  const verdict = {
    no_errors: totals.soak_non2xx + totals.soak_socket_errors + totals.soak_hub_errors_logged === 0,
    memory_flat: Math.abs(course.hub_rss_mb.drift_pct) <= MEMORY_DRIFT_PCT,
    latency_flat: Math.abs(course.p50_ms.drift_pct) <= LATENCY_DRIFT_PCT && Math.abs(course.p99_ms.drift_pct) <= LATENCY_DRIFT_PCT,
    latency_not_rising: course.p50_ms.drift_pct <= LATENCY_DRIFT_PCT && course.p99_ms.drift_pct <= LATENCY_DRIFT_PCT,
  };
  // What a window's latency moved with, across windows: the machine's circumstances, which the
  // platform does not choose, next to its own work per request. Null where a series was constant
  // (e.g. no WAL fsyncs at all with the cluster on tmpfs).
  const correlate = (a: (w: Window) => number, b: (w: Window) => number): number | null => {
    const r = pearson(windows.map(a), windows.map(b));
    return Number.isNaN(r) ? null : round2(r);
  };
  const correlations = {
    p50_vs_wal_fsync_ms: correlate((w) => w.p50_ms, (w) => w.wal_sync_mean_ms),
    p50_vs_steal_pct: correlate((w) => w.p50_ms, (w) => w.machine_steal_pct),
    p50_vs_idle_pct: correlate((w) => w.p50_ms, (w) => w.machine_idle_pct),
    p50_vs_cpu_ms_per_request: correlate((w) => w.p50_ms, cpuTotal),
    p99_vs_hub_event_loop_p99_ms: correlate((w) => w.p99_ms, (w) => w.event_loop_p99_ms),
  };
  const result = { ...measured, ...totals, course, verdict, memory_drift_limit_pct: MEMORY_DRIFT_PCT, latency_drift_limit_pct: LATENCY_DRIFT_PCT, correlations, windows };
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(new URL(`./results/${REPORT}.json`, import.meta.url), JSON.stringify(result, null, 2) + '\n');
  const md = [
    '# Soak: the hub at 70% of peak for 10 minutes',
    '',
    `Generated by \`${measured.pg_dir === undefined ? '' : `SOAK_PG_DIR=${measured.pg_dir} `}npx tsx bench/soak.bench.ts\` (figures in \`bench/results/${REPORT}.json\`; \`--render\` rebuilds this page from them). Machine: ${measured.cores} cores, ${measured.cpu}, Node ${measured.node}; shared with other work while it ran, so absolute figures are modest; what matters is the trend.`,
    '',
    `- PostgreSQL 15, private cluster${measured.pg_dir === undefined ? ', durable commits' : ` **with its files in ${measured.pg_dir}** (an experiment: fsync there does not reach a disk)`}; settings: ${measured.pg_settings.join(', ')}; instrumented with pg_stat_statements and track_wal_io_timing.`,
    `- Peak (closed loop, ${measured.connections} connections): **${measured.peak_rps} req/s**, p99 ${measured.peak_p99_ms} ms.`,
    `- Soak: target **${measured.soak_rate} req/s** (${Math.round(measured.load_fraction * 100)}% of peak), open loop over ${measured.paced_connections} connections; achieved ${result.achieved_rps_mean} req/s on average over ${measured.minutes} minutes: ${result.soak_requests} requests, **${result.soak_non2xx} non-2xx, ${result.soak_socket_errors} socket errors**, ${result.late_sends} sends that missed their slot; the hub logged ${result.soak_hub_errors_logged} errors and ${result.soak_hub_warnings_logged} warnings meanwhile${measured.hub_recent_errors.length > 0 ? ` (last: ${measured.hub_recent_errors.join('; ')})` : ''}.`,
    `- Memory (hub RSS): ${measured.rss_mb_start} MB before, ${result.rss_mb_end} MB at the end, at most ${result.rss_mb_max} MB; ${describe(course.hub_rss_mb, 'MB')}.`,
    `- Latency: p50 ${describe(course.p50_ms, 'ms')}; p99 ${describe(course.p99_ms, 'ms')}.`,
    `- Work per request (CPU of hub, provider, PostgreSQL and wrk together): ${describe(course.cpu_ms_per_request, 'ms')}; the machine idle ${describe(course.machine_idle_pct, '%')} of its CPU time.`,
    `- What latency followed from window to window (Pearson r over the ${windows.length} windows): p50 with the mean WAL fsync ${correlations.p50_vs_wal_fsync_ms ?? 'n/a'}, with the hypervisor's steal ${correlations.p50_vs_steal_pct ?? 'n/a'}, with the machine's idle share ${correlations.p50_vs_idle_pct ?? 'n/a'}, with the platform's CPU per request ${correlations.p50_vs_cpu_ms_per_request ?? 'n/a'}; p99 with the hub's event-loop delay p99 ${correlations.p99_vs_hub_event_loop_p99_ms ?? 'n/a'}.`,
    `- **Verdict**, computed: no errors: **${yes(verdict.no_errors)}**; memory flat (trend over the run within ±${MEMORY_DRIFT_PCT}% of the median): **${yes(verdict.memory_flat)}**; latency flat (p50 and p99 trends over the run within ±${LATENCY_DRIFT_PCT}% of their medians): **${yes(verdict.latency_flat)}**; latency not rising (neither trend above +${LATENCY_DRIFT_PCT}%): **${yes(verdict.latency_not_rising)}**.`,
    `- Log: ${measured.log_size} entries, dense: ${measured.log_dense}, verified by \`ndxp log verify\`: ${measured.log_verified} (${measured.entries_verified} entries, ${measured.checkpoints_verified} checkpoints).`,
    '',
    '| s | req/s | p50 ms | p99 ms | max ms | late sends | non-2xx | socket errors | hub RSS MB | provider RSS MB | checkpoints | WAL MB | WAL full-page images | audit_log autovacuum/analyze | entries awaiting the Merkle log | hub event loop delay p99 / max ms | audit flush mean ms | entries per flush | flushes over 100 ms | append in PostgreSQL mean ms | µs per entry | append blocks read | backend buffer writes | WAL fsyncs / mean ms | hub GC ms: scavenge / full | hub log warnings / errors | machine CPU / I/O pressure % | machine idle / steal % | CPU ms per request: hub / provider / PostgreSQL / wrk |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...windows.map((w) => `| ${w.end_s} | ${w.rps} | ${w.p50_ms} | ${w.p99_ms} | ${w.max_ms} | ${w.late_sends} | ${w.non2xx} | ${w.socket_errors} | ${w.hub_rss_mb} | ${w.provider_rss_mb} | ${w.checkpoints} | ${w.wal_mb} | ${w.wal_full_pages} | ${w.audit_autovacuums} | ${w.integration_backlog} | ${w.event_loop_p99_ms} / ${w.event_loop_max_ms} | ${w.flush_mean_ms} | ${w.entries_per_flush} | ${w.slow_flushes} | ${w.append_exec_mean_ms} | ${w.append_exec_us_per_entry} | ${w.append_blocks_read} | ${w.backend_writes} | ${w.wal_syncs} / ${w.wal_sync_mean_ms} | ${w.hub_gc_minor_ms} / ${w.hub_gc_major_ms} | ${w.hub_warnings} / ${w.hub_errors} | ${w.machine_cpu_pressure_pct ?? 'n/a'} / ${w.machine_io_pressure_pct ?? 'n/a'} | ${w.machine_idle_pct} / ${w.machine_steal_pct} | ${w.cpu_ms_per_request.hub} / ${w.cpu_ms_per_request.provider} / ${w.cpu_ms_per_request.postgres} / ${w.cpu_ms_per_request.wrk} |`),
    '',
    'Machine pressure is the share of the window in which some task on the machine waited for a CPU (or for I/O), from Linux\'s /proc/pressure: it tells a saturated machine from a hub that slows down by itself. CPU per request is read from /proc for each process (PostgreSQL: every live postgres process; autovacuum workers that ended within the window are not counted); idle and steal are shares of all CPU time in /proc/stat.',
    '',
    `How the course of a figure is read: the ${windows.length} windows of ${measured.window_seconds} s are points; "first → last third" are the medians of the first and last ${Math.floor(windows.length / 3)} windows; the trend is the Theil–Sen slope (the median of the slopes between every pair of windows, bench/lib/trend.ts) carried over the whole run and given as a share of the run's median, with Sen's 95% interval. One window that a noisy neighbour stalled moves a median-based trend little, where it would swing a mean or a least-squares line.`,
    '',
    'The load is open loop: wrk sends on a clock schedule (bench/lib/wrk.ts), so slow answers do not lower the offered rate. wrk measures latency from the actual send; a send that could not leave on its slot (every connection busy) is counted as late, so a stall cannot hide as fewer requests.',
    '',
  ].join('\n');
  await writeFile(new URL(`./${REPORT}.md`, import.meta.url), md);
  console.log(md);
}
