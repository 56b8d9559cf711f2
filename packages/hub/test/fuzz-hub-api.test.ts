import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { testBackends } from '@ndxp/db';
import { recordFigures, Tally } from './support/figures.ts';
import { fuzzRuns, fuzzSeed } from './support/fuzz-settings.ts';
import { operationsOf, requestsFor, type GeneratedRequest, type Operation } from './support/openapi-arbitraries.ts';
import { ECHO, KEK, LOOKUP, OPERATOR, SUBJECT_KEY, openPlatform, type Platform } from './support/platform.ts';
import { problemsWith, within } from './support/response-checks.ts';

/**
 * Property-based fuzzing of every public endpoint of the hub except the data plane (which has its
 * own suite, fuzz-data-plane.test.ts), generated from the hub's own `/openapi.json`: the token
 * endpoint, login, the public catalogue and every control-plane operation, with bodies, path
 * parameters, query strings and headers drawn from each operation's schemas, mostly valid (so
 * they reach the handlers and PostgreSQL) with hostile leaves, under every kind of caller.
 *
 * The properties: never a 5xx, never a hang, every error an RFC 9457 problem with a catalogued
 * code, nothing internal (stack, SQL, paths, driver errors) and no secret (password hashes,
 * private keys, the KEK) in any answer; afterwards the hub is alive, its data intact and its audit
 * log dense.
 */
const SECRETS = [/\$scrypt\$/, /"password_hash"/, /"d"\s*:\s*"/, /"private_?jwk"/i, /-----BEGIN/, new RegExp(KEK.replace(/[+/=]/g, '\\$&')), new RegExp(SUBJECT_KEY.replace(/[+/=]/g, '\\$&'))];
const TABLES = ['members', 'subsystems', 'subsystem_keys', 'services', 'grants', 'grant_events', 'users', 'hub_signing_keys', 'client_assertion_jtis', 'audit_log', 'audit_log_state', 'grant_quota_usage', 'plan_items', 'plan_links', 'ndxp_migrations'];

describe.each(testBackends())('fuzzing the hub API on %s', (kind) => {
  let p: Platform;
  let ops: Operation[];
  let known: Record<string, string[]>;
  let auths: (string | undefined)[];
  let corpus = '';
  const tally = new Tally();

  beforeAll(async () => {
    p = await openPlatform(kind, { env: { NDXP_HUB_LOGIN_MAX_FAILURES: '100' } });
    const op = p.operatorToken;
    const inject = (method: 'POST' | 'GET', url: string, payload?: object, token = op) => p.hub.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });
    for (const [username, role, member_code] of [['bca.admin', 'provider_admin', 'BCA'], ['btc.admin', 'consumer_admin', 'BTC']] as const) {
      expect((await inject('POST', '/api/v1/users', { username, display_name: username, role, member_code, password: 'fuzz-password-123' })).statusCode).toBe(201);
    }
    const login = async (username: string) => (await p.hub.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: 'fuzz-password-123' } })).json().access_token as string;
    auths = [`Bearer ${op}`, `Bearer ${op}`, `Bearer ${op}`, `Bearer ${op}`, `Bearer ${op}`, `Bearer ${await login('bca.admin')}`, `Bearer ${await login('btc.admin')}`, undefined, 'Bearer not.a.jwt', `Bearer ${await p.token('BTC/tax')}`, 'Basic cm9vdDpyb290', `Bearer ${op}x`];
    const plan = (await inject('GET', '/api/v1/plan')).json() as { items: { id: string }[] };
    known = {
      member: ['BCA', 'BTC', 'BYT'], subsystem: ['npdb', 'civil', 'tax'], service: ['citizen-lookup', 'echo'], version: ['v1'],
      id: [...Object.values(p.consumers).flatMap((c) => Object.values(c.grants)), ...plan.items.slice(0, 3).map((i) => i.id)],
      kid: Object.values(p.consumers).map((c) => c.key.kid),
    };
    const doc = (await p.hub.app.inject({ url: '/openapi.json' })).json() as Record<string, unknown>;
    ops = operationsOf(doc).filter((o) => !o.path.startsWith('/x/'));
  });
  afterAll(async () => {
    recordFigures('fuzz-hub-api', kind, { operations: ops?.length ?? 0, ...tally.toFigures() });
    await p?.close();
  });

  async function send(req: GeneratedRequest) {
    corpus += `${req.url}\n${JSON.stringify(req.headers)}\n${req.payload ?? ''}\n${decodeURIComponentSafe(req.url)}\n`;
    tally.add('requests');
    const res = await within(15_000, `${req.method} ${req.url}`, () => p.hub.app.inject({ method: req.method as 'GET', url: req.url, headers: req.headers, ...(req.payload === undefined ? {} : { payload: req.payload }) }));
    if (res.statusCode < 400) tally.add('accepted');
    return res;
  }

  it('covers every documented operation', () => {
    const names = ops.map((o) => `${o.method} ${o.path}`);
    for (const must of ['POST /oauth/token', 'POST /api/v1/auth/login', 'GET /public/v1/services', 'POST /api/v1/services', 'POST /api/v1/grants', 'POST /api/v1/grants/{id}/approve', 'PATCH /api/v1/subsystems/{member}/{subsystem}', 'DELETE /api/v1/plan/{id}/links']) {
      expect(names).toContain(must);
    }
    expect(ops.length).toBeGreaterThanOrEqual(35);
  });

  it('never answers 5xx, hangs or leaks, whatever the input', async () => {
    const runs = fuzzRuns(kind === 'pglite' ? 14 : 10);
    for (const op of ops) {
      await fc.assert(fc.asyncProperty(requestsFor(op, { known, authorizations: auths }), async (req) => {
        const res = await send(req);
        tally.add('inputs');
        const problems = problemsWith({ statusCode: res.statusCode, headers: res.headers, body: res.body }, corpus);
        if (res.statusCode < 400) for (const s of SECRETS) if (s.test(res.body)) problems.push(`secret in answer: ${s}`);
        expect(problems, `${req.method} ${req.url} → ${res.statusCode} ${res.body.slice(0, 300)}`).toEqual([]);
      }), { numRuns: runs, seed: fuzzSeed(), endOnFailure: true });
    }
  });

  it('is alive, intact and dense afterwards', async () => {
    expect((await p.hub.app.inject({ url: '/healthz' })).statusCode).toBe(200);
    const me = await p.hub.app.inject({ url: '/api/v1/me', headers: { authorization: `Bearer ${p.operatorToken}` } });
    expect(me.json()).toMatchObject({ username: OPERATOR.username, role: 'operator' });
    // Every table is still there, the seeded agencies and services are untouched.
    const { rows } = await p.db.query<{ t: string | null }>('SELECT to_regclass(t)::text AS t FROM unnest($1::text[]) AS t', [TABLES]);
    expect(rows.map((r) => r.t)).toEqual(TABLES);
    const services = await p.db.query<{ id: string }>('SELECT id FROM services WHERE id = ANY($1)', [[LOOKUP, ECHO]]);
    expect(services.rows.map((r) => r.id).sort()).toEqual([ECHO, LOOKUP].sort());
    const state = await p.db.query<{ next_seq: number; n: number; max: number | null }>('SELECT s.next_seq, (SELECT count(*)::int8 FROM audit_log) AS n, (SELECT max(seq) FROM audit_log) AS max FROM audit_log_state s');
    expect(state.rows[0]!.n).toBe(state.rows[0]!.next_seq);
    expect(tally.get('requests')).toBeGreaterThan(ops.length * 5);
  });
});

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
