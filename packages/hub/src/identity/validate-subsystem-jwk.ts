import { importJWK, type JWK } from 'jose';
import { NdxpError } from '@ndxp/core';

/**
 * Asymmetric signature algorithms a subsystem may sign its client assertions with. Symmetric
 * (HMAC) algorithms would need a shared secret, and the hub keeps none (RFC 7523 §3 allows both;
 * NDXP allows only private_key_jwt). `none` is never accepted (RFC 8725 §3.1, §3.2).
 */
export const SUBSYSTEM_KEY_ALGS = ['ES256', 'EdDSA', 'RS256', 'PS256'] as const;
export type SubsystemKeyAlg = (typeof SUBSYSTEM_KEY_ALGS)[number];

export function isSubsystemKeyAlg(value: unknown): value is SubsystemKeyAlg {
  return typeof value === 'string' && (SUBSYSTEM_KEY_ALGS as readonly string[]).includes(value);
}

/** JWK members that only private or symmetric keys have (RFC 7518 §6.2.2, §6.3.2, §6.4). */
const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'] as const;
const KID = /^[A-Za-z0-9._:-]{1,128}$/;
/** RSA keys below 2048 bits are no longer acceptable (NIST SP 800-131A Rev. 2). */
const MIN_RSA_BITS = 2048;

/** A validated public signing key of a subsystem, reduced to its public members. */
export interface SubsystemPublicJwk {
  readonly kid: string;
  readonly alg: SubsystemKeyAlg;
  readonly jwk: JWK & { kid: string; alg: SubsystemKeyAlg; use: 'sig' };
}

const invalid = (detail: string): NdxpError => new NdxpError('KEY_INVALID', { detail, errors: [{ in: 'body', pointer: '/jwk', message: detail }] });

/**
 * Check that `input` is a public signing JWK NDXP accepts: a `kid` and an asymmetric `alg`
 * consistent with the key type and curve, no private members, importable by jose, and for RSA at
 * least 2048 bits. Returns the key with only its public members (so nothing unexpected is stored).
 */
export async function validateSubsystemJwk(input: Record<string, unknown>): Promise<SubsystemPublicJwk> {
  for (const m of PRIVATE_MEMBERS) {
    if (m in input) throw invalid(`the key contains the private or symmetric member "${m}"; register the public key only`);
  }
  const { kid, alg, kty, use } = input;
  if (typeof kid !== 'string' || !KID.test(kid)) throw invalid('"kid" is required: 1-128 characters of A-Z a-z 0-9 . _ : -');
  if (!isSubsystemKeyAlg(alg)) throw invalid(`"alg" must be one of ${SUBSYSTEM_KEY_ALGS.join(', ')}`);
  if (use !== undefined && use !== 'sig') throw invalid('"use" must be "sig" when present');
  let pub: JWK;
  switch (alg) {
    case 'ES256':
      if (kty !== 'EC' || input['crv'] !== 'P-256') throw invalid('ES256 needs kty "EC" with crv "P-256"');
      pub = { kty, crv: 'P-256', x: String(input['x']), y: String(input['y']) };
      break;
    case 'EdDSA':
      if (kty !== 'OKP' || input['crv'] !== 'Ed25519') throw invalid('EdDSA needs kty "OKP" with crv "Ed25519"');
      pub = { kty, crv: 'Ed25519', x: String(input['x']) };
      break;
    case 'RS256':
    case 'PS256': {
      if (kty !== 'RSA') throw invalid(`${alg} needs kty "RSA"`);
      const n = typeof input['n'] === 'string' ? input['n'] : '';
      if (Buffer.from(n, 'base64url').length * 8 < MIN_RSA_BITS) throw invalid(`RSA keys must be at least ${MIN_RSA_BITS} bits`);
      pub = { kty, n, e: String(input['e']) };
      break;
    }
  }
  try {
    await importJWK({ ...pub, ext: true }, alg);
  } catch {
    throw invalid('the key cannot be imported (bad coordinates or modulus)');
  }
  return { kid, alg, jwk: { ...pub, kid, alg, use: 'sig' } };
}
