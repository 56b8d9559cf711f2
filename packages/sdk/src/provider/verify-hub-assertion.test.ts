import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { KeyObject, sign } from 'node:crypto';
import { exportJWK, generateKeyPair, jwtVerify, createLocalJWKSet, type CryptoKey, type JSONWebKeySet } from 'jose';
import { fixedClock } from '@ndxp/core';
import { createHubAssertionVerifier, HUB_ASSERTION_TYP } from './verify-hub-assertion.ts';

const HUB = 'http://hub.test';
const NOW_S = Date.parse('2026-03-01T08:00:00Z') / 1000;
const clock = fixedClock(NOW_S * 1000);
const TOLERANCE = 30;

let hubKey: CryptoKey;
let otherKey: CryptoKey;
let jwks: JSONWebKeySet;

beforeAll(async () => {
  const pair = await generateKeyPair('ES256', { extractable: true });
  hubKey = pair.privateKey;
  jwks = { keys: [{ ...(await exportJWK(pair.publicKey)), kid: 'hub-1', alg: 'ES256', use: 'sig' }] };
  ({ privateKey: otherKey } = await generateKeyPair('ES256'));
});

// Each part of a token is mostly the valid value and sometimes one of a few values on either side
// of a rule (absent, wrong, the time claims at and around the tolerance), so runs reach both the
// accepting and the refusing side, and their borders.
const mostly = <T,>(valid: T, ...others: T[]): fc.Arbitrary<T> => fc.oneof({ weight: 6, arbitrary: fc.constant(valid) }, { weight: 1, arbitrary: fc.constantFrom(...others) });
const timeClaim = (valid: number, around: number) =>
  mostly<number | string | undefined>(valid, undefined, around - TOLERANCE - 1, around - TOLERANCE, around - TOLERANCE + 1, around, around + TOLERANCE, around + TOLERANCE + 1, '1700000000');
const token = fc.record({
  typ: mostly<string | undefined>(HUB_ASSERTION_TYP, 'application/ndxp-hub+jwt', 'NDXP-HUB+JWT', 'at+jwt', 'JWT', undefined),
  kid: mostly('hub-1', 'hub-9'),
  crit: mostly(false, true),
  signer: mostly('hub', 'other'),
  tamper: mostly('none', 'payload', 'signature'),
  iss: mostly<string | undefined>(HUB, `${HUB}/`, 'http://evil.test', undefined),
  aud: mostly<string | string[] | undefined>('BCA/npdb', ['BHXH/insurance', 'BCA/npdb'], 'BHXH/insurance', ['BHXH/insurance'], undefined),
  sub: mostly<string | undefined>('BTC/tax', undefined),
  jti: mostly<string | undefined>('j-1', undefined),
  exp: timeClaim(NOW_S + 60, NOW_S),
  iat: timeClaim(NOW_S, NOW_S),
  nbf: mostly<number | string | undefined>(undefined, NOW_S - TOLERANCE, NOW_S + TOLERANCE, NOW_S + TOLERANCE + 1, '1700000000'),
});
type Spec = typeof token extends fc.Arbitrary<infer T> ? T : never;

function mint(s: Spec): string {
  const payload: Record<string, unknown> = { service: 'BCA/npdb/citizen-lookup/v1', purpose: 'tax-registration', grant_id: 'g-1', request_id: 'r-1', fields: ['/full_name'], htm: 'GET', htu: '/v1/x' };
  for (const claim of ['iss', 'aud', 'sub', 'jti', 'exp', 'iat', 'nbf'] as const) if (s[claim] !== undefined) payload[claim] = s[claim];
  const header: Record<string, unknown> = { alg: 'ES256', kid: s.kid, ...(s.typ === undefined ? {} : { typ: s.typ }), ...(s.crit ? { crit: ['x-unknown'], 'x-unknown': 1 } : {}) };
  // Signed by hand: jose would refuse to sign a header with an unknown `crit` extension.
  const h = Buffer.from(JSON.stringify(header)).toString('base64url');
  const p = Buffer.from(JSON.stringify(payload)).toString('base64url');
  const sig = sign('sha256', Buffer.from(`${h}.${p}`), { key: KeyObject.from(s.signer === 'hub' ? hubKey : otherKey), dsaEncoding: 'ieee-p1363' }).toString('base64url');
  const jws = `${h}.${p}.${sig}`;
  if (s.tamper === 'payload') return `${h}.${Buffer.from(JSON.stringify({ ...payload, sub: 'BCA/other' })).toString('base64url')}.${sig}`;
  if (s.tamper === 'signature') return `${h}.${p}.${sig.slice(0, -4)}${sig.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
  return jws;
}

describe('createHubAssertionVerifier', () => {
  it('accepts exactly what jose jwtVerify accepts with the same rules (property, differential)', async () => {
    const ours = createHubAssertionVerifier({ jwks, issuer: HUB, audience: 'BCA/npdb', clock, clockToleranceSeconds: TOLERANCE });
    const reference = createLocalJWKSet(jwks);
    let accepted = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(token, async (spec) => {
        const jwt = await mint(spec);
        const joseSays = await jwtVerify(jwt, reference, {
          issuer: HUB, audience: 'BCA/npdb', algorithms: ['ES256'], typ: HUB_ASSERTION_TYP, clockTolerance: TOLERANCE,
          currentDate: new Date(NOW_S * 1000), requiredClaims: ['iss', 'aud', 'sub', 'exp', 'iat', 'jti'],
        }).then(() => true, () => false);
        const weSay = await ours(jwt).then(() => true, (e: unknown) => {
          expect(e).toMatchObject({ code: 'HUB_ASSERTION_INVALID', status: 401 });
          return false;
        });
        if (weSay) accepted++;
        else refused++;
        expect(weSay).toBe(joseSays);
      }),
      { numRuns: 500, seed: 47 },
    );
    // The generator must reach both sides, or the property says little.
    expect(accepted).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(100);
  });

  it('returns what the hub vouched for', async () => {
    const verify = createHubAssertionVerifier({ jwks, issuer: HUB, audience: 'BCA/npdb', clock });
    const jwt = await mint({ typ: HUB_ASSERTION_TYP, kid: 'hub-1', crit: false, signer: 'hub', tamper: 'none', iss: HUB, aud: 'BCA/npdb', sub: 'BTC/tax', jti: 'j-1', exp: NOW_S + 60, iat: NOW_S, nbf: undefined });
    await expect(verify(jwt)).resolves.toEqual({
      consumer: 'BTC/tax', service: 'BCA/npdb/citizen-lookup/v1', purpose: 'tax-registration', grantId: 'g-1', requestId: 'r-1',
      fields: ['/full_name'], method: 'GET', target: '/v1/x', jti: 'j-1', expMs: (NOW_S + 60) * 1000,
    });
  });

  it.each([
    ['not a JWS', 'abc'],
    ['five parts (a JWE)', 'a.b.c.d.e'],
    ['a header that is not JSON', `${Buffer.from('{').toString('base64url')}.e30.AAAA`],
  ])('refuses %s with HUB_ASSERTION_INVALID', async (_name, jwt) => {
    const verify = createHubAssertionVerifier({ jwks, issuer: HUB, audience: 'BCA/npdb', clock });
    await expect(verify(jwt)).rejects.toMatchObject({ code: 'HUB_ASSERTION_INVALID' });
  });
});
