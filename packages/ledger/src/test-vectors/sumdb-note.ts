/**
 * Signed-note vectors copied verbatim from golang.org/x/mod `sumdb/note/note_test.go` and the
 * package documentation in `sumdb/note/note.go` (BSD-3-Clause, Copyright 2019 The Go Authors).
 * c2sp.org/signed-note is the specification of this format.
 */

/** TestNewSigner / TestSign: a signer key (Ed25519 seed) for the name PeterNeumann. */
export const PETER_SIGNER_KEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';

/** TestNewVerifier / TestOpen: the matching verifier key. */
export const PETER_VERIFIER_KEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';

/** TestVerifierList / TestOpen: a second, unrelated verifier key. */
export const ENOCH_VERIFIER_KEY = 'EnochRoot+af0cfe78+ATtqJ7zOtqQtYqOo0CpvDXNlMhV3HeJDpjrASKGLWdop';

/** TestSign / TestOpen: the note text. */
export const NOTE_TEXT = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";

/** TestOpen: PeterNeumann's signature line over NOTE_TEXT. */
export const PETER_SIGNATURE_LINE = '— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';

/** TestOpen: EnochRoot's signature line over NOTE_TEXT. */
export const ENOCH_SIGNATURE_LINE = '— EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n';

/** TestSign `want`: the exact signed note that signing NOTE_TEXT with PETER_SIGNER_KEY produces (Ed25519 is deterministic). */
export const PETER_SIGNED_NOTE = NOTE_TEXT + '\n' + PETER_SIGNATURE_LINE;

/** TestNewVerifier: manglings that must be rejected although they look plausible. */
export const BAD_VERIFIER_KEYS: readonly string[] = [
  'PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==', // wrong length key, with adjusted key hash
  'PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW', // unknown algorithm, with adjusted key hash
];

/**
 * golang.org/x/mod `sumdb/tlog/note_test.go` TestFormatTree / TestParseTree: the sumdb tree note,
 * the direct ancestor of the c2sp.org/tlog-checkpoint body (origin, size, base64 root). The hash is
 * the record (leaf) hash of "hello world", i.e. SHA-256(0x00 || "hello world").
 */
export const SUMDB_TREE = {
  text: 'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
  origin: 'go.sum database tree',
  size: 123456789012,
  leafData: 'hello world',
  bad: [
    'go.sum database tree\n0xabcdef\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBb0=\n',
    'go.sum database tree\n123456789012\nTszzRgjTG6xce+z2AG31kAXYKBgQVtCSCE40HmuwBTOOBIG=\n',
  ],
} as const;
