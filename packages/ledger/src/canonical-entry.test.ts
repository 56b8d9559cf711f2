import { describe, expect, it } from 'vitest';
import { canonicalEntry } from './canonical-entry.ts';
import { entryLeafHash } from './entry-leaf-hash.ts';
import { hashLeaf } from './hash-leaf.ts';
import { encodeHex } from './encoding/hex.ts';

const text = (value: unknown) => new TextDecoder().decode(canonicalEntry(value));

describe('canonicalEntry (RFC 8785)', () => {
  it('serialises the RFC 8785 §3.2.4 example exactly', () => {
    // The input of RFC 8785 §3.2.4, written as the JavaScript value JSON.parse would produce.
    const input = {
      // The RFC's literal on purpose: it shows that JCS prints the nearest double, not the digits typed.
      // eslint-disable-next-line no-loss-of-precision
      numbers: [333333333.33333329, 1e30, 4.5, 2e-3, 0.000000000000000000000000001],
      string: '\u20ac$\u000F\u000aA\'\u0042\u0022\u005c\\"/',
      literals: [null, true, false],
    };
    expect(text(input)).toBe('{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}');
  });

  it('sorts properties by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // Read the order off the serialised text (JSON.parse would reorder the integer-like key "1").
    const order = [...text(input).matchAll(/"([^"]*)":"([^"]*)"/g)].map((m) => m[2]);
    expect(order).toEqual([
      'Carriage Return',
      'One',
      'Control',
      'Latin Small Letter O With Diaeresis',
      'Euro Sign',
      'Emoji: Grinning Face',
      'Hebrew Letter Dalet With Dagesh',
    ]);
  });

  it('does not depend on key order, so the leaf hash does not either', () => {
    const a = { service: 'G01/npdb/verify/v1', status: 200, purpose: 'kiểm tra', nested: { b: 1, a: [1, 2] } };
    const b = { nested: { a: [1, 2], b: 1 }, purpose: 'kiểm tra', status: 200, service: 'G01/npdb/verify/v1' };
    expect(encodeHex(entryLeafHash(a))).toBe(encodeHex(entryLeafHash(b)));
    expect(entryLeafHash(a)).toEqual(hashLeaf(canonicalEntry(a)));
    expect(encodeHex(entryLeafHash({ ...a, status: 201 }))).not.toBe(encodeHex(entryLeafHash(a)));
  });

  it.each([
    ['undefined', undefined],
    ['a function', () => 1],
    ['NaN', { n: Number.NaN }],
    ['Infinity', [Number.POSITIVE_INFINITY]],
    ['BigInt', { n: 1n }],
    ['a lone high surrogate', { s: 'a\ud800b' }],
    ['a lone low surrogate key', { '\udc00': 1 }],
  ])('rejects %s', (_name, value) => {
    expect(() => canonicalEntry(value)).toThrow(expect.objectContaining({ code: 'ENTRY_NOT_CANONICALISABLE' }));
  });

  it('accepts a backslash followed by the letters of a surrogate escape', () => {
    expect(text({ s: '\\ud800' })).toBe('{"s":"\\\\ud800"}');
  });
});
