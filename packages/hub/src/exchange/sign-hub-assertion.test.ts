import { describe, expect, it } from 'vitest';
import { decodeProtectedHeader, generateKeyPair, jwtVerify } from 'jose';
import { signHubAssertion } from './sign-hub-assertion.ts';

describe('signHubAssertion', () => {
  it('produces an ES256 JWS that jose verifies, with every claim of the hub contract', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256');
    const nowMs = Date.parse('2026-03-01T08:00:00.900Z');
    const token = signHubAssertion({ kid: 'k1', privateKey }, {
      issuer: 'http://hub.test', provider: 'BCA/npdb', consumer: 'BTC/tax', service: 'BCA/npdb/citizen-lookup/v1', purpose: 'tax-registration',
      grantId: 'g-1', requestId: 'r-1', fields: ['/full_name', '/address'], method: 'GET', target: '/api/v1/citizens/001203012345?x=%C3%A2', nowMs,
    });
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'ES256', typ: 'ndxp-hub+jwt', kid: 'k1' });
    const { payload } = await jwtVerify(token, publicKey, { algorithms: ['ES256'], typ: 'ndxp-hub+jwt', issuer: 'http://hub.test', audience: 'BCA/npdb', currentDate: new Date(nowMs) });
    expect(payload).toEqual({
      iss: 'http://hub.test', aud: 'BCA/npdb', sub: 'BTC/tax', iat: 1772352000, exp: 1772352060, jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      service: 'BCA/npdb/citizen-lookup/v1', purpose: 'tax-registration', grant_id: 'g-1', request_id: 'r-1', fields: ['/full_name', '/address'], htm: 'GET', htu: '/api/v1/citizens/001203012345?x=%C3%A2',
    });
    // A fresh jti each time, and a signature by another key does not verify.
    const again = signHubAssertion({ kid: 'k1', privateKey }, { issuer: 'i', provider: 'p', consumer: 'c', service: 's', purpose: 'x', grantId: 'g', requestId: 'r', fields: [], method: 'GET', target: '/', nowMs });
    const other = await generateKeyPair('ES256');
    await expect(jwtVerify(again, other.publicKey)).rejects.toThrow();
  });
});
