import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT, jwtVerify } from 'jose';
import { fixedClock, NdxpError } from '@ndxp/core';
import { loadMigrations, migrate, openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { createHubKeyring } from './hub-keyring.ts';

const KEK = Buffer.alloc(32, 7);
const T0 = Date.parse('2026-03-01T08:00:00Z');

describe.each(testBackends())('hub keyring on %s', (kind) => {
  let db: Db;
  const clock = fixedClock(T0);
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await migrate(db, await loadMigrations(new URL('../migrations/', import.meta.url)));
  });
  afterAll(async () => {
    await db.close();
  });

  it('creates one key on first start and reuses it on the next', async () => {
    const a = await createHubKeyring({ db, kek: KEK, clock, retainRetiredSeconds: 600 });
    const b = await createHubKeyring({ db, kek: KEK, clock, retainRetiredSeconds: 600 });
    expect(a.current().kid).toBe(b.current().kid);
    expect(a.publicJwks().keys).toHaveLength(1);
    const { rows } = await db.query('SELECT kid FROM hub_signing_keys');
    expect(rows).toHaveLength(1);
  });

  it('never stores the private key in plaintext', async () => {
    const ring = await createHubKeyring({ db, kek: KEK, clock, retainRetiredSeconds: 600 });
    const { rows } = await db.query<{ public_jwk: Record<string, unknown>; private_jwk_enc: string }>('SELECT public_jwk, private_jwk_enc FROM hub_signing_keys');
    for (const r of rows) {
      expect(r.public_jwk).not.toHaveProperty('d');
      expect(r.private_jwk_enc).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
      expect(r.private_jwk_enc).not.toContain('"d"');
    }
    // The whole table, as text, holds no "d" member of any JWK.
    const dump = await db.query<{ t: string }>('SELECT string_agg(hub_signing_keys::text, \'\n\') AS t FROM hub_signing_keys');
    expect(dump.rows[0]?.t).not.toMatch(/"d"\s*:/);
    expect(ring.publicJwks().keys.every((k) => !('d' in k))).toBe(true);
  });

  it('refuses to start with a different KEK', async () => {
    await expect(createHubKeyring({ db, kek: Buffer.alloc(32, 8), clock, retainRetiredSeconds: 600 })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(createHubKeyring({ db, kek: Buffer.alloc(16, 7), clock, retainRetiredSeconds: 600 })).rejects.toBeInstanceOf(NdxpError);
  });

  it('rotates, keeps the retired key published until its tokens expire, then drops it', async () => {
    const ring = await createHubKeyring({ db, kek: KEK, clock, retainRetiredSeconds: 600 });
    const old = ring.current();
    const token = await new SignJWT({ sub: 'x' }).setProtectedHeader({ alg: old.alg, kid: old.kid }).setIssuedAt(T0 / 1000).sign(old.privateKey);
    const other = await createHubKeyring({ db, kek: KEK, clock, retainRetiredSeconds: 600 });
    const { kid, retired } = await ring.rotate();
    expect(retired).toBe(old.kid);
    expect(kid).not.toBe(old.kid);
    expect(ring.current().kid).toBe(kid);
    expect(ring.publicJwks().keys.map((k) => k.kid).sort()).toEqual([kid, old.kid].sort());
    // A token signed before the rotation still verifies with the published retired key.
    const key = ring.verificationKey(old.kid);
    expect(key).toBeDefined();
    await expect(jwtVerify(token, key!, { currentDate: new Date(clock.now()) })).resolves.toBeDefined();
    // Another process sees the rotation after reload.
    expect(other.current().kid).toBe(old.kid);
    await other.reload();
    expect(other.current().kid).toBe(kid);

    clock.advance(600_000);
    expect(ring.publicJwks().keys.map((k) => k.kid)).toEqual([kid]);
    expect(ring.verificationKey(old.kid)).toBeUndefined();
    await ring.reload();
    expect(ring.publicJwks().keys.map((k) => k.kid)).toEqual([kid]);
  });

  it('exactly one key is active after concurrent first starts', async () => {
    const fresh = await openTestDatabase(kind);
    try {
      await migrate(fresh, await loadMigrations(new URL('../migrations/', import.meta.url)));
      const rings = await Promise.all([1, 2, 3].map(() => createHubKeyring({ db: fresh, kek: KEK, clock, retainRetiredSeconds: 60 })));
      expect(new Set(rings.map((r) => r.current().kid)).size).toBe(1);
      const { rows } = await fresh.query('SELECT kid FROM hub_signing_keys WHERE retired_at IS NULL');
      expect(rows).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });
});
