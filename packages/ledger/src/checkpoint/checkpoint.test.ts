import { describe, expect, it } from 'vitest';
import { decodeBase64, encodeBase64 } from '../encoding/base64.ts';
import { hashLeaf } from '../hash-leaf.ts';
import { isLedgerError, type LedgerErrorCode } from '../ledger-error.ts';
import { generateNoteKey } from '../note/generate-note-key.ts';
import { noteVerifiers } from '../note/note-verifiers.ts';
import { parseSignerKey } from '../note/parse-signer-key.ts';
import { parseVerifierKey } from '../note/parse-verifier-key.ts';
import { SUMDB_TREE } from '../test-vectors/sumdb-note.ts';
import { REF } from '../testing/vectors.ts';
import { formatCheckpoint } from './format-checkpoint.ts';
import { openCheckpoint } from './open-checkpoint.ts';
import { parseCheckpoint } from './parse-checkpoint.ts';
import { signCheckpoint } from './sign-checkpoint.ts';

function codeOf(fn: () => unknown): LedgerErrorCode | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (error) {
    if (isLedgerError(error)) return error.code;
    throw error;
  }
}

const ORIGIN = 'ndxp.gov.vn/log';
const seed = (n: number) => new Uint8Array(32).fill(n);
const oldKey = generateNoteKey(ORIGIN, seed(1));
const newKey = generateNoteKey(ORIGIN, seed(2));
const otherLogKey = generateNoteKey('example.com/other-log', seed(3));

describe('checkpoint body (c2sp.org/tlog-checkpoint)', () => {
  it('formats and parses the golang.org/x/mod sumdb tree vector', () => {
    const rootHash = hashLeaf(new TextEncoder().encode(SUMDB_TREE.leafData));
    expect(formatCheckpoint({ origin: SUMDB_TREE.origin, size: SUMDB_TREE.size, rootHash })).toBe(SUMDB_TREE.text);
    expect(parseCheckpoint(SUMDB_TREE.text)).toEqual({ origin: SUMDB_TREE.origin, size: SUMDB_TREE.size, rootHash, extensions: [] });
  });

  it.each(SUMDB_TREE.bad)('rejects the Go bad tree %j', (text) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe('CHECKPOINT_MALFORMED');
  });

  it('keeps extension lines', () => {
    const text = formatCheckpoint({ origin: ORIGIN, size: 8, rootHash: REF.roots[8]!, extensions: ['ext one', 'ext two'] });
    expect(text).toBe(`${ORIGIN}\n8\nXcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=\next one\next two\n`);
    expect(parseCheckpoint(text).extensions).toEqual(['ext one', 'ext two']);
  });

  it.each([
    ['no final newline', `${ORIGIN}\n8\n${encodeBase64(REF.roots[8]!)}`],
    ['two lines', `${ORIGIN}\n8\n`],
    ['leading zero', `${ORIGIN}\n08\n${encodeBase64(REF.roots[8]!)}\n`],
    ['negative', `${ORIGIN}\n-8\n${encodeBase64(REF.roots[8]!)}\n`],
    ['unsafe size', `${ORIGIN}\n9007199254740993\n${encodeBase64(REF.roots[8]!)}\n`],
    ['short hash', `${ORIGIN}\n8\n${encodeBase64(REF.roots[8]!.slice(1))}\n`],
    ['empty origin', `\n8\n${encodeBase64(REF.roots[8]!)}\n`],
    ['empty extension', `${ORIGIN}\n8\n${encodeBase64(REF.roots[8]!)}\n\n`],
  ])('rejects %s', (_why, text) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe('CHECKPOINT_MALFORMED');
  });

  it('refuses to format what it could not parse back', () => {
    expect(codeOf(() => formatCheckpoint({ origin: 'a\nb', size: 1, rootHash: REF.roots[1]! }))).toBe('CHECKPOINT_MALFORMED');
    expect(codeOf(() => formatCheckpoint({ origin: ORIGIN, size: 1.5, rootHash: REF.roots[1]! }))).toBe('CHECKPOINT_MALFORMED');
    expect(codeOf(() => formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: new Uint8Array(31) }))).toBe('CHECKPOINT_MALFORMED');
    expect(codeOf(() => formatCheckpoint({ origin: ORIGIN, size: 1, rootHash: REF.roots[1]!, extensions: [''] }))).toBe('CHECKPOINT_MALFORMED');
  });
});

describe('signed checkpoints and key rotation', () => {
  const body = { origin: ORIGIN, size: 8, rootHash: REF.roots[8]! };

  it('signs and opens a checkpoint with the spec shape', () => {
    const signed = signCheckpoint(body, [parseSignerKey(oldKey.signerKey)]);
    const lines = signed.split('\n');
    expect(lines.slice(0, 4)).toEqual([ORIGIN, '8', encodeBase64(REF.roots[8]!), '']);
    // 4-byte key ID + 64-byte Ed25519 signature = 68 bytes = 92 base64 characters.
    expect(lines[4]).toMatch(new RegExp(`^— ${ORIGIN.replace(/\./g, '\\.')} [A-Za-z0-9+/]{91}=$`));
    // The signature starts with the key ID (c2sp.org/signed-note).
    const keyId = parseVerifierKey(oldKey.verifierKey).keyId;
    const raw = decodeBase64(lines[4]!.split(' ')[2]!);
    expect(((raw[0]! << 24) | (raw[1]! << 16) | (raw[2]! << 8) | raw[3]!) >>> 0).toBe(keyId);
    const opened = openCheckpoint(signed, noteVerifiers([parseVerifierKey(oldKey.verifierKey)]), { origin: ORIGIN });
    expect(opened.checkpoint).toEqual({ ...body, extensions: [] });
  });

  it('a checkpoint signed by the old and the new key opens with either, and not with neither', () => {
    const signed = signCheckpoint(body, [parseSignerKey(oldKey.signerKey), parseSignerKey(newKey.signerKey)]);
    const onlyOld = openCheckpoint(signed, noteVerifiers([parseVerifierKey(oldKey.verifierKey)]));
    expect(onlyOld.note.verified).toHaveLength(1);
    expect(onlyOld.note.unverified).toHaveLength(1);
    expect(openCheckpoint(signed, noteVerifiers([parseVerifierKey(newKey.verifierKey)])).checkpoint.size).toBe(8);
    expect(openCheckpoint(signed, noteVerifiers([parseVerifierKey(oldKey.verifierKey), parseVerifierKey(newKey.verifierKey)])).note.verified).toHaveLength(2);
    expect(codeOf(() => openCheckpoint(signed, noteVerifiers([parseVerifierKey(otherLogKey.verifierKey)])))).toBe('NOTE_UNVERIFIED');
  });

  it('after rotation, a verifier that knows both keys accepts checkpoints signed by the new key alone', () => {
    const signed = signCheckpoint(body, [parseSignerKey(newKey.signerKey)]);
    expect(openCheckpoint(signed, noteVerifiers([parseVerifierKey(oldKey.verifierKey), parseVerifierKey(newKey.verifierKey)])).checkpoint.size).toBe(8);
  });

  it('rejects a tampered body, a forged signature and another log', () => {
    const signed = signCheckpoint(body, [parseSignerKey(oldKey.signerKey)]);
    const known = noteVerifiers([parseVerifierKey(oldKey.verifierKey)]);
    expect(codeOf(() => openCheckpoint(signed.replace('\n8\n', '\n9\n'), known))).toBe('NOTE_SIGNATURE_INVALID');
    const otherLog = signCheckpoint({ ...body, origin: 'example.com/other-log' }, [parseSignerKey(otherLogKey.signerKey)]);
    expect(codeOf(() => openCheckpoint(otherLog, noteVerifiers([parseVerifierKey(otherLogKey.verifierKey)]), { origin: ORIGIN }))).toBe('CHECKPOINT_ORIGIN_MISMATCH');
    expect(codeOf(() => openCheckpoint('not a note', known))).toBe('NOTE_MALFORMED');
  });
});
