/**
 * Time as a dependency. Every expiry, window and quota computation takes a `Clock`, so tests use
 * a fixed clock instead of sleeping (habit from panva/jose's frozen clocks).
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock that only moves when told to. */
export interface FixedClock extends Clock {
  set(ms: number): void;
  advance(ms: number): void;
}

export function fixedClock(start: number | string | Date): FixedClock {
  let t = typeof start === 'number' ? start : new Date(start).getTime();
  return {
    now: () => t,
    set: (ms) => {
      t = ms;
    },
    advance: (ms) => {
      t += ms;
    },
  };
}
