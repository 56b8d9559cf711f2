import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { InjectOptions } from 'fastify';
import { fixedClock, type HttpServer } from '@ndxp/core';
import { openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { buildNpdbApp, migrateNpdb, seedPopulation } from '@ndxp/npdb';
import { CSP_NONCE_PLACEHOLDER } from '../src/web/csp.ts';
import { recordFigures, Tally } from './support/figures.ts';
import { ASSERTION_TYPE, ECHO, KEK, LOOKUP, OPERATOR, SUBJECT_KEY, openPlatform, type Platform } from './support/platform.ts';
import { CITIZEN } from './support/test-provider.ts';

/**
 * Security posture, tested: the security headers on every kind of web response (the hub's APIs,
 * the operator console's static files and SPA fallback, the NPDB), and secrets kept out of the
 * logs: with real secrets flowing through login, the token endpoint, the control plane and the
 * data plane (successes and failures), at the most verbose log level, no password, bearer token,
 * client or hub assertion, private key, KEK, subject key or raw personal ID appears in the log
 * output, and no raw personal ID in the audit log.
 */
const PID = CITIZEN.personal_id;
const API_HEADERS = { 'x-content-type-options': 'nosniff', 'x-frame-options': 'DENY', 'referrer-policy': 'no-referrer', 'cross-origin-resource-policy': 'same-origin' };

type Res = { statusCode: number; headers: Record<string, unknown> };

function headerProblems(what: string, res: Res, extra: Readonly<Record<string, string>> = {}): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries({ ...API_HEADERS, ...extra })) if (res.headers[k] !== v) out.push(`${what}: ${k} is ${String(res.headers[k])}, not ${v}`);
  if (res.headers['cache-control'] === undefined) out.push(`${what}: no cache-control`);
  if (typeof res.headers['x-request-id'] !== 'string') out.push(`${what}: no x-request-id`);
  // Nothing that fingerprints the software.
  for (const k of ['x-powered-by', 'server']) if (res.headers[k] !== undefined) out.push(`${what}: ${k}: ${String(res.headers[k])}`);
  return out;
}

describe.each(testBackends())('security posture on %s', (kind) => {
  const tally = new Tally();
  let p: Platform;
  let dist: string;
  const logLines: string[] = [];
  const secrets: Record<string, string> = {};

  beforeAll(async () => {
    dist = mkdtempSync(join(tmpdir(), 'ndxp-posture-web-'));
    mkdirSync(join(dist, 'assets'));
    writeFileSync(join(dist, 'index.html'), `<!doctype html><html lang="vi"><head><script type="module" src="/assets/index-abc.js" nonce="${CSP_NONCE_PLACEHOLDER}"></script></head><body></body></html>`);
    writeFileSync(join(dist, 'assets', 'index-abc.js'), 'console.log(1)');
    const sink = new Writable({ write(chunk, _enc, cb) { logLines.push(String(chunk)); cb(); } });
    p = await openPlatform(kind, { logTo: sink, logLevel: 'trace', env: { NDXP_WEB_DIST: dist }, serviceTimeoutMs: 500 });
  });
  afterAll(async () => {
    recordFigures('security-posture', kind, tally.toFigures());
    await p?.close();
    rmSync(dist, { recursive: true, force: true });
  });

  describe('security headers on every web response', () => {
    it('on the hub\'s APIs: successes, refusals, 404s, the data plane, operations and well-known documents', async () => {
      const token = await p.token('BTC/tax');
      const op = { authorization: `Bearer ${p.operatorToken}` };
      const requests: [string, InjectOptions][] = [
        ['jwks', { url: '/.well-known/jwks.json' }],
        ['oauth metadata', { url: '/.well-known/oauth-authorization-server' }],
        ['openapi', { url: '/openapi.json' }],
        ['token endpoint error', { method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'grant_type=password' }],
        ['login error', { method: 'POST', url: '/api/v1/auth/login', payload: { username: 'x', password: 'y' } }],
        ['control plane 200', { url: '/api/v1/members', headers: op }],
        ['control plane 401', { url: '/api/v1/members' }],
        ['control plane 400', { method: 'POST', url: '/api/v1/members', headers: op, payload: { code: '!' } }],
        ['public catalogue', { url: '/public/v1/services?limit=5&offset=0' }],
        ['unknown API route', { url: '/api/v1/nope' }],
        ['data plane 200', { url: `/x/${LOOKUP}/v1/citizens/${PID}`, headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': 'tax-registration' } }],
        ['data plane 401', { url: `/x/${LOOKUP}/v1/citizens/${PID}` }],
        ['data plane 502', { url: `/x/${LOOKUP}/garbage`, headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': 'tax-registration' } }],
        ['bad URL', { url: `/x/${LOOKUP}/%c0%ae` }],
        ['healthz', { url: '/healthz' }],
        ['readyz', { url: '/readyz' }],
        ['metrics', { url: '/metrics' }],
        ['log checkpoint', { url: '/log/v1/checkpoint' }],
      ];
      const problems: string[] = [];
      for (const [what, req] of requests) {
        tally.add('responses_checked');
        // The transparency log is public by design: any origin (a citizen portal, an auditor's
        // page) may read it, so it says cross-origin on purpose.
        problems.push(...headerProblems(what, await p.hub.app.inject(req), what.startsWith('log ') ? { 'cross-origin-resource-policy': 'cross-origin' } : {}));
      }
      expect(problems).toEqual([]);
      // APIs are never cached by intermediaries, except the public key documents (short, public).
      expect((await p.hub.app.inject({ url: '/api/v1/members', headers: op })).headers['cache-control']).toBe('no-store');
      expect((await p.hub.app.inject({ url: `/x/${LOOKUP}/v1/citizens/${PID}`, headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': 'tax-registration' } })).headers['cache-control']).toBe('no-store');
      expect((await p.hub.app.inject({ url: '/.well-known/jwks.json' })).headers['cache-control']).toBe('public, max-age=60');
    });

    it('on the operator console: page, assets, deep links, and a strict nonce CSP', async () => {
      const html = { accept: 'text/html' };
      const problems: string[] = [];
      for (const [what, url, headers] of [['index', '/', html], ['deep link', '/grants/123', html], ['asset', '/assets/index-abc.js', {}], ['missing asset', '/assets/nope.js', {}]] as const) {
        tally.add('responses_checked');
        const res = await p.hub.app.inject({ url, headers });
        problems.push(...headerProblems(what, res, { 'cross-origin-opener-policy': 'same-origin' }).filter((x) => !x.includes('cross-origin-opener-policy') || res.statusCode < 400));
        if (what === 'index' || what === 'deep link') {
          const csp = String(res.headers['content-security-policy']);
          for (const d of ["default-src 'none'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) if (!csp.includes(d)) problems.push(`${what}: CSP lacks ${d}`);
          if (/unsafe-(inline|eval)/.test(csp)) problems.push(`${what}: CSP allows unsafe-*`);
          if (res.headers['permissions-policy'] === undefined) problems.push(`${what}: no permissions-policy`);
        }
      }
      expect(problems).toEqual([]);
    });

    it('on the NPDB', async () => {
      const db: Db = await openTestDatabase(kind);
      let app: HttpServer | undefined;
      try {
        await migrateNpdb(db);
        await seedPopulation(db, { count: 50, seed: 'posture', asOf: '2026-07-01' });
        app = buildNpdbApp({ db, clock: fixedClock('2026-07-15T00:00:00Z') });
        const someone = (await db.query<{ personal_id: string }>('SELECT personal_id FROM citizens LIMIT 1')).rows[0]!.personal_id;
        const problems: string[] = [];
        for (const [what, req] of [
          ['healthz', { url: '/healthz' }], ['openapi', { url: '/openapi.json' }], ['lookup 200', { url: `/v1/citizens/${someone}` }],
          ['lookup 400', { url: '/v1/citizens/123' }], ['verify 400', { method: 'POST', url: '/v1/citizens/verify', payload: { x: 1 } }], ['404', { url: '/nope' }],
        ] as const) {
          tally.add('responses_checked');
          problems.push(...headerProblems(`npdb ${what}`, await app.inject(req as never)));
        }
        expect(problems).toEqual([]);
      } finally {
        await app?.close();
        await db.close();
      }
    });
  });

  describe('secrets kept out of logs', () => {
    it('logs none of the secrets that flow through login, tokens, the control plane and the data plane', async () => {
      const before = logLines.length;
      // Login: a wrong password, then the right one.
      await p.hub.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: OPERATOR.username, password: 'wrong-password-for-the-log-test' } });
      const login = await p.hub.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: OPERATOR });
      secrets['session token'] = login.json().access_token as string;
      secrets['operator password'] = OPERATOR.password;
      secrets['wrong password'] = 'wrong-password-for-the-log-test';
      // Token endpoint: a good assertion, a replay of it, a malformed one.
      const assertion = await p.assertion('BTC/tax');
      secrets['client assertion'] = assertion;
      const form = (a: string) => new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: a }).toString();
      const issued = await p.hub.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(assertion) });
      secrets['access token'] = issued.json().access_token as string;
      await p.hub.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(assertion) });
      await p.hub.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: form(`${assertion.slice(0, -5)}AAAAA`) });
      // Control plane with the session, including a key registration and a user with a password.
      const op = { authorization: `Bearer ${secrets['session token']}` };
      await p.hub.app.inject({ url: '/api/v1/grants', headers: op });
      await p.hub.app.inject({ method: 'POST', url: '/api/v1/users', headers: op, payload: { username: 'log.test', display_name: 'x', role: 'operator', password: 'new-user-password-123' } });
      secrets['new user password'] = 'new-user-password-123';
      await p.hub.app.inject({ url: '/api/v1/members', headers: { authorization: `Bearer ${secrets['session token']}tampered` } });
      // Data plane: success, subject in the path and in the body, provider failures, refusals.
      const bearer = { authorization: `Bearer ${secrets['access token']}`, 'x-ndxp-purpose': 'tax-registration' };
      for (const url of [`/x/${LOOKUP}/v1/citizens/${PID}`, `/x/${LOOKUP}/slow`, `/x/${LOOKUP}/garbage`, `/x/${LOOKUP}/reset`, `/x/${LOOKUP}/stack`, `/x/${LOOKUP}/v1/citizens/001203099999`]) {
        await p.hub.app.inject({ url, headers: bearer });
        p.provider.releaseSlow();
      }
      await p.hub.app.inject({ method: 'POST', url: `/x/${ECHO}/v1/echo`, headers: { ...bearer, 'content-type': 'application/json' }, payload: JSON.stringify({ personal_id: PID }) });
      await p.hub.app.inject({ url: `/x/${LOOKUP}/v1/citizens/${PID}`, headers: { authorization: `Bearer ${secrets['access token']}x` } });
      secrets['consumer private key (d)'] = p.consumers['BTC/tax']!.key.privateJwk.d!;
      secrets['KEK (base64)'] = KEK;
      secrets['audit subject key (base64)'] = SUBJECT_KEY;
      secrets['raw personal ID'] = PID;

      const logged = logLines.slice(before).join('');
      tally.add('log_lines_scanned', logLines.length - before);
      expect(logLines.length - before).toBeGreaterThan(10);
      const found = Object.entries(secrets).filter(([, v]) => logged.includes(v)).map(([k]) => k);
      expect(found).toEqual([]);
      // No JWT of any kind (tokens, assertions, the hub's own assertions), no private JWK member.
      expect(logged.match(/eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*/g) ?? []).toEqual([]);
      expect(logged).not.toMatch(/"d"\s*:\s*"[A-Za-z0-9_-]{20,}"/);
      tally.add('secrets_checked', Object.keys(secrets).length + 2);
    });

    it('keeps raw personal IDs out of the audit log', async () => {
      const { rows } = await p.db.query<{ n: number; total: number }>("SELECT count(*) FILTER (WHERE row_to_json(a)::text LIKE '%' || $1 || '%')::int8 AS n, count(*)::int8 AS total FROM audit_log a", [PID]);
      expect(rows[0]!.total).toBeGreaterThan(5);
      expect(rows[0]!.n).toBe(0);
      tally.add('audit_rows_scanned', rows[0]!.total);
    });
  });
});
