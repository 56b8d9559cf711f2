import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unsafeBrand, type MemberCode } from '@ndxp/core';
import { testBackends } from '@ndxp/db';
import { checkNoteSignatures, noteVerifiers, openCheckpoint, parseNote, parseVerifierKey } from '@ndxp/ledger';
import { openTestHub, TEST_OPERATOR_PASSWORD, type TestHub } from '../app/test-hub.ts';
import { ensureLogIdentity } from './ensure-log-identity.ts';
import { listCheckpoints } from './list-checkpoints.ts';
import { openPrivateJwk } from '../identity/seal-private-jwk.ts';
import { createUser } from '../control/users/create-user.ts';
import { insertMember } from '../state/test-fixtures.ts';
import { openNoteKey } from './seal-note-key.ts';
import { appendSynthetic } from './testing/synthetic-entries.ts';

interface KeysAnswer { origin: string; keys: { key_id: string; verifier_key: string; status: string; signs_until: string | null; created_at: string }[] }

describe.each(testBackends())('log signing keys on %s', (kind) => {
  let t: TestHub;
  let operator: string;
  let next = 0;
  const keys = async (): Promise<KeysAnswer> => (await t.hub.app.inject({ method: 'GET', url: '/log/v1/keys' })).json<KeysAnswer>();
  const grow = async (n: number): Promise<string> => {
    await appendSynthetic(t.db, next, n);
    next += n;
    const round = await t.hub.log.integrate();
    return round.checkpoints.at(-1)!.note;
  };
  const signers = (note: string, verifierKeys: readonly string[]) =>
    checkNoteSignatures(parseNote(note), noteVerifiers(verifierKeys.map(parseVerifierKey))).filter((c) => c.status === 'verified').map((c) => c.keyLabel);

  beforeAll(async () => {
    t = await openTestHub(kind, { NDXP_LOG_INTEGRATION: 'false' });
    operator = await t.login('root', TEST_OPERATOR_PASSWORD);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('keeps the Ed25519 seed only sealed under the KEK, bound to its key id', async () => {
    const { rows } = await t.db.query<{ key_id: string; signer_sealed: string; verifier_key: string }>('SELECT key_id, signer_sealed, verifier_key FROM log_keys');
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(row.signer_sealed).toMatch(/^v1\./);
    expect(row.signer_sealed).not.toContain('PRIVATE');
    const signer = openNoteKey(row.signer_sealed, t.config.kek, row.key_id, 'hub.test/log');
    expect(signer.verifierKey).toBe(row.verifier_key);
    expect(() => openNoteKey(row.signer_sealed, Buffer.alloc(32, 2), row.key_id, 'hub.test/log')).toThrow();
    expect(() => openNoteKey(row.signer_sealed, t.config.kek, 'hub.test/log+00000000', 'hub.test/log')).toThrow();
    // The seed appears nowhere in the database in the clear (base64, base64url or hex).
    const d = openPrivateJwk(row.signer_sealed, t.config.kek, row.key_id).d as string;
    const seed = Buffer.from(d, 'base64url');
    expect(seed).toHaveLength(32);
    for (const form of [d, seed.toString('base64').replace(/=+$/, ''), seed.toString('hex')]) {
      const hits = await t.db.query<{ n: number }>("SELECT count(*)::int8 AS n FROM log_keys AS k WHERE k::text LIKE '%' || $1 || '%'", [form]);
      expect(Number(hits.rows[0]!.n)).toBe(0);
    }
  });

  it('rotates: old and new key co-sign during the overlap, then only the new key signs; old checkpoints still verify', async () => {
    const before = await grow(5);
    const oldKey = (await keys()).keys[0]!;
    expect(signers(before, [oldKey.verifier_key])).toEqual([oldKey.key_id]);

    t.clock.advance(60_000);
    const res = await t.hub.app.inject({ method: 'POST', url: '/api/v1/log/keys/rotate', headers: { authorization: `Bearer ${operator}` }, payload: { overlap_seconds: 3600 } });
    expect(res.statusCode, res.body).toBe(200);
    const rotation = res.json<{ key_id: string; verifier_key: string; retiring: { key_id: string; signs_until: string }[] }>();
    expect(rotation.retiring).toEqual([{ key_id: oldKey.key_id, signs_until: new Date(t.clock.now() + 3600_000).toISOString() }]);
    const both = [oldKey.verifier_key, rotation.verifier_key];

    const during = await grow(5);
    expect(signers(during, both).sort()).toEqual([oldKey.key_id, rotation.key_id].sort());
    // A verifier that knows only the old key accepts it; so does one that knows only the new key.
    expect(openCheckpoint(during, noteVerifiers([parseVerifierKey(oldKey.verifier_key)])).checkpoint.size).toBe(10);
    expect(openCheckpoint(during, noteVerifiers([parseVerifierKey(rotation.verifier_key)])).checkpoint.size).toBe(10);

    t.clock.advance(3600_000);
    const after = await grow(5);
    expect(signers(after, both)).toEqual([rotation.key_id]);
    const listed = await keys();
    expect(listed.keys.map((k) => [k.key_id, k.status])).toEqual([[oldKey.key_id, 'retired'], [rotation.key_id, 'active']]);
    // Every checkpoint ever published verifies with the published keys.
    const all = noteVerifiers(listed.keys.map((k) => parseVerifierKey(k.verifier_key)));
    for (const c of await listCheckpoints(t.db, -1, 100)) expect(openCheckpoint(c.note, all).checkpoint.size).toBe(c.size);
  });

  it('allows only operators to rotate', async () => {
    operator = await t.login('root', TEST_OPERATOR_PASSWORD);
    await insertMember(t.db, 'BCA');
    await createUser(t.db, { username: 'bca.admin', display_name: 'BCA', role: 'provider_admin', member_code: unsafeBrand<'MemberCode'>('BCA') as MemberCode, password: 'provider-password' }, { scryptLogN: 8, nowMs: t.clock.now() });
    const admin = await t.login('bca.admin', 'provider-password');
    const refused = await t.hub.app.inject({ method: 'POST', url: '/api/v1/log/keys/rotate', headers: { authorization: `Bearer ${admin}` }, payload: {} });
    expect(refused.statusCode).toBe(403);
    expect(refused.json<{ code: string }>().code).toBe('ROLE_FORBIDDEN');
    const anonymous = await t.hub.app.inject({ method: 'POST', url: '/api/v1/log/keys/rotate', payload: {} });
    expect(anonymous.statusCode).toBe(401);
    const bad = await t.hub.app.inject({ method: 'POST', url: '/api/v1/log/keys/rotate', headers: { authorization: `Bearer ${operator}` }, payload: { overlap_seconds: -1 } });
    expect(bad.statusCode).toBe(400);
    expect((await keys()).keys).toHaveLength(2);
  });

  it('never changes its origin: a start with another origin is refused', async () => {
    await expect(ensureLogIdentity(t.db, { origin: 'other.example/log', kek: t.config.kek, nowMs: t.clock.now(), signers: new Map() })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(ensureLogIdentity(t.db, { origin: 'hub.test/log', kek: t.config.kek, nowMs: t.clock.now(), signers: new Map() })).resolves.toBeUndefined();
    expect((await t.db.query('SELECT 1 FROM log_keys')).rows).toHaveLength(2);
  });
});
