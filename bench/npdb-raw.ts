// The baseline of bench/npdb.bench.ts: the same primary-key query the lookup service runs, sent
// straight to PostgreSQL by a node-postgres pool (the driver the service uses) with the same
// concurrency and the same personal IDs, no HTTP. Prints one JSON line, with the CPU time this
// process and its PostgreSQL backends spent.
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { backendPids, snapshot, usedBetween } from './lib/process-cpu.ts';

const APP = 'npdb-bench-raw';
const url = new URL(process.env['BENCH_DATABASE_URL'] ?? '');
url.searchParams.set('application_name', APP);
const ids = readFileSync(process.env['BENCH_IDS_FILE'] ?? '', 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split('\t')[0] as string);
const concurrency = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const poolSize = Number(process.env['BENCH_POOL'] ?? 16);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 20);
const sql = process.env['BENCH_SQL'] ?? '';
const pool = new pg.Pool({ connectionString: url.toString(), max: poolSize });
// Open every connection and warm up before timing.
await Promise.all(Array.from({ length: poolSize }, () => pool.query('SELECT 1')));
for (let i = 0; i < 2000; i++) await pool.query(sql, [ids[i % ids.length]]);

const latencies: number[] = [];
let errors = 0;
let next = 0;
const backends = await backendPids(pool, APP);
const pgBefore = snapshot(backends);
const cpuBefore = process.cpuUsage();
const t0 = performance.now();
const end = t0 + seconds * 1000;
async function worker(): Promise<void> {
  while (performance.now() < end) {
    const id = ids[next++ % ids.length];
    const t = performance.now();
    try {
      const r = await pool.query(sql, [id]);
      if (r.rows.length !== 1) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - t);
  }
}
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpuBefore);
const pgMs = usedBetween(pgBefore, snapshot(backends));
await pool.end();
latencies.sort((a, b) => a - b);
const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0) * 1000) / 1000;
const n = latencies.length;
process.stdout.write(`${JSON.stringify({
  requests: n,
  rps: Math.round(n / elapsed),
  p50_ms: pct(50),
  p99_ms: pct(99),
  errors,
  client_cpu_us: Math.round(((cpu.user + cpu.system) / n) * 10) / 10,
  postgres_cpu_us: Math.round(((pgMs * 1000) / n) * 10) / 10,
})}\n`);
