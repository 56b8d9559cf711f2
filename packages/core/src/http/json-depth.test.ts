import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { exceedsJsonDepth } from './json-depth.ts';

const depthOf = (v: unknown): number => (v !== null && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0);

describe('exceedsJsonDepth', () => {
  it('agrees with the parsed depth of any JSON value (property)', () => {
    fc.assert(fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 9 }), (value, max) => {
      expect(exceedsJsonDepth(JSON.stringify(value), max)).toBe(depthOf(value) > max);
    }), { numRuns: 2000 });
  });

  it('ignores brackets inside strings, escaped quotes included', () => {
    expect(exceedsJsonDepth(JSON.stringify({ a: '[[[[{{{{', b: 'x\\"[[[[' }), 1)).toBe(false);
    expect(exceedsJsonDepth(`${'['.repeat(101)}${']'.repeat(101)}`)).toBe(true);
    expect(exceedsJsonDepth(`${'['.repeat(100)}${']'.repeat(100)}`)).toBe(false);
  });
});
