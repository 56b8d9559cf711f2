// The NPDB HTTP service for bench/npdb.bench.ts, on PostgreSQL, without the hub guard (the hub
// benchmark measures that). Its connections carry application_name npdb-bench-service so the
// benchmark can account for their CPU. Sends { ready: url } to the parent.
import { openPostgres } from '@ndxp/db';
import { buildNpdbApp } from '@ndxp/npdb';

const url = new URL(process.env['BENCH_DATABASE_URL'] ?? '');
url.searchParams.set('application_name', 'npdb-bench-service');
const db = await openPostgres({ url: url.toString(), max: Number(process.env['BENCH_POOL'] ?? 16) });
const app = buildNpdbApp({ db });
const listening = await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ ready: listening });
process.on('SIGTERM', () => {
  void app.close().then(() => db.close()).then(() => process.exit(0));
});
