import { LedgerError } from '../ledger-error.ts';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** UTF-8 bytes of a string (WHATWG TextEncoder: available in browsers and Node). */
export function encodeUtf8(text: string): Uint8Array {
  return encoder.encode(text);
}

/**
 * Decode strictly valid UTF-8 (a byte order mark is kept, not stripped).
 *
 * @throws LedgerError `ENCODING_INVALID` on any malformed sequence.
 */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return decoder.decode(bytes);
  } catch (cause) {
    throw new LedgerError('ENCODING_INVALID', 'invalid UTF-8', { cause });
  }
}
