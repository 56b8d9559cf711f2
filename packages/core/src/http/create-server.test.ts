import { describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { Type } from 'typebox';
import { createServer } from './create-server.ts';
import { createLogger } from './logger.ts';
import { NdxpError } from '../errors/index.ts';

function app() {
  const server = createServer({ name: 'test', logger: false, bodyLimit: 256 });
  server.post('/things/:id', {
    schema: {
      params: Type.Object({ id: Type.String({ pattern: '^[0-9]{12}$', 'x-error-code': 'PERSONAL_ID_MALFORMED' }) }),
      body: Type.Object({ n: Type.Integer() }, { additionalProperties: false }),
    },
  }, async (req) => ({ id: req.params.id, n: req.body.n }));
  server.get('/boom', async () => { throw new Error('SELECT secret FROM users -- at /src/x.ts:10'); });
  server.get('/gone', async () => { throw new NdxpError('CITIZEN_NOT_FOUND', { detail: 'no such citizen' }); });
  return server;
}

describe('createServer', () => {
  it('answers valid requests and echoes the request id', async () => {
    const res = await app().inject({ method: 'POST', url: '/things/001203012345', payload: { n: 1 }, headers: { 'x-request-id': 'abc-1' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ id: '001203012345', n: 1 });
    expect(res.headers['x-request-id']).toBe('abc-1');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('uses the schema annotation for the error code', async () => {
    const res = await app().inject({ method: 'POST', url: '/things/12', payload: { n: 1 } });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ code: 'PERSONAL_ID_MALFORMED', status: 400, origin: 'client', type: 'https://ndxp.gov.vn/problems/personal-id-malformed' });
  });

  it('rejects unknown members, wrong types, bad JSON and large bodies with distinct codes', async () => {
    const a = app();
    const unknown = await a.inject({ method: 'POST', url: '/things/001203012345', payload: { n: 1, x: 2 } });
    expect(unknown.json()).toMatchObject({ code: 'VALIDATION_FAILED', errors: [{ in: 'body', pointer: '/x', message: 'unknown property' }] });
    const typed = await a.inject({ method: 'POST', url: '/things/001203012345', payload: { n: '1' } });
    expect(typed.json().code).toBe('VALIDATION_FAILED');
    const bad = await a.inject({ method: 'POST', url: '/things/001203012345', payload: '{"n":', headers: { 'content-type': 'application/json' } });
    expect(bad.json().code).toBe('MALFORMED_JSON');
    const big = await a.inject({ method: 'POST', url: '/things/001203012345', payload: JSON.stringify({ n: 1, pad: 'x'.repeat(1000) }), headers: { 'content-type': 'application/json' } });
    expect(big.statusCode).toBe(413);
    expect(big.json().code).toBe('BODY_TOO_LARGE');
    const media = await a.inject({ method: 'POST', url: '/things/001203012345', payload: 'n=1', headers: { 'content-type': 'text/x-unknown' } });
    expect(media.json().code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers router-level errors (bad percent-encoding, over-long parameter) as problem+json too', async () => {
    const a = app();
    for (const url of ['/things/%c0%ae%c0%ae', '/things/%zz', `/things/${'1'.repeat(600)}`]) {
      const res = await a.inject({ method: 'POST', url, payload: { n: 1 } });
      expect(res.statusCode, url).toBe(400);
      expect(res.headers['content-type'], url).toContain('application/problem+json');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-request-id'], url).toBe(res.json().request_id);
      expect(res.json(), url).toMatchObject({ code: 'PATH_INVALID', status: 400, origin: 'client', request_id: expect.any(String) });
      expect(res.body).not.toContain('FST_ERR');
    }
  });

  it('answers HTTP parser errors (bad header, oversized headers, bad request line) as problem+json', async () => {
    const a = app();
    const address = await a.listen({ port: 0, host: '127.0.0.1' });
    const send = (raw: string) => new Promise<string>((resolve, reject) => {
      const socket = connect({ port: Number(new URL(address).port), host: '127.0.0.1' });
      const chunks: Buffer[] = [];
      socket.on('data', (c: Buffer) => chunks.push(c));
      socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
      socket.on('error', reject);
      socket.end(raw);
    });
    try {
      for (const [raw, status, code] of [
        ['GET /gone HTTP/1.1\r\nHost: x\r\nX-Evil: a\rSet-Cookie: b\r\n\r\n', 400, 'HEADER_INVALID'],
        [`GET /gone HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431, 'HEADERS_TOO_LARGE'],
        ['GARBAGE\r\n\r\n', 400, 'HEADER_INVALID'],
      ] as const) {
        const res = await send(raw);
        const [head = '', body = ''] = res.split('\r\n\r\n');
        expect(head.split('\r\n')[0]).toBe(`HTTP/1.1 ${status} ${status === 431 ? 'Request Header Fields Too Large' : 'Bad Request'}`);
        expect(head.toLowerCase()).toContain('content-type: application/problem+json');
        expect(head.toLowerCase()).toContain('x-content-type-options: nosniff');
        expect(JSON.parse(body)).toMatchObject({ code, status, origin: 'client', request_id: expect.any(String) });
      }
    } finally {
      await a.close();
    }
  });

  it('refuses JSON nested too deep before parsing it, and keeps refusing prototype poisoning', async () => {
    const a = app();
    const deep = await a.inject({ method: 'POST', url: '/things/001203012345', headers: { 'content-type': 'application/json' }, payload: `{"n":1,"x":${'['.repeat(101)}${']'.repeat(101)}}` });
    expect(deep.statusCode).toBe(400);
    expect(deep.json()).toMatchObject({ code: 'VALIDATION_FAILED', detail: 'JSON nested deeper than 100 levels' });
    const proto = await a.inject({ method: 'POST', url: '/things/001203012345', headers: { 'content-type': 'application/json' }, payload: '{"n":1,"__proto__":{"x":1}}' });
    expect(proto.statusCode).toBe(400);
    const ok = await a.inject({ method: 'POST', url: '/things/001203012345', headers: { 'content-type': 'application/json; charset=utf-8' }, payload: '{"n":2}' });
    expect(ok.json()).toEqual({ id: '001203012345', n: 2 });
  });

  it('closes connections that never send a byte, and only those', async () => {
    const a = createServer({ name: 'test', logger: false, firstByteTimeoutMs: 150 });
    a.get('/slow', async () => {
      await new Promise((r) => setTimeout(r, 400));
      return { ok: true };
    });
    const address = await a.listen({ port: 0, host: '127.0.0.1' });
    const port = Number(new URL(address).port);
    try {
      const silent = connect({ port, host: '127.0.0.1' });
      const closed = await new Promise<boolean>((resolve) => {
        silent.on('close', () => resolve(true));
        silent.on('error', () => undefined);
        setTimeout(() => resolve(false), 5000).unref();
      });
      expect(closed).toBe(true);
      // A request that is quietly waiting longer than the first-byte limit is not cut.
      const answer = await new Promise<string>((resolve, reject) => {
        const s = connect({ port, host: '127.0.0.1' }, () => s.write('GET /slow HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'));
        const chunks: Buffer[] = [];
        s.on('data', (c: Buffer) => chunks.push(c));
        s.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
        s.on('error', reject);
      });
      expect(answer.startsWith('HTTP/1.1 200')).toBe(true);
    } finally {
      await a.close();
    }
  });

  it('never leaks internals in 5xx and speaks Vietnamese by default, English on request', async () => {
    const a = app();
    const res = await a.inject({ method: 'GET', url: '/boom' });
    expect(res.statusCode).toBe(500);
    expect(res.body).not.toMatch(/SELECT|secret|\.ts/);
    expect(res.json()).toMatchObject({ code: 'INTERNAL', title: 'Lỗi nội bộ' });
    const en = await a.inject({ method: 'GET', url: '/gone', headers: { 'accept-language': 'en-US,en;q=0.8' } });
    expect(en.json()).toMatchObject({ code: 'CITIZEN_NOT_FOUND', title: 'No citizen with this personal identification number', detail: 'no such citizen' });
    const nf = await a.inject({ method: 'GET', url: '/nope' });
    expect(nf.json().code).toBe('ROUTE_NOT_FOUND');
  });

  it('redacts secrets from logs', async () => {
    const lines: string[] = [];
    const sink = new Writable({ write(chunk, _enc, cb) { lines.push(String(chunk)); cb(); } });
    const server = createServer({ name: 't', logger: createLogger('t', 'info', sink) });
    server.get('/', async () => 'ok');
    await server.inject({ method: 'GET', url: '/', headers: { authorization: 'Bearer SECRET-TOKEN-123', cookie: 'sid=COOKIE-456' } });
    const all = lines.join('');
    expect(all).toContain('incoming request');
    expect(all).not.toContain('SECRET-TOKEN-123');
    expect(all).not.toContain('COOKIE-456');
  });
});
