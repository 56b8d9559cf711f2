import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createReplayMemory } from './replay-memory.ts';
import { createSweepingReplayMemory as referenceMemory } from './testing/sweeping-replay-memory.ts';

describe('replay memory', () => {
  const clock = (start: number) => {
    let t = start;
    return { now: () => t, advance: (ms: number) => void (t += ms) };
  };

  it('accepts a jti once and refuses it again while it is valid', () => {
    const c = clock(1_000);
    const m = createReplayMemory({ capacity: 10, now: c.now });
    expect(m.firstUse('a', 2_000)).toBe(true);
    expect(m.firstUse('a', 2_000)).toBe(false);
    c.advance(999);
    expect(m.firstUse('a', 2_000)).toBe(false);
    expect(m.firstUse('b', 2_000)).toBe(true);
  });

  it('forgets entries once they expire, from the front, without waiting to be full', () => {
    const c = clock(0);
    const m = createReplayMemory({ capacity: 1_000, now: c.now });
    for (let i = 0; i < 100; i++) {
      c.advance(10);
      m.firstUse(`j${i}`, c.now() + 500);
    }
    // Bounded by the lifetime, not the capacity: at t=1000 those inserted at t ≤ 500 are gone.
    expect(m.size).toBe(50);
    c.advance(500);
    m.firstUse('late', c.now() + 500);
    expect(m.size).toBe(1);
  });

  it('when full of valid entries, forgets the oldest early and says so', () => {
    const c = clock(0);
    let evicted = 0;
    const m = createReplayMemory({ capacity: 3, now: c.now, onEvictValid: () => evicted++ });
    for (const j of ['a', 'b', 'c']) m.firstUse(j, 10_000);
    expect(evicted).toBe(0);
    expect(m.firstUse('d', 10_000)).toBe(true);
    expect(evicted).toBe(1);
    expect(m.size).toBe(3);
    // 'a' was forgotten early: the documented cost of a memory that is too small.
    expect(m.firstUse('a', 10_000)).toBe(true);
    expect(m.firstUse('d', 10_000)).toBe(false);
  });

  it('purges an expired entry stuck behind a later-expiring one once the front expires', () => {
    const c = clock(0);
    const m = createReplayMemory({ capacity: 10, now: c.now });
    m.firstUse('long', 1_000); // another hub's clock ahead: expires later than the next
    m.firstUse('short', 100);
    c.advance(200);
    m.firstUse('x', 2_000);
    expect(m.size).toBe(3); // 'short' expired but waits behind 'long'
    expect(m.firstUse('short', 300)).toBe(true); // expired: not a replay (moved to the end)
    c.advance(10_000);
    m.firstUse('y', 20_000);
    expect(m.size).toBe(1); // everything before y had expired
    expect(m.firstUse('y', 20_000)).toBe(false);
  });

  it('decides exactly as the reference model, for any sequence of uses, clock steps and capacity', () => {
    const step = fc.oneof(
      fc.record({ advance: fc.integer({ min: 0, max: 400 }) }),
      // A small pool of jtis so replays, expiries and re-insertions are common; lifetimes vary
      // (hub processes with skewed clocks) and may be already over.
      fc.record({ jti: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), life: fc.integer({ min: -50, max: 600 }) }),
    );
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), fc.array(step, { maxLength: 300 }), (capacity, steps) => {
      let t = 0;
      const evicted = { fast: 0, reference: 0 };
      const fast = createReplayMemory({ capacity, now: () => t, onEvictValid: () => evicted.fast++ });
      const reference = referenceMemory({ capacity, now: () => t, onEvictValid: () => evicted.reference++ });
      for (const s of steps) {
        if ('advance' in s) {
          t += s.advance;
          continue;
        }
        expect(fast.firstUse(s.jti, t + s.life)).toBe(reference.firstUse(s.jti, t + s.life));
        expect(fast.size).toBe(reference.size);
        expect(evicted.fast).toBe(evicted.reference);
      }
    }), { numRuns: 2000 });
  });

  it('keeps deciding exactly once its queue has been compacted many times over', () => {
    let t = 0;
    const fast = createReplayMemory({ capacity: 5_000, now: () => t });
    const reference = referenceMemory({ capacity: 5_000, now: () => t });
    for (let i = 0; i < 60_000; i++) {
      t += 1;
      // Every 7th use replays a jti from ~2,000 uses ago (still valid for some, expired for others).
      const jti = i % 7 === 0 ? `j${i - 2_000 - (i % 500)}` : `j${i}`;
      const life = 2_000 + (i % 300);
      expect(fast.firstUse(jti, t + life)).toBe(reference.firstUse(jti, t + life));
    }
    expect(fast.size).toBe(reference.size);
  });
});
