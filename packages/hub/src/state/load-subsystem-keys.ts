import { importJWK, type CryptoKey, type JWK } from 'jose';
import { unsafeBrand, type SubsystemId } from '@ndxp/core';
import type { Queryable } from '@ndxp/db';
import type { CachedSubsystemKey } from './types.ts';

interface Row {
  kid: string;
  subsystem_id: string;
  alg: string;
  public_jwk: JWK;
  not_before_ms: number;
  not_after_ms: number | null;
}

/**
 * Every registered subsystem public key, imported once here so that nothing imports keys per
 * request. A key that cannot be imported is skipped and reported (it could never verify anyway).
 */
export async function loadSubsystemKeys(db: Queryable, onInvalid: (kid: string, error: unknown) => void = () => undefined): Promise<Map<string, CachedSubsystemKey>> {
  const { rows } = await db.query<Row>(`SELECT kid, subsystem_id, alg, public_jwk,
      (extract(epoch FROM not_before) * 1000)::int8 AS not_before_ms,
      (extract(epoch FROM not_after) * 1000)::int8 AS not_after_ms
    FROM subsystem_keys`);
  const out = new Map<string, CachedSubsystemKey>();
  for (const r of rows) {
    try {
      const key = (await importJWK(r.public_jwk, r.alg)) as CryptoKey;
      out.set(r.kid, {
        kid: r.kid,
        subsystemId: unsafeBrand<'SubsystemId'>(r.subsystem_id) as SubsystemId,
        alg: r.alg,
        publicJwk: r.public_jwk,
        key,
        notBeforeMs: Number(r.not_before_ms),
        notAfterMs: r.not_after_ms === null ? null : Number(r.not_after_ms),
      });
    } catch (error) {
      onInvalid(r.kid, error);
    }
  }
  return out;
}
