import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { request as undiciRequest } from 'undici';
import { testBackends, type Db } from '@ndxp/db';
import { recordFigures, Tally } from './support/figures.ts';
import { operationsOf, percentEncode, strictValue, type JsonSchema, type Operation } from './support/openapi-arbitraries.ts';
import { DEFAULT_CONSUMERS, ECHO, LOOKUP, openPlatform, type Platform } from './support/platform.ts';
import { rawRequest, slowClient } from './support/raw-http.ts';
import { problemsWith } from './support/response-checks.ts';
import { CITIZEN } from './support/test-provider.ts';

/**
 * Request attacks: header and path injection, path traversal in `/x/...` raw, encoded and
 * double-encoded, SQL injection in every parameter of every operation (and proof that nothing
 * happened), giant and deeply nested JSON both from clients and from providers, and slow clients.
 */
const PID = CITIZEN.personal_id;
const SQLI = [
  "' OR '1'='1", "'; DROP TABLE audit_log; --", "1; DELETE FROM users; --", "' UNION SELECT username, password_hash FROM users --",
  "$1", "\\'; DROP TABLE members; --", "'||(SELECT pg_sleep(5))||'", "BCA'--", '1) OR (1=1', "'; UPDATE grants SET state='active'; --",
];
/** Tables whose existing rows an attack run must leave exactly as they were. */
const GUARDED = ['members', 'subsystems', 'subsystem_keys', 'services', 'grants', 'grant_events', 'users', 'hub_signing_keys', 'audit_log', 'plan_items', 'ndxp_migrations'];

async function snapshot(db: Db): Promise<{ tables: string[]; rows: Map<string, Set<string>> }> {
  const tables = (await db.query<{ t: string }>("SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' ORDER BY 1")).rows.map((r) => r.t);
  const rows = new Map<string, Set<string>>();
  for (const t of GUARDED) {
    // Table names come from the constant list above, never from input.
    const r = await db.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM ${t} x`);
    rows.set(t, new Set(r.rows.map((x) => x.j)));
  }
  return { tables, rows };
}

/** JSON pointers of the string values inside `v`. */
function stringLeaves(v: unknown, at = ''): string[] {
  if (typeof v === 'string') return [at];
  if (Array.isArray(v)) return v.flatMap((x, i) => stringLeaves(x, `${at}/${i}`));
  if (typeof v === 'object' && v !== null) return Object.entries(v).flatMap(([k, x]) => stringLeaves(x, `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`));
  return [];
}

function setAt(v: unknown, pointer: string, value: string): unknown {
  const copy = structuredClone(v) as Record<string, unknown>;
  const parts = pointer.split('/').slice(1).map((p) => p.replaceAll('~1', '/').replaceAll('~0', '~'));
  let node: Record<string, unknown> = copy;
  for (const p of parts.slice(0, -1)) node = node[p] as Record<string, unknown>;
  node[parts.at(-1)!] = value;
  return copy;
}

describe.each(testBackends())('request attacks on %s', (kind) => {
  let p: Platform;
  let port: number;
  let tax: string;
  const tally = new Tally();

  beforeAll(async () => {
    p = await openPlatform(kind, { listen: true, exchange: { maxResponseBytes: 1024 * 1024 } });
    port = Number(new URL(p.url!).port);
    tax = await p.token('BTC/tax');
  });
  afterAll(async () => {
    recordFigures('request-attacks', kind, tally.toFigures());
    await p?.close();
  });

  const raw = async (lines: string[], body = '') => {
    tally.add('requests');
    return rawRequest(port, `${lines.join('\r\n')}\r\n\r\n${body}`);
  };
  const auth = () => [`Authorization: Bearer ${tax}`, 'X-Ndxp-Purpose: tax-registration'];

  describe('header and path injection', () => {
    it('refuses CR, LF and NUL inside header values at the HTTP parser, as problem+json', async () => {
      for (const evil of ['tax-registration\rSet-Cookie: a=1', 'tax\u0000registration', 'tax\nX-Injected: 1']) {
        const seen = p.provider.seen.length;
        const res = await raw([`GET /x/${LOOKUP}/v1/citizens/${PID} HTTP/1.1`, 'Host: hub.test', `Authorization: Bearer ${tax}`, `X-Ndxp-Purpose: ${evil}`, 'Connection: close']);
        expect(res.statusCode, JSON.stringify(evil)).toBe(400);
        expect(JSON.parse(res.body)).toMatchObject({ code: 'HEADER_INVALID', origin: 'client' });
        expect(res.headers['set-cookie']).toBeUndefined();
        expect(res.headers['x-injected']).toBeUndefined();
        expect(p.provider.seen.length).toBe(seen);
        tally.add('attacks_refused');
      }
    });

    it('refuses encoded CR/LF in the purpose and never echoes a caller request id that could split a response', async () => {
      const res = await p.hub.app.inject({ url: `/x/${LOOKUP}/v1/citizens/${PID}`, headers: { authorization: `Bearer ${tax}`, 'x-ndxp-purpose': 'tax%0d%0aSet-Cookie:%20a=1', 'x-request-id': 'abc%0d%0aSet-Cookie: x=1' } });
      tally.add('requests');
      expect(res.json()).toMatchObject({ code: 'HEADER_INVALID' });
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      expect(res.headers['set-cookie']).toBeUndefined();
      tally.add('attacks_refused');
    });

    it('forwards none of the caller\'s own x-ndxp-* headers, cookies or credentials to the provider', async () => {
      const forged = await p.hub.app.inject({
        url: `/x/${LOOKUP}/v1/citizens/${PID}`,
        headers: {
          authorization: `Bearer ${tax}`, 'x-ndxp-purpose': 'tax-registration', cookie: 'sid=1', 'x-ndxp-consumer': 'BYT/health', 'x-ndxp-service': 'BCA/npdb/admin/v1',
          'x-ndxp-hub-assertion': 'forged.jwt.value', 'x-forwarded-for': '10.0.0.1', 'x-ndxp-grant': 'all', host: 'evil.test',
        },
      });
      tally.add('requests');
      expect(forged.statusCode).toBe(200);
      const seen = p.provider.seen.at(-1)!;
      expect(seen.consumer).toBe('BTC/tax');
      expect(seen.fields).toBe('/full_name,/date_of_birth');
      // The provider's hubGuard verified the hub's own assertion, not the forged one.
      expect(p.provider.refused()).toBe(0);
    });

    it('refuses NUL and control characters in the request target, raw or encoded, without forwarding', async () => {
      for (const target of [`/x/${LOOKUP}/v1/citizens/${PID}%00`, `/x/${LOOKUP}/v1/citizens/${PID}%0d%0aX:1`, `/x/${LOOKUP}/v1/citizens/${PID}?q=%00`, `/x/${LOOKUP}/v1/citizens/${PID}\u0000`, `/x/${LOOKUP}/v1/citi zens`]) {
        const seen = p.provider.seen.length;
        const res = await raw([`GET ${target} HTTP/1.1`, 'Host: hub.test', ...auth(), 'Connection: close']);
        expect(res.statusCode, JSON.stringify(target)).toBe(400);
        expect(['PATH_INVALID', 'HEADER_INVALID']).toContain(JSON.parse(res.body).code);
        expect(p.provider.seen.length).toBe(seen);
        tally.add('attacks_refused');
      }
    });
  });

  describe('path traversal in /x/...', () => {
    const TRICKS = [
      '/v1/../../admin', '/v1/citizens/../../../etc/passwd', '/%2e%2e/%2e%2e/admin', '/.%2e/admin', '/%2E%2E%2Fadmin', '/v1/citizens/..%2f..%2fadmin',
      '/%252e%252e/%252e%252e/admin', '/v1/%252e%252e%252fadmin', '/v1/..%255c..%255cadmin', '/v1\\..\\admin', '/v1/%5c..%5cadmin',
      '/%c0%ae%c0%ae/admin', '/%e0%80%ae%e0%80%ae/admin', '//etc/passwd', '/v1/./citizens', '/;/../admin', '/..;/admin',
    ];
    it.each(TRICKS)('refuses %s, and the provider never sees it', async (trick) => {
      const seen = p.provider.seen.length;
      const res = await raw([`GET /x/${LOOKUP}${trick} HTTP/1.1`, 'Host: hub.test', ...auth(), 'Connection: close']);
      // `;` is not a separator for the hub: a segment `..;` is a plain name the provider 404s.
      if (trick === '/..;/admin') {
        expect(res.statusCode).toBe(404);
        expect(p.provider.seen.at(-1)?.url.startsWith('/api/')).toBe(true);
      } else {
        expect(res.statusCode, res.body).toBe(400);
        expect(JSON.parse(res.body).code).toBe('PATH_INVALID');
        expect(p.provider.seen.length).toBe(seen);
      }
      expect(problemsWith(res, trick)).toEqual([]);
      tally.add('attacks_refused');
    });
  });

  describe('SQL injection in every parameter', () => {
    let ops: Operation[];
    let before: Awaited<ReturnType<typeof snapshot>>;

    beforeAll(async () => {
      ops = operationsOf((await p.hub.app.inject({ url: '/openapi.json' })).json() as Record<string, unknown>).filter((o) => !o.path.startsWith('/x/') && o.path !== '/api/v1/hub/keys/rotate');
      before = await snapshot(p.db);
    });

    it('answers every injected request without a 5xx, in every path, query and body parameter of every operation', async () => {
      const op = `Bearer ${p.operatorToken}`;
      for (const o of ops) {
        const pathParams = o.parameters.filter((x) => x.in === 'path');
        const queryParams = o.parameters.filter((x) => x.in === 'query');
        const schema = o.body?.['application/json'] ?? o.body?.['application/x-www-form-urlencoded'];
        const form = o.body?.['application/json'] === undefined && schema !== undefined;
        // One valid request per operation (fixed seed), then each string in it replaced in turn.
        const base = schema === undefined ? undefined : fc.sample(strictValue(schema), { seed: 47, numRuns: 1 })[0];
        const validPath = pathParams.map((x) => String(fc.sample(strictValue(x.schema ?? { type: 'string' } as JsonSchema), { seed: 47, numRuns: 1 })[0]));
        const locations: { where: 'path' | 'query' | 'body'; index?: number; name?: string; pointer?: string }[] = [
          ...pathParams.map((_, index) => ({ where: 'path' as const, index })),
          ...queryParams.map((x) => ({ where: 'query' as const, name: x.name })),
          ...(base === undefined ? [] : stringLeaves(base).map((pointer) => ({ where: 'body' as const, pointer }))),
        ];
        for (const loc of locations) {
          for (const sqli of SQLI) {
            let i = 0;
            const url = o.path.replace(/\{[^}]+\}/g, () => {
              const k = i++;
              return percentEncode(loc.where === 'path' && loc.index === k ? sqli : validPath[k] ?? 'x');
            }) + (loc.where === 'query' ? `?${loc.name}=${percentEncode(sqli)}` : '');
            const body = base === undefined ? undefined : loc.where === 'body' ? setAt(base, loc.pointer!, sqli) : base;
            const payload = body === undefined ? undefined : form ? new URLSearchParams(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, String(v)])).toString() : JSON.stringify(body);
            const headers: Record<string, string> = { authorization: op };
            if (payload !== undefined) headers['content-type'] = form ? 'application/x-www-form-urlencoded' : 'application/json';
            tally.add('requests');
            tally.add('sql_injections');
            const res = await p.hub.app.inject({ method: o.method as 'GET', url, headers, ...(payload === undefined || o.method === 'GET' || o.method === 'DELETE' ? {} : { payload }) });
            expect(problemsWith({ statusCode: res.statusCode, headers: res.headers, body: res.body }, `${url}${payload ?? ''}${SQLI.join('')}`), `${o.method} ${url} ${payload?.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 200)}`).toEqual([]);
          }
        }
      }
      // The login form, where injection classically bypasses authentication.
      for (const sqli of SQLI) {
        const res = await p.hub.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: sqli, password: sqli } });
        tally.add('requests');
        tally.add('sql_injections');
        expect(res.statusCode).toBe(401);
        expect(res.json().code).toBe('CREDENTIALS_INVALID');
      }
    });

    it('injects through the data plane too: path, query, purpose, fields and body', async () => {
      const before = p.provider.seen.length;
      let audited = 0;
      for (const sqli of SQLI) {
        const ascii = /^[\x20-\x7e]*$/.test(sqli);
        for (const req of [
          { url: `/x/${LOOKUP}/v1/citizens/${percentEncode(sqli)}`, headers: {} },
          { url: `/x/${LOOKUP}/v1/citizens/${PID}?pid=${percentEncode(sqli)}`, headers: {} },
          ...(ascii ? [{ url: `/x/${LOOKUP}/v1/citizens/${PID}`, headers: { 'x-ndxp-purpose': sqli } }, { url: `/x/${LOOKUP}/v1/citizens/${PID}`, headers: { 'x-ndxp-fields': sqli } }] : []),
          { url: `/x/${ECHO}/v1/echo`, method: 'POST', payload: JSON.stringify({ personal_id: sqli }), headers: { 'content-type': 'application/json' } },
        ]) {
          tally.add('requests');
          tally.add('sql_injections');
          const res = await p.hub.app.inject({ method: (req.method ?? 'GET') as 'GET', url: req.url, headers: { authorization: `Bearer ${tax}`, 'x-ndxp-purpose': 'tax-registration', ...req.headers }, ...(req.payload === undefined ? {} : { payload: req.payload }) });
          expect(problemsWith({ statusCode: res.statusCode, headers: res.headers, body: res.body }, req.url + (req.payload ?? '') + SQLI.join('')), `${req.url} → ${res.body}`).toEqual([]);
          if (res.headers['x-ndxp-log-index'] !== undefined) audited++;
        }
      }
      expect(audited).toBeGreaterThan(SQLI.length * 3);
      expect(p.provider.seen.length).toBeGreaterThan(before);
    });

    it('proves nothing happened: every table there, every existing row unchanged, injections stored as plain text', async () => {
      const after = await snapshot(p.db);
      expect(after.tables).toEqual(before.tables);
      for (const t of GUARDED) {
        const missing = [...before.rows.get(t)!].filter((r) => !after.rows.get(t)!.has(r));
        expect(missing, `rows of ${t} changed or deleted`).toEqual([]);
      }
      const member = await p.hub.app.inject({ method: 'POST', url: '/api/v1/members', headers: { authorization: `Bearer ${p.operatorToken}` }, payload: { code: 'SQLI1', name: SQLI[1] } });
      expect(member.statusCode).toBe(201);
      const back = await p.hub.app.inject({ url: '/api/v1/members/SQLI1', headers: { authorization: `Bearer ${p.operatorToken}` } });
      expect(back.json()).toMatchObject({ code: 'SQLI1', name: SQLI[1] });
      expect((await p.db.query<{ t: string | null }>("SELECT to_regclass('audit_log')::text AS t")).rows[0]!.t).toBe('audit_log');
      // Whatever the injections carried, the grants are in the states the control plane put them in.
      const states = await p.db.query<{ state: string; n: number }>('SELECT state, count(*)::int8 AS n FROM grants GROUP BY state');
      expect(states.rows).toEqual([{ state: 'active', n: DEFAULT_CONSUMERS.flatMap((c) => c.grants).length }]);
    });
  });

  describe('giant and deeply nested JSON', () => {
    const op = () => ({ authorization: `Bearer ${p.operatorToken}`, 'content-type': 'application/json' });

    it('refuses a control-plane body over its limit before parsing it', async () => {
      const res = await p.hub.app.inject({ method: 'POST', url: '/api/v1/members', headers: op(), payload: JSON.stringify({ code: 'BIG', name: 'x'.repeat(3 * 1024 * 1024) }) });
      tally.add('requests');
      expect(res.statusCode).toBe(413);
      expect(res.json().code).toBe('BODY_TOO_LARGE');
    });

    it('answers deeply nested JSON bodies with a 4xx, quickly, on every kind of route', async () => {
      const deepObject = `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`;
      const deepArray = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
      const deepInOpenapi = `{"subsystem_id":"BCA/npdb","code":"deep","version":"v1","title":"x","fields":["/a"],"data_class":"open","openapi":{"openapi":"3.1.0","info":{"title":"t","version":"1"},"paths":{},"x-deep":${deepObject}}}`;
      for (const [method, url, payload] of [
        ['POST', '/api/v1/members', deepObject], ['POST', '/api/v1/grants', deepArray], ['POST', '/api/v1/services', deepInOpenapi], ['POST', '/api/v1/auth/login', deepObject],
      ] as const) {
        tally.add('requests');
        const res = await p.hub.app.inject({ method, url, headers: op(), payload });
        expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBeGreaterThanOrEqual(400);
        expect(problemsWith({ statusCode: res.statusCode, headers: res.headers, body: res.body }), url).toEqual([]);
        tally.add('attacks_refused');
      }
    });

    it('refuses a data-plane body over the service limit without forwarding it, and forwards nested JSON within it', async () => {
      const seen = p.provider.seen.length;
      const big = await p.hub.app.inject({ method: 'POST', url: `/x/${ECHO}/v1/echo`, headers: { authorization: `Bearer ${tax}`, 'x-ndxp-purpose': 'tax-registration', 'content-type': 'application/json' }, payload: JSON.stringify({ personal_id: PID, pad: 'x'.repeat(10_000) }) });
      expect(big.statusCode).toBe(413);
      expect(p.provider.seen.length).toBe(seen);
      const nested = (depth: number) => p.hub.app.inject({ method: 'POST', url: `/x/${ECHO}/v1/echo`, headers: { authorization: `Bearer ${tax}`, 'x-ndxp-purpose': 'tax-registration', 'content-type': 'application/json' }, payload: `{"personal_id":"${PID}","x":${'['.repeat(depth)}${']'.repeat(depth)}}` });
      expect((await nested(50)).statusCode).toBe(200);
      // The hub passes bodies through; a provider built on core's createServer refuses the deep one.
      const deep = await nested(1500);
      expect(deep.statusCode).toBe(400);
      expect(deep.json()).toMatchObject({ code: 'VALIDATION_FAILED', origin: 'provider' });
      tally.add('requests', 3);
    });

    it('refuses a provider answer that is too big, or nested too deep to project, as the provider\'s fault', async () => {
      const byt = await p.token('BYT/health');
      for (const path of ['/huge', '/deep']) {
        // BYT/health is granted /address, which /deep nests 100,000 levels deep.
        const res = await p.hub.app.inject({ url: `/x/${LOOKUP}${path}`, headers: { authorization: `Bearer ${byt}`, 'x-ndxp-purpose': 'health-insurance' } });
        tally.add('requests');
        expect(res.statusCode, `${path} ${res.body}`).toBe(502);
        expect(res.json()).toMatchObject({ code: 'PROVIDER_BAD_RESPONSE', origin: 'provider' });
        expect(problemsWith({ statusCode: res.statusCode, headers: res.headers, body: res.body }, '', { allow5xx: true })).toEqual([]);
      }
    });
  });

  describe('slow clients (slowloris)', () => {
    it('keeps serving others while many connections trickle their headers', async () => {
      const server = p.hub.app.server;
      // The limits that cut slow clients (measured end to end in bench/faults/slow-clients.faults.ts).
      expect(server.requestTimeout).toBeGreaterThan(0);
      expect(server.requestTimeout).toBeLessThanOrEqual(30_000);
      // Headers must arrive within the smaller of the two (Node checks both).
      expect(Math.min(server.headersTimeout, server.requestTimeout)).toBeLessThanOrEqual(30_000);
      const slow = Array.from({ length: 60 }, (_, i) => slowClient(port, `GET /x/${LOOKUP}/v1/citizens/${PID} HTTP/1.1\r\nHost: hub.test\r\nX-Slow-${i}: ${'a'.repeat(400)}\r\n\r\n`, 50));
      try {
        await new Promise((r) => setTimeout(r, 300));
        const results = await Promise.all(Array.from({ length: 30 }, async () => {
          const res = await undiciRequest(`${p.url}/x/${LOOKUP}/v1/citizens/${PID}`, { headers: { authorization: `Bearer ${tax}`, 'x-ndxp-purpose': 'tax-registration' } });
          await res.body.text();
          return res.statusCode;
        }));
        tally.add('requests', 30);
        tally.add('slow_connections', slow.length);
        expect(results).toEqual(Array(30).fill(200));
      } finally {
        for (const s of slow) s.stop();
      }
    });
  });
});
