import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testBackends } from '@ndxp/db';
import { recordFigures, Tally } from './support/figures.ts';
import { fuzzRuns, fuzzSeed } from './support/fuzz-settings.ts';
import { HOSTILE_STRINGS, hostileJson, percentEncode } from './support/openapi-arbitraries.ts';
import { DEFAULT_CONSUMERS, ECHO, LOOKUP, LOOKUP_B, openPlatform, type Platform } from './support/platform.ts';
import { rawRequest } from './support/raw-http.ts';
import { problemsWith, within } from './support/response-checks.ts';
import { CITIZEN } from './support/test-provider.ts';

/**
 * Property-based fuzzing of the data plane `/x/{member}/{subsystem}/{service}/{version}/{path}`:
 * service names real and invented, path tails with traversal, encoded and double-encoded
 * segments, control characters and injection strings, query strings, every method, purpose and
 * field headers, content types and bodies, under several consumers' tokens and none.
 *
 * Properties: a 5xx only ever comes from a provider (origin=provider, a PROVIDER_* code), never
 * from the hub; every exchange the data plane handles is in the audit log exactly once; a 2xx
 * never carries a field outside the caller's grant; the provider's internals never show; the raw
 * personal ID never reaches the log.
 */
const PID = CITIZEN.personal_id;
const granted = new Map<string, Set<string>>(DEFAULT_CONSUMERS.flatMap((c) => c.grants.map((g) => [`${c.id} ${g.service}`, new Set(g.fields)] as const)));
const FRAMEWORK_CODES = new Set(['PATH_INVALID', 'ROUTE_NOT_FOUND', 'METHOD_NOT_ALLOWED', 'HEADER_INVALID', 'BODY_TOO_LARGE', 'UNSUPPORTED_MEDIA_TYPE']);

describe.each(testBackends())('fuzzing the data plane on %s', (kind) => {
  let p: Platform;
  let tokens: Record<string, string>;
  let corpus = '';
  const tally = new Tally();

  beforeAll(async () => {
    p = await openPlatform(kind, { listen: true, serviceTimeoutMs: 300, exchange: { circuitFailureThreshold: 1_000_000 } });
    tokens = { 'BTC/tax': await p.token('BTC/tax'), 'BYT/health': await p.token('BYT/health'), 'BXD/none': await p.token('BXD/none') };
  });
  afterAll(async () => {
    recordFigures('fuzz-data-plane', kind, tally.toFigures());
    await p?.close();
  });

  const segment = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom('v1', 'citizens', PID, '001203099999', 'slow', 'garbage', 'bad-json', 'reset', 'cut', 'huge', 'stack', 'redirect', 'unavailable', 'echo') },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_STRINGS).map(percentEncode) },
    { weight: 2, arbitrary: fc.constantFrom('..', '.', '%2e%2e', '%2E%2e', '%252e%252e', '..%2f..', '%2f', '%5c', '%00', '%0d%0a', '', '~', '%', '%zz', '%c0%ae%c0%ae', ';', 'a;b=c', '*') },
    { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(percentEncode) },
  );
  const service = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(LOOKUP, LOOKUP_B, ECHO) },
    { weight: 1, arbitrary: fc.constantFrom('BCA/npdb/citizen-lookup/v2', 'BCA/npdb/nope/v1', 'bca/npdb/citizen-lookup/v1', 'BCA/NPDB/citizen-lookup/v1', 'BCA/npdb', 'BCA', '', 'BCA/npdb/citizen-lookup/v1%2f..', 'BCA/..%2fnpdb/citizen-lookup/v1') },
    { weight: 1, arbitrary: fc.tuple(fc.stringMatching(/^[A-Z0-9.]{1,6}$/), fc.stringMatching(/^[a-z0-9-]{1,6}$/), fc.stringMatching(/^[a-z0-9-]{1,6}$/), fc.stringMatching(/^v[0-9]{1,2}$/)).map((t) => t.join('/')) },
  );
  /** Every part of a request, each drawn from hostile and odd values as well as right ones. */
  const parts = {
    method: fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE'),
    service,
    tail: fc.array(segment, { minLength: 0, maxLength: 4 }),
    query: fc.option(fc.array(fc.tuple(fc.constantFrom('pid', 'fields', 'q', 'x', '__proto__'), fc.oneof(fc.constantFrom(PID, ...HOSTILE_STRINGS), fc.string({ maxLength: 10 }))).map(([k, v]) => `${k}=${percentEncode(v)}`), { maxLength: 3 }).map((a) => a.join('&')), { nil: undefined }),
    consumer: fc.constantFrom('BTC/tax', 'BYT/health', 'BXD/none', 'none', 'garbage'),
    purpose: fc.oneof(fc.constantFrom('tax-registration', 'health-insurance', undefined, '', 'TAX', 'tax-registration,health-insurance'), fc.constantFrom(...HOSTILE_STRINGS.filter((s) => /^[\x20-\x7e]*$/.test(s)))),
    fields: fc.oneof(fc.constant(undefined), fc.constantFrom('/full_name', '/full_name,/date_of_birth', '/address', '/ethnicity', '/personal_id', '/full_name,/personal_id', '', ',', '/', '/~1', '/full_name/..', '/*', '/full_name,'.repeat(200)), fc.array(fc.stringMatching(/^\/[a-z_~0-9]{0,10}$/), { maxLength: 3 }).map((a) => a.join(','))),
    contentType: fc.constantFrom(undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=z', 'garbage/'),
    body: fc.option(fc.oneof(hostileJson().map((v) => JSON.stringify(v) ?? 'null'), fc.constantFrom(JSON.stringify({ personal_id: PID }), JSON.stringify({ personal_id: 42 }), '{"personal_id":', 'x'.repeat(5000))), { nil: undefined }),
    requestId: fc.option(fc.oneof(fc.stringMatching(/^[A-Za-z0-9._:-]{1,40}$/), fc.constantFrom('x'.repeat(500), 'a b', '<script>', '../../etc')), { nil: undefined }),
  };
  type Parts = { [K in keyof typeof parts]: typeof parts[K] extends fc.Arbitrary<infer T> ? T : never };
  /** Well-formed calls, one per kind of exchange, including the provider's misbehaving paths. */
  const BASES: Parts[] = [
    ...[[PID], ['001203099999']].map((t) => ({ method: 'GET', service: LOOKUP, tail: ['v1', 'citizens', ...t], consumer: 'BTC/tax', purpose: 'tax-registration' })),
    { method: 'GET', service: LOOKUP_B, tail: ['v1', 'citizens', PID], consumer: 'BTC/tax', purpose: 'tax-registration' },
    { method: 'GET', service: LOOKUP, tail: ['v1', 'citizens', PID], consumer: 'BYT/health', purpose: 'health-insurance' },
    { method: 'POST', service: ECHO, tail: ['v1', 'echo'], consumer: 'BTC/tax', purpose: 'tax-registration', contentType: 'application/json', body: JSON.stringify({ personal_id: PID }) },
    ...['slow', 'garbage', 'bad-json', 'reset', 'cut', 'huge', 'stack', 'redirect', 'unavailable'].map((t) => ({ method: 'GET', service: LOOKUP, tail: [t], consumer: 'BTC/tax', purpose: 'tax-registration' })),
  ].map((b) => ({ query: undefined, fields: undefined, contentType: undefined, body: undefined, requestId: undefined, ...b }) as Parts);
  const keys = Object.keys(parts) as (keyof Parts)[];
  /**
   * A well-formed call with none, one, two or three of its parts replaced by a fuzzed value: a
   * quarter of the requests are valid and reach the provider; the others differ from a valid call
   * in a few places, which is where bugs hide.
   */
  const request: fc.Arbitrary<Parts> = fc.record({
    base: fc.constantFrom(...BASES),
    mutated: fc.subarray(keys, { maxLength: 3 }),
    values: fc.record(parts),
  }).map(({ base, mutated, values }) => {
    const out: Record<string, unknown> = { ...base };
    for (const k of mutated) out[k] = values[k];
    return out as Parts;
  });

  async function auditSize(): Promise<number> {
    return Number((await p.db.query<{ n: number }>('SELECT next_seq AS n FROM audit_log_state')).rows[0]!.n);
  }

  it('holds the data plane\'s promises for any request', async () => {
    const before = await auditSize();
    const indexes = new Set<number>();
    await fc.assert(fc.asyncProperty(request, async (r) => {
      const headers: Record<string, string> = {};
      if (r.consumer === 'garbage') headers['authorization'] = 'Bearer eyJhbGciOiJub25lIn0.e30.';
      else if (r.consumer !== 'none') headers['authorization'] = `Bearer ${tokens[r.consumer]}`;
      if (r.purpose !== undefined) headers['x-ndxp-purpose'] = r.purpose;
      if (r.fields !== undefined) headers['x-ndxp-fields'] = r.fields;
      if (r.contentType !== undefined) headers['content-type'] = r.contentType;
      if (r.requestId !== undefined) headers['x-request-id'] = r.requestId;
      const url = `/x/${r.service}${r.tail.length === 0 ? '' : '/' + r.tail.join('/')}${r.query === undefined ? '' : `?${r.query}`}`;
      const withBody = r.body !== undefined && r.method !== 'GET';
      corpus += `${url}\n${JSON.stringify(headers)}\n${r.body ?? ''}\n`;
      tally.add('requests');
      const res = await within(15_000, `${r.method} ${url}`, () => p.hub.app.inject({ method: r.method as 'GET', url, headers, ...(withBody ? { payload: r.body } : {}) }));
      tally.add(`status_${Math.floor(res.statusCode / 100)}xx`);
      const problems = problemsWith({ statusCode: res.statusCode, headers: res.headers, body: res.body }, corpus, { allow5xx: true });
      const doc = res.statusCode >= 400 ? (res.json() as { code: string; origin: string }) : undefined;
      if (doc !== undefined) tally.add(`code_${doc.code}`);
      if (res.statusCode >= 500 && !(doc?.origin === 'provider' && doc.code.startsWith('PROVIDER_'))) problems.push(`hub 5xx ${doc?.code}`);
      const idx = res.headers['x-ndxp-log-index'];
      if (idx === undefined) {
        // Only the HTTP framework refuses before the data plane sees the request (an unparseable
        // request target); everything the pipeline handles is audited.
        if (doc === undefined || !FRAMEWORK_CODES.has(doc.code)) problems.push(`no log index on ${res.statusCode} ${doc?.code}`);
        else tally.add('refused_by_framework');
      } else {
        if (indexes.has(Number(idx))) problems.push(`log index ${String(idx)} handed out twice`);
        indexes.add(Number(idx));
      }
      if (res.statusCode >= 200 && res.statusCode < 300 && res.body !== '') {
        tally.add('delivered');
        const allowed = granted.get(`${r.consumer} ${r.service}`);
        const keys = Object.keys(res.json() as object);
        if (allowed === undefined) problems.push(`2xx without a grant for ${r.consumer}`);
        else for (const k of keys) if (!allowed.has(`/${k}`)) problems.push(`field /${k} outside the grant`);
      }
      expect(problems, `${r.method} ${url} ${JSON.stringify(headers).slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`).toEqual([]);
    }), { numRuns: fuzzRuns(kind === 'pglite' ? 250 : 150), seed: fuzzSeed(), endOnFailure: true });
    p.provider.releaseSlow();
    p.providerB.releaseSlow();

    // Every audited exchange is there exactly once, and the log stays dense.
    const after = await auditSize();
    expect(after - before).toBe(indexes.size);
    const { rows } = await p.db.query<{ n: number; min: number; max: number }>('SELECT count(*)::int8 AS n, min(seq) AS min, max(seq) AS max FROM audit_log WHERE seq >= $1', [before]);
    expect(rows[0]).toEqual({ n: indexes.size, min: before, max: after - 1 });
    // No raw personal ID in any entry, whatever the fuzzer put in paths, queries and bodies.
    const raw = await p.db.query<{ n: number }>("SELECT count(*)::int8 AS n FROM audit_log WHERE entry LIKE '%' || $1 || '%'", [PID]);
    expect(raw.rows[0]!.n).toBe(0);
    tally.add('entries_checked', indexes.size);
    expect(tally.get('delivered')).toBeGreaterThan(0);
  });

  it('treats raw, unnormalised request targets the same way', async () => {
    // Over a real socket: clients normalise `..` and `%2e` away; an attacker's does not.
    const port = Number(new URL(p.url!).port);
    const targets = fc.tuple(fc.constantFrom(LOOKUP, LOOKUP_B), fc.array(fc.constantFrom('..', '.', '%2e%2e', '%252e%252e', '..%2f', '%2f..', '\\..', '..\\', '%5c..', '%00', '%0a', '%c0%af', 'v1', 'citizens', PID, '', '/', '%2F'), { minLength: 1, maxLength: 5 }));
    await fc.assert(fc.asyncProperty(targets, async ([svc, tail]) => {
      const path = `/x/${svc}/${tail.join('/')}`;
      tally.add('requests');
      tally.add('raw_targets');
      const seenBefore = p.provider.seen.length;
      const res = await rawRequest(port, `GET ${path} HTTP/1.1\r\nHost: hub.test\r\nAuthorization: Bearer ${tokens['BTC/tax']}\r\nX-Ndxp-Purpose: tax-registration\r\nConnection: close\r\n\r\n`);
      expect(problemsWith(res, corpus + path, { allow5xx: true }), `${path} → ${res.statusCode} ${res.body}`).toEqual([]);
      // A target that climbs or smuggles a separator never reaches the provider.
      if (tail.some((t) => /^(\.\.?|%2e%2e|%252e%252e|\.\.%2f|%2f\.\.|\\\.\.|\.\.\\|%5c\.\.|%00|%0a|%2F)$/i.test(t))) {
        expect(res.statusCode, path).toBeGreaterThanOrEqual(400);
        expect(res.statusCode, path).toBeLessThan(500);
        expect(p.provider.seen.length).toBe(seenBefore);
      }
    }), { numRuns: fuzzRuns(60), seed: fuzzSeed(), endOnFailure: true });
  });
});
