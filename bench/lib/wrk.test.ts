import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { runWrk } from './wrk.ts';

// The load generator's own bookkeeping: every benchmark report rests on it. (Its "non-2xx" count
// once read a Lua local through t:get(), which sees only globals, and so always said 0.)
const haveWrk = spawnSync('wrk', ['--version']).error === undefined;

describe.skipIf(!haveWrk)('runWrk', () => {
  let server: Server;
  let url: string;
  let served = 0;
  beforeAll(async () => {
    // Every third answer is a refusal.
    server = createServer((_req, res) => {
      served++;
      res.writeHead(served % 3 === 0 ? 503 : 200, { 'content-type': 'text/plain' });
      res.end('x');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(async () => new Promise<void>((r) => server.close(() => r())));

  it.each([
    ['closed loop', undefined],
    ['open loop (paced)', 300],
  ])('counts the answers that are not 2xx (%s)', async (_name, rate) => {
    const r = await runWrk({ baseUrl: url, requests: [{ method: 'GET', path: '/' }], connections: 4, durationSeconds: 1, ...(rate === undefined ? {} : { rate }) });
    expect(r.requests).toBeGreaterThan(30);
    // About a third; wrk may stop with a few requests in flight, so not exactly.
    expect(r.non2xx).toBeGreaterThan(r.requests / 5);
    expect(r.non2xx).toBeLessThan(r.requests / 2);
    expect(r.socket_errors).toBe(0);
  });
});
