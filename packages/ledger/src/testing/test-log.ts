import { canonicalEntry } from '../canonical-entry.ts';
import { signCheckpoint } from '../checkpoint/sign-checkpoint.ts';
import { CompactRange } from '../compact-range.ts';
import { consistencyProof } from '../consistency-proof.ts';
import { hashLeaf } from '../hash-leaf.ts';
import { MemoryHashStore } from '../memory-hash-store.ts';
import type { NoteSigner } from '../note/note-types.ts';
import { treeHash } from '../tree-hash.ts';
import type { LogEntryRecord, LogSource } from '../verify/log-source.ts';

/** What a test source exposes beyond entries and checkpoints. */
export interface TestSourceOptions {
  /** Serve the stored leaf hashes. Default true. */
  readonly leafHashes?: boolean;
  /** Serve consistency proofs. Default true. */
  readonly proofs?: boolean;
  /** Most entries per page. Default unlimited. */
  readonly pageLimit?: number;
}

/**
 * An in-memory stand-in for the hub's log, for tests: an entries table, a tree store and a list of
 * published checkpoints, kept separately so tests can tamper with one without the others, the way
 * an attacker with database access would.
 */
export class TestLog {
  /** The entries table: canonical JSON per index; `undefined` is a deleted row (a gap). */
  readonly entries: (Uint8Array | undefined)[] = [];
  /** Published signed checkpoints, oldest first. */
  readonly checkpoints: string[] = [];
  /** The tree as the log stored it when integrating. */
  store = new MemoryHashStore();
  #range = CompactRange.empty();

  constructor(
    readonly origin: string,
    public signers: NoteSigner[],
  ) {}

  /** Append `n` synthetic exchange entries. */
  append(n: number): void {
    for (let k = 0; k < n; k++) {
      const i = this.entries.length;
      const data = canonicalEntry({ index: i, consumer: `G0${i % 7}/sys`, service: 'G01/npdb/verify/v1', purpose: 'xác minh nhân thân', status: 200, subject: `h${(i * 7919) % 1000}` });
      this.entries.push(data);
      const r = this.#range.append([hashLeaf(data)]);
      this.store.put(r.nodes);
      this.#range = r.range;
    }
  }

  /** Sign and publish a checkpoint at the current size. */
  publish(): string {
    const note = signCheckpoint({ origin: this.origin, size: this.#range.size, rootHash: this.#range.root() }, this.signers);
    this.checkpoints.push(note);
    return note;
  }

  /** Change one field of entry `i` in the entries table only (an UPDATE by someone with database access). */
  tamperField(i: number, field: string, value: unknown): void {
    const entry = JSON.parse(new TextDecoder().decode(this.entries[i])) as Record<string, unknown>;
    entry[field] = value;
    this.entries[i] = canonicalEntry(entry);
  }

  /**
   * Rebuild the stored tree from the (tampered) entries table and re-sign every checkpoint with
   * the given keys, at the same sizes: a full history rewrite by someone who controls the log.
   */
  async rewriteHistory(signers: NoteSigner[]): Promise<void> {
    const sizes = await Promise.all(this.checkpoints.map((note) => Number(note.split('\n')[1])));
    const leaves = this.entries.filter((e): e is Uint8Array => e !== undefined).map(hashLeaf);
    const store = new MemoryHashStore();
    const r = CompactRange.empty().append(leaves);
    store.put(r.nodes);
    this.store = store;
    this.#range = r.range;
    this.signers = signers;
    this.checkpoints.length = 0;
    for (const size of sizes) {
      if (size > leaves.length) continue;
      this.checkpoints.push(signCheckpoint({ origin: this.origin, size, rootHash: await treeHash(store, size) }, signers));
    }
  }

  /** A {@link LogSource} over the current tables. */
  source(options: TestSourceOptions = {}): LogSource & { calls: { entries: number; leafHashes: number; proofs: number } } {
    const calls = { entries: 0, leafHashes: 0, proofs: 0 };
    const limit = options.pageLimit ?? Number.POSITIVE_INFINITY;
    const source: LogSource & { calls: typeof calls } = {
      calls,
      checkpoints: () => Promise.resolve(this.checkpoints.slice()),
      entries: (start, end) => {
        calls.entries++;
        const out: LogEntryRecord[] = [];
        for (let i = start; i < Math.min(end, this.entries.length, start + limit); i++) {
          const data = this.entries[i];
          if (data !== undefined) out.push({ index: i, data });
        }
        return Promise.resolve(out);
      },
    };
    if (options.leafHashes !== false) {
      source.leafHashes = async (start, end) => {
        calls.leafHashes++;
        const ids = [];
        for (let i = start; i < Math.min(end, start + limit); i++) ids.push({ level: 0, index: i });
        return this.store.readHashes(ids);
      };
    }
    if (options.proofs !== false) {
      source.consistencyProof = (size1, size2) => {
        calls.proofs++;
        return consistencyProof(this.store, size1, size2);
      };
    }
    return source;
  }
}
