// Seeding worker for bench/npdb.bench.ts: runs in its own process so its peak RSS is the seeder's
// alone. Prints one JSON line with the figures on stdout.
import { openPostgres } from '@ndxp/db';
import { migrateNpdb, seedPopulation } from '@ndxp/npdb';

const url = process.env['BENCH_DATABASE_URL'] ?? '';
const count = Number(process.env['BENCH_PEOPLE'] ?? 0);
const db = await openPostgres({ url, max: 4 });
await migrateNpdb(db);
const t0 = performance.now();
let loadedAt = 0;
let lastLog = 0;
let rssSamplesMax = 0;
const result = await seedPopulation(db, {
  count,
  seed: 'bench',
  onProgress: (p) => {
    const now = performance.now();
    rssSamplesMax = Math.max(rssSamplesMax, process.memoryUsage.rss());
    if (p.phase === 'indexing' && loadedAt === 0) loadedAt = now;
    if (now - lastLog > 10_000 || p.phase !== 'loading') {
      lastLog = now;
      process.stderr.write(`[seed] ${p.phase} ${p.people}/${p.total} ${p.step ?? ''} ${((now - t0) / 1000).toFixed(0)}s rss ${Math.round(process.memoryUsage.rss() / 2 ** 20)} MB\n`);
    }
  },
});
const total = (performance.now() - t0) / 1000;
const load = (loadedAt - t0) / 1000;
await db.close();
process.stdout.write(`${JSON.stringify({
  people: result.people,
  households: result.households,
  changes: result.changes,
  seconds_total: total,
  seconds_load: load,
  seconds_index_and_analyze: total - load,
  // ru_maxrss: the process's peak resident set size (kilobytes on Linux).
  peak_rss_mb: Math.round(process.resourceUsage().maxRSS / 1024),
  sampled_peak_rss_mb: Math.round(rssSamplesMax / 2 ** 20),
})}\n`);
