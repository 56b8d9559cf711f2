/** Remembers hub-assertion `jti`s while they are valid, to refuse a second use. */
export interface ReplayMemory {
  /**
   * True the first time `jti` is presented while remembered; false for a replay. `forgetAtMs` is
   * when the assertion can no longer be accepted anyway (its `exp` plus the tolerated skew).
   */
  firstUse(jti: string, forgetAtMs: number): boolean;
  /** Entries remembered now. */
  readonly size: number;
}

export interface ReplayMemoryOptions {
  /** Most `jti`s remembered; should exceed the request rate × the assertion lifetime. */
  readonly capacity: number;
  readonly now: () => number;
  /**
   * Called when the memory is full of still-valid `jti`s and the oldest is forgotten early: from
   * then on that assertion could be replayed. A sign the capacity is too small for the traffic.
   */
  readonly onEvictValid?: () => void;
}

/**
 * A bounded replay memory with O(1) amortised cost per request, whatever its size.
 *
 * Entries are kept in insertion order, which is also their expiry order up to the clock skew
 * between hub processes, since every hub assertion lives the same fixed time
 * (HUB_ASSERTION_TTL_S). Each call forgets expired entries from the front of that order and stops
 * at the first valid one, so work is proportional to what expired, never to what is remembered.
 *
 * The order is a queue of its own (two arrays and a head index), and the `Map` is used only for
 * lookups. The previous version walked the `Map` itself from the front on every call. V8 leaves a
 * deleted `Map` entry as a hole in its insertion-ordered store until the table is next rebuilt, and
 * every new iterator steps over the holes at the front again, so at 1,650 assertions a second each
 * call stepped over up to ~150,000 holes: from 1 µs to over 200 µs per call within ten minutes,
 * oscillating as V8 rebuilt the table (bench/replay-memory.md; the soak saw it as the provider's CPU
 * per request swinging between 0.29 and 0.48 ms, and the hub's latency with it).
 */
export function createReplayMemory(options: ReplayMemoryOptions): ReplayMemory {
  /** jti → when it may be forgotten; the authority on what is remembered. */
  const expiry = new Map<string, number>();
  // The queue of insertions, oldest first, from `head` on. An entry whose jti was re-inserted later
  // (after it expired) is stale: its time no longer matches the map's, and it is skipped.
  let keys: string[] = [];
  let times: number[] = [];
  let head = 0;

  /** Drop the front entry of the queue, forgetting its jti unless a later insertion owns it. */
  const dropFront = (): boolean => {
    const key = keys[head] as string;
    const live = expiry.get(key) === times[head];
    if (live) expiry.delete(key);
    head++;
    // Compact once the consumed front outweighs what is left: each entry is copied at most once
    // per compaction, and a compaction happens only after as many entries were consumed.
    if (head >= 1024 && head * 2 >= keys.length) {
      keys = keys.slice(head);
      times = times.slice(head);
      head = 0;
    }
    return live;
  };

  return {
    firstUse(jti, forgetAtMs) {
      const now = options.now();
      while (head < keys.length && (times[head] as number) <= now) dropFront();
      const prior = expiry.get(jti);
      if (prior !== undefined && prior > now) return false;
      // Expired but still remembered (it sat behind a later-expiring entry): remembered anew below.
      if (expiry.size >= options.capacity && prior === undefined) {
        // Full of valid entries: forget the oldest early (skipping stale queue entries).
        while (head < keys.length && !dropFront());
        options.onEvictValid?.();
      }
      expiry.set(jti, forgetAtMs);
      keys.push(jti);
      times.push(forgetAtMs);
      return true;
    },
    get size() {
      return expiry.size;
    },
  };
}
