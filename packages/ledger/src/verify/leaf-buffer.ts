import { HASH_SIZE } from '../hash-size.ts';

const CHUNK = 65_536; // hashes per chunk: 2 MiB, so a large log never needs one huge allocation

/** Leaf hashes of a contiguous range `[start, start + length)`, 32 bytes each, in chunked typed arrays. */
export class LeafBuffer {
  readonly start: number;
  #length = 0;
  readonly #chunks: Uint8Array[] = [];

  constructor(start: number) {
    this.start = start;
  }

  /** One past the last index held. */
  get end(): number {
    return this.start + this.#length;
  }

  get length(): number {
    return this.#length;
  }

  push(hash: Uint8Array): void {
    const at = this.#length % CHUNK;
    if (at === 0) this.#chunks.push(new Uint8Array(CHUNK * HASH_SIZE));
    (this.#chunks[this.#chunks.length - 1] as Uint8Array).set(hash, at * HASH_SIZE);
    this.#length++;
  }

  /** The hash at absolute index `index` (a view, do not modify). */
  get(index: number): Uint8Array {
    const i = index - this.start;
    const chunk = this.#chunks[Math.floor(i / CHUNK)] as Uint8Array;
    const at = (i % CHUNK) * HASH_SIZE;
    return chunk.subarray(at, at + HASH_SIZE);
  }

  /** Hashes of absolute indexes `[from, to)`. */
  slice(from: number, to: number): Uint8Array[] {
    const out: Uint8Array[] = [];
    for (let i = from; i < to; i++) out.push(this.get(i));
    return out;
  }
}
