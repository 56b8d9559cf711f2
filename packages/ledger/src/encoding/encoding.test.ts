import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeBase64, encodeBase64 } from './base64.ts';
import { decodeHex, encodeHex } from './hex.ts';
import { decodeUtf8, encodeUtf8 } from './utf8.ts';
import { isLedgerError } from '../ledger-error.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

describe('base64 (RFC 4648 §4)', () => {
  // RFC 4648 §10 test vectors.
  const vectors: [string, string][] = [
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ];
  it.each(vectors)('encodes and decodes %j as %j', (plain, b64) => {
    expect(encodeBase64(utf8(plain))).toBe(b64);
    expect(decodeBase64(b64)).toEqual(utf8(plain));
  });

  it('round-trips any bytes, and agrees with Node Buffer', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = encodeBase64(bytes);
        expect(text).toBe(Buffer.from(bytes).toString('base64'));
        expect(decodeBase64(text)).toEqual(bytes);
      }),
    );
  });

  it.each(['Zg', 'Zg=', 'Zh==', 'Zm9=', 'Z===', 'Zm9v\n', ' Zm9v', 'Zm-v', 'Zm_v', '====', 'Zg==Zg==', 'Zé9v'])('rejects non-canonical %j', (text) => {
    expect(() => decodeBase64(text)).toThrow(expect.objectContaining({ code: 'ENCODING_INVALID' }));
  });

  it('enforces an expected length', () => {
    expect(decodeBase64('Zm9v', 3)).toEqual(utf8('foo'));
    let caught: unknown;
    try {
      decodeBase64('Zm9v', 32);
    } catch (e) {
      caught = e;
    }
    expect(isLedgerError(caught, 'ENCODING_INVALID')).toBe(true);
  });
});

describe('hex', () => {
  it('round-trips and rejects junk', () => {
    expect(encodeHex(new Uint8Array([0, 1, 254, 255]))).toBe('0001feff');
    expect(decodeHex('0001FEff')).toEqual(new Uint8Array([0, 1, 254, 255]));
    expect(() => decodeHex('abc')).toThrow(expect.objectContaining({ code: 'ENCODING_INVALID' }));
    expect(() => decodeHex('zz')).toThrow(expect.objectContaining({ code: 'ENCODING_INVALID' }));
    expect(() => decodeHex('00', 2)).toThrow(expect.objectContaining({ code: 'ENCODING_INVALID' }));
  });
});

describe('utf8', () => {
  it('round-trips Vietnamese text and rejects malformed bytes', () => {
    const text = 'Bộ Công an — Cơ sở dữ liệu quốc gia về dân cư';
    expect(decodeUtf8(encodeUtf8(text))).toBe(text);
    expect(() => decodeUtf8(new Uint8Array([0xff, 0x41]))).toThrow(expect.objectContaining({ code: 'ENCODING_INVALID' }));
  });
});
