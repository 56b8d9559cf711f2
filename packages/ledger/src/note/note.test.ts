import { describe, expect, it } from 'vitest';
import { decodeBase64 } from '../encoding/base64.ts';
import { isLedgerError, type LedgerErrorCode } from '../ledger-error.ts';
import {
  BAD_VERIFIER_KEYS,
  ENOCH_SIGNATURE_LINE,
  ENOCH_VERIFIER_KEY,
  NOTE_TEXT,
  PETER_SIGNATURE_LINE,
  PETER_SIGNED_NOTE,
  PETER_SIGNER_KEY,
  PETER_VERIFIER_KEY,
} from '../test-vectors/sumdb-note.ts';
import { checkNoteSignatures } from './check-note-signatures.ts';
import { formatVerifierKey } from './format-verifier-key.ts';
import { generateNoteKey } from './generate-note-key.ts';
import { isValidKeyName } from './key-name.ts';
import { noteVerifiers } from './note-verifiers.ts';
import { openNote } from './open-note.ts';
import { parseNote } from './parse-note.ts';
import { parseSignerKey } from './parse-signer-key.ts';
import { parseVerifierKey } from './parse-verifier-key.ts';
import { signNote } from './sign-note.ts';
import type { NoteSignature } from './note-types.ts';

function codeOf(fn: () => unknown): LedgerErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (isLedgerError(error)) return error.code;
    throw error;
  }
}

const peter = parseVerifierKey(PETER_VERIFIER_KEY);
const enoch = parseVerifierKey(ENOCH_VERIFIER_KEY);
const peterSig: NoteSignature = { name: 'PeterNeumann', keyId: 0xc74f20a3, base64: PETER_SIGNATURE_LINE.slice(15, -1), signature: decodeBase64(PETER_SIGNATURE_LINE.slice(15, -1)).slice(4) };
const enochSig: NoteSignature = { name: 'EnochRoot', keyId: 0xaf0cfe78, base64: ENOCH_SIGNATURE_LINE.slice(12, -1), signature: decodeBase64(ENOCH_SIGNATURE_LINE.slice(12, -1)).slice(4) };

describe('note keys (golang.org/x/mod/sumdb/note vectors)', () => {
  it('parses the known verifier key (TestNewVerifier)', () => {
    expect(peter.name).toBe('PeterNeumann');
    expect(peter.keyId).toBe(0xc74f20a3);
    expect(peter.publicKey).toHaveLength(32);
    expect(formatVerifierKey(peter.name, peter.publicKey)).toBe(PETER_VERIFIER_KEY);
  });

  it('rejects every substring and every single-character change of the verifier key', () => {
    const accepted: string[] = [];
    for (let i = 0; i <= PETER_VERIFIER_KEY.length; i++) {
      for (let j = i + 1; j <= PETER_VERIFIER_KEY.length; j++) {
        if (i === 0 && j === PETER_VERIFIER_KEY.length) continue;
        if (codeOf(() => parseVerifierKey(PETER_VERIFIER_KEY.slice(i, j))) === 'no error') accepted.push(PETER_VERIFIER_KEY.slice(i, j));
      }
    }
    for (let i = 0; i < PETER_VERIFIER_KEY.length; i++) {
      const bumped = PETER_VERIFIER_KEY.slice(0, i) + String.fromCharCode(PETER_VERIFIER_KEY.charCodeAt(i) + 1) + PETER_VERIFIER_KEY.slice(i + 1);
      if (codeOf(() => parseVerifierKey(bumped)) === 'no error') accepted.push(bumped);
    }
    expect(accepted).toEqual([]);
  });

  it.each(BAD_VERIFIER_KEYS)('rejects %s', (key) => {
    expect(codeOf(() => parseVerifierKey(key))).toBe('KEY_MALFORMED');
  });

  it('parses the known signer key and rejects single-character changes (TestNewSigner)', () => {
    const signer = parseSignerKey(PETER_SIGNER_KEY);
    expect(signer.name).toBe('PeterNeumann');
    expect(signer.keyId).toBe(0xc74f20a3);
    expect(signer.verifierKey).toBe(PETER_VERIFIER_KEY);
    for (let i = 0; i < PETER_SIGNER_KEY.length; i++) {
      const bumped = PETER_SIGNER_KEY.slice(0, i) + String.fromCharCode(PETER_SIGNER_KEY.charCodeAt(i) + 1) + PETER_SIGNER_KEY.slice(i + 1);
      expect(codeOf(() => parseSignerKey(bumped)), bumped).toBe('KEY_MALFORMED');
    }
    for (const cut of [1, 8, 12, 25, 34, PETER_SIGNER_KEY.length - 1]) {
      expect(codeOf(() => parseSignerKey(PETER_SIGNER_KEY.slice(0, cut)))).toBe('KEY_MALFORMED');
      expect(codeOf(() => parseSignerKey(PETER_SIGNER_KEY.slice(cut)))).toBe('KEY_MALFORMED');
    }
  });

  it('generates self-consistent keys (TestGenerateKey) and deterministic ones from a seed', () => {
    const { signerKey, verifierKey } = generateNoteKey('EnochRoot');
    const signer = parseSignerKey(signerKey);
    const verifier = parseVerifierKey(verifierKey);
    expect(signer.verifierKey).toBe(verifierKey);
    const msg = new TextEncoder().encode('hi');
    const sig = signer.sign(msg);
    expect(verifier.verify(msg, sig)).toBe(true);
    sig[0]! ^= 1;
    expect(verifier.verify(msg, sig)).toBe(false);
    sig[0]! ^= 1;
    msg[0]! ^= 1;
    expect(verifier.verify(msg, sig)).toBe(false);
    // The Go test key's seed reproduces the Go test key strings.
    const seed = decodeBase64('AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz').slice(1);
    expect(generateNoteKey('PeterNeumann', seed)).toEqual({ signerKey: PETER_SIGNER_KEY, verifierKey: PETER_VERIFIER_KEY });
  });

  it('validates key names', () => {
    expect(isValidKeyName('ndxp.gov.vn/log')).toBe(true);
    expect(isValidKeyName('nhật-ký')).toBe(true);
    for (const bad of ['', 'a b', 'a+b', 'a\u00a0b', 'a\u3000b', 'a\u0085b', 'a\nb', 'a\ud800']) expect(isValidKeyName(bad), JSON.stringify(bad)).toBe(false);
    expect(codeOf(() => generateNoteKey('bad name'))).toBe('KEY_MALFORMED');
  });
});

describe('signNote (TestSign)', () => {
  const signer = parseSignerKey(PETER_SIGNER_KEY);

  it('produces the exact signed note of the Go test', () => {
    expect(signNote(NOTE_TEXT, [signer])).toBe(PETER_SIGNED_NOTE);
  });

  it('replaces an existing signature by the same key', () => {
    expect(signNote(NOTE_TEXT, [signer], [{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: 'BADSIGN=', signature: new Uint8Array() }])).toBe(PETER_SIGNED_NOTE);
  });

  it('keeps other signatures first, then adds the new ones', () => {
    expect(signNote(NOTE_TEXT, [signer], [enochSig])).toBe(NOTE_TEXT + '\n' + ENOCH_SIGNATURE_LINE + PETER_SIGNATURE_LINE);
  });

  it('rejects bad inputs', () => {
    expect(codeOf(() => signNote('abc', [signer]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote('a\u0001b\n', [signer]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote(NOTE_TEXT, [], [{ name: 'a+b', keyId: 0, base64: 'ABCD', signature: new Uint8Array() }]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote(NOTE_TEXT, [], [{ name: 'PeterNeumann', keyId: 0xc74f20a3, base64: 'BADHASH=', signature: new Uint8Array() }]))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => signNote(NOTE_TEXT, [{ ...signer, name: 'bad name' }]))).toBe('KEY_MALFORMED');
  });
});

describe('openNote (TestOpen)', () => {
  const text = NOTE_TEXT;

  it('verifies one signature and keeps the unknown one unverified', () => {
    const n = openNote(text + '\n' + PETER_SIGNATURE_LINE + ENOCH_SIGNATURE_LINE, noteVerifiers([peter]));
    expect(n.text).toBe(text);
    expect(n.verified).toEqual([peterSig]);
    expect(n.unverified).toEqual([enochSig]);
  });

  it('verifies both', () => {
    const n = openNote(text + '\n' + PETER_SIGNATURE_LINE + ENOCH_SIGNATURE_LINE, noteVerifiers([peter, enoch]));
    expect(n.verified).toEqual([peterSig, enochSig]);
    expect(n.unverified).toEqual([]);
  });

  it('rejects a note no known key signed', () => {
    expect(codeOf(() => openNote(text + '\n' + PETER_SIGNATURE_LINE + ENOCH_SIGNATURE_LINE, noteVerifiers([])))).toBe('NOTE_UNVERIFIED');
  });

  it('rejects more than 100 signatures', () => {
    expect(codeOf(() => openNote(text + '\n' + PETER_SIGNATURE_LINE.repeat(101), noteVerifiers([peter])))).toBe('NOTE_MALFORMED');
    expect(codeOf(() => openNote(text + '\n' + PETER_SIGNATURE_LINE.repeat(101), noteVerifiers([])))).toBe('NOTE_MALFORMED');
  });

  it('rejects an invalid signature by a known key, naming it', () => {
    const bad = PETER_SIGNATURE_LINE.slice(0, 60) + 'ABCD' + PETER_SIGNATURE_LINE.slice(60);
    let error: unknown;
    try {
      openNote(text + '\n' + bad, noteVerifiers([peter]));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'NOTE_SIGNATURE_INVALID', message: 'invalid signature for key PeterNeumann+c74f20a3' });
  });

  it('drops duplicated verified and unverified signatures', () => {
    const enochABCD = ENOCH_SIGNATURE_LINE.slice(0, 60) + 'ABCD' + ENOCH_SIGNATURE_LINE.slice(60);
    const n = openNote(text + '\n' + PETER_SIGNATURE_LINE + PETER_SIGNATURE_LINE + ENOCH_SIGNATURE_LINE + ENOCH_SIGNATURE_LINE + enochABCD, noteVerifiers([peter]));
    expect(n.verified).toEqual([peterSig]);
    expect(n.unverified.map((s) => s.base64)).toEqual([enochSig.base64, enochABCD.slice(12, -1)]);
  });

  it('rejects malformed messages', () => {
    const bad = [
      text,
      text + '\n',
      text + '\n' + PETER_SIGNATURE_LINE.slice(0, -1),
      '\x01' + text + '\n' + PETER_SIGNATURE_LINE,
      text + '\n' + '— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=',
      text + '\n' + PETER_SIGNATURE_LINE + 'Unexpected line.\n',
    ];
    for (const msg of bad) expect(codeOf(() => openNote(msg, noteVerifiers([peter]))), JSON.stringify(msg)).toBe('NOTE_MALFORMED');
    // "\xff" + text: invalid UTF-8, so given as bytes.
    const bytes = new Uint8Array([0xff, ...new TextEncoder().encode(text + '\n' + PETER_SIGNATURE_LINE)]);
    expect(codeOf(() => openNote(bytes, noteVerifiers([peter])))).toBe('NOTE_MALFORMED');
    expect(openNote(new TextEncoder().encode(PETER_SIGNED_NOTE), noteVerifiers([peter])).verified).toEqual([peterSig]);
  });

  it('ignores a signature whose name or key ID does not match a known key', () => {
    const misnamed = PETER_SIGNATURE_LINE.replace('PeterNeumann', 'CarmenSandiego');
    expect(codeOf(() => openNote(text + '\n' + misnamed, noteVerifiers([peter])))).toBe('NOTE_UNVERIFIED');
    const wrongId = PETER_SIGNATURE_LINE.replace('x08g', 'xxxx');
    expect(codeOf(() => openNote(text + '\n' + wrongId, noteVerifiers([peter])))).toBe('NOTE_UNVERIFIED');
  });

  it('diagnoses two different keys with the same name and ID as ambiguous (TestVerifierList)', () => {
    const impostor = { ...peter, verifierKey: 'impostor', verify: () => true };
    const list = noteVerifiers([peter, enoch, enoch]); // the same key twice is one key
    expect(list.find('PeterNeumann', 0xc74f20a3)).toBe(peter);
    expect(list.find('PeterNeumann', 0xc74f20a4)).toBeUndefined();
    expect(list.find('PeterNeuman', 0xc74f20a3)).toBeUndefined();
    expect(list.find('EnochRoot', 0xaf0cfe78)).toBe(enoch);
    expect(codeOf(() => openNote(PETER_SIGNED_NOTE, noteVerifiers([peter, impostor])))).toBe('NOTE_AMBIGUOUS_KEY');
    // An unused ambiguous pair does not matter.
    expect(openNote(text + '\n' + ENOCH_SIGNATURE_LINE, noteVerifiers([peter, impostor, enoch])).verified).toEqual([enochSig]);
  });

  it('reports every signature status without throwing', () => {
    const bad = ENOCH_SIGNATURE_LINE.slice(0, 60) + 'ABCD' + ENOCH_SIGNATURE_LINE.slice(60);
    const checks = checkNoteSignatures(parseNote(text + '\n' + PETER_SIGNATURE_LINE + bad), noteVerifiers([enoch]));
    expect(checks.map((c) => [c.keyLabel, c.status])).toEqual([
      ['PeterNeumann+c74f20a3', 'unknown-key'],
      ['EnochRoot+af0cfe78', 'invalid'],
    ]);
  });
});
