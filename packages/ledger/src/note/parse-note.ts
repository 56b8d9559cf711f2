import { decodeBase64 } from '../encoding/base64.ts';
import { decodeUtf8 } from '../encoding/utf8.ts';
import { LedgerError } from '../ledger-error.ts';
import { chop } from './chop.ts';
import { isValidKeyName } from './key-name.ts';
import type { Note, NoteSignature } from './note-types.ts';

/** Most signatures a note may carry. c2sp.org/signed-note asks for a limit of at least 16; Go uses 100. */
export const MAX_NOTE_SIGNATURES = 100;

/**
 * Parse a signed note without checking signatures (c2sp.org/signed-note "Format"): a text ending
 * in a newline, a blank line, then one or more lines `— <key name> <base64>` each ending in a
 * newline. The text is separated from the signatures by the last blank line. The whole note must
 * be valid UTF-8 without ASCII control characters other than newline.
 *
 * Use {@link openNote} to also verify; this is for tools that inspect notes from unknown keys.
 *
 * @throws LedgerError `NOTE_MALFORMED`.
 */
export function parseNote(message: string | Uint8Array): Note {
  const malformed = (why: string): never => {
    throw new LedgerError('NOTE_MALFORMED', `malformed note: ${why}`);
  };
  let text: string;
  try {
    text = typeof message === 'string' ? message : decodeUtf8(message);
  } catch {
    return malformed('not UTF-8');
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u0009\u000b-\u001f]|[\ud800-\udfff]/u.test(text)) return malformed('control character or invalid Unicode');
  const split = text.lastIndexOf('\n\n');
  if (split < 0) return malformed('no blank line before the signatures');
  const body = text.slice(0, split + 1);
  let sigs = text.slice(split + 2);
  if (sigs.length === 0 || !sigs.endsWith('\n')) return malformed('signature block must end with a newline');
  const signatures: NoteSignature[] = [];
  while (sigs.length > 0) {
    const end = sigs.indexOf('\n');
    const line = sigs.slice(0, end);
    sigs = sigs.slice(end + 1);
    if (!line.startsWith('— ')) return malformed('signature line must start with an em dash and a space');
    const [name, b64] = chop(line.slice(2), ' ');
    if (!isValidKeyName(name) || b64 === undefined || b64 === '') return malformed('bad signature line');
    let raw: Uint8Array;
    try {
      raw = decodeBase64(b64);
    } catch {
      return malformed('signature is not base64');
    }
    if (raw.length < 5) return malformed('signature too short');
    if (signatures.length === MAX_NOTE_SIGNATURES) return malformed('too many signatures');
    const keyId = ((raw[0] as number) * 2 ** 24 + ((raw[1] as number) << 16) + ((raw[2] as number) << 8) + (raw[3] as number)) >>> 0;
    signatures.push({ name, keyId, signature: raw.slice(4), base64: b64 });
  }
  return { text: body, signatures };
}
