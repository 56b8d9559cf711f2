/**
 * The audit append before and after 0006_audit_log_lean.sql, in the same run on the same
 * PostgreSQL: what one entry costs the database. Every exchange pays it before its answer leaves.
 *
 * Two scratch databases, one migrated to 0005 ("before": five indexes on audit_log, the subject
 * HMAC as 64 hex characters) and one to 0006 ("after": three indexes, the HMAC as 32 bytes). Each
 * is first filled with `AUDIT_BENCH_PREFILL` entries so indexes are not toy-sized, then rounds
 * alternate between them (drift in the machine's load falls on both alike): each round appends
 * `AUDIT_BENCH_ROUND` entries sequentially, `AUDIT_BENCH_BATCH` per statement (a typical group
 * commit at moderate load), through the hub's own `appendEntries`. Subjects are drawn at random
 * from 10^8 personal IDs, as at national scale, so the subject index takes keys in random order.
 *
 * Measured per round: CPU of the connection's backend process per entry (from /proc; this is the
 * figure a shared machine leaves stable), WAL bytes per entry, bytes added to the audit log's
 * tables and indexes per entry, and each statement's latency. The report gives the median round.
 *
 * Needs a PostgreSQL on this machine (its backends' CPU is read from /proc): NDXP_BENCH_POSTGRES_URL
 * or NDXP_TEST_POSTGRES_URL. Run: `npx tsx bench/audit-append.bench.ts` (about 4 minutes).
 * Writes bench/results/audit-append.json and bench/audit-append.md.
 */
import { createHmac, randomInt, randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createScratchDatabase, dropScratchDatabase, loadMigrations, migrate, openPostgres, type Db } from '@ndxp/db';
import { appendEntries } from '@ndxp/hub/audit/append-entries';
import { canonicalEntry } from '@ndxp/hub/audit/audit-entry';
import { machine } from './lib/machine.ts';
import { processCpuMs } from './lib/process-cpu.ts';

const admin = process.env['NDXP_BENCH_POSTGRES_URL'] ?? process.env['NDXP_TEST_POSTGRES_URL'] ?? 'postgres://ndxp:ndxp-ci@127.0.0.1:5432/postgres';
const PREFILL = Number(process.env['AUDIT_BENCH_PREFILL'] ?? 300_000);
const ROUND = Number(process.env['AUDIT_BENCH_ROUND'] ?? 24_000);
const ROUNDS = Number(process.env['AUDIT_BENCH_ROUNDS'] ?? 8);
const BATCH = Number(process.env['AUDIT_BENCH_BATCH'] ?? 8);
const SUBJECT_KEY = Buffer.alloc(32, 9);

// A realistic spread of traffic: 19 plan items' services, a few consumers each.
const SERVICES = Array.from({ length: 19 }, (_, i) => `M${i}/system/service-${i}/v1`);
const CONSUMERS = Array.from({ length: 12 }, (_, i) => `C${i}/portal`);

/** One canonical entry as the data plane writes it, about a random citizen. */
function entryText(nowMs: number): string {
  const personalId = String(randomInt(0, 100_000_000)).padStart(12, '0');
  const status = randomInt(0, 100) < 97 ? 200 : 403;
  return canonicalEntry({
    v: 1, time: new Date(nowMs).toISOString(), request_id: randomUUID(), hub_instance: 'bench-hub:1:a1b2c3',
    consumer: CONSUMERS[randomInt(0, CONSUMERS.length)]!, service: SERVICES[randomInt(0, SERVICES.length)]!, method: 'POST',
    purpose: 'tax-registration', grant_id: randomUUID(), legal_basis: 'Luật Quản lý thuế 38/2019/QH14', fields: ['/match', '/fields', '/deceased'],
    status, provider_status: status === 200 ? 200 : null, error_code: status === 200 ? null : 'FIELD_NOT_GRANTED', latency_us: randomInt(800, 9000),
    request_sha256: createHmac('sha256', 'req').update(randomUUID()).digest('hex'),
    response_sha256: createHmac('sha256', 'res').update(randomUUID()).digest('hex'),
    subject_hmac: createHmac('sha256', SUBJECT_KEY).update(personalId).digest('hex'), subject_key_id: 'hs-2e6c1f0d3b7a9e41',
  });
}

interface Variant {
  readonly name: 'before' | 'after';
  readonly migrations: number;
  readonly url: string;
  readonly db: Db;
}

interface Round {
  readonly variant: string;
  readonly round: number;
  readonly cpu_us_per_entry: number;
  readonly wal_bytes_per_entry: number;
  readonly storage_bytes_per_entry: number;
  readonly statement_p50_ms: number;
  readonly statement_p99_ms: number;
}

const walLsn = async (db: Db): Promise<bigint> => BigInt((await db.query<{ b: string }>("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::text AS b")).rows[0]!.b);
/** Bytes of every partition of the audit log with its indexes (TOAST included). */
const storage = async (db: Db): Promise<number> => Number((await db.query<{ b: string }>(
  "SELECT coalesce(sum(pg_total_relation_size(relid)), 0)::text AS b FROM pg_partition_tree('audit_log') WHERE isleaf",
)).rows[0]!.b);
const quantile = (xs: number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};
const median = (xs: number[]): number => quantile(xs, 0.5);
const r2 = (x: number): number => Math.round(x * 100) / 100;

async function open(name: Variant['name'], migrations: number): Promise<Variant> {
  const url = await createScratchDatabase(admin);
  // One connection: every statement runs in the same backend, whose CPU is the measurement.
  const db = await openPostgres({ url, max: 1 });
  await migrate(db, (await loadMigrations(new URL('../packages/hub/src/migrations/', import.meta.url))).slice(0, migrations));
  return { name, migrations, url, db };
}

async function append(v: Variant, count: number, batch: number, latencies?: number[]): Promise<void> {
  let t = Date.now();
  for (let done = 0; done < count; done += batch) {
    const texts = Array.from({ length: Math.min(batch, count - done) }, () => entryText(t++));
    const start = performance.now();
    await appendEntries(v.db, texts);
    latencies?.push(performance.now() - start);
  }
}

const backendPid = async (db: Db): Promise<number> => (await db.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;

async function measure(v: Variant, round: number): Promise<Round> {
  const latencies: number[] = [];
  // Asked each round: the pool replaces a connection left idle (while the other variant ran).
  const pid = await backendPid(v.db);
  const [wal0, bytes0, cpu0] = [await walLsn(v.db), await storage(v.db), processCpuMs(pid)];
  await append(v, ROUND, BATCH, latencies);
  const cpu1 = processCpuMs(pid);
  if ((await backendPid(v.db)) !== pid) throw new Error('the connection changed during a round: its CPU figure would be wrong');
  const [wal1, bytes1] = [await walLsn(v.db), await storage(v.db)];
  return {
    variant: v.name, round,
    cpu_us_per_entry: r2(((cpu1 - cpu0) * 1000) / ROUND),
    wal_bytes_per_entry: r2(Number(wal1 - wal0) / ROUND),
    storage_bytes_per_entry: r2((bytes1 - bytes0) / ROUND),
    statement_p50_ms: r2(quantile(latencies, 0.5)), statement_p99_ms: r2(quantile(latencies, 0.99)),
  };
}

const variants = [await open('before', 5), await open('after', 6)];
try {
  for (const v of variants) {
    console.log(`${v.name}: prefilling ${PREFILL} entries`);
    await append(v, PREFILL, 512);
    await v.db.exec('CHECKPOINT');
    await v.db.exec('ANALYZE audit_log');
  }
  const rounds: Round[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    // Alternate which variant goes first, so neither always follows the other's checkpoint debt.
    for (const v of round % 2 === 1 ? variants : [...variants].reverse()) {
      const r = await measure(v, round);
      rounds.push(r);
      console.log(`round ${round} ${v.name.padEnd(6)}: CPU ${r.cpu_us_per_entry} µs/entry  WAL ${r.wal_bytes_per_entry} B/entry  storage ${r.storage_bytes_per_entry} B/entry  statement p50 ${r.statement_p50_ms} ms p99 ${r.statement_p99_ms} ms`);
    }
  }
  // Each index of the partitioned audit_log, summed over its partitions' indexes, MB.
  const sizes = async (v: Variant) => Object.fromEntries((await v.db.query<{ name: string; bytes: string }>(
    `SELECT parent.relname AS name, sum(pg_relation_size(inh.inhrelid))::text AS bytes
       FROM pg_index x JOIN pg_class parent ON parent.oid = x.indexrelid JOIN pg_inherits inh ON inh.inhparent = parent.oid
      WHERE x.indrelid = 'audit_log'::regclass GROUP BY 1 ORDER BY 1`,
  )).rows.map((r) => [r.name, Math.round((Number(r.bytes) / 2 ** 20) * 10) / 10]));
  const summary = (name: string) => {
    const mine = rounds.filter((r) => r.variant === name);
    return {
      cpu_us_per_entry: median(mine.map((r) => r.cpu_us_per_entry)), wal_bytes_per_entry: median(mine.map((r) => r.wal_bytes_per_entry)),
      storage_bytes_per_entry: median(mine.map((r) => r.storage_bytes_per_entry)),
      statement_p50_ms: median(mine.map((r) => r.statement_p50_ms)), statement_p99_ms: median(mine.map((r) => r.statement_p99_ms)),
    };
  };
  const before = summary('before');
  const after = summary('after');
  const entries = PREFILL + ROUND * ROUNDS;
  const m = machine();
  const result = {
    generated_at: new Date().toISOString(), cores: m.cores, cpu: m.cpu, node: m.node,
    postgres: (await variants[0]!.db.query<{ v: string }>("SELECT current_setting('server_version') AS v")).rows[0]?.v,
    prefill: PREFILL, round_entries: ROUND, rounds: ROUNDS, batch: BATCH,
    before, after,
    cpu_change_pct: r2(((after.cpu_us_per_entry - before.cpu_us_per_entry) / before.cpu_us_per_entry) * 100),
    wal_change_pct: r2(((after.wal_bytes_per_entry - before.wal_bytes_per_entry) / before.wal_bytes_per_entry) * 100),
    storage_change_pct: r2(((after.storage_bytes_per_entry - before.storage_bytes_per_entry) / before.storage_bytes_per_entry) * 100),
    index_mb_at_end: { before: await sizes(variants[0]!), after: await sizes(variants[1]!) },
    entries_per_variant_at_end: entries,
    per_round: rounds,
  };
  await mkdir(new URL('./results/', import.meta.url), { recursive: true });
  await writeFile(new URL('./results/audit-append.json', import.meta.url), JSON.stringify(result, null, 2) + '\n');
  const md = [
    '# The audit append, before and after 0006_audit_log_lean.sql',
    '',
    `Generated by \`npx tsx bench/audit-append.bench.ts\` on ${result.generated_at}; raw figures in \`bench/results/audit-append.json\`.`,
    `PostgreSQL ${result.postgres} (the machine's shared cluster), ${m.cores} cores, ${m.cpu}, Node ${m.node}.`,
    '',
    `Each schema got ${PREFILL} entries first, then ${ROUNDS} rounds of ${ROUND} entries, alternating between the two, ${BATCH} entries per append statement, through the hub's \`appendEntries\`; subjects drawn at random from 10^8 personal IDs. Figures are the median round.`,
    '',
    '| | before (0005: 5 indexes, HMAC as hex text) | after (0006: 3 indexes, HMAC as bytes) | change |',
    '|---|---:|---:|---:|',
    `| PostgreSQL backend CPU per entry | ${before.cpu_us_per_entry} µs | ${after.cpu_us_per_entry} µs | ${result.cpu_change_pct}% |`,
    `| WAL per entry | ${before.wal_bytes_per_entry} B | ${after.wal_bytes_per_entry} B | ${result.wal_change_pct}% |`,
    `| audit log tables and indexes per entry | ${before.storage_bytes_per_entry} B | ${after.storage_bytes_per_entry} B | ${result.storage_change_pct}% |`,
    `| append statement (${BATCH} entries) p50 | ${before.statement_p50_ms} ms | ${after.statement_p50_ms} ms | |`,
    `| append statement p99 | ${before.statement_p99_ms} ms | ${after.statement_p99_ms} ms | |`,
    '',
    `Index sizes after ${entries} entries, MB: before ${JSON.stringify(result.index_mb_at_end.before)}; after ${JSON.stringify(result.index_mb_at_end.after)}.`,
    '',
    '| round | schema | CPU µs/entry | WAL B/entry | storage B/entry | statement p50 ms | p99 ms |',
    '|---:|---|---:|---:|---:|---:|---:|',
    ...rounds.map((r) => `| ${r.round} | ${r.variant} | ${r.cpu_us_per_entry} | ${r.wal_bytes_per_entry} | ${r.storage_bytes_per_entry} | ${r.statement_p50_ms} | ${r.statement_p99_ms} |`),
    '',
    'CPU is the backend\'s own (user + system, /proc), so other work on the machine changes it little; statement latencies also carry the commit\'s WAL flush and whatever else the machine was doing. WAL and storage per entry do not depend on the machine at all.',
    '',
  ].join('\n');
  await writeFile(new URL('./audit-append.md', import.meta.url), md);
  console.log(md);
} finally {
  for (const v of variants) {
    await v.db.close();
    await dropScratchDatabase(admin, v.url);
  }
}
