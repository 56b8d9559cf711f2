import {
  HASH_SIZE, bytesEqual, decodeBase64, encodeBase64, encodeHex, encodeUtf8, entryLeafHash, hashLeaf, isLedgerError, noteVerifiers, openCheckpoint, parseVerifierKey,
  rootFromInclusionProof,
} from '@ndxp/ledger';

/**
 * Everything the browser needs to check, without trusting the hub, that an exchange is in the
 * transparency log: the entry as served, its index, the inclusion proof, the signed checkpoint and
 * the log's public verifier keys (which the operator should compare with those published out of
 * band). All checks run here, with the project's own @ndxp/ledger compiled into the bundle.
 */
export interface InclusionEvidence {
  /**
   * The entry: either the exact text the log serves (its UTF-8 bytes are the leaf data), or an
   * entry object, whose RFC 8785 canonical JSON is the leaf data (RFC 9162 §2.1.1).
   */
  readonly entry: string | object;
  readonly index: number;
  /** Proof hashes, base64, leaf to root (RFC 9162 §2.1.3.1). */
  readonly proof: readonly string[];
  /** The checkpoint as a signed note (c2sp.org/tlog-checkpoint). */
  readonly checkpoint: string;
  /** Note verifier keys `<name>+<hex id>+<base64 key>` (c2sp.org/signed-note). */
  readonly verifierKeys: readonly string[];
  /** Expected log origin (first checkpoint line); checked when given. */
  readonly origin?: string;
}

export type StepName = 'signature' | 'leaf' | 'inclusion';

export interface VerificationStep {
  readonly step: StepName;
  readonly ok: boolean;
  /** Machine detail for the UI: hashes, sizes, or the ledger error code. */
  readonly detail: string;
}

export interface VerificationResult {
  readonly ok: boolean;
  readonly steps: readonly VerificationStep[];
  /** Tree size and root of the checkpoint, when its signature held. */
  readonly treeSize?: number;
  readonly rootHash?: string;
  readonly leafHash?: string;
}

const why = (e: unknown): string => (isLedgerError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e));

/**
 * Verify that `entry` is leaf `index` of the tree whose root the checkpoint commits to:
 * 1. the checkpoint's note signature verifies under one of the given keys (and names the origin);
 * 2. the leaf hash SHA-256(0x00 ‖ JCS(entry)) is computed here from the entry itself;
 * 3. the inclusion proof folds that leaf up to exactly the signed root.
 * Stops at the first failing step; never throws.
 */
export function verifyEntryInclusion(e: InclusionEvidence): VerificationResult {
  const steps: VerificationStep[] = [];
  let size: number;
  let root: Uint8Array;
  try {
    const verifiers = noteVerifiers(e.verifierKeys.map(parseVerifierKey));
    const opened = openCheckpoint(e.checkpoint, verifiers, e.origin === undefined ? {} : { origin: e.origin });
    size = opened.checkpoint.size;
    root = opened.checkpoint.rootHash;
    steps.push({ step: 'signature', ok: true, detail: `${opened.checkpoint.origin} · ${size} · ${encodeBase64(root)}` });
  } catch (err) {
    steps.push({ step: 'signature', ok: false, detail: why(err) });
    return { ok: false, steps };
  }
  let leaf: Uint8Array;
  try {
    leaf = typeof e.entry === 'string' ? hashLeaf(encodeUtf8(e.entry)) : entryLeafHash(e.entry);
    steps.push({ step: 'leaf', ok: true, detail: encodeHex(leaf) });
  } catch (err) {
    steps.push({ step: 'leaf', ok: false, detail: why(err) });
    return { ok: false, steps, treeSize: size, rootHash: encodeBase64(root) };
  }
  try {
    if (!Number.isSafeInteger(e.index) || e.index < 0 || e.index >= size) throw new Error(`index ${e.index} is not below tree size ${size}`);
    const computed = rootFromInclusionProof(e.index, size, leaf, e.proof.map((p) => decodeBase64(p, HASH_SIZE)));
    const ok = computed !== undefined && bytesEqual(computed, root);
    steps.push({ step: 'inclusion', ok, detail: computed === undefined ? 'proof has the wrong length' : encodeBase64(computed) });
  } catch (err) {
    steps.push({ step: 'inclusion', ok: false, detail: why(err) });
  }
  return { ok: steps.every((s) => s.ok), steps, treeSize: size, rootHash: encodeBase64(root), leafHash: encodeHex(leaf) };
}
