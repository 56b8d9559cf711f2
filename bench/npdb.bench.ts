/**
 * NPDB benchmark (issue 2), all on PostgreSQL, in one run on one machine:
 *   1. seed N people (default 10 million) into a scratch database with `seedPopulation`
 *      (COPY streaming, keys and indexes built after loading), in its own process: rows/s and
 *      that process's peak RSS;
 *   2. the raw baseline: the lookup's primary-key query sent straight to PostgreSQL from a
 *      node-postgres pool in a separate process (same driver, pool size, concurrency and IDs as the
 *      service), plus pgbench (C client, prepared) for context;
 *   3. lookups/s and verifies/s through the NPDB HTTP service (its own process), driven by wrk
 *      from another process, with p50/p99.
 * Rounds alternate baseline, lookup and verify so that load from others on the shared machine hits
 * all three; figures are medians over rounds, and each round's service/baseline ratio is kept.
 * Because throughput on a shared machine moves with everyone else's load, the run also measures
 * CPU time per request (the Node process plus the PostgreSQL backends serving it, from /proc),
 * which does not, and derives what a dedicated machine with these cores would reach.
 *
 *   npx tsx bench/npdb.bench.ts    # BENCH_PEOPLE=10000000 BENCH_SECONDS=10 BENCH_ROUNDS=5 BENCH_CONNECTIONS=32
 *
 * Needs PostgreSQL (NDXP_BENCH_POSTGRES_URL or NDXP_TEST_POSTGRES_URL, an admin URL), wrk and
 * pgbench. Writes bench/results/npdb.json; bench/npdb.md is the written report.
 */
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createScratchDatabase, dropScratchDatabase, openPostgres } from '@ndxp/db';
import { startChild } from './lib/child.ts';
import { machine } from './lib/machine.ts';
import { median } from './lib/trend.ts';
import { runWrk, type WrkRequest, type WrkResult } from './lib/wrk.ts';
import { backendPids, processCpuMs, snapshot, usedBetween } from './lib/process-cpu.ts';

const admin = process.env['NDXP_BENCH_POSTGRES_URL'] ?? process.env['NDXP_TEST_POSTGRES_URL'] ?? 'postgres://ndxp:ndxp-ci@127.0.0.1:5432/postgres';
const PEOPLE = Number(process.env['BENCH_PEOPLE'] ?? 10_000_000);
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 10);
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const POOL = Number(process.env['BENCH_POOL'] ?? 16);
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 5);
const SAMPLE = 10_000;
const KEEP = process.env['BENCH_KEEP_DATABASE'] === '1';
/** The lookup the service answers and the baseline repeats: three identity fields by primary key. */
const LOOKUP_FIELDS = 'full_name,date_of_birth,gender';
const LOOKUP_SQL = 'SELECT personal_id, full_name, date_of_birth, gender FROM citizens WHERE personal_id = $1';

const log = (s: string) => process.stderr.write(`[bench] ${s}\n`);
const here = (f: string) => fileURLToPath(new URL(f, import.meta.url));

/** Run a command; resolve with stdout, stream stderr through. */
function run(cmd: string, args: readonly string[], env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} exited ${code}: ${out.slice(-2000)}`))));
  });
}

const lastJson = <T>(out: string): T => JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as T;
const round1 = (x: number) => Math.round(x * 10) / 10;
const round3 = (x: number) => Math.round(x * 1000) / 1000;

interface RawRun { rps: number; p50_ms: number; p99_ms: number; errors: number; client_cpu_us: number; postgres_cpu_us: number }
interface ServiceRun extends WrkResult { node_cpu_us: number; postgres_cpu_us: number }

const started = new Date().toISOString();
const load = { start: loadavg().map((x) => Math.round(x * 100) / 100) };
const url = await createScratchDatabase(admin);
const work = await mkdtemp(join(tmpdir(), 'npdb-bench-'));
log(`scratch database ${new URL(url).pathname.slice(1)}; seeding ${PEOPLE} people`);

try {
  // 1. Seed, in its own process.
  const seed = lastJson<{ people: number; seconds_total: number; seconds_load: number; seconds_index_and_analyze: number; peak_rss_mb: number; households: number; changes: number }>(
    await run(process.execPath, ['--import', 'tsx', here('./npdb-seed.ts')], { BENCH_DATABASE_URL: url, BENCH_PEOPLE: String(PEOPLE) }),
  );
  log(`seeded ${seed.people} in ${seed.seconds_total.toFixed(0)} s (load ${seed.seconds_load.toFixed(0)} s), peak RSS ${seed.peak_rss_mb} MB`);

  // A random sample of living citizens, the same for every test.
  const db = await openPostgres({ url, max: 2 });
  const { rows: sample } = await db.query<{ personal_id: string; full_name: string; date_of_birth: string; gender: string }>(
    `SELECT personal_id, full_name, date_of_birth, gender FROM citizens TABLESAMPLE SYSTEM ($1) REPEATABLE (7)
      WHERE date_of_death IS NULL ORDER BY md5(personal_id) LIMIT $2`,
    [Math.min(100, Math.max(0.2, (SAMPLE * 300) / PEOPLE)), SAMPLE],
  );
  const size = (await db.query<{ table: string; index: string }>("SELECT pg_size_pretty(pg_table_size('citizens')) AS table, pg_size_pretty(pg_indexes_size('citizens')) AS index")).rows[0];
  await db.close();
  log(`sampled ${sample.length} IDs; citizens table ${size?.table}, indexes ${size?.index}`);
  const idsFile = join(work, 'ids.tsv');
  await writeFile(idsFile, sample.map((s) => `${s.personal_id}\t${s.full_name}\t${s.date_of_birth}\t${s.gender}`).join('\n') + '\n');

  const lookups: WrkRequest[] = sample.map((s) => ({ method: 'GET', path: `/v1/citizens/${s.personal_id}?fields=${LOOKUP_FIELDS}` }));
  const verifies: WrkRequest[] = sample.map((s) => ({
    method: 'POST',
    path: '/v1/citizens/verify',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ personal_id: s.personal_id, full_name: s.full_name, date_of_birth: s.date_of_birth, gender: s.gender }),
  }));

  // pgbench scripts: one per sampled ID (at most 100: pgbench's limit on scripts), chosen at random.
  const pgbenchFiles: string[] = [];
  for (const s of sample.slice(0, 100)) {
    const f = join(work, `pk-${pgbenchFiles.length}.sql`);
    await writeFile(f, `${LOOKUP_SQL.replace('$1', `'${s.personal_id}'`)};\n`);
    pgbenchFiles.push(f);
  }

  const service = await startChild(new URL('./npdb-serve.ts', import.meta.url), { BENCH_DATABASE_URL: url, BENCH_POOL: String(POOL) });
  const servicePid = service.process.pid ?? 0;
  const monitor = await openPostgres({ url, max: 1 });
  /** One wrk run against the service, with the CPU the service process and its backends used. */
  const measureService = async (requests: readonly WrkRequest[]): Promise<ServiceRun> => {
    const pgBefore = snapshot(await backendPids(monitor, 'npdb-bench-service'));
    const nodeBefore = processCpuMs(servicePid);
    const r = await runWrk({ baseUrl: service.url, requests, connections: CONNECTIONS, durationSeconds: SECONDS });
    const nodeMs = processCpuMs(servicePid) - nodeBefore;
    const pgMs = usedBetween(pgBefore, snapshot(await backendPids(monitor, 'npdb-bench-service')));
    return { ...r, node_cpu_us: round1((nodeMs * 1000) / r.requests), postgres_cpu_us: round1((pgMs * 1000) / r.requests) };
  };
  const rounds: { raw: RawRun; lookup: ServiceRun; verify: ServiceRun; lookup_share: number; verify_share: number }[] = [];
  let pgbench_tps = 0;
  try {
    log('warm-up: 10 s of lookups and verifies');
    await runWrk({ baseUrl: service.url, requests: lookups, connections: CONNECTIONS, durationSeconds: 5 });
    await runWrk({ baseUrl: service.url, requests: verifies, connections: CONNECTIONS, durationSeconds: 5 });
    for (let r = 0; r < ROUNDS; r++) {
      const raw = lastJson<RawRun>(
        await run(process.execPath, ['--import', 'tsx', here('./npdb-raw.ts')], {
          BENCH_DATABASE_URL: url, BENCH_IDS_FILE: idsFile, BENCH_CONNECTIONS: String(CONNECTIONS), BENCH_POOL: String(POOL), BENCH_SECONDS: String(SECONDS), BENCH_SQL: LOOKUP_SQL,
        }),
      );
      const lookup = await measureService(lookups);
      const verify = await measureService(verifies);
      const entry = { raw, lookup, verify, lookup_share: round3(lookup.rps / raw.rps), verify_share: round3(verify.rps / raw.rps) };
      rounds.push(entry);
      log(`round ${r + 1}/${ROUNDS}: raw ${raw.rps}/s (p99 ${raw.p99_ms} ms, ${raw.client_cpu_us}+${raw.postgres_cpu_us} µs CPU) | lookup ${lookup.rps}/s (p99 ${lookup.p99_ms} ms, ${lookup.node_cpu_us}+${lookup.postgres_cpu_us} µs) | verify ${verify.rps}/s (p99 ${verify.p99_ms} ms, ${verify.node_cpu_us}+${verify.postgres_cpu_us} µs) | shares ${entry.lookup_share} ${entry.verify_share}`);
      if (lookup.non2xx + verify.non2xx + raw.errors > 0) throw new Error('errors during the run: the figures would not be of successful requests');
    }
    const pgb = await run('pgbench', ['-n', '-M', 'prepared', '-c', String(POOL), '-j', '1', '-T', String(SECONDS), ...pgbenchFiles.flatMap((f) => ['-f', `${f}@1`]), url]);
    pgbench_tps = Math.round(Number(/tps = ([\d.]+)/.exec(pgb)?.[1] ?? 0));
    log(`pgbench (100 hot IDs, prepared statements, C client): ${pgbench_tps} tps`);
  } finally {
    log(`service RSS at the end: ${service.rssMb()} MB`);
    await monitor.close();
    await service.stop();
  }

  const med = (pick: (x: (typeof rounds)[number]) => number) => median(rounds.map(pick));
  const cores = machine().cores;
  const cpu = {
    raw: { client_us: med((x) => x.raw.client_cpu_us), postgres_us: med((x) => x.raw.postgres_cpu_us) },
    lookup: { node_us: med((x) => x.lookup.node_cpu_us), postgres_us: med((x) => x.lookup.postgres_cpu_us) },
    verify: { node_us: med((x) => x.verify.node_cpu_us), postgres_us: med((x) => x.verify.postgres_cpu_us) },
  };
  // What a dedicated machine with these cores would sustain if CPU were the only limit: cores
  // divided by CPU per request (load generator excluded on both sides).
  const dedicated = (us: number) => Math.round((cores * 1e6) / us);
  const estimate = {
    raw_pk_rps: dedicated(cpu.raw.client_us + cpu.raw.postgres_us),
    lookup_rps: dedicated(cpu.lookup.node_us + cpu.lookup.postgres_us),
    verify_rps: dedicated(cpu.verify.node_us + cpu.verify.postgres_us),
  };
  const result = {
    started,
    finished: new Date().toISOString(),
    machine: machine(),
    cores,
    load_average: { ...load, end: loadavg().map((x) => Math.round(x * 100) / 100) },
    people: seed.people,
    households: seed.households,
    seed_rows_per_s: Math.round(seed.people / seed.seconds_total),
    seed_load_rows_per_s: Math.round(seed.people / seed.seconds_load),
    seed_seconds_total: Math.round(seed.seconds_total),
    seed_seconds_load: Math.round(seed.seconds_load),
    seed_seconds_index_and_analyze: Math.round(seed.seconds_index_and_analyze),
    seed_peak_rss_mb: seed.peak_rss_mb,
    citizens_table_size: size?.table,
    citizens_indexes_size: size?.index,
    lookup_rps: med((x) => x.lookup.rps),
    lookup_p50_ms: med((x) => x.lookup.p50_ms),
    lookup_p99_ms: med((x) => x.lookup.p99_ms),
    verify_rps: med((x) => x.verify.rps),
    verify_p50_ms: med((x) => x.verify.p50_ms),
    verify_p99_ms: med((x) => x.verify.p99_ms),
    raw_pk_rps: med((x) => x.raw.rps),
    raw_pk_p50_ms: med((x) => x.raw.p50_ms),
    raw_pk_p99_ms: med((x) => x.raw.p99_ms),
    lookup_share_of_raw: med((x) => x.lookup_share),
    verify_share_of_raw: med((x) => x.verify_share),
    cpu_us_per_request: cpu,
    dedicated_machine_estimate: { ...estimate, lookup_share_of_raw: round3(estimate.lookup_rps / estimate.raw_pk_rps), verify_share_of_raw: round3(estimate.verify_rps / estimate.raw_pk_rps) },
    pgbench_hot_pk_tps: pgbench_tps,
    settings: { seconds: SECONDS, connections: CONNECTIONS, pool: POOL, rounds: ROUNDS, sampled_ids: sample.length, lookup_fields: LOOKUP_FIELDS, lookup_sql: LOOKUP_SQL, figures: 'medians over rounds' },
    rounds,
  };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(new URL('./results/npdb.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
  log(`median: lookup ${result.lookup_rps}/s (${(result.lookup_share_of_raw * 100).toFixed(0)}% of raw), verify ${result.verify_rps}/s (${(result.verify_share_of_raw * 100).toFixed(0)}% of raw), raw ${result.raw_pk_rps}/s`);
  log(`dedicated-machine estimate from CPU per request: ${JSON.stringify(result.dedicated_machine_estimate)}`);
  log('wrote bench/results/npdb.json');
} finally {
  await rm(work, { recursive: true, force: true });
  if (KEEP) log(`kept ${url}`);
  else await dropScratchDatabase(admin, url);
}
