import type { ReplayMemory, ReplayMemoryOptions } from '../replay-memory.ts';

/**
 * The replay memory as it was before its queue (session of 2026-12-08): it forgets expired entries
 * by walking the `Map` itself from the front. Its decisions are right and it is kept for exactly
 * that: the reference model the current one is tested against, and the baseline of
 * bench/replay-memory.bench.ts. It is slow once V8 has left many deleted entries at the front of
 * the `Map` (see replay-memory.ts); nothing outside tests and benchmarks uses it.
 */
export function createSweepingReplayMemory(options: ReplayMemoryOptions): ReplayMemory {
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
