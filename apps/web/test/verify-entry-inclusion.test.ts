import { describe, expect, it } from 'vitest';
import { CompactRange, MemoryHashStore, canonicalEntry, encodeBase64, generateNoteKey, hashLeaf, inclusionProof, parseSignerKey, signCheckpoint } from '@ndxp/ledger';
import { verifyEntryInclusion, type InclusionEvidence } from '../src/log/verify-entry-inclusion.ts';

const ORIGIN = 'hub.ndxp.test/log';

/** A small log built with the ledger itself: 13 audit-like entries, a signed checkpoint at size 13. */
async function makeLog() {
  const key = generateNoteKey(ORIGIN, new Uint8Array(32).fill(7));
  const entries = Array.from({ length: 13 }, (_, i) => ({ v: 1, time: `2026-11-27T10:00:${String(i).padStart(2, '0')}.000Z`, consumer: 'BTC/tax', service: 'BCA/npdb/citizen-lookup/v1', status: i % 5 === 4 ? 403 : 200, subject_hmac: `h${i}` }));
  const store = new MemoryHashStore();
  const r = CompactRange.empty().append(entries.map((e) => hashLeaf(canonicalEntry(e))));
  store.put(r.nodes);
  const checkpoint = signCheckpoint({ origin: ORIGIN, size: entries.length, rootHash: r.range.root() }, [parseSignerKey(key.signerKey)]);
  const evidence = async (index: number): Promise<InclusionEvidence> => ({
    entry: entries[index]!,
    index,
    proof: (await inclusionProof(store, index, entries.length)).map(encodeBase64),
    checkpoint,
    verifierKeys: [key.verifierKey],
    origin: ORIGIN,
  });
  return { entries, evidence };
}

describe('verifyEntryInclusion (runs in the browser bundle)', () => {
  it('accepts every entry of the log with its proof', async () => {
    const log = await makeLog();
    for (let i = 0; i < log.entries.length; i++) {
      const r = verifyEntryInclusion(await log.evidence(i));
      expect(r.ok, `entry ${i}`).toBe(true);
      expect(r.steps.map((s) => s.step)).toEqual(['signature', 'leaf', 'inclusion']);
      expect(r.treeSize).toBe(13);
    }
  });

  it('accepts the entry as the exact canonical text the log serves, and rejects an edited text', async () => {
    const log = await makeLog();
    const ev = await log.evidence(3);
    const text = new TextDecoder().decode(canonicalEntry(ev.entry));
    expect(verifyEntryInclusion({ ...ev, entry: text }).ok).toBe(true);
    expect(verifyEntryInclusion({ ...ev, entry: text.replace('"status":200', '"status":201') }).ok).toBe(false);
    // Same meaning, other bytes (not canonical): the leaf is over bytes, so it does not verify.
    expect(verifyEntryInclusion({ ...ev, entry: ` ${text}` }).ok).toBe(false);
  });

  it('rejects an entry changed after the fact', async () => {
    const log = await makeLog();
    const ev = await log.evidence(4);
    const r = verifyEntryInclusion({ ...ev, entry: { ...(ev.entry as object), status: 200 } });
    expect(r.ok).toBe(false);
    expect(r.steps.at(-1)).toMatchObject({ step: 'inclusion', ok: false });
  });

  it('rejects a proof for another index, a truncated proof and a flipped proof bit', async () => {
    const log = await makeLog();
    const ev = await log.evidence(6);
    expect(verifyEntryInclusion({ ...ev, index: 7 }).ok).toBe(false);
    expect(verifyEntryInclusion({ ...ev, proof: ev.proof.slice(1) }).ok).toBe(false);
    const bytes = Buffer.from(ev.proof[0]!, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    expect(verifyEntryInclusion({ ...ev, proof: [bytes.toString('base64'), ...ev.proof.slice(1)] }).ok).toBe(false);
    expect(verifyEntryInclusion({ ...ev, index: 13 }).steps.at(-1)).toMatchObject({ step: 'inclusion', ok: false });
  });

  it('rejects a checkpoint signed by another key, or for another origin, before looking at the proof', async () => {
    const log = await makeLog();
    const ev = await log.evidence(0);
    const other = generateNoteKey(ORIGIN, new Uint8Array(32).fill(9));
    const wrongKey = verifyEntryInclusion({ ...ev, verifierKeys: [other.verifierKey] });
    expect(wrongKey.ok).toBe(false);
    expect(wrongKey.steps).toHaveLength(1);
    expect(wrongKey.steps[0]).toMatchObject({ step: 'signature', ok: false });
    expect(verifyEntryInclusion({ ...ev, origin: 'evil.example/log' }).steps[0]).toMatchObject({ step: 'signature', ok: false });
    // A checkpoint whose size line was edited no longer matches its signature.
    const edited = ev.checkpoint.replace(/\n13\n/, '\n12\n');
    expect(verifyEntryInclusion({ ...ev, checkpoint: edited }).steps[0]).toMatchObject({ step: 'signature', ok: false });
  });
});
