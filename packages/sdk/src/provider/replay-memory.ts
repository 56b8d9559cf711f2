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
 * A bounded replay memory with O(1) amortised cost per request. Entries are kept in insertion
 * order (a `Map`), which is also their expiry order up to the clock skew between hub processes,
 * since every hub assertion lives the same fixed time (HUB_ASSERTION_TTL_S). Each call forgets
 * expired entries from the front and stops at the first valid one, so work is proportional to
 * what expired, never to the size of the memory. (The previous version swept the whole map on
 * every insert once it was full: 100,000 steps per request, which saturated a provider at
 * ~2,000 req/s once 90 s of assertions filled it; bench/soak.md found it.)
 */
export function createReplayMemory(options: ReplayMemoryOptions): ReplayMemory {
  const seen = new Map<string, number>();
  return {
    firstUse(jti, forgetAtMs) {
      const now = options.now();
      for (const [key, at] of seen) {
        if (at > now) break;
        seen.delete(key);
      }
      const prior = seen.get(jti);
      if (prior !== undefined && prior > now) return false;
      // An expired entry left behind a later-expiring one at the front: re-insert at the end.
      if (prior !== undefined) seen.delete(jti);
      if (seen.size >= options.capacity) {
        const oldest = seen.keys().next();
        if (oldest.done !== true) seen.delete(oldest.value);
        options.onEvictValid?.();
      }
      seen.set(jti, forgetAtMs);
      return true;
    },
    get size() {
      return seen.size;
    },
  };
}
