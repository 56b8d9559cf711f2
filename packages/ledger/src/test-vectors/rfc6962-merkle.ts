/**
 * RFC 6962 / RFC 9162 Merkle tree test vectors, copied verbatim (hex strings) from
 * github.com/transparency-dev/merkle (Apache License 2.0, Copyright 2017–2022 Google LLC):
 *
 * - `testonly/constants.go`: LeafInputs, NodeHashes, RootHashes (tree sizes 0..8), EmptyRootHash;
 * - `testonly/reference_test.go`: TestRefInclusionProof and TestRefConsistencyProof expectations;
 * - `proof/verify_test.go`: inclusionProofs, consistencyProofs, sha256SomeHash (note: there
 *   `leaf` is 1-based, here every index is converted to 0-based and the conversion is marked).
 *
 * These are the same vectors Trillian and Certificate Transparency implementations test against.
 */

/** Leaf inputs (entries) D[0..7]. */
export const LEAF_INPUTS_HEX: readonly string[] = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'];

/**
 * Hashes of all perfect subtrees of the 8-leaf tree: NODE_HASHES_HEX[level][index].
 * Level 0 are the leaf hashes SHA-256(0x00 || D[i]).
 */
export const NODE_HASHES_HEX: readonly (readonly string[])[] = [
  [
    '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
    '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
    '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
    'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
    'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
    '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
  ],
  [
    'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
    '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
    '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
    'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
  ],
  ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
  ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
];

/** Root hashes of the trees of size 0..8 built from LEAF_INPUTS_HEX (ROOT_HASHES_HEX[size]). */
export const ROOT_HASHES_HEX: readonly string[] = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

/**
 * Compact-range hashes after each size (`CompactTrees()` in constants.go), as [level, index]
 * references into NODE_HASHES_HEX, largest subtree first.
 */
export const COMPACT_RANGES: readonly (readonly (readonly [number, number])[])[] = [
  [],
  [[0, 0]],
  [[1, 0]],
  [[1, 0], [0, 2]],
  [[2, 0]],
  [[2, 0], [0, 4]],
  [[2, 0], [1, 2]],
  [[2, 0], [1, 2], [0, 6]],
  [[3, 0]],
];

/** An inclusion proof vector: 0-based leaf index, tree size, expected proof. */
export interface InclusionVector {
  readonly index: number;
  readonly size: number;
  readonly proofHex: readonly string[];
}

/** From `testonly/reference_test.go` TestRefInclusionProof (already 0-based there). */
export const REF_INCLUSION_PROOFS: readonly InclusionVector[] = [
  { index: 0, size: 1, proofHex: [] },
  { index: 0, size: 2, proofHex: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7'] },
  { index: 1, size: 2, proofHex: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'] },
  { index: 2, size: 3, proofHex: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    proofHex: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    index: 0,
    size: 8,
    proofHex: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    proofHex: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

/**
 * From `proof/verify_test.go` inclusionProofs (entries 1..5; entry 0 is the invalid {0,0}). The Go
 * vectors use a 1-based `leaf`; `index` here is `leaf - 1`.
 */
export const VERIFY_INCLUSION_PROOFS: readonly InclusionVector[] = [
  { index: 0, size: 1, proofHex: [] }, // Go: {1, 1, nil}
  {
    index: 0, // Go: {1, 8, ...}
    size: 8,
    proofHex: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5, // Go: {6, 8, ...}
    size: 8,
    proofHex: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  { index: 2, size: 3, proofHex: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] }, // Go: {3, 3, ...}
  {
    index: 1, // Go: {2, 5, ...}
    size: 5,
    proofHex: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
];

/** A consistency proof vector. */
export interface ConsistencyVector {
  readonly size1: number;
  readonly size2: number;
  readonly proofHex: readonly string[];
}

/** From `proof/verify_test.go` consistencyProofs (the reference_test.go ones are a subset). */
export const CONSISTENCY_PROOFS: readonly ConsistencyVector[] = [
  { size1: 1, size2: 1, proofHex: [] },
  {
    size1: 1,
    size2: 8,
    proofHex: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    size1: 6,
    size2: 8,
    proofHex: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
  {
    size1: 2,
    size2: 5,
    proofHex: ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b'],
  },
  {
    size1: 6,
    size2: 7,
    proofHex: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

/** `sha256SomeHash` from proof/verify_test.go: a 32-byte value that is no root of these trees. */
export const SOME_HASH_HEX = 'abacaba000000000000000000000000000000000000000000060061e00123456';

/**
 * From `testdata/consistency/1/happy-path.json` in the same repository: the base64 form used by
 * its JSON test data (sizes 1 → 8).
 */
export const CONSISTENCY_HAPPY_PATH_JSON = {
  size1: 1,
  size2: 8,
  root1: 'bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB0=',
  root2: 'XcnaeacGWamtVZy3Ad7ZoqudgjqtL0lgz+Nw7/RgQyg=',
  proof: ['lqKW0iTyhcZ77pPDD4owkVfw2qNdxbh+QQt4YwoJz8c=', 'Xwg/ChozygdqlSeYMlgNs+DvRYS9/x9UyKNg9Q3jAx4=', 'a0eq8p7jwq+a+Im8H7klTavTEXfxYjLdaqsDXKOb9uQ='],
} as const;
