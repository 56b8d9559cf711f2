/**
 * @ndxp/ledger: NDXP's transparency log as a pure library, for the hub (Node) and the operator
 * console (browser) alike. No I/O: storage sits behind {@link HashReader} / {@link TileReader} /
 * {@link LogSource}. It imports nothing of ours (an architecture test checks) and nothing from
 * `node:`.
 *
 * Specifications: RFC 9162 §2.1 (Merkle tree, proofs), RFC 8785 (JSON canonicalisation),
 * c2sp.org/tlog-tiles, c2sp.org/tlog-checkpoint, c2sp.org/signed-note.
 */

// Errors and encodings
export { LedgerError, isLedgerError, type LedgerErrorCode } from './ledger-error.ts';
export { encodeBase64, decodeBase64 } from './encoding/base64.ts';
export { encodeHex, decodeHex } from './encoding/hex.ts';
export { encodeUtf8, decodeUtf8 } from './encoding/utf8.ts';
export { bytesEqual } from './bytes-equal.ts';

// Hashing (RFC 9162 §2.1.1, RFC 8785)
export { HASH_SIZE } from './hash-size.ts';
export { hashLeaf } from './hash-leaf.ts';
export { hashChildren } from './hash-children.ts';
export { emptyRoot } from './empty-root.ts';
export { canonicalEntry } from './canonical-entry.ts';
export { entryLeafHash } from './entry-leaf-hash.ts';

// Tree
export { nodeStart, nodeEnd, nodeKey, isHash, type NodeId, type StoredNode } from './node-id.ts';
export { rangeNodes } from './range-nodes.ts';
export { foldHashes } from './fold-hashes.ts';
export { rootHash } from './root-hash.ts';
export { CompactRange, type AppendOptions, type AppendResult } from './compact-range.ts';
export { treeHash } from './tree-hash.ts';
export type { HashReader, HashStore } from './hash-store.ts';
export { MemoryHashStore } from './memory-hash-store.ts';

// Proofs (RFC 9162 §2.1.3, §2.1.4)
export { proofPlanNodes, resolveProofPlan, type ProofPlan } from './proof-plan.ts';
export { inclusionProofPlan, inclusionProof } from './inclusion-proof.ts';
export { consistencyProofPlan, consistencyProof } from './consistency-proof.ts';
export { verifyInclusion, rootFromInclusionProof, type InclusionCheck } from './verify-inclusion.ts';
export { verifyConsistency, type ConsistencyCheck } from './verify-consistency.ts';

// Tiles (c2sp.org/tlog-tiles)
export { TILE_HEIGHT, TILE_WIDTH, C2SP_LAYOUT, type Tile, type EntryBundle, type TileLayout } from './tiles/tile.ts';
export { encodeTileIndex, tilePath, entryBundlePath } from './tiles/tile-path.ts';
export { parseTilePath, type ParsedTilePath } from './tiles/parse-tile-path.ts';
export { tilesForSize, tilesChanged } from './tiles/tiles-for-size.ts';
export { tileForNode, entryBundleFor, type NodeInTile } from './tiles/tile-for-node.ts';
export type { TileReader } from './tiles/tile-reader.ts';
export { readTileData, tileReaderFromHashes } from './tiles/read-tile-data.ts';
export { tileHashReader } from './tiles/tile-hash-reader.ts';
export { encodeEntryBundle, MAX_BUNDLED_ENTRY_SIZE } from './tiles/encode-entry-bundle.ts';
export { decodeEntryBundle } from './tiles/decode-entry-bundle.ts';
export { tileFilesForGrowth, type TileFile } from './tiles/tile-files-for-growth.ts';

// Signed notes (c2sp.org/signed-note, golang.org/x/mod/sumdb/note key strings)
export { ED25519_SIGNATURE_TYPE, type NoteVerifier, type NoteSigner, type NoteSignature, type Note, type OpenedNote } from './note/note-types.ts';
export { isValidKeyName } from './note/key-name.ts';
export { noteKeyId, formatKeyId } from './note/note-key-id.ts';
export { formatVerifierKey } from './note/format-verifier-key.ts';
export { generateNoteKey, type GeneratedNoteKey } from './note/generate-note-key.ts';
export { parseVerifierKey } from './note/parse-verifier-key.ts';
export { parseSignerKey } from './note/parse-signer-key.ts';
export { noteVerifiers, type NoteVerifiers } from './note/note-verifiers.ts';
export { parseNote, MAX_NOTE_SIGNATURES } from './note/parse-note.ts';
export { checkNoteSignatures, type NoteSignatureCheck, type NoteSignatureStatus } from './note/check-note-signatures.ts';
export { openNote } from './note/open-note.ts';
export { signNote } from './note/sign-note.ts';

// Checkpoints (c2sp.org/tlog-checkpoint)
export type { Checkpoint } from './checkpoint/checkpoint.ts';
export { formatCheckpoint } from './checkpoint/format-checkpoint.ts';
export { parseCheckpoint } from './checkpoint/parse-checkpoint.ts';
export { signCheckpoint } from './checkpoint/sign-checkpoint.ts';
export { openCheckpoint, type OpenedCheckpoint } from './checkpoint/open-checkpoint.ts';

// Verifier
export { verifyLog, type VerifyLogOptions, type VerifyLogResult } from './verify-log.ts';
export type { LogSource, LogEntryRecord } from './verify/log-source.ts';
export type { LogProblem, LogProblemCode, BadEntryLocation, LocateMethod, TamperKind } from './verify/log-problem.ts';
export { initialVerifierState, parseVerifierState, type VerifierState, type VerifiedCheckpointRecord } from './verify/verifier-state.ts';
export { locateBadEntry, type LocateRequest, type LocateOutcome } from './verify/locate-bad-entry.ts';
export { tileLogSource, type TileLogFiles } from './verify/tile-log-source.ts';
