import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { Pool } from 'undici';
import { recordFigures } from '../../packages/hub/test/support/figures.ts';
import { slowClient } from '../../packages/hub/test/support/raw-http.ts';
import { CALL_PATH, PURPOSE, accessToken, registerPlatform, startHubChild, until, type HubChild, type Registered } from './support/cluster.ts';
import { createDatabase, startPrivatePostgres, type PrivatePostgres } from './support/private-postgres.ts';

/**
 * Slowloris against a real hub process: hundreds of connections that trickle their headers a byte
 * a second, or send nothing at all, or stop half-way through a body. The hub keeps serving
 * everyone else, and cuts every slow connection within its request timeout (measured, not assumed).
 */

describe('slow clients', () => {
  let pgServer: PrivatePostgres;
  const hubs: HubChild[] = [];
  let reg: Registered;
  let token: string;

  beforeAll(async () => {
    pgServer = await startPrivatePostgres();
    const url = await createDatabase(pgServer, 'hub');
    hubs.push(await startHubChild(url));
    reg = await registerPlatform(hubs[0]!.url);
    token = await accessToken(hubs[0]!.url, reg);
  });
  afterAll(async () => {
    for (const h of hubs) await h.stop();
    await reg?.provider.close();
    await pgServer?.destroy();
  });

  it('cuts slow clients within the request timeout and serves everyone else meanwhile', async () => {
    const port = Number(new URL(hubs[0]!.url).port);
    const started = Date.now();
    const trickling = Array.from({ length: 150 }, (_, i) => slowClient(port, `GET ${CALL_PATH} HTTP/1.1\r\nHost: hub\r\nX-Slow: ${i}${'a'.repeat(2000)}\r\n\r\n`, 1000));
    const slowBody = Array.from({ length: 50 }, () => slowClient(port, `POST /api/v1/auth/login HTTP/1.1\r\nHost: hub\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"username":"${'u'.repeat(5000)}`, 1000));
    const silent = Array.from({ length: 100 }, () => {
      const s = connect({ port, host: '127.0.0.1' });
      s.on('error', () => undefined);
      return { socket: s, closed: new Promise<number>((r) => s.on('close', () => r(Date.now() - started))) };
    });
    const closedAt: number[] = [];
    const answers: string[] = [];
    for (const c of [...trickling, ...slowBody]) void c.closed.then((text) => { closedAt.push(Date.now() - started); answers.push(text.split('\r\n')[0] ?? ''); });
    const silentClosed: number[] = [];
    for (const s of silent) void s.closed.then((t) => silentClosed.push(t));
    try {
      // Meanwhile, real calls keep being answered, promptly.
      const pool = new Pool(hubs[0]!.url, { connections: 8 });
      let served = 0;
      const servedBy = Date.now() + 20_000;
      while (Date.now() < servedBy) {
        const res = await pool.request({ path: CALL_PATH, method: 'GET', headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': PURPOSE } });
        await res.body.text();
        expect(res.statusCode).toBe(200);
        served++;
      }
      await pool.close();
      // Every slow connection is cut by the server (requestTimeout 30 s, checked every 30 s by Node).
      await until(() => closedAt.length === trickling.length + slowBody.length, 'the server to cut every trickling connection', 120_000);
      await until(() => silentClosed.length === silent.length, 'the server to cut every silent connection', 120_000);
      const worst = Math.max(...closedAt, ...silentClosed);
      const timedOut = answers.filter((a) => a.startsWith('HTTP/1.1 408')).length;
      recordFigures('slow-clients', 'process', {
        slow_connections: trickling.length + slowBody.length + silent.length, trickling_headers: trickling.length, stalled_bodies: slowBody.length, silent: silent.length,
        served_meanwhile: served, first_cut_ms: Math.min(...closedAt, ...silentClosed), last_cut_ms: worst, answered_408: timedOut,
      });
      expect(served).toBeGreaterThan(20);
      // Node's bound: requestTimeout plus one connection-check interval.
      expect(worst).toBeLessThanOrEqual(65_000);
    } finally {
      for (const c of [...trickling, ...slowBody]) c.stop();
      for (const s of silent) s.socket.destroy();
    }
  });
});
