import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackends } from '@ndxp/db';
import {
  CompactRange, MemoryHashStore, TILE_WIDTH, bytesEqual, decodeBase64, decodeEntryBundle, decodeUtf8, encodeHex, encodeUtf8, hashLeaf, noteVerifiers, openCheckpoint,
  parseVerifierKey, rootHash, tileLogSource, verifyConsistency, verifyInclusion, verifyLog,
} from '@ndxp/ledger';
import { openTestHub, type TestHub } from '../app/test-hub.ts';
import { appendSynthetic } from './testing/synthetic-entries.ts';

interface Problem { code: string; status: number }

describe.each(testBackends())('public log endpoints on %s', (kind) => {
  let t: TestHub;
  const texts: string[] = [];
  const leaves = (): Uint8Array[] => texts.map((x) => hashLeaf(encodeUtf8(x)));
  const get = (url: string) => t.hub.app.inject({ method: 'GET', url });
  const json = async <T>(url: string, status = 200): Promise<T> => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(status);
    return res.json() as T;
  };
  const problem = async (url: string, status: number, code: string): Promise<void> => {
    const res = await get(url);
    expect(res.statusCode, res.body).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((res.json() as Problem).code).toBe(code);
  };
  const verifiers = async () => {
    const keys = await json<{ origin: string; keys: { verifier_key: string }[] }>('/log/v1/keys');
    return noteVerifiers(keys.keys.map((k) => parseVerifierKey(k.verifier_key)));
  };

  beforeAll(async () => {
    t = await openTestHub(kind, { NDXP_LOG_INTEGRATION: 'false', NDXP_LOG_ORIGIN: 'ndxp.test/log' });
    // Three checkpoints over 600 entries: sizes 100, 257 and 600 (one full level-0 tile and more).
    for (const [from, count] of [[0, 100], [100, 157], [257, 343]] as const) {
      texts.push(...await appendSynthetic(t.db, from, count));
      await t.hub.log.integrate();
    }
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves the latest checkpoint as a signed note anyone can check with the published keys', async () => {
    const res = await get('/log/v1/checkpoint');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const keys = await json<{ origin: string; keys: { key_id: string; verifier_key: string; status: string; signs_until: string | null }[] }>('/log/v1/keys');
    expect(keys.origin).toBe('ndxp.test/log');
    expect(keys.keys).toHaveLength(1);
    expect(keys.keys[0]).toMatchObject({ status: 'active', signs_until: null });
    expect(keys.keys[0]!.verifier_key.startsWith(`${keys.keys[0]!.key_id}+`)).toBe(true);
    const opened = openCheckpoint(res.body, await verifiers(), { origin: 'ndxp.test/log' });
    expect(opened.checkpoint.size).toBe(600);
    expect(bytesEqual(opened.checkpoint.rootHash, rootHash(leaves()))).toBe(true);
  });

  it('lists every checkpoint in order, page by page', async () => {
    const first = await json<{ items: { size: number; note: string; root_hash: string; key_ids: string[] }[]; next_after_size: number }>('/log/v1/checkpoints?limit=2');
    expect(first.items.map((c) => c.size)).toEqual([0, 100]);
    const second = await json<{ items: { size: number }[]; next_after_size: number }>(`/log/v1/checkpoints?after_size=${first.next_after_size}`);
    expect(second.items.map((c) => c.size)).toEqual([257, 600]);
    expect(second.next_after_size).toBe(600);
    expect((await json<{ items: unknown[]; next_after_size: number }>('/log/v1/checkpoints?after_size=600')).next_after_size).toBe(600);
    const v = await verifiers();
    for (const c of first.items) {
      const opened = openCheckpoint(c.note, v);
      expect(opened.checkpoint.size).toBe(c.size);
      expect(decodeBase64(c.root_hash)).toEqual(opened.checkpoint.rootHash);
      expect(c.key_ids).toHaveLength(1);
    }
  });

  it('proves inclusion by index and by leaf hash (hex, base64 and base64url), against the latest or an older checkpoint', async () => {
    const ls = leaves();
    const byIndex = await json<{ index: number; tree_size: number; leaf_hash: string; proof: string[]; checkpoint: string }>('/log/v1/proof/inclusion?index=123');
    expect(byIndex).toMatchObject({ index: 123, tree_size: 600 });
    expect(decodeBase64(byIndex.leaf_hash)).toEqual(ls[123]);
    const root = openCheckpoint(byIndex.checkpoint, await verifiers()).checkpoint.rootHash;
    expect(verifyInclusion({ index: 123, size: 600, leafHash: ls[123]!, proof: byIndex.proof.map((p) => decodeBase64(p)), rootHash: root })).toBe(true);

    const b64 = Buffer.from(ls[42]!).toString('base64');
    for (const form of [encodeHex(ls[42]!), encodeURIComponent(b64), Buffer.from(ls[42]!).toString('base64url')]) {
      const byHash = await json<{ index: number; proof: string[] }>(`/log/v1/proof/inclusion?leaf_hash=${form}`);
      expect(byHash.index).toBe(42);
    }
    const older = await json<{ tree_size: number; proof: string[]; checkpoint: string | null }>('/log/v1/proof/inclusion?index=42&size=257');
    expect(older.tree_size).toBe(257);
    expect(older.checkpoint).not.toBeNull();
    expect(verifyInclusion({ index: 42, size: 257, leafHash: ls[42]!, proof: older.proof.map((p) => decodeBase64(p)), rootHash: rootHash(ls.slice(0, 257)) })).toBe(true);
    // A size no checkpoint was published at is still provable, just without a note.
    expect((await json<{ checkpoint: string | null }>('/log/v1/proof/inclusion?index=42&size=43')).checkpoint).toBeNull();
  });

  it('refuses bad proof requests with precise problem codes', async () => {
    await problem('/log/v1/proof/inclusion?index=600', 400, 'LOG_INDEX_OUT_OF_RANGE');
    await problem('/log/v1/proof/inclusion?index=-1', 400, 'LOG_INDEX_OUT_OF_RANGE');
    await problem('/log/v1/proof/inclusion?index=5&size=601', 400, 'LOG_SIZE_OUT_OF_RANGE');
    await problem('/log/v1/proof/inclusion?index=5&size=0', 400, 'LOG_SIZE_OUT_OF_RANGE');
    await problem('/log/v1/proof/inclusion?index=300&size=257', 400, 'LOG_INDEX_OUT_OF_RANGE');
    await problem('/log/v1/proof/inclusion', 400, 'VALIDATION_FAILED');
    await problem(`/log/v1/proof/inclusion?index=1&leaf_hash=${'ab'.repeat(32)}`, 400, 'VALIDATION_FAILED');
    await problem('/log/v1/proof/inclusion?leaf_hash=xyz', 400, 'LOG_HASH_MALFORMED');
    await problem(`/log/v1/proof/inclusion?leaf_hash=${'ab'.repeat(32)}`, 404, 'LOG_ENTRY_NOT_FOUND');
    await problem(`/log/v1/proof/inclusion?leaf_hash=${encodeHex(leaves()[300]!)}&size=257`, 404, 'LOG_ENTRY_NOT_FOUND');
    await problem('/log/v1/proof/inclusion?index=1&extra=1', 400, 'VALIDATION_FAILED');
    await problem('/log/v1/proof/consistency?from=601', 400, 'LOG_SIZE_OUT_OF_RANGE');
    await problem('/log/v1/proof/consistency?from=300&to=257', 400, 'LOG_SIZE_OUT_OF_RANGE');
    await problem('/log/v1/proof/consistency?from=1&to=999', 400, 'LOG_SIZE_OUT_OF_RANGE');
    await problem('/log/v1/proof/consistency', 400, 'VALIDATION_FAILED');
  });

  it('proves every published checkpoint consistent with every later one', async () => {
    const cps = (await json<{ items: { size: number; root_hash: string }[] }>('/log/v1/checkpoints')).items;
    for (let i = 0; i < cps.length; i++) {
      for (let j = i; j < cps.length; j++) {
        const [a, b] = [cps[i]!, cps[j]!];
        const p = await json<{ from: number; to: number; proof: string[] }>(`/log/v1/proof/consistency?from=${a.size}&to=${b.size}`);
        expect(p).toMatchObject({ from: a.size, to: b.size });
        expect(verifyConsistency({ size1: a.size, size2: b.size, root1: decodeBase64(a.root_hash), root2: decodeBase64(b.root_hash), proof: p.proof.map((x) => decodeBase64(x)) })).toBe(true);
      }
    }
    expect((await json<{ to: number; checkpoint: string }>('/log/v1/proof/consistency?from=100')).to).toBe(600);
  });

  it('serves entries as the exact canonical text that was hashed, a page at a time', async () => {
    const page = await json<{ tree_size: number; entries: { index: number; entry: string }[] }>('/log/v1/entries?start=95&end=105');
    expect(page.tree_size).toBe(600);
    expect(page.entries.map((e) => e.index)).toEqual([95, 96, 97, 98, 99, 100, 101, 102, 103, 104]);
    page.entries.forEach((e) => {
      expect(e.entry).toBe(texts[e.index]);
      expect(hashLeaf(encodeUtf8(e.entry))).toEqual(leaves()[e.index]);
    });
    expect((await json<{ entries: unknown[] }>('/log/v1/entries?start=590&end=5000')).entries).toHaveLength(10);
    expect((await json<{ entries: unknown[] }>('/log/v1/entries?start=0&end=600')).entries).toHaveLength(600);
    await problem('/log/v1/entries?start=600&end=601', 400, 'LOG_INDEX_OUT_OF_RANGE');
    await problem('/log/v1/entries?start=5&end=5', 400, 'LOG_INDEX_OUT_OF_RANGE');
    await problem('/log/v1/entries?start=5', 400, 'VALIDATION_FAILED');
  });

  it('serves the log as c2sp.org/tlog-tiles, which the ledger verifier checks end to end', async () => {
    const full = await get('/log/v1/tile/0/000');
    expect(full.statusCode).toBe(200);
    expect(full.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(full.rawPayload.length).toBe(TILE_WIDTH * 32);
    expect(new Uint8Array(full.rawPayload.subarray(32 * 7, 32 * 8))).toEqual(leaves()[7]);
    const partial = await get('/log/v1/tile/0/002.p/88');
    expect(partial.statusCode).toBe(200);
    expect(partial.headers['cache-control']).toBe('no-cache');
    const bundle = decodeEntryBundle(new Uint8Array((await get('/log/v1/tile/entries/001')).rawPayload));
    expect(bundle.map((b) => decodeUtf8(b))).toEqual(texts.slice(256, 512));
    // Level 1 holds the root of the first full level-0 tile.
    const memory = new MemoryHashStore();
    await memory.writeHashes(CompactRange.empty().append(leaves()).nodes);
    expect(new Uint8Array((await get('/log/v1/tile/1/000.p/2')).rawPayload)).toEqual(new Uint8Array([...(await memory.readHashes([{ level: 8, index: 0 }, { level: 8, index: 1 }])).flatMap((h) => [...h])]));
    await problem('/log/v1/tile/0/002.p/89', 404, 'LOG_TILE_NOT_FOUND');
    await problem('/log/v1/tile/0/003', 404, 'LOG_TILE_NOT_FOUND');
    await problem('/log/v1/tile/1/000', 404, 'LOG_TILE_NOT_FOUND');
    await problem('/log/v1/tile/0/0', 404, 'LOG_TILE_NOT_FOUND');
    await problem('/log/v1/tile/0/000.p/256', 404, 'LOG_TILE_NOT_FOUND');

    const source = tileLogSource({
      read: async (path) => {
        const url = path === 'checkpoint' ? '/log/v1/checkpoint' : `/log/v1/${path}`;
        const res = await get(url);
        return res.statusCode === 200 ? new Uint8Array(res.rawPayload) : undefined;
      },
    });
    const result = await verifyLog({ source, verifiers: await verifiers(), origin: 'ndxp.test/log' });
    expect(result.problems).toEqual([]);
    expect(result).toMatchObject({ ok: true, verifiedSize: 600, entriesChecked: 600 });
  });
});
