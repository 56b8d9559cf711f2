import { LedgerError } from '../ledger-error.ts';

/*
 * Standard base64 (RFC 4648 §4, with padding), as used by checkpoints and signed notes
 * (c2sp.org/tlog-checkpoint, c2sp.org/signed-note). Hand-written because Node's Buffer is not
 * available in the browser and `atob` is the lenient "forgiving-base64" of the WHATWG spec: it
 * skips whitespace and missing padding. Decoding here is strict: exactly one text per byte string
 * (padding required, unused trailing bits must be zero), so a signature or hash has no second
 * spelling.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP: Int16Array = (() => {
  const table = new Int16Array(128).fill(-1);
  for (let i = 0; i < ALPHABET.length; i++) table[ALPHABET.charCodeAt(i)] = i;
  return table;
})();

/** Encode bytes as standard, padded base64 (RFC 4648 §4). */
export function encodeBase64(bytes: Uint8Array): string {
  let out = '';
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
  }
  const rest = bytes.length - i;
  if (rest === 1) {
    const n = (bytes[i] as number) << 16;
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + '==';
  } else if (rest === 2) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8);
    out += ALPHABET[(n >> 18) & 63]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + '=';
  }
  return out;
}

/**
 * Decode standard, padded base64 strictly.
 *
 * @param text - the base64 text.
 * @param expectedLength - if given, the decoded length it must have.
 * @throws LedgerError `ENCODING_INVALID` for any character outside the alphabet, wrong padding,
 *   non-zero unused bits, or a length other than `expectedLength`.
 */
export function decodeBase64(text: string, expectedLength?: number): Uint8Array {
  const fail = (why: string): never => {
    throw new LedgerError('ENCODING_INVALID', `invalid base64: ${why}`);
  };
  if (text.length % 4 !== 0) fail('length is not a multiple of 4');
  let pad = 0;
  if (text.endsWith('==')) pad = 2;
  else if (text.endsWith('=')) pad = 1;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    const padHere = i + 4 === text.length ? pad : 0;
    let n = 0;
    for (let j = 0; j < 4 - padHere; j++) {
      const c = text.charCodeAt(i + j);
      const v = c < 128 ? (LOOKUP[c] as number) : -1;
      if (v < 0) fail(`unexpected character at ${i + j}`);
      n = (n << 6) | v;
    }
    n <<= 6 * padHere;
    out[o++] = (n >> 16) & 255;
    if (padHere < 2) out[o++] = (n >> 8) & 255;
    if (padHere < 1) out[o++] = n & 255;
    // The bits a padded quad does not use must be zero (RFC 4648 §3.5), or two texts would
    // decode to the same bytes.
    if ((padHere === 2 && (n & 0xffff) !== 0) || (padHere === 1 && (n & 0xff) !== 0)) fail('non-zero trailing bits');
  }
  if (expectedLength !== undefined && out.length !== expectedLength) fail(`expected ${expectedLength} bytes, got ${out.length}`);
  return out;
}
