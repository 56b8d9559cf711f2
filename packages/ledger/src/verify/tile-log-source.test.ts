import { describe, expect, it } from 'vitest';
import { generateNoteKey } from '../note/generate-note-key.ts';
import { noteVerifiers } from '../note/note-verifiers.ts';
import { parseSignerKey } from '../note/parse-signer-key.ts';
import { parseVerifierKey } from '../note/parse-verifier-key.ts';
import { TestLog } from '../testing/test-log.ts';
import { tileFilesForGrowth } from '../tiles/tile-files-for-growth.ts';
import { parseTilePath } from '../tiles/parse-tile-path.ts';
import { verifyLog } from '../verify-log.ts';
import { tileLogSource } from './tile-log-source.ts';

const ORIGIN = 'ndxp.gov.vn/log';
const key = generateNoteKey(ORIGIN, new Uint8Array(32).fill(31));
const verifiers = noteVerifiers([parseVerifierKey(key.verifierKey)]);

/** Publish a TestLog as tlog-tiles files, incrementally at each checkpoint, like a static mirror. */
async function exportTiles(log: TestLog, sizes: readonly number[]): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  let old = 0;
  for (const [i, size] of sizes.entries()) {
    const written = await tileFilesForGrowth(old, size, log.store, (s, e) => Promise.resolve(log.entries.slice(s, e) as Uint8Array[]));
    for (const f of written) files.set(f.path, f.data);
    files.set('checkpoint', new TextEncoder().encode(log.checkpoints[i]));
    old = size;
  }
  return files;
}

function build(): { log: TestLog; sizes: number[] } {
  const log = new TestLog(ORIGIN, [parseSignerKey(key.signerKey)]);
  const sizes: number[] = [];
  for (const n of [100, 300, 250, 70]) {
    log.append(n);
    log.publish();
    sizes.push(log.entries.length);
  }
  return { log, sizes };
}

describe('verifying a c2sp.org/tlog-tiles export', () => {
  it('writes only canonical tile paths, with partial tiles for each published size', async () => {
    const { log, sizes } = build();
    const files = await exportTiles(log, sizes);
    const paths = [...files.keys()].filter((p) => p !== 'checkpoint');
    for (const p of paths) expect(() => parseTilePath(p)).not.toThrow();
    expect(paths).toContain('tile/0/000'); // full after 400
    expect(paths).toContain('tile/0/000.p/100'); // partial at the first checkpoint
    expect(paths).toContain('tile/entries/002.p/208'); // 720 = 2 * 256 + 208
    expect(paths).toContain('tile/1/000.p/2');
  });

  it('verifies an honest export, and serves the same proofs as the log', async () => {
    const { log, sizes } = build();
    const files = await exportTiles(log, sizes);
    const source = tileLogSource({ read: (p) => Promise.resolve(files.get(p)) }, log.checkpoints.slice(0, -1));
    const result = await verifyLog({ source, verifiers, origin: ORIGIN, pageSize: 100 });
    expect(result.problems).toEqual([]);
    expect(result.checkpointsVerified).toBe(4);
    expect(result.entriesChecked).toBe(720);
    expect(await source.consistencyProof!(100, 720)).toEqual(await log.source().consistencyProof!(100, 720));
    // One tile per call: a page may stop at a tile boundary.
    expect(await source.leafHashes!(250, 260)).toEqual(await log.source().leafHashes!(250, 256));
    expect(await source.leafHashes!(256, 260)).toEqual(await log.source().leafHashes!(256, 260));
  });

  it('finds an entry altered inside an entry bundle', async () => {
    const { log, sizes } = build();
    const files = await exportTiles(log, sizes);
    log.tamperField(600, 'purpose', 'khác');
    // Rewrite only the bundle file holding entry 600, as someone editing the export would.
    const [tampered] = (await tileFilesForGrowth(512, 720, log.store, (s, e) => Promise.resolve(log.entries.slice(s, e) as Uint8Array[]))).filter((f) => f.path.startsWith('tile/entries/'));
    files.set(tampered!.path, tampered!.data);
    const result = await verifyLog({ source: tileLogSource({ read: (p) => Promise.resolve(files.get(p)) }), verifiers, origin: ORIGIN });
    expect(result.problems[0]).toMatchObject({ code: 'ROOT_MISMATCH', checkpointSize: 720, entryIndex: 600, location: { method: 'leaf-hashes', kind: 'MODIFIED' } });
  });

  it('reports a missing bundle as missing entries', async () => {
    const { log, sizes } = build();
    const files = await exportTiles(log, sizes);
    files.delete('tile/entries/001');
    const result = await verifyLog({ source: tileLogSource({ read: (p) => Promise.resolve(files.get(p)) }), verifiers, origin: ORIGIN });
    expect(result.problems[0]).toMatchObject({ code: 'ENTRY_MISSING', entryIndex: 256 });
  });
});
