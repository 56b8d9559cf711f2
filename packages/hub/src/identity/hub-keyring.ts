import { calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK } from 'jose';
import { NdxpError, type Clock } from '@ndxp/core';
import type { Db, Queryable } from '@ndxp/db';
import { openPrivateJwk, sealPrivateJwk } from './seal-private-jwk.ts';
import { notifyHubChanged } from './notify-hub-changed.ts';

/** The signature algorithm of every hub-signed token: ECDSA P-256 with SHA-256 (RFC 7518 §3.4). */
export const HUB_SIGNING_ALG = 'ES256';

/** The key the hub signs with now. */
export interface HubSigningKey {
  readonly kid: string;
  readonly alg: typeof HUB_SIGNING_ALG;
  readonly privateKey: CryptoKey;
}

/** A public JWK as published in the hub JWKS (RFC 7517 §4). */
export interface PublishedJwk extends JWK {
  readonly kty: string;
  readonly kid: string;
  readonly alg: string;
  readonly use: 'sig';
}

/**
 * The hub's rotating signing keys. Everything is held in memory after `reload()`, so signing and
 * verifying never touch the database on the hot path.
 */
export interface HubKeyring {
  /** The current signing key. */
  current(): HubSigningKey;
  /** The JWKS to publish: the current key plus retired keys whose tokens may still be valid. */
  publicJwks(): { keys: PublishedJwk[] };
  /** The public key for `kid` if it is published (current or recently retired), for verifying. */
  verificationKey(kid: string): CryptoKey | undefined;
  /** Retire the current key and start signing with a new one. Returns the new key id. */
  rotate(): Promise<{ kid: string; retired: string | undefined }>;
  /** Re-read the keys from the database (after another hub process rotated). */
  reload(): Promise<void>;
}

export interface HubKeyringOptions {
  readonly db: Db;
  /** 32-byte key-encryption key (AES-256-GCM) protecting the private keys at rest. */
  readonly kek: Buffer;
  readonly clock: Clock;
  /**
   * How long a retired key stays published, seconds: at least the longest lifetime of anything it
   * signed (access tokens, sessions, hub assertions) plus clock skew, so no valid token becomes
   * unverifiable when the key rotates.
   */
  readonly retainRetiredSeconds: number;
}

interface KeyRow {
  kid: string;
  alg: string;
  public_jwk: JWK;
  private_jwk_enc: string;
  created_ms: number;
  retired_ms: number | null;
}

interface LoadedKey {
  readonly kid: string;
  readonly publicJwk: PublishedJwk;
  readonly publicKey: CryptoKey;
  readonly retiredMs: number | null;
}

/** Lock key serialising key generation across hub processes: the bytes of 'HKEY'. */
const KEYRING_LOCK = 0x484b4559;

const iso = (ms: number): string => new Date(ms).toISOString();

/** Generate a new ES256 key pair and insert it, sealed. Returns the new kid. */
async function insertNewKey(tx: Queryable, kek: Buffer, nowMs: number): Promise<string> {
  const { privateKey, publicKey } = await generateKeyPair(HUB_SIGNING_ALG, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  // kid = RFC 7638 JWK thumbprint: stable, unique per key, reveals nothing.
  const kid = await calculateJwkThumbprint(publicJwk, 'sha256');
  const privateJwk = await exportJWK(privateKey);
  const published: PublishedJwk = { kty: 'EC', crv: publicJwk.crv, x: publicJwk.x, y: publicJwk.y, kid, alg: HUB_SIGNING_ALG, use: 'sig' };
  await tx.query(
    'INSERT INTO hub_signing_keys (kid, alg, public_jwk, private_jwk_enc, created_at) VALUES ($1, $2, $3, $4, $5)',
    [kid, HUB_SIGNING_ALG, JSON.stringify(published), sealPrivateJwk(privateJwk, kek, kid), iso(nowMs)],
  );
  return kid;
}

const SELECT_KEYS = `SELECT kid, alg, public_jwk, private_jwk_enc,
  (extract(epoch FROM created_at) * 1000)::int8 AS created_ms,
  (extract(epoch FROM retired_at) * 1000)::int8 AS retired_ms
  FROM hub_signing_keys`;

/**
 * Open the hub keyring: load the keys from `hub_signing_keys`, generating the first one if there is
 * none. Fails with `CONFIG_INVALID` if the configured KEK cannot decrypt the current key (a wrong
 * or changed `NDXP_HUB_KEK`).
 */
export async function createHubKeyring(options: HubKeyringOptions): Promise<HubKeyring> {
  const { db, kek, clock, retainRetiredSeconds } = options;
  if (kek.length !== 32) throw new NdxpError('CONFIG_INVALID', { detail: 'the key-encryption key must be 32 bytes' });
  let signing: HubSigningKey | undefined;
  let published: LoadedKey[] = [];

  async function ensureCurrentKey(): Promise<void> {
    await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [KEYRING_LOCK]);
      const active = await tx.query('SELECT kid FROM hub_signing_keys WHERE retired_at IS NULL LIMIT 1');
      if (active.rows.length > 0) return;
      await insertNewKey(tx, kek, clock.now());
      await notifyHubChanged(tx, 'hub_signing_keys');
    });
  }

  async function reload(): Promise<void> {
    const { rows } = await db.query<KeyRow>(`${SELECT_KEYS} ORDER BY created_at DESC, kid`);
    const now = clock.now();
    const currentRow = rows.find((r) => r.retired_ms === null);
    if (currentRow === undefined) throw new NdxpError('INTERNAL', { detail: 'the hub has no active signing key' });
    let privateJwk: JWK;
    try {
      privateJwk = openPrivateJwk(currentRow.private_jwk_enc, kek, currentRow.kid);
    } catch (cause) {
      throw new NdxpError('CONFIG_INVALID', { detail: 'NDXP_HUB_KEK cannot decrypt the hub signing key (wrong or changed key-encryption key)', cause });
    }
    const privateKey = (await importJWK(privateJwk, HUB_SIGNING_ALG)) as CryptoKey;
    const keep = rows.filter((r) => r.retired_ms === null || r.retired_ms + retainRetiredSeconds * 1000 > now);
    const loaded: LoadedKey[] = [];
    for (const r of keep) {
      loaded.push({
        kid: r.kid,
        publicJwk: r.public_jwk as PublishedJwk,
        publicKey: (await importJWK(r.public_jwk, r.alg)) as CryptoKey,
        retiredMs: r.retired_ms,
      });
    }
    signing = { kid: currentRow.kid, alg: HUB_SIGNING_ALG, privateKey };
    published = loaded;
  }

  await ensureCurrentKey();
  await reload();

  return {
    current() {
      if (signing === undefined) throw new NdxpError('INTERNAL', { detail: 'keyring not loaded' });
      return signing;
    },
    publicJwks() {
      // Retired keys drop out of the JWKS once everything they signed has expired, even between
      // reloads, because the check uses the clock at call time.
      const now = clock.now();
      return { keys: published.filter((k) => k.retiredMs === null || k.retiredMs + retainRetiredSeconds * 1000 > now).map((k) => ({ ...k.publicJwk })) };
    },
    verificationKey(kid) {
      const k = published.find((p) => p.kid === kid);
      if (k === undefined) return undefined;
      if (k.retiredMs !== null && k.retiredMs + retainRetiredSeconds * 1000 <= clock.now()) return undefined;
      return k.publicKey;
    },
    async rotate() {
      const result = await db.transaction(async (tx) => {
        await tx.query('SELECT pg_advisory_xact_lock($1)', [KEYRING_LOCK]);
        const now = clock.now();
        const retired = await tx.query<{ kid: string }>('UPDATE hub_signing_keys SET retired_at = $1 WHERE retired_at IS NULL RETURNING kid', [iso(now)]);
        const kid = await insertNewKey(tx, kek, now);
        await notifyHubChanged(tx, 'hub_signing_keys');
        return { kid, retired: retired.rows[0]?.kid };
      });
      await reload();
      return result;
    },
    reload,
  };
}
