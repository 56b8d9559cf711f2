import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Pool } from 'undici';
import { openPostgres, testBackends } from '@ndxp/db';
import { buildHub, type Hub } from '../src/app/build-hub.ts';
import { recordFigures, Tally } from './support/figures.ts';
import { DEFAULT_CONSUMERS, ECHO, LOOKUP, LOOKUP_B, openPlatform, type Platform } from './support/platform.ts';
import { CITIZEN } from './support/test-provider.ts';

/**
 * Access attacks: a consumer reaching for fields, services, purposes or another consumer's data
 * outside its grant; agency admins reaching outside their own member in the control plane; and
 * quota bypass through parallel connections, in one hub process and across two sharing a database
 * (the measured overrun is recorded for docs/reliability.md).
 */
const PID = CITIZEN.personal_id;
const QUOTA = 20;
const CONSUMERS = [...DEFAULT_CONSUMERS, { id: 'BQP/quota', grants: [{ service: LOOKUP_B, fields: ['/full_name'], quotaPerMinute: QUOTA }, { service: LOOKUP, fields: ['/full_name'], quotaPerMinute: QUOTA }] }];

describe.each(testBackends())('access attacks on %s', (kind) => {
  let p: Platform;
  const tally = new Tally();
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    p = await openPlatform(kind, { listen: true, consumers: CONSUMERS });
    for (const c of CONSUMERS) tokens[c.id] = await p.token(c.id);
  });
  afterAll(async () => {
    recordFigures('access-attacks', kind, tally.toFigures());
    await p?.close();
  });

  const call = (consumer: string, service = LOOKUP, opts: { purpose?: string; fields?: string; path?: string; app?: Hub['app'] } = {}) => {
    tally.add('requests');
    return (opts.app ?? p.hub.app).inject({
      url: `/x/${service}${opts.path ?? `/v1/citizens/${PID}`}`,
      headers: { authorization: `Bearer ${tokens[consumer]}`, 'x-ndxp-purpose': opts.purpose ?? 'tax-registration', ...(opts.fields === undefined ? {} : { 'x-ndxp-fields': opts.fields }) },
    });
  };

  describe('outside the grant', () => {
    it.each([
      ['a field not granted', 'BTC/tax', LOOKUP, { fields: '/full_name,/personal_id' }, 403, 'FIELD_NOT_GRANTED'],
      ['a field of the provider answer that nobody may have', 'BTC/tax', LOOKUP, { fields: '/served_to' }, 403, 'FIELD_NOT_GRANTED'],
      ['a parent of a granted field', 'BYT/health', LOOKUP, { purpose: 'health-insurance', fields: '' }, 200, null],
      ['a service with no grant', 'BYT/health', ECHO, { purpose: 'health-insurance', path: '/v1/echo' }, 403, 'GRANT_MISSING'],
      ['any service without grants', 'BXD/none', LOOKUP, {}, 403, 'GRANT_MISSING'],
      ['another consumer\'s purpose', 'BTC/tax', LOOKUP, { purpose: 'health-insurance' }, 403, 'PURPOSE_NOT_GRANTED'],
      ['the same service id one version up', 'BTC/tax', 'BCA/npdb/citizen-lookup/v2', {}, 404, 'SERVICE_NOT_FOUND'],
    ] as const)('refuses %s', async (_n, consumer, service, opts, status, code) => {
      const seen = p.provider.seen.length;
      const res = await call(consumer, service, opts);
      expect(res.statusCode, res.body).toBe(status);
      if (code !== null) {
        expect(res.json().code).toBe(code);
        expect(p.provider.seen.length).toBe(seen);
        tally.add('attacks_refused');
      }
    });

    it('releases exactly the granted fields, though the provider sends everything', async () => {
      // The provider answers every field plus `served_to`; each consumer sees only its own grant.
      expect((await call('BTC/tax')).json()).toEqual({ full_name: CITIZEN.full_name, date_of_birth: CITIZEN.date_of_birth });
      expect((await call('BYT/health', LOOKUP, { purpose: 'health-insurance' })).json()).toEqual({ address: CITIZEN.address });
      expect((await call('BTC/tax', LOOKUP_B)).json()).toEqual({ full_name: CITIZEN.full_name });
    });

    it('keeps consumers apart under interleaved parallel load: own fields, own identity at the provider', async () => {
      const granted = (consumer: string, service: string) => CONSUMERS.find((c) => c.id === consumer)!.grants.find((g) => g.service === service)!.fields;
      const runs = await Promise.all(Array.from({ length: 120 }, async (_, i) => {
        const consumer = i % 2 === 0 ? 'BTC/tax' : 'BYT/health';
        const service = i % 3 === 0 ? LOOKUP_B : LOOKUP;
        const res = await call(consumer, service, { purpose: consumer === 'BTC/tax' ? 'tax-registration' : 'health-insurance' });
        return { consumer, service, status: res.statusCode, keys: Object.keys(res.json() as object).map((k) => `/${k}`), id: String(res.headers['x-request-id']) };
      }));
      for (const r of runs) {
        expect(r.status).toBe(200);
        expect(r.keys.sort()).toEqual([...granted(r.consumer, r.service)].sort());
      }
      // The audit agrees on who got what, request by request.
      const { rows } = await p.db.query<{ request_id: string; consumer_id: string; service_id: string; entry: string }>('SELECT request_id, consumer_id, service_id, entry FROM audit_log WHERE request_id = ANY($1)', [runs.map((r) => r.id)]);
      expect(rows).toHaveLength(120);
      const byId = new Map(runs.map((r) => [r.id, r]));
      for (const row of rows) {
        const r = byId.get(row.request_id)!;
        expect([row.consumer_id, row.service_id]).toEqual([r.consumer, r.service]);
        expect((JSON.parse(row.entry) as { fields: string[] }).fields.sort()).toEqual(r.keys.sort());
      }
      // And the provider was told the right consumer and fields each time.
      const seen = p.provider.seen.slice(-200).filter((x) => x.url.endsWith(PID));
      expect(seen.every((x) => (x.consumer === 'BTC/tax' ? x.fields === '/full_name,/date_of_birth' : x.fields === '/address'))).toBe(true);
      tally.add('parallel_exchanges_checked', runs.length);
    });
  });

  describe('agency admins outside their own member', () => {
    let btc: string;
    let bca: string;
    beforeAll(async () => {
      const op = { authorization: `Bearer ${p.operatorToken}` };
      for (const [username, role, member_code] of [['btc.admin', 'consumer_admin', 'BTC'], ['bca.admin', 'provider_admin', 'BCA']] as const) {
        expect((await p.hub.app.inject({ method: 'POST', url: '/api/v1/users', headers: op, payload: { username, display_name: username, role, member_code, password: 'access-password-1' } })).statusCode).toBe(201);
      }
      const login = async (u: string) => (await p.hub.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username: u, password: 'access-password-1' } })).json().access_token as string;
      btc = await login('btc.admin');
      bca = await login('bca.admin');
    });

    const as = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      tally.add('requests');
      return p.hub.app.inject({ method, url, headers: { authorization: `Bearer ${token}` }, ...(payload === undefined ? {} : { payload }) });
    };

    it('refuses a consumer admin everything of another member, and every provider or operator step', async () => {
      const bytGrant = p.consumers['BYT/health']!.grants[LOOKUP]!;
      const ownGrant = p.consumers['BTC/tax']!.grants[LOOKUP]!;
      const refused: [string, Awaited<ReturnType<typeof as>>][] = [
        ['read another member\'s grant', await as(btc, 'GET', `/api/v1/grants/${bytGrant}`)],
        ['register a key on another member\'s subsystem', await as(btc, 'POST', '/api/v1/subsystems/BYT/health/keys', { jwk: p.consumers['BTC/tax']!.key.publicJwk })],
        ['request a grant for another member\'s subsystem', await as(btc, 'POST', '/api/v1/grants', { consumer_id: 'BYT/health', service_id: LOOKUP, fields: ['/full_name'], purposes: ['x'], legal_basis: 'x', valid_until: '2030-01-01T00:00:00Z', quota_per_minute: 10 })],
        ['approve its own grant', await as(btc, 'POST', `/api/v1/grants/${ownGrant}/approve`, {})],
        ['activate its own grant', await as(btc, 'POST', `/api/v1/grants/${ownGrant}/activate`, {})],
        ['redirect the provider\'s base URL (SSRF)', await as(btc, 'PATCH', '/api/v1/subsystems/BCA/npdb', { base_url: 'http://169.254.169.254/' })],
        ['disable another member\'s subsystem', await as(btc, 'PATCH', '/api/v1/subsystems/BYT/health', { status: 'disabled' })],
        ['list users', await as(btc, 'GET', '/api/v1/users')],
        ['create a user', await as(btc, 'POST', '/api/v1/users', { username: 'evil', display_name: 'x', role: 'operator', password: 'evil-password-123' })],
        ['rotate the hub keys', await as(btc, 'POST', '/api/v1/hub/keys/rotate')],
        ['read the audit tail', await as(btc, 'GET', '/api/v1/audit')],
        ['activate as provider admin', await as(bca, 'POST', `/api/v1/grants/${ownGrant}/activate`, {})],
        ['create a member as provider admin', await as(bca, 'POST', '/api/v1/members', { code: 'EVIL', name: 'x' })],
      ];
      for (const [what, res] of refused) {
        expect([403, 404], `${what}: ${res.statusCode} ${res.body}`).toContain(res.statusCode);
        expect(['ROLE_FORBIDDEN', 'GRANT_NOT_FOUND', 'SUBSYSTEM_NOT_FOUND', 'ROUTE_NOT_FOUND'], what).toContain(res.json().code);
        tally.add('attacks_refused');
      }
      // Nothing moved: the grant is still active, the provider URL and the other subsystem unchanged.
      const grant = await p.db.query<{ state: string }>('SELECT state FROM grants WHERE id = $1', [ownGrant]);
      expect(grant.rows[0]!.state).toBe('active');
      const subs = await p.db.query<{ id: string; base_url: string | null; status: string }>("SELECT id, base_url, status FROM subsystems WHERE id IN ('BCA/npdb', 'BYT/health') ORDER BY id");
      expect(subs.rows).toEqual([{ id: 'BCA/npdb', base_url: p.provider.baseUrl, status: 'active' }, { id: 'BYT/health', base_url: null, status: 'active' }]);
    });

    it('shows a consumer admin only its own member\'s grants in lists', async () => {
      const res = await as(btc, 'GET', '/api/v1/grants?consumer=BYT/health');
      const items = (res.json() as { items?: { consumer_id: string }[] }).items ?? [];
      expect(items.filter((g) => !g.consumer_id.startsWith('BTC/'))).toEqual([]);
      const all = await as(btc, 'GET', '/api/v1/grants');
      expect((all.json() as { items: { consumer_id: string }[] }).items.every((g) => g.consumer_id.startsWith('BTC/'))).toBe(true);
    });
  });

  describe('quota bypass through parallel connections', () => {
    it('admits exactly the quota however many requests race in one process', async () => {
      const window = Math.floor(p.clock.now() / 60_000) * 60_000;
      p.clock.set(window + 60_000 + 1_000);
      try {
        const inProcess = await Promise.all(Array.from({ length: 150 }, () => call('BQP/quota', LOOKUP_B)));
        // Admitted = not refused for quota (an admitted call counts even if the provider then fails).
        expect(inProcess.filter((r) => r.json().code !== 'QUOTA_EXCEEDED')).toHaveLength(QUOTA);
        expect(inProcess.filter((r) => r.statusCode === 429)).toHaveLength(150 - QUOTA);
        // 48 real TCP connections in parallel, same window: nothing more gets through.
        const pool = new Pool(p.url!, { connections: 48 });
        try {
          const overSockets = await Promise.all(Array.from({ length: 96 }, async () => {
            const res = await pool.request({ path: `/x/${LOOKUP_B}/v1/citizens/${PID}`, method: 'GET', headers: { authorization: `Bearer ${tokens['BQP/quota']}`, 'x-ndxp-purpose': 'tax-registration' } });
            await res.body.text();
            return res.statusCode;
          }));
          tally.add('requests', 96);
          expect(overSockets.filter((s) => s === 200)).toHaveLength(0);
          expect(overSockets.every((s) => s === 429)).toBe(true);
        } finally {
          await pool.close();
        }
        tally.add('quota_attempts', 246);
        tally.add('quota_admitted_single_process', QUOTA);
        // The next window opens afresh, and again admits exactly the quota.
        p.clock.advance(60_000);
        const next = await Promise.all(Array.from({ length: 60 }, () => call('BQP/quota', LOOKUP_B)));
        expect(next.filter((r) => r.json().code !== 'QUOTA_EXCEEDED')).toHaveLength(QUOTA);
      } finally {
        p.clock.set(Date.parse('2026-03-02T01:00:00Z'));
      }
    });

    it.runIf(kind === 'postgres')('bounds the overrun across two hub processes sharing one database, and the shared counter knows the truth', async () => {
      const db2 = await openPostgres({ url: p.db.url!, max: 5 });
      const hub2 = await buildHub({ db: db2, config: p.config, clock: p.clock, logger: false, exchange: { processMetrics: false, stateRefreshMs: 0, instanceId: 'hub-2' } });
      try {
        const grant = p.consumers['BQP/quota']!.grants[LOOKUP]!;
        // Each window is minutes after the last: take a fresh token at each.
        const at = async (ms: number) => {
          p.clock.set(ms);
          tokens['BQP/quota'] = await p.token('BQP/quota');
        };
        const measure = async (windowStart: number, burst: number): Promise<number> => {
          await at(windowStart + 1_000);
          const results = await Promise.all(Array.from({ length: burst }, (_, i) => call('BQP/quota', LOOKUP, { app: i % 2 === 0 ? p.hub.app : hub2.app })));
          const admitted = results.filter((r) => r.json().code !== 'QUOTA_EXCEEDED').length;
          const shared = await p.db.query<{ used: number }>('SELECT used FROM grant_quota_usage WHERE grant_id = $1 AND window_start = $2', [grant, new Date(windowStart).toISOString()]);
          // The database counted every admission of both processes.
          expect(shared.rows[0]!.used).toBe(admitted);
          return admitted;
        };
        const base = Math.floor(Date.parse('2026-03-02T01:00:00Z') / 60_000) * 60_000 + 10 * 60_000;
        // A cold burst: neither process has heard of the other's admissions in this window.
        const cold = await measure(base, 160);
        // Sequential calls alternating between the processes: each learns the total on its next append.
        await at(base + 60_000 + 1_000);
        let alternating = 0;
        for (let i = 0; i < QUOTA * 2; i++) if ((await call('BQP/quota', LOOKUP, { app: i % 2 === 0 ? p.hub.app : hub2.app })).statusCode !== 429) alternating++;
        // A warm burst after the window's counters are known to both.
        const warmBase = base + 2 * 60_000;
        await at(warmBase + 1_000);
        for (let i = 0; i < 4; i++) await call('BQP/quota', LOOKUP, { app: i % 2 === 0 ? p.hub.app : hub2.app });
        const warmRest = await Promise.all(Array.from({ length: 160 }, (_, i) => call('BQP/quota', LOOKUP, { app: i % 2 === 0 ? p.hub.app : hub2.app })));
        const warm = 4 + warmRest.filter((r) => r.statusCode !== 429).length;
        recordFigures('quota-two-processes', kind, { quota_per_minute: QUOTA, processes: 2, cold_burst_requests: 160, cold_burst_admitted: cold, alternating_requests: QUOTA * 2, alternating_admitted: alternating, warm_burst_admitted: warm });
        // The documented bound: with P processes a window admits at most P × quota (each process
        // enforces the quota exactly on what it knows); sequential traffic overruns by at most one.
        expect(cold).toBeGreaterThanOrEqual(QUOTA);
        expect(cold).toBeLessThanOrEqual(2 * QUOTA);
        expect(alternating).toBeLessThanOrEqual(QUOTA + 1);
        expect(warm).toBeLessThanOrEqual(2 * QUOTA);
      } finally {
        p.clock.set(Date.parse('2026-03-02T01:00:00Z'));
        await hub2.close();
        await db2.close();
      }
    });
  });
});
