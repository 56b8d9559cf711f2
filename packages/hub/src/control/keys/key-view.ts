import type { JWK } from 'jose';
import { toIso, toIsoOrNull } from '../timestamps.ts';

/** Where a key stands at a given time: usable (`active`), not yet (`pending`), or no more (`expired`). */
export type KeyState = 'pending' | 'active' | 'expired';

/** A subsystem's public key as the API shows it. */
export interface KeyView {
  readonly kid: string;
  readonly subsystem_id: string;
  readonly alg: string;
  readonly public_jwk: JWK & { kty: string };
  readonly not_before: string;
  readonly not_after: string | null;
  readonly state: KeyState;
  readonly created_at: string;
}

export interface KeyRow {
  kid: string;
  subsystem_id: string;
  alg: string;
  public_jwk: JWK & { kty: string };
  not_before: Date | string;
  not_after: Date | string | null;
  created_at: Date | string;
}

export const KEY_COLUMNS = 'kid, subsystem_id, alg, public_jwk, not_before, not_after, created_at';

export function keyState(r: Pick<KeyRow, 'not_before' | 'not_after'>, nowMs: number): KeyState {
  if (new Date(r.not_before).getTime() > nowMs) return 'pending';
  if (r.not_after !== null && new Date(r.not_after).getTime() <= nowMs) return 'expired';
  return 'active';
}

export const toKeyView = (r: KeyRow, nowMs: number): KeyView => ({
  kid: r.kid,
  subsystem_id: r.subsystem_id,
  alg: r.alg,
  public_jwk: r.public_jwk,
  not_before: toIso(r.not_before),
  not_after: toIsoOrNull(r.not_after),
  state: keyState(r, nowMs),
  created_at: toIso(r.created_at),
});
