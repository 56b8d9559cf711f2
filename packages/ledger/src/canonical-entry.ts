import canonicalize from 'canonicalize';
import { encodeUtf8 } from './encoding/utf8.ts';
import { LedgerError } from './ledger-error.ts';

/**
 * The bytes of a log entry as they are hashed into the tree: the UTF-8 of its RFC 8785 JSON
 * Canonicalization Scheme (JCS) serialisation. JCS makes the leaf hash independent of key order
 * and number formatting, so anyone holding the entry as JSON (the hub, an auditor, a citizen's
 * browser) recomputes the same leaf.
 *
 * @param entry - a JSON value (object, array, string, finite number, boolean or null).
 * @throws LedgerError `ENTRY_NOT_CANONICALISABLE` when the value has no I-JSON form: `undefined`,
 *   functions or symbols at top level, BigInt, non-finite numbers, or strings with lone UTF-16
 *   surrogates (RFC 8785 §3.2.2.2 requires valid Unicode; RFC 7493 I-JSON §2.1).
 */
export function canonicalEntry(entry: unknown): Uint8Array {
  let text: string | undefined;
  try {
    text = canonicalize(entry);
  } catch (cause) {
    throw new LedgerError('ENTRY_NOT_CANONICALISABLE', 'entry cannot be serialised as RFC 8785 JSON', { cause });
  }
  if (typeof text !== 'string') {
    throw new LedgerError('ENTRY_NOT_CANONICALISABLE', 'entry has no JSON representation');
  }
  // JSON.stringify (inside canonicalize) escapes a lone surrogate as "\udXXX" instead of failing;
  // RFC 8785 forbids such strings, so reject them rather than log an entry other parsers reject.
  if (LONE_SURROGATE_ESCAPE.test(text)) {
    throw new LedgerError('ENTRY_NOT_CANONICALISABLE', 'entry contains a lone UTF-16 surrogate');
  }
  return encodeUtf8(text);
}

// A well-formed string never produces a \uD800-\uDFFF escape: valid pairs are emitted as raw
// characters. Preceded by an even number of backslashes so an escaped backslash is not matched.
const LONE_SURROGATE_ESCAPE = /(?<!\\)(?:\\\\)*\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
