// The baseline of bench/npdb.bench.ts: the same primary-key query the lookup service runs, sent
// straight to PostgreSQL by a node-postgres pool (the driver the service uses) with the same
// concurrency and the same personal IDs, no HTTP. Prints one JSON line.
import { readFileSync } from 'node:fs';
import pg from 'pg';

const url = process.env['BENCH_DATABASE_URL'] ?? '';
const ids = readFileSync(process.env['BENCH_IDS_FILE'] ?? '', 'utf8').split('\n').filter((l) => l !== '').map((l) => l.split('\t')[0] as string);
const concurrency = Number(process.env['BENCH_CONNECTIONS'] ?? 32);
const seconds = Number(process.env['BENCH_SECONDS'] ?? 20);
const sql = process.env['BENCH_SQL'] ?? '';
const pool = new pg.Pool({ connectionString: url, max: Number(process.env['BENCH_POOL'] ?? 16) });
// Open the connections before timing.
await Promise.all(Array.from({ length: Number(process.env['BENCH_POOL'] ?? 16) }, () => pool.query('SELECT 1')));

const latencies: number[] = [];
let errors = 0;
const end = performance.now() + seconds * 1000;
let next = 0;
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
const t0 = performance.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const elapsed = (performance.now() - t0) / 1000;
await pool.end();
latencies.sort((a, b) => a - b);
const pct = (p: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0) * 1000) / 1000;
process.stdout.write(`${JSON.stringify({ requests: latencies.length, rps: Math.round(latencies.length / elapsed), p50_ms: pct(50), p99_ms: pct(99), errors })}\n`);
