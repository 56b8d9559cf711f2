import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { JSONWebKeySet } from 'jose';
import { createServer, type Clock, type HttpServer } from '@ndxp/core';
import { hubGuard } from '@ndxp/sdk';
import { CITIZEN } from '../../src/exchange/test-kit.ts';

// The citizen record the in-process test kit's provider returns, so both providers serve the same person.
export { CITIZEN };

/** Every field the reference provider can return (JSON pointers), for registering its service. */
export const CITIZEN_FIELDS = ['/personal_id', '/full_name', '/date_of_birth', '/gender', '/address', '/ethnicity'] as const;

/**
 * Paths the fault provider serves below its base path `/api`, one behaviour each:
 * - `/v1/citizens/{pid}`: the record (200) or a problem+json 404 for an unknown ID;
 * - `/slow`: holds the answer until released (or the hub times out);
 * - `/garbage`: 200 text/html; `/bad-json`: 200 application/json that is not JSON;
 * - `/reset`: destroys the connection before any answer (a connection reset);
 * - `/cut`: sends headers and half a body, then destroys the connection;
 * - `/huge`: 200 JSON larger than the hub's response limit in tests;
 * - `/deep`: 200 JSON whose `/address` is nested 100,000 levels deep (small, but hostile to recursion);
 * - `/stack`: 500 with a stack trace and SQL in the body (must not reach the consumer);
 * - `/redirect`: 302 to somewhere else (never followed);
 * - `/unavailable`: 503.
 */
export const PROVIDER_PATHS = ['/v1/citizens/{pid}', '/slow', '/garbage', '/bad-json', '/reset', '/cut', '/huge', '/deep', '/stack', '/redirect', '/unavailable', '/v1/echo'] as const;

export interface FaultProvider {
  /** `http://127.0.0.1:port/api`: the `base_url` to register. */
  readonly baseUrl: string;
  readonly port: number;
  /** Requests that got past `hubGuard`. */
  readonly seen: Array<{ method: string; url: string; consumer: string | undefined; fields: string | undefined }>;
  /** Requests `hubGuard` refused (no or bad hub assertion). */
  refused(): number;
  /** Let every held `/slow` request answer. */
  releaseSlow(): void;
  /** Stop listening and drop every connection: the provider is down. */
  down(): Promise<void>;
  /** Listen again on the same port: the provider is back. */
  up(): Promise<void>;
  close(): Promise<void>;
}

export interface FaultProviderOptions {
  /** The hub's issuer (assertion `iss`). */
  readonly issuer: string;
  /** This provider's subsystem id (assertion `aud`). */
  readonly audience: string;
  /** The hub's JWKS (fetched once; the tests do not rotate keys). */
  readonly jwks: () => JSONWebKeySet;
  readonly clock: Clock;
  /** Bytes of the `/huge` answer (default 2 MiB). */
  readonly hugeBytes?: number;
  /** Fixed port to listen on (default: any free one). */
  readonly port?: number;
  /**
   * Keep every request in `seen` (default true, for the tests that inspect them). Long load runs
   * turn it off: millions of kept requests grow the heap and the garbage collector's pauses with
   * it, which showed up as the provider's latency creeping up over a soak.
   */
  readonly recordCalls?: boolean;
}

/**
 * A real provider on a real socket, behind the SDK's `hubGuard`, that can misbehave in every way
 * the fault suites need. Nothing is mocked: the hub reaches it over its undici pool.
 */
export async function startFaultProvider(options: FaultProviderOptions): Promise<FaultProvider> {
  const seen: FaultProvider['seen'] = [];
  let refused = 0;
  let slow: Array<() => void> = [];
  const sockets = new Set<Socket>();
  let app: HttpServer | undefined;
  let port = options.port ?? 0;

  async function listen(): Promise<void> {
    const a = createServer({ name: 'fault-provider', logger: false });
    a.server.on('connection', (s: Socket) => {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    });
    const guard = hubGuard({ jwks: options.jwks(), issuer: options.issuer, audience: options.audience, clock: options.clock }) as unknown as (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
    a.addHook('onRequest', async (request, reply) => {
      await guard(request, reply);
      if (reply.sent) {
        refused++;
        return reply;
      }
      return undefined;
    });
    a.addContentTypeParser('*', { parseAs: 'string' }, (_r, body, done) => done(null, body));
    a.addHook('preHandler', async (request) => {
      const h = request.headers;
      if (options.recordCalls !== false) seen.push({ method: request.method, url: request.url, consumer: h['x-ndxp-consumer'] as string | undefined, fields: h['x-ndxp-fields'] as string | undefined });
    });
    a.get('/api/v1/citizens/:pid', async (request, reply) => {
      const { pid } = request.params as { pid: string };
      if (pid !== CITIZEN.personal_id) {
        return reply.code(404).type('application/problem+json').send({ type: 'https://ndxp.gov.vn/problems/citizen-not-found', title: 'Không tìm thấy công dân', status: 404, code: 'CITIZEN_NOT_FOUND', origin: 'client' });
      }
      // Tell the consumer apart in the data, so a cross-talk between consumers would show.
      return { ...CITIZEN, served_to: request.headers['x-ndxp-consumer'] };
    });
    a.post('/api/v1/echo', async (request) => ({ received_bytes: String(request.body ?? '').length, personal_id: CITIZEN.personal_id, full_name: CITIZEN.full_name }));
    a.get('/api/slow', async () => {
      await new Promise<void>((r) => slow.push(r));
      return CITIZEN;
    });
    a.get('/api/garbage', async (_r, reply) => reply.type('text/html').send('<html><body>Internal Server Error at /srv/app/db.js:10</body></html>'));
    a.get('/api/bad-json', async (_r, reply) => reply.type('application/json').send('{"full_name": "Nguy'));
    a.get('/api/reset', async (request) => {
      request.raw.socket.destroy();
      return new Promise(() => undefined);
    });
    a.get('/api/cut', async (_request, reply) => {
      const raw = reply.raw;
      raw.writeHead(200, { 'content-type': 'application/json', 'content-length': '1000' });
      raw.write('{"full_name":"Nguyễn');
      setImmediate(() => raw.socket?.destroy());
      return reply.hijack();
    });
    a.get('/api/huge', async (_r, reply) => reply.type('application/json').send(JSON.stringify({ full_name: 'x'.repeat(options.hugeBytes ?? 2 * 1024 * 1024) })));
    a.get('/api/deep', async (_r, reply) => reply.type('application/json').send(`{"full_name":"x","address":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}}`));
    a.get('/api/stack', async (_r, reply) => reply.code(500).type('application/json').send({ error: 'TypeError: x is undefined\n    at query (/srv/npdb/src/db.ts:10:5)', sql: 'SELECT * FROM citizens WHERE personal_id = 001203012345' }));
    a.get('/api/redirect', async (_r, reply) => reply.redirect('http://169.254.169.254/latest/meta-data/', 302));
    a.get('/api/unavailable', async (_r, reply) => reply.code(503).send({}));
    const address = await a.listen({ port, host: '127.0.0.1' });
    port = Number(new URL(address).port);
    app = a;
  }

  await listen();
  const releaseSlow = (): void => {
    const s = slow;
    slow = [];
    for (const r of s) r();
  };
  const stop = async (): Promise<void> => {
    releaseSlow();
    const a = app;
    app = undefined;
    if (a === undefined) return;
    for (const s of sockets) s.destroy();
    await a.close();
  };
  return {
    get baseUrl() {
      return `http://127.0.0.1:${port}/api`;
    },
    get port() {
      return port;
    },
    seen,
    refused: () => refused,
    releaseSlow,
    down: stop,
    up: async () => {
      if (app === undefined) await listen();
    },
    close: stop,
  };
}
