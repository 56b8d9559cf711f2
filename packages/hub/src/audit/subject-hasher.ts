import { createHash, createHmac } from 'node:crypto';

/**
 * Keyed hash of a data subject's personal ID for the audit log. A plain SHA-256 of a 12-digit ID
 * could be reversed by trying all 10^12 candidates, so the hash is an HMAC-SHA256 (RFC 2104)
 * under a secret key; the key id is recorded next to each hash so keys can rotate and old
 * entries stay queryable under their key.
 */
export interface SubjectHasher {
  /** Public identifier of the key (derived from it; reveals nothing usable). */
  readonly keyId: string;
  /** Hex HMAC-SHA256 of the personal ID. */
  hash(personalId: string): string;
}

/**
 * Create the hasher for `key` (≥ 32 bytes). The key id is `hs-` + the first 8 bytes of
 * SHA-256("ndxp-audit-subject-key-id" || key): stable across restarts and hub processes, and a
 * one-way function of a 256-bit secret, so it cannot be used to recover the key.
 */
export function createSubjectHasher(key: Buffer): SubjectHasher {
  if (key.length < 32) throw new RangeError('the audit subject key must be at least 32 bytes');
  const keyId = 'hs-' + createHash('sha256').update('ndxp-audit-subject-key-id').update(key).digest('hex').slice(0, 16);
  return {
    keyId,
    hash: (personalId) => createHmac('sha256', key).update(personalId, 'utf8').digest('hex'),
  };
}
