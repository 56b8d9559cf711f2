import { decodeHex } from '../encoding/hex.ts';
import { LEAF_INPUTS_HEX, NODE_HASHES_HEX, ROOT_HASHES_HEX } from '../test-vectors/rfc6962-merkle.ts';

/** Test helper: decode a list of hex strings. */
export function hexList(list: readonly string[]): Uint8Array[] {
  return list.map((h) => decodeHex(h));
}

/** The RFC 6962 reference leaves, leaf hashes and roots as bytes. */
export const REF = {
  leaves: hexList(LEAF_INPUTS_HEX),
  nodes: NODE_HASHES_HEX.map(hexList),
  roots: hexList(ROOT_HASHES_HEX),
};
