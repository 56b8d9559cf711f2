/**
 * The floor under the hub, for bench/hub.bench.ts: the least a Node gateway can do and still keep
 * the hub's promise "no data without a durable log entry". node:http in, one pooled keep-alive
 * undici connection set out (as the hub), the request's headers passed through as they are (the
 * baseline requests carry a valid hub assertion), the whole answer read; then, with
 * FLOOR_AUDIT=on, one row of the size of a hub audit entry group-committed to PostgreSQL exactly as
 * the hub does it (entries queued while a flush runs share the next one, at most two flushes in
 * flight, synchronous_commit on) before the answer leaves. No authentication, no grant, no
 * projection, no signing, no metrics: whatever the hub adds beyond this floor is its own cost.
 *
 * Env: PORT, FLOOR_UPSTREAM (provider origin), DATABASE_URL, FLOOR_AUDIT (on | off).
 */
import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import pg from 'pg';
import { Pool as UndiciPool } from 'undici';

const port = Number(process.env['PORT'] ?? 0);
const upstream = new UndiciPool(process.env['FLOOR_UPSTREAM'] ?? '', { connections: 64, pipelining: 1, keepAliveTimeout: 30_000 });
const audit = process.env['FLOOR_AUDIT'] === 'on';
const db = new pg.Pool({ connectionString: process.env['DATABASE_URL'], max: 4 });
if (audit) await db.query('CREATE TABLE IF NOT EXISTS floor_log (seq bigserial PRIMARY KEY, entry text NOT NULL)');

interface Waiting { readonly text: string; resolve(): void; reject(e: unknown): void }
let queue: Waiting[] = [];
let inFlight = 0;
let scheduled = false;
function schedule(): void {
  if (scheduled || inFlight >= 2 || queue.length === 0) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    if (inFlight >= 2 || queue.length === 0) return;
    const batch = queue;
    queue = [];
    inFlight++;
    db.query({ name: 'floor_append', text: 'INSERT INTO floor_log (entry) SELECT unnest($1::text[])', values: [batch.map((w) => w.text)] })
      .then(() => batch.forEach((w) => w.resolve()), (e: unknown) => batch.forEach((w) => w.reject(e)))
      .finally(() => {
        inFlight--;
        schedule();
      });
    schedule();
  });
}
const append = (text: string): Promise<void> => new Promise((resolve, reject) => {
  queue.push({ text, resolve, reject });
  schedule();
});
// A row the size of a hub audit entry (~700 bytes of canonical JSON).
const PAD = 'x'.repeat(560);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string' && k !== 'host' && k !== 'connection') headers[k] = v;
    upstream.request({ path: req.url ?? '/', method: (req.method ?? 'GET') as 'GET', headers, body: chunks.length > 0 ? Buffer.concat(chunks) : null })
      .then(async (answer) => {
        const body = Buffer.from(await answer.body.arrayBuffer());
        if (audit) await append(JSON.stringify({ request_id: headers['x-request-id'] ?? null, status: answer.statusCode, response_sha256: createHash('sha256').update(body).digest('hex'), pad: PAD }));
        res.writeHead(answer.statusCode, { 'content-type': String(answer.headers['content-type'] ?? 'application/json') });
        res.end(body);
      })
      .catch(() => {
        res.writeHead(503);
        res.end();
      });
  });
});
server.keepAliveTimeout = 30_000;
server.listen(port, '127.0.0.1', () => {
  const address = server.address();
  process.send?.({ ready: `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : port}` });
});
process.on('SIGTERM', () => {
  server.close();
  void Promise.all([upstream.close(), db.end()]).finally(() => process.exit(0));
});
