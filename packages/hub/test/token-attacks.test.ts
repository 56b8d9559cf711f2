import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPublicKey, randomUUID } from 'node:crypto';
import { SignJWT, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { testBackends } from '@ndxp/db';
import { recordFigures, Tally } from './support/figures.ts';
import { ASSERTION_TYPE, ISSUER, LOOKUP, T0, openPlatform, type Platform } from './support/platform.ts';
import { rawRequest } from './support/raw-http.ts';
import { problemsWith } from './support/response-checks.ts';
import { CITIZEN } from './support/test-provider.ts';

/**
 * Token attacks at both doors: the token endpoint (client assertions, RFC 7523) and the data plane
 * and control plane (hub-signed JWTs, RFC 9068). Each forged or stolen token is refused with the
 * precise code, never reaches a provider, and each refusal at the data plane is audited.
 */
const b64 = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = (): number => Math.floor(T0 / 1000);
const TOKEN_URL = `${ISSUER}/oauth/token`;

describe.each(testBackends())('token attacks on %s', (kind) => {
  let p: Platform;
  const tally = new Tally();
  let consumerKey: CryptoKey;
  let kid: string;
  let publicJwk: JWK;

  beforeAll(async () => {
    p = await openPlatform(kind, { listen: true });
    const c = p.consumers['BTC/tax']!;
    kid = c.key.kid;
    publicJwk = c.key.publicJwk;
    consumerKey = (await importJWK(c.key.privateJwk, 'ES256')) as CryptoKey;
  });
  afterAll(async () => {
    recordFigures('token-attacks', kind, tally.toFigures());
    await p?.close();
  });

  async function tokenRequest(assertion: string, extra: Record<string, string> = {}) {
    tally.add('requests');
    return p.hub.app.inject({
      method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: assertion, ...extra }).toString(),
    });
  }

  /** An assertion for BTC/tax with `claims` over the right ones, signed by `key` (default: its registered key). */
  async function assertion(claims: Record<string, unknown> = {}, header: Record<string, unknown> = {}, key: CryptoKey | Uint8Array = consumerKey): Promise<string> {
    const alg = (header['alg'] as string | undefined) ?? 'ES256';
    return new SignJWT({ iss: 'BTC/tax', sub: 'BTC/tax', aud: TOKEN_URL, jti: randomUUID(), iat: now(), exp: now() + 60, ...claims })
      .setProtectedHeader({ alg, kid, typ: 'JWT', ...header })
      .sign(key);
  }

  describe('at the token endpoint', () => {
    const refused = async (a: string | Promise<string>, code: string) => {
      const res = await tokenRequest(await a);
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toMatchObject({ code, origin: 'client', error: 'invalid_client' });
      expect(problemsWith({ statusCode: res.statusCode, headers: res.headers, body: res.body })).toEqual([]);
      expect(res.body).not.toMatch(/access_token/);
      tally.add('attacks_refused');
    };

    it('issues a token for a well-formed assertion (the control case)', async () => {
      const res = await tokenRequest(await assertion());
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ token_type: 'Bearer', expires_in: 300 });
    });

    it('refuses alg none', async () => {
      await refused(`${b64({ alg: 'none', kid, typ: 'JWT' })}.${b64({ iss: 'BTC/tax', sub: 'BTC/tax', aud: TOKEN_URL, jti: randomUUID(), iat: now(), exp: now() + 60 })}.`, 'CLIENT_ASSERTION_INVALID');
    });

    it('refuses algorithm confusion: HS256 keyed with the registered public key', async () => {
      const asJson = new TextEncoder().encode(JSON.stringify(publicJwk));
      const asPem = new TextEncoder().encode(createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString());
      for (const secret of [asJson, asPem]) await refused(assertion({}, { alg: 'HS256' }, secret), 'CLIENT_ASSERTION_INVALID');
    });

    it('refuses a signature by another key under the registered kid', async () => {
      const { privateKey } = await generateKeyPair('ES256');
      await refused(assertion({}, {}, privateKey), 'CLIENT_ASSERTION_INVALID');
    });

    it('refuses the wrong audience', async () => {
      for (const aud of [`${ISSUER}/x`, `${ISSUER}/api`, 'http://evil.test/oauth/token', [`http://evil.test`]]) await refused(assertion({ aud }), 'CLIENT_ASSERTION_INVALID');
    });

    it('refuses expired, not-yet-valid and over-long assertions', async () => {
      await refused(assertion({ iat: now() - 600, exp: now() - 300 }), 'CLIENT_ASSERTION_INVALID');
      await refused(assertion({ iat: now() + 600, exp: now() + 660 }), 'CLIENT_ASSERTION_INVALID');
      await refused(assertion({ nbf: now() + 600 }), 'CLIENT_ASSERTION_INVALID');
      await refused(assertion({ exp: now() + 3600 }), 'CLIENT_ASSERTION_INVALID');
    });

    it('refuses an assertion for another client, or with another client\'s key id', async () => {
      await refused(assertion({ iss: 'BYT/health', sub: 'BYT/health' }), 'CLIENT_ASSERTION_INVALID');
      await refused(assertion({ iss: 'BTC/tax', sub: 'BYT/health' }), 'CLIENT_ASSERTION_INVALID');
      await refused(assertion({}, { kid: p.consumers['BYT/health']!.key.kid }), 'CLIENT_ASSERTION_INVALID');
      const ghost = await tokenRequest(await assertion({ iss: 'BTC/ghost', sub: 'BTC/ghost' }));
      expect(ghost.json()).toMatchObject({ code: 'CLIENT_UNKNOWN' });
    });

    it('refuses a replayed assertion, also when the copies race in parallel', async () => {
      const a = await assertion();
      expect((await tokenRequest(a)).statusCode).toBe(200);
      await refused(a, 'CLIENT_ASSERTION_REPLAYED');
      const b = await assertion();
      const results = await Promise.all(Array.from({ length: 12 }, () => tokenRequest(b)));
      // Exactly one of the copies wins, whichever arrives first; every other is a replay.
      expect(results.filter((r) => r.statusCode === 200)).toHaveLength(1);
      expect(results.filter((r) => r.json().code === 'CLIENT_ASSERTION_REPLAYED')).toHaveLength(11);
      tally.add('replays_refused', 12);
    });

    it('refuses oversized assertions and bodies without parsing them', async () => {
      const big = await assertion({ padding: 'x'.repeat(9000) });
      const res = await tokenRequest(big);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED', error: 'invalid_request' });
      const huge = await tokenRequest(await assertion(), { padding: 'y'.repeat(20_000) });
      expect(huge.statusCode).toBe(413);
      expect(huge.json().code).toBe('BODY_TOO_LARGE');
      tally.add('attacks_refused', 2);
    });

    it('refuses a client secret or a JSON body (no shared secrets, form encoding only)', async () => {
      const secret = await p.hub.app.inject({ method: 'POST', url: '/oauth/token', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: 'Basic QlRDL3RheDpzZWNyZXQ=' }, payload: 'grant_type=client_credentials&client_id=BTC%2Ftax&client_secret=secret' });
      expect(secret.statusCode).toBe(401);
      expect(secret.json().code).toBe('CLIENT_ASSERTION_INVALID');
      const json = await p.hub.app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', client_assertion_type: ASSERTION_TYPE, client_assertion: await assertion() } });
      expect(json.statusCode).toBe(415);
      tally.add('attacks_refused', 2);
    });
  });

  describe('at the data plane and the control plane', () => {
    let hubPublicJwk: JWK;
    const claims = (extra: Record<string, unknown> = {}) => ({ iss: ISSUER, aud: `${ISSUER}/x`, sub: 'BTC/tax', client_id: 'BTC/tax', jti: randomUUID(), iat: now(), exp: now() + 300, ...extra });

    beforeAll(() => {
      hubPublicJwk = p.hub.ctx.keyring.publicJwks().keys[0] as JWK;
    });

    async function forge(c: Record<string, unknown>, header: Record<string, unknown> = {}, key?: CryptoKey | Uint8Array): Promise<string> {
      const k = p.hub.ctx.keyring.current();
      return new SignJWT(c).setProtectedHeader({ alg: 'ES256', typ: 'at+jwt', kid: k.kid, ...header }).sign(key ?? k.privateKey);
    }

    async function call(token: string) {
      tally.add('requests');
      return p.hub.app.inject({ url: `/x/${LOOKUP}/v1/citizens/${CITIZEN.personal_id}`, headers: { authorization: `Bearer ${token}`, 'x-ndxp-purpose': 'tax-registration' } });
    }

    const cases: [string, () => Promise<string>, string][] = [
      ['alg none', async () => `${b64({ alg: 'none', typ: 'at+jwt', kid: p.hub.ctx.keyring.current().kid })}.${b64(claims())}.`, 'TOKEN_INVALID'],
      ['alg none with a signature part', async () => `${b64({ alg: 'none', typ: 'at+jwt', kid: p.hub.ctx.keyring.current().kid })}.${b64(claims())}.c2ln`, 'TOKEN_INVALID'],
      ['HS256 keyed with the hub public JWK (algorithm confusion)', async () => forge(claims(), { alg: 'HS256' }, new TextEncoder().encode(JSON.stringify(hubPublicJwk))), 'TOKEN_INVALID'],
      ['HS256 keyed with the hub public key PEM', async () => forge(claims(), { alg: 'HS256' }, new TextEncoder().encode(createPublicKey({ key: hubPublicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }).toString())), 'TOKEN_INVALID'],
      ['a signature by another ES256 key under the hub kid', async () => forge(claims(), {}, (await generateKeyPair('ES256')).privateKey), 'TOKEN_INVALID'],
      ['an embedded jwk header (key injection)', async () => {
        const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
        const { exportJWK } = await import('jose');
        return forge(claims(), { jwk: await exportJWK(publicKey), kid: undefined }, privateKey);
      }, 'TOKEN_INVALID'],
      ['a jku header pointing elsewhere', async () => forge(claims(), { jku: 'http://evil.test/jwks.json', kid: 'evil' }, (await generateKeyPair('ES256')).privateKey), 'TOKEN_INVALID'],
      ['the control-plane audience', async () => forge(claims({ aud: `${ISSUER}/api` })), 'TOKEN_AUDIENCE_INVALID'],
      ['a foreign audience', async () => forge(claims({ aud: 'http://other-hub.test/x' })), 'TOKEN_AUDIENCE_INVALID'],
      ['another issuer', async () => forge(claims({ iss: 'http://evil.test' })), 'TOKEN_INVALID'],
      ['an expired token', async () => forge(claims({ iat: now() - 1000, exp: now() - 600 })), 'TOKEN_EXPIRED'],
      ['a not-yet-valid token', async () => forge(claims({ nbf: now() + 600 })), 'TOKEN_INVALID'],
      ['a session token (typ JWT)', async () => forge(claims(), { typ: 'JWT' }), 'TOKEN_INVALID'],
      // Explicit typing (RFC 8725 §3.11) refuses it before the audience is even looked at.
      ['the operator session token', async () => p.operatorToken, 'TOKEN_INVALID'],
      ['client_id differing from sub', async () => forge(claims({ client_id: 'BYT/health' })), 'TOKEN_INVALID'],
      ['no jti', async () => forge(claims({ jti: undefined })), 'TOKEN_INVALID'],
    ];

    it.each(cases)('refuses %s at the data plane, audited, never forwarded', async (_name, make, code) => {
      const seen = p.provider.seen.length;
      const res = await call(await make());
      expect(res.statusCode, res.body).toBe(401);
      expect(res.json()).toMatchObject({ code, origin: 'client' });
      expect(problemsWith({ statusCode: res.statusCode, headers: res.headers, body: res.body })).toEqual([]);
      expect(p.provider.seen.length).toBe(seen);
      const idx = Number(res.headers['x-ndxp-log-index']);
      const { rows } = await p.db.query<{ error_code: string; consumer_id: string | null }>('SELECT error_code, consumer_id FROM audit_log WHERE seq = $1', [idx]);
      expect(rows).toEqual([{ error_code: code, consumer_id: null }]);
      tally.add('attacks_refused');
    });

    it('refuses an oversized token (the parser limit, and under it)', async () => {
      const port = Number(new URL(p.url!).port);
      const giant = await rawRequest(port, `GET /x/${LOOKUP}/v1/citizens/${CITIZEN.personal_id} HTTP/1.1\r\nHost: hub.test\r\nAuthorization: Bearer ${'a'.repeat(40_000)}.b.c\r\nX-Ndxp-Purpose: tax-registration\r\n\r\n`);
      expect(giant.statusCode).toBe(431);
      expect(JSON.parse(giant.body)).toMatchObject({ code: 'HEADERS_TOO_LARGE' });
      const big = await call(await forge(claims({ padding: 'x'.repeat(12_000) })));
      // Under the parser limit a large token is verified like any other: this one is genuine, so it
      // works; padding a forged one does not help.
      expect(big.statusCode).toBe(200);
      const forgedBig = await call(await forge(claims({ padding: 'x'.repeat(12_000) }), {}, (await generateKeyPair('ES256')).privateKey));
      expect(forgedBig.json().code).toBe('TOKEN_INVALID');
      tally.add('requests');
      tally.add('attacks_refused', 2);
    });

    it('refuses forged session tokens at the control plane', async () => {
      const session = (extra: Record<string, unknown>, header: Record<string, unknown> = {}, key?: CryptoKey | Uint8Array) =>
        forge({ iss: ISSUER, aud: `${ISSUER}/api`, sub: 'root', role: 'operator', member: null, jti: randomUUID(), iat: now(), exp: now() + 600, ...extra }, { typ: 'JWT', ...header }, key);
      for (const [token, code] of [
        [`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: ISSUER, aud: `${ISSUER}/api`, sub: 'root', role: 'operator', member: null, jti: 'x', iat: now(), exp: now() + 600 })}.`, 'TOKEN_INVALID'],
        [await session({}, { alg: 'HS256' }, new TextEncoder().encode(JSON.stringify(hubPublicJwk))), 'TOKEN_INVALID'],
        [await session({}, {}, (await generateKeyPair('ES256')).privateKey), 'TOKEN_INVALID'],
        [await p.token('BTC/tax'), 'TOKEN_INVALID'],
        [await session({ exp: now() - 10 }), 'TOKEN_EXPIRED'],
        // A genuine signature over a role the user does not have (the user is re-read on every call).
        [await session({ sub: 'nobody' }), 'TOKEN_INVALID'],
      ] as const) {
        tally.add('requests');
        const res = await p.hub.app.inject({ url: '/api/v1/users', headers: { authorization: `Bearer ${token}` } });
        expect(res.statusCode, String(token).slice(0, 40)).toBe(401);
        expect(res.json().code).toBe(code);
        expect(res.headers['www-authenticate']).toContain('Bearer');
        tally.add('attacks_refused');
      }
    });
  });
});
