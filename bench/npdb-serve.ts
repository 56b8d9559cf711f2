// The NPDB HTTP service for bench/npdb.bench.ts, on PostgreSQL, without the hub guard (the hub
// benchmark measures that). Sends { ready: url } to the parent.
import { openPostgres } from '@ndxp/db';
import { buildNpdbApp } from '@ndxp/npdb';

const db = await openPostgres({ url: process.env['BENCH_DATABASE_URL'] ?? '', max: Number(process.env['BENCH_POOL'] ?? 16) });
const app = buildNpdbApp({ db });
const url = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ ready: url });
process.on('SIGTERM', () => {
  void app.close().then(() => db.close()).then(() => process.exit(0));
});
