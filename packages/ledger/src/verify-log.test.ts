import { describe, expect, it } from 'vitest';
import { generateNoteKey } from './note/generate-note-key.ts';
import { noteVerifiers } from './note/note-verifiers.ts';
import { parseSignerKey } from './note/parse-signer-key.ts';
import { parseVerifierKey } from './note/parse-verifier-key.ts';
import { TestLog } from './testing/test-log.ts';
import { verifyLog, type VerifyLogResult } from './verify-log.ts';
import type { LogProblem } from './verify/log-problem.ts';
import { parseVerifierState } from './verify/verifier-state.ts';

const ORIGIN = 'ndxp.gov.vn/log';
const key1 = generateNoteKey(ORIGIN, new Uint8Array(32).fill(11));
const key2 = generateNoteKey(ORIGIN, new Uint8Array(32).fill(12));
const rogue = generateNoteKey(ORIGIN, new Uint8Array(32).fill(13));
const signer1 = parseSignerKey(key1.signerKey);
const signer2 = parseSignerKey(key2.signerKey);
const rogueSigner = parseSignerKey(rogue.signerKey);
const trusted = noteVerifiers([parseVerifierKey(key1.verifierKey), parseVerifierKey(key2.verifierKey)]);

/** A log of 1,000 entries with a checkpoint after every 100. */
function honestLog(): TestLog {
  const log = new TestLog(ORIGIN, [signer1]);
  for (let k = 0; k < 10; k++) {
    log.append(100);
    log.publish();
  }
  return log;
}

function codes(result: VerifyLogResult): string[] {
  return result.problems.map((p) => p.code);
}

function first(result: VerifyLogResult, code: LogProblem['code']): LogProblem {
  const p = result.problems.find((x) => x.code === code);
  if (p === undefined) throw new Error(`no ${code} in ${JSON.stringify(codes(result))}`);
  return p;
}

describe('verifyLog: an honest log', () => {
  it('verifies every checkpoint and every entry, and saves state', async () => {
    const log = honestLog();
    const result = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN, pageSize: 64 });
    expect(codes(result)).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.checkpointsSeen).toBe(10);
    expect(result.checkpointsVerified).toBe(10);
    expect(result.entriesChecked).toBe(1000);
    expect(result.verifiedSize).toBe(1000);
    expect(result.state.checkpoint?.size).toBe(1000);
    expect(result.state.checkpoint?.note).toBe(log.checkpoints[9]);
  });

  it('continues from saved state across runs, and accepts a rotated key', async () => {
    const log = honestLog();
    const run1 = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN });
    const saved = parseVerifierState(JSON.stringify(run1.state));
    // Rotation: sign with both keys for a while, then only the new one.
    log.signers = [signer1, signer2];
    log.append(50);
    log.publish();
    log.signers = [signer2];
    log.append(50);
    log.publish();
    const run2 = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN, state: saved });
    expect(codes(run2)).toEqual([]);
    expect(run2.state.checkpoint?.size).toBe(1100);
    // A verifier that only ever knew the old key cannot vouch for the new checkpoints.
    const oldOnly = await verifyLog({ source: log.source(), verifiers: noteVerifiers([parseVerifierKey(key1.verifierKey)]), origin: ORIGIN, state: saved });
    expect(codes(oldOnly)).toEqual(['UNKNOWN_KEY']);
    expect(first(oldOnly, 'UNKNOWN_KEY')).toMatchObject({ checkpointPosition: 11, checkpointSize: 1100, keys: [`${ORIGIN}+${key2.verifierKey.split('+')[1]}`] });
    expect(oldOnly.state.checkpoint?.size).toBe(1050); // the dual-signed checkpoint verified
  });

  it('works with a source that serves only its latest checkpoint and pages entries', async () => {
    const log = honestLog();
    const source = log.source({ pageLimit: 37 });
    const latestOnly = { ...source, checkpoints: async () => (await source.checkpoints()).slice(-1) };
    const progress: number[] = [];
    const result = await verifyLog({ source: latestOnly, verifiers: trusted, origin: ORIGIN, onProgress: (p) => progress.push(p.entriesChecked) });
    expect(result.ok).toBe(true);
    expect(progress.at(-1)).toBe(1000);
    expect(progress.every((n, i) => i === 0 || n > progress[i - 1]!)).toBe(true);
  });

  it('rejects a state saved for another log', async () => {
    await expect(verifyLog({ source: honestLog().source(), verifiers: trusted, origin: ORIGIN, state: { version: 1, origin: 'other', checkpoint: null } })).rejects.toMatchObject({ code: 'STATE_INVALID' });
  });
});

describe('verifyLog: tampering is caught and named', () => {
  it('one field of one entry changed: ROOT_MISMATCH naming the entry (from leaf hashes)', async () => {
    const log = honestLog();
    log.tamperField(437, 'purpose', 'khác');
    const result = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN });
    expect(result.ok).toBe(false);
    const mismatch = first(result, 'ROOT_MISMATCH');
    expect(mismatch).toMatchObject({ checkpointPosition: 4, checkpointSize: 500, entryIndex: 437, location: { index: 437, method: 'leaf-hashes', kind: 'MODIFIED' } });
    expect(mismatch.message).toContain('entry 437 was modified');
    // Later checkpoints fail too and point at the same entry; the earlier ones stay verified.
    expect(result.problemCounts.ROOT_MISMATCH).toBe(6);
    expect(result.problems.filter((p) => p.code === 'ROOT_MISMATCH').every((p) => p.entryIndex === 437)).toBe(true);
    expect(result.checkpointsVerified).toBe(4);
    expect(result.state.checkpoint?.size).toBe(400);
  });

  it('one field changed, source without leaf hashes: located by consistency proofs', async () => {
    const log = honestLog();
    log.tamperField(437, 'status', 500);
    const source = log.source({ leafHashes: false });
    const result = await verifyLog({ source, verifiers: trusted, origin: ORIGIN });
    expect(first(result, 'ROOT_MISMATCH')).toMatchObject({ checkpointSize: 500, entryIndex: 437, location: { index: 437, method: 'consistency-proofs' } });
    expect(source.calls.proofs).toBeLessThanOrEqual(8); // binary search over the 100 entries since size 400
  });

  it('a changed entry in a log that only serves its latest checkpoint is still located exactly', async () => {
    const log = honestLog();
    log.tamperField(3, 'consumer', 'G09/evil');
    const source = log.source({ leafHashes: false });
    const latestOnly = { ...source, checkpoints: async () => (await source.checkpoints()).slice(-1) };
    const result = await verifyLog({ source: latestOnly, verifiers: trusted, origin: ORIGIN });
    expect(first(result, 'ROOT_MISMATCH')).toMatchObject({ checkpointSize: 1000, entryIndex: 3 });
  });

  it('without leaf hashes or proofs the mismatch is reported, without guessing an entry', async () => {
    const log = honestLog();
    log.tamperField(437, 'status', 500);
    const result = await verifyLog({ source: log.source({ leafHashes: false, proofs: false }), verifiers: trusted, origin: ORIGIN });
    const mismatch = first(result, 'ROOT_MISMATCH');
    expect(mismatch.checkpointSize).toBe(500);
    expect(mismatch.entryIndex).toBeUndefined();
    expect(mismatch.message).toContain('could not be located');
  });

  it('an entry deleted and the rest renumbered: DELETED at its index', async () => {
    const log = honestLog();
    log.entries.splice(612, 1);
    const result = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN });
    expect(first(result, 'ROOT_MISMATCH')).toMatchObject({ checkpointSize: 700, entryIndex: 612, location: { kind: 'DELETED' } });
    expect(first(result, 'ENTRY_MISSING')).toMatchObject({ entryIndex: 999 });
  });

  it('the last entry deleted: ENTRY_MISSING at its index', async () => {
    const log = honestLog();
    log.entries.pop();
    const result = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN });
    expect(codes(result)).toEqual(['ENTRY_MISSING']);
    expect(first(result, 'ENTRY_MISSING').entryIndex).toBe(999);
  });

  it('an entry deleted leaving a gap: ENTRY_MISSING at its index', async () => {
    const log = honestLog();
    log.entries[250] = undefined;
    const result = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN });
    expect(codes(result)).toEqual(['ENTRY_MISSING']);
    expect(first(result, 'ENTRY_MISSING').entryIndex).toBe(250);
    expect(result.state.checkpoint?.size).toBe(200);
  });

  it('two entries swapped: REORDERED naming both', async () => {
    const log = honestLog();
    const [a, b] = [log.entries[120], log.entries[185]];
    log.entries[120] = b;
    log.entries[185] = a;
    const result = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN });
    expect(first(result, 'ROOT_MISMATCH')).toMatchObject({ checkpointSize: 200, entryIndex: 120, location: { kind: 'REORDERED', otherIndex: 185 } });
    expect(first(result, 'ROOT_MISMATCH').message).toContain('entries 120 and 185 were swapped');
  });

  it('an entry inserted: INSERTED at its index', async () => {
    const log = honestLog();
    log.entries.splice(333, 0, new TextEncoder().encode('{"forged":true}'));
    const result = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN });
    expect(first(result, 'ROOT_MISMATCH')).toMatchObject({ checkpointSize: 400, entryIndex: 333, location: { kind: 'INSERTED' } });
  });

  it('history re-signed with a different key: UNKNOWN_KEY for every checkpoint', async () => {
    const log = honestLog();
    log.tamperField(10, 'purpose', 'khác');
    await log.rewriteHistory([rogueSigner]);
    const result = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN });
    expect(result.problemCounts).toEqual({ UNKNOWN_KEY: 10 });
    expect(result.problems.map((p) => p.checkpointPosition)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(result.checkpointsVerified).toBe(0);
  });

  it('history rewritten and re-signed with the real key: caught against the saved state', async () => {
    const log = honestLog();
    const before = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN });
    log.tamperField(10, 'purpose', 'khác');
    await log.rewriteHistory([signer1]);
    log.append(100);
    log.publish();
    // Without memory of the past, a rewrite signed with the real key is undetectable (this is
    // why verifiers keep state, and why witnesses exist).
    expect((await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN })).ok).toBe(true);
    const result = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN, state: before.state });
    expect(result.ok).toBe(false);
    const rewrite = result.problems.find((p) => p.code === 'INCONSISTENT_WITH_PREVIOUS' && p.checkpointPosition === undefined);
    expect(rewrite).toMatchObject({ checkpointSize: 1000, previousSize: 1000 });
    // The new checkpoint, signed over the rewritten history, is named.
    expect(result.problems.find((p) => p.code === 'INCONSISTENT_WITH_PREVIOUS' && p.checkpointPosition === 10)).toMatchObject({ checkpointSize: 1100, previousSize: 1000 });
    // And so is the re-signed checkpoint just before the remembered size.
    expect(result.problems.find((p) => p.code === 'INCONSISTENT_WITH_PREVIOUS' && p.checkpointPosition === 8)).toMatchObject({ checkpointSize: 900, previousSize: 1000 });
    expect(result.state).toEqual(before.state); // the state does not follow a rewritten log
  });

  it('entries changed after a previous run, checkpoints untouched: the state mismatch names the entry', async () => {
    const log = honestLog();
    const source = log.source();
    const latestOnly = { ...source, checkpoints: async () => (await source.checkpoints()).slice(-1) };
    const before = await verifyLog({ source: latestOnly, verifiers: trusted, origin: ORIGIN });
    log.tamperField(777, 'status', 403);
    const result = await verifyLog({ source: latestOnly, verifiers: trusted, origin: ORIGIN, state: before.state });
    // The log still serves the remembered checkpoint, so it is the entries that are wrong.
    expect(codes(result)).toEqual(['ROOT_MISMATCH']);
    expect(first(result, 'ROOT_MISMATCH')).toMatchObject({ checkpointSize: 1000, entryIndex: 777, location: { kind: 'MODIFIED' } });
    // A log that has grown since, with the same tampering: the remembered root is the reference.
    log.append(100);
    log.publish();
    const grown = await verifyLog({ source: latestOnly, verifiers: trusted, origin: ORIGIN, state: before.state });
    expect(first(grown, 'INCONSISTENT_WITH_PREVIOUS')).toMatchObject({ checkpointSize: 1000, entryIndex: 777, location: { kind: 'MODIFIED' } });
    expect(first(grown, 'ROOT_MISMATCH')).toMatchObject({ checkpointSize: 1100, entryIndex: 777 });
  });

  it('a checkpoint with an altered body or forged signature: SIGNATURE_INVALID naming it', async () => {
    const log = honestLog();
    log.checkpoints[3] = log.checkpoints[3]!.replace('\n400\n', '\n401\n');
    const result = await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN });
    expect(codes(result)).toEqual(['SIGNATURE_INVALID']);
    expect(first(result, 'SIGNATURE_INVALID')).toMatchObject({ checkpointPosition: 3, checkpointSize: 401 });
  });

  it('a log that shrinks or serves checkpoints out of order: SIZE_REGRESSION', async () => {
    const log = honestLog();
    const saved = (await verifyLog({ source: log.source(), verifiers: trusted, origin: ORIGIN })).state;
    const swapped = [...log.checkpoints];
    [swapped[5], swapped[6]] = [swapped[6]!, swapped[5]!];
    const source = log.source();
    const result = await verifyLog({ source: { ...source, checkpoints: () => Promise.resolve(swapped) }, verifiers: trusted, origin: ORIGIN });
    expect(first(result, 'SIZE_REGRESSION')).toMatchObject({ checkpointPosition: 6, checkpointSize: 600, previousSize: 700 });
    const rolledBack = await verifyLog({ source: { ...source, checkpoints: () => Promise.resolve(log.checkpoints.slice(0, 5)) }, verifiers: trusted, origin: ORIGIN, state: saved });
    expect(first(rolledBack, 'SIZE_REGRESSION')).toMatchObject({ checkpointSize: 500, previousSize: 1000 });
    expect(rolledBack.state).toEqual(saved);
  });

  it('a fork: two signed checkpoints of the same size with different roots', async () => {
    const log = honestLog();
    const forked = new TestLog(ORIGIN, [signer1]);
    forked.append(1000);
    forked.tamperField(950, 'purpose', 'khác');
    await forked.rewriteHistory([signer1]);
    const notes = [...log.checkpoints, forked.checkpoints.at(-1) ?? forked.publish()];
    const source = log.source();
    const result = await verifyLog({ source: { ...source, checkpoints: () => Promise.resolve(notes) }, verifiers: trusted, origin: ORIGIN });
    // The entries match checkpoint #9; #10 signs another tree of the same size.
    expect(codes(result)).toEqual(['INCONSISTENT_WITH_PREVIOUS']);
    expect(first(result, 'INCONSISTENT_WITH_PREVIOUS')).toMatchObject({ checkpointPosition: 10, checkpointSize: 1000, previousSize: 1000 });
    expect(first(result, 'INCONSISTENT_WITH_PREVIOUS').message).toContain('checkpoint #9');
    expect(result.state.checkpoint?.size).toBe(1000);
  });

  it('a checkpoint of another log: ORIGIN_MISMATCH', async () => {
    const other = new TestLog('example.com/other', [parseSignerKey(generateNoteKey('example.com/other', new Uint8Array(32).fill(5)).signerKey)]);
    other.append(3);
    other.publish();
    const otherKey = noteVerifiers([...trusted.keys, parseVerifierKey(other.signers[0]!.verifierKey)]);
    const result = await verifyLog({ source: other.source(), verifiers: otherKey, origin: ORIGIN });
    expect(codes(result)).toEqual(['ORIGIN_MISMATCH']);
  });
});
