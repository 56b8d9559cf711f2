/**
 * Types of c2sp.org/signed-note, with the key encodings of golang.org/x/mod/sumdb/note.
 * Only Ed25519 (signature type 0x01) is implemented: the spec asks implementations to support only
 * the types their design needs.
 */

/** Signature type identifier of Ed25519 in c2sp.org/signed-note. */
export const ED25519_SIGNATURE_TYPE = 0x01;

/** A public key that can check note signatures. */
export interface NoteVerifier {
  /** Key name (for a log: its origin, e.g. `ndxp.gov.vn/log`). */
  readonly name: string;
  /** 32-bit key ID: first four bytes of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key), big-endian. */
  readonly keyId: number;
  /** Raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
  /** The key as a verifier key string, `<name>+<hex key ID>+<base64(0x01 ‖ public key)>`. */
  readonly verifierKey: string;
  /** Whether `signature` (without its 4-byte key ID) is a valid signature of `message`. */
  verify(message: Uint8Array, signature: Uint8Array): boolean;
}

/** A private key that signs notes. Never log it: its key string starts with `PRIVATE+KEY+`. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  /** Raw 32-byte Ed25519 public key of this signer. */
  readonly publicKey: Uint8Array;
  /** The matching verifier key string, to publish. */
  readonly verifierKey: string;
  /** Ed25519 signature (64 bytes) of `message`. */
  sign(message: Uint8Array): Uint8Array;
}

/** One signature line of a note: `— <name> <base64(key ID ‖ signature)>`. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes, without the 4-byte key ID prefix. */
  readonly signature: Uint8Array;
  /** The base64 text exactly as in the note (key ID and signature). */
  readonly base64: string;
}

/** A parsed, not yet verified note. */
export interface Note {
  /** The signed text, including its final newline. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** A note whose signatures were checked against known keys. */
export interface OpenedNote {
  readonly text: string;
  /** Signatures by known keys that verified (at least one). */
  readonly verified: readonly NoteSignature[];
  /** Signatures by unknown keys (ignored, as c2sp.org/signed-note requires; e.g. witnesses or a rotated-in key). */
  readonly unverified: readonly NoteSignature[];
}
