import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { LedgerError } from '../ledger-error.ts';

/** Encode bytes as lowercase hexadecimal. */
export function encodeHex(bytes: Uint8Array): string {
  return bytesToHex(bytes);
}

/**
 * Decode hexadecimal text (either case).
 *
 * @param expectedLength - if given, the decoded length it must have.
 * @throws LedgerError `ENCODING_INVALID` for odd length, non-hex characters or the wrong length.
 */
export function decodeHex(text: string, expectedLength?: number): Uint8Array {
  let out: Uint8Array;
  try {
    out = hexToBytes(text);
  } catch (cause) {
    throw new LedgerError('ENCODING_INVALID', 'invalid hex', { cause });
  }
  if (expectedLength !== undefined && out.length !== expectedLength) {
    throw new LedgerError('ENCODING_INVALID', `invalid hex: expected ${expectedLength} bytes, got ${out.length}`);
  }
  return out;
}
