import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateNoteKey } from './note/generate-note-key.ts';
import { noteVerifiers } from './note/note-verifiers.ts';
import { parseSignerKey } from './note/parse-signer-key.ts';
import { parseVerifierKey } from './note/parse-verifier-key.ts';
import { TestLog } from './testing/test-log.ts';
import { verifyLog } from './verify-log.ts';

const ORIGIN = 'ndxp.gov.vn/log';
const key = generateNoteKey(ORIGIN, new Uint8Array(32).fill(21));
const verifiers = noteVerifiers([parseVerifierKey(key.verifierKey)]);

/** A log of `size` entries with a checkpoint every `every` entries and one at the end. */
function log(size: number, every: number): TestLog {
  const l = new TestLog(ORIGIN, [parseSignerKey(key.signerKey)]);
  while (l.entries.length < size) {
    l.append(Math.min(every, size - l.entries.length));
    l.publish();
  }
  return l;
}

const scenario = fc
  .record({ size: fc.integer({ min: 2, max: 400 }), every: fc.integer({ min: 8, max: 150 }), at: fc.nat(), other: fc.nat() })
  .map(({ size, every, at, other }) => ({ size, every, index: at % size, other: other % size }));

describe('verifyLog names the tampered entry, whatever the log shape', () => {
  it('a modified entry, with the log’s leaf hashes: exactly that index', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ size, every, index }) => {
        const l = log(size, every);
        l.tamperField(index, 'status', 599);
        const result = await verifyLog({ source: l.source(), verifiers, origin: ORIGIN, pageSize: 50 });
        const mismatch = result.problems.find((p) => p.code === 'ROOT_MISMATCH');
        expect(mismatch?.entryIndex).toBe(index);
        expect(mismatch?.location?.kind).toBe('MODIFIED');
        // The reported checkpoint is the first one that covers the entry.
        expect(mismatch?.checkpointSize).toBe(Math.min(size, (Math.floor(index / every) + 1) * every));
      }),
      { numRuns: 30 },
    );
  });

  it('a modified entry, with consistency proofs only: that index, or nothing rather than a guess', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ size, every, index }) => {
        const l = log(size, every);
        l.tamperField(index, 'purpose', 'giả mạo');
        const result = await verifyLog({ source: l.source({ leafHashes: false }), verifiers, origin: ORIGIN, pageSize: 50 });
        const mismatch = result.problems.find((p) => p.code === 'ROOT_MISMATCH');
        expect(mismatch).toBeDefined();
        if (index === 0) expect(mismatch?.entryIndex).toBeUndefined();
        else expect(mismatch?.entryIndex).toBe(index);
      }),
      { numRuns: 30 },
    );
  });

  it('two swapped entries: both indexes', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenario.filter(({ index, other }) => index !== other),
        async ({ size, every, index, other }) => {
          const l = log(size, every);
          const [a, b] = [Math.min(index, other), Math.max(index, other)];
          [l.entries[a], l.entries[b]] = [l.entries[b], l.entries[a]];
          const result = await verifyLog({ source: l.source(), verifiers, origin: ORIGIN });
          const mismatch = result.problems.find((p) => p.code === 'ROOT_MISMATCH');
          expect(mismatch?.location).toMatchObject({ index: a, kind: 'REORDERED', otherIndex: b });
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('verifyLog edge paths', () => {
  it('a deleted entry with renumbering, when only the latest checkpoint is served', async () => {
    const l = log(500, 500);
    l.entries.splice(123, 1);
    const result = await verifyLog({ source: l.source(), verifiers, origin: ORIGIN });
    expect(result.problems.map((p) => p.code)).toEqual(['ENTRY_MISSING', 'ROOT_MISMATCH']);
    expect(result.problems[0]).toMatchObject({ entryIndex: 499 });
    expect(result.problems[1]).toMatchObject({ checkpointSize: 500, entryIndex: 123, location: { kind: 'DELETED' } });
  });

  it('caps the problems kept per code but counts them all', async () => {
    const l = log(300, 10);
    l.tamperField(5, 'status', 0);
    const result = await verifyLog({ source: l.source(), verifiers, origin: ORIGIN, maxProblemsPerCode: 3 });
    expect(result.problemCounts.ROOT_MISMATCH).toBe(30);
    expect(result.problems.filter((p) => p.code === 'ROOT_MISMATCH')).toHaveLength(3);
    expect(result.ok).toBe(false);
  });

  it('entries served out of order', async () => {
    const l = log(50, 50);
    const source = l.source();
    const scrambled = {
      ...source,
      entries: async (start: number, end: number) => {
        const page = [...(await source.entries(start, end))];
        if (page.length > 12) [page[10], page[11]] = [page[11]!, page[10]!];
        return page;
      },
    };
    const result = await verifyLog({ source: scrambled, verifiers, origin: ORIGIN });
    expect(result.problems[0]).toMatchObject({ code: 'ENTRY_MISSING', entryIndex: 10 });
  });
});
