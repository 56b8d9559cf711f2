import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '@ndxp/db';
import { recordFigures, Tally } from './support/figures.ts';
import { LOOKUP, LOOKUP_B, T0, openPlatform, type Platform } from './support/platform.ts';
import { problemsWith } from './support/response-checks.ts';
import { CITIZEN } from './support/test-provider.ts';

/**
 * Provider faults, scripted: a provider that is down, slow, answers garbage, resets or cuts the
 * connection, or answers too much. The hub answers each with the right problem (origin=provider,
 * no provider internals), audits it, opens the provider's circuit after repeated failures and
 * closes it when the provider is back; and none of it spills onto another provider, another
 * consumer or another consumer's quota.
 */
const PID = CITIZEN.personal_id;
const THRESHOLD = 3;
const COOLDOWN_MS = 30_000;

describe.each(testBackends())('provider faults on %s', (kind) => {
  let p: Platform;
  const tally = new Tally();
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    p = await openPlatform(kind, {
      serviceTimeoutMs: 2500,
      exchange: { circuitFailureThreshold: THRESHOLD, circuitCooldownMs: COOLDOWN_MS, maxResponseBytes: 1024 * 1024 },
      consumers: [
        { id: 'BTC/tax', grants: [{ service: LOOKUP, fields: ['/full_name'] }, { service: LOOKUP_B, fields: ['/full_name'] }] },
        { id: 'BYT/health', grants: [{ service: LOOKUP, fields: ['/address'], purposes: ['health-insurance'] }, { service: LOOKUP_B, fields: ['/address'], purposes: ['health-insurance'], quotaPerMinute: 5 }] },
      ],
    });
    tokens['BTC/tax'] = await p.token('BTC/tax');
    tokens['BYT/health'] = await p.token('BYT/health');
  });
  afterAll(async () => {
    recordFigures('provider-faults', kind, tally.toFigures());
    await p?.close();
  });

  const call = async (consumer: 'BTC/tax' | 'BYT/health', service: string, path = `/v1/citizens/${PID}`) => {
    tally.add('requests');
    const res = await p.hub.app.inject({ url: `/x/${service}${path}`, headers: { authorization: `Bearer ${tokens[consumer]}`, 'x-ndxp-purpose': consumer === 'BTC/tax' ? 'tax-registration' : 'health-insurance' } });
    return { status: res.statusCode, code: res.statusCode >= 400 ? (res.json() as { code: string }).code : null, res };
  };
  const circuit = async (provider: string): Promise<string | undefined> => {
    const m = (await p.hub.app.inject({ url: '/metrics' })).body;
    return new RegExp(`ndxp_provider_circuit_state\\{provider="${provider.replace('/', '\\/')}"\\} (\\d)`).exec(m)?.[1];
  };
  /** The audit entry behind a response. */
  const entry = async (res: { headers: Record<string, unknown> }) => {
    const { rows } = await p.db.query<{ entry: string }>('SELECT entry FROM audit_log WHERE seq = $1', [Number(res.headers['x-ndxp-log-index'])]);
    return JSON.parse(rows[0]!.entry) as Record<string, unknown>;
  };

  it.each([
    ['/slow', 504, 'PROVIDER_TIMEOUT', null],
    ['/garbage', 502, 'PROVIDER_BAD_RESPONSE', 200],
    ['/bad-json', 502, 'PROVIDER_BAD_RESPONSE', 200],
    ['/stack', 502, 'PROVIDER_BAD_RESPONSE', 500],
    ['/redirect', 502, 'PROVIDER_BAD_RESPONSE', 302],
    // A body refused while it is read (too large, cut off): the provider did answer 200 first.
    ['/huge', 502, 'PROVIDER_BAD_RESPONSE', 200],
    ['/unavailable', 503, 'PROVIDER_UNAVAILABLE', 503],
    ['/reset', 503, 'PROVIDER_UNAVAILABLE', null],
    ['/cut', 503, 'PROVIDER_UNAVAILABLE', 200],
  ] as const)('%s → %i %s, origin provider, nothing of the provider leaks, audited', async (path, status, code, providerStatus) => {
    const r = await call('BTC/tax', LOOKUP, path);
    p.provider.releaseSlow();
    // A success in between keeps failures from adding up to an open circuit (tested below).
    expect((await call('BTC/tax', LOOKUP)).status).toBe(200);
    expect(r.status).toBe(status);
    expect(r.res.json()).toMatchObject({ code, origin: 'provider', status });
    expect(problemsWith({ statusCode: r.res.statusCode, headers: r.res.headers, body: r.res.body }, '', { allow5xx: true, allowedOrigins: ['provider'] })).toEqual([]);
    expect(r.res.body).not.toMatch(/html|srv|SELECT|TypeError|169\.254|Nguy/);
    expect(r.res.headers['location']).toBeUndefined();
    expect(await entry(r.res)).toMatchObject({ status, error_code: code, provider_status: providerStatus, fields: null, consumer: 'BTC/tax' });
    tally.add('faults_survived');
  });

  it('opens the circuit of a provider that is down, keeps others serving, and closes it when it is back', async () => {
    await p.provider.down();
    try {
      for (let i = 0; i < THRESHOLD; i++) expect((await call('BTC/tax', LOOKUP)).code).toBe('PROVIDER_UNAVAILABLE');
      const open = await call('BYT/health', LOOKUP);
      expect(open.code).toBe('PROVIDER_CIRCUIT_OPEN');
      expect(open.res.headers['retry-after']).toBe(String(COOLDOWN_MS / 1000));
      expect(await circuit('BCA/npdb')).toBe('2');
      // Another provider, for both consumers, is untouched by BCA/npdb's trouble.
      expect((await call('BTC/tax', LOOKUP_B)).status).toBe(200);
      expect((await call('BYT/health', LOOKUP_B)).status).toBe(200);
      expect(await circuit('BCA/civil')).not.toBe('2');
    } finally {
      await p.provider.up();
    }
    // Back, but the circuit holds until the cool-down has passed; then one probe closes it.
    expect((await call('BTC/tax', LOOKUP)).code).toBe('PROVIDER_CIRCUIT_OPEN');
    p.clock.advance(COOLDOWN_MS);
    try {
      expect((await call('BTC/tax', LOOKUP)).status).toBe(200);
      expect(await circuit('BCA/npdb')).toBe('0');
      expect((await call('BYT/health', LOOKUP)).status).toBe(200);
    } finally {
      p.clock.set(T0);
    }
    tally.add('faults_survived');
    tally.add('circuits_opened_and_closed');
  });

  it('re-opens the circuit when the half-open probe fails (garbage counts as failure)', async () => {
    for (let i = 0; i < THRESHOLD; i++) expect((await call('BTC/tax', LOOKUP, '/garbage')).code).toBe('PROVIDER_BAD_RESPONSE');
    expect((await call('BTC/tax', LOOKUP)).code).toBe('PROVIDER_CIRCUIT_OPEN');
    p.clock.advance(COOLDOWN_MS);
    try {
      expect((await call('BTC/tax', LOOKUP, '/garbage')).code).toBe('PROVIDER_BAD_RESPONSE');
      expect((await call('BTC/tax', LOOKUP)).code).toBe('PROVIDER_CIRCUIT_OPEN');
      p.clock.advance(COOLDOWN_MS);
      expect((await call('BTC/tax', LOOKUP)).status).toBe(200);
    } finally {
      p.clock.set(T0);
    }
    tally.add('faults_survived');
    tally.add('circuits_opened_and_closed');
  });

  it('does not let slow calls to one provider hold up calls to another, or other calls to the same one', async () => {
    const slow = Array.from({ length: 8 }, () => call('BTC/tax', LOOKUP, '/slow'));
    try {
      const others = await Promise.all([call('BYT/health', LOOKUP_B), call('BTC/tax', LOOKUP_B), call('BYT/health', LOOKUP), call('BTC/tax', LOOKUP)]);
      expect(others.map((o) => o.status)).toEqual([200, 200, 200, 200]);
    } finally {
      p.provider.releaseSlow();
    }
    for (const s of await Promise.all(slow)) expect([200, 504]).toContain(s.status);
    tally.add('faults_survived');
  });

  it('keeps one consumer\'s exhausted quota from touching another\'s', async () => {
    p.clock.set(T0 + 5 * 60_000);
    try {
      tokens['BYT/health'] = await p.token('BYT/health');
      tokens['BTC/tax'] = await p.token('BTC/tax');
      const byt = [];
      for (let i = 0; i < 8; i++) byt.push((await call('BYT/health', LOOKUP_B)).code);
      expect(byt.filter((c) => c === 'QUOTA_EXCEEDED')).toHaveLength(3);
      const btc = await Promise.all(Array.from({ length: 10 }, () => call('BTC/tax', LOOKUP_B)));
      expect(btc.every((r) => r.status === 200)).toBe(true);
    } finally {
      p.clock.set(T0);
      tokens['BYT/health'] = await p.token('BYT/health');
      tokens['BTC/tax'] = await p.token('BTC/tax');
    }
    tally.add('faults_survived');
  });

  it('audited every one of these exchanges', async () => {
    const { rows } = await p.db.query<{ n: number; next: number }>('SELECT count(*)::int8 AS n, (SELECT next_seq FROM audit_log_state) AS next FROM audit_log');
    expect(rows[0]!.n).toBe(rows[0]!.next);
    expect(rows[0]!.n).toBe(tally.get('requests'));
    tally.add('entries_verified', rows[0]!.n);
  });
});
