import { Type } from 'typebox';

/**
 * Schemas of the transparency-log endpoints: they validate the input (with the log's own error
 * codes) and document `/openapi.json`. Hashes travel as standard base64 (as in checkpoints and
 * c2sp.org/tlog-checkpoint); a leaf hash in a URL may also be hex or base64url.
 */
const Base64Hash = Type.String({ description: 'SHA-256 hash, standard base64 (32 bytes)' });
const Index = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER, 'x-error-code': 'LOG_INDEX_OUT_OF_RANGE', description: 'Leaf index (= the x-ndxp-log-index of the exchange)' });
const Size = (min: number, description: string) => Type.Integer({ minimum: min, maximum: Number.MAX_SAFE_INTEGER, 'x-error-code': 'LOG_SIZE_OUT_OF_RANGE', description });
const Time = Type.String({ format: 'date-time' });
const Note = Type.String({ description: 'Signed checkpoint note (c2sp.org/tlog-checkpoint over c2sp.org/signed-note)' });

/** A leaf hash as a query parameter: 64 hex digits, or base64 / base64url of 32 bytes. */
export const LEAF_HASH_PATTERN = '^(?:[0-9a-fA-F]{64}|[A-Za-z0-9+/]{43}=|[A-Za-z0-9_-]{43}=?)$';

export const CheckpointsQuery = Type.Object({
  after_size: Type.Integer({ minimum: -1, maximum: Number.MAX_SAFE_INTEGER, default: -1, 'x-error-code': 'LOG_SIZE_OUT_OF_RANGE', description: 'Only checkpoints of a larger size; -1 (default) starts at the first' }),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100 }),
}, { additionalProperties: false });

export const CheckpointItem = Type.Object({
  size: Type.Integer({ minimum: 0 }),
  root_hash: Base64Hash,
  key_ids: Type.Array(Type.String(), { description: 'Keys that signed it: <name>+<hex key ID>' }),
  published_at: Time,
  note: Note,
});

export const CheckpointsResponse = Type.Object({
  items: Type.Array(CheckpointItem),
  /** Pass as `after_size` for the next page. */
  next_after_size: Type.Integer({ minimum: -1 }),
});

export const KeysResponse = Type.Object({
  origin: Type.String({ description: 'The log origin: first line of every checkpoint, and the key name' }),
  keys: Type.Array(Type.Object({
    key_id: Type.String({ description: '<name>+<hex key ID>' }),
    verifier_key: Type.String({ description: 'Note verifier key <name>+<hex key ID>+<base64 Ed25519 key> (golang.org/x/mod/sumdb/note)' }),
    created_at: Time,
    signs_until: Type.Union([Time, Type.Null()], { description: 'End of its signing period; null for the current key' }),
    status: Type.Union([Type.Literal('active'), Type.Literal('retired')]),
  })),
});

export const InclusionQuery = Type.Object({
  index: Type.Optional(Index),
  leaf_hash: Type.Optional(Type.String({ pattern: LEAF_HASH_PATTERN, 'x-error-code': 'LOG_HASH_MALFORMED', description: 'RFC 9162 leaf hash SHA-256(0x00 ‖ entry): hex or base64' })),
  size: Type.Optional(Size(1, 'Tree size to prove against (default: the latest checkpoint)')),
}, { additionalProperties: false });

export const InclusionResponse = Type.Object({
  index: Type.Integer({ minimum: 0 }),
  tree_size: Type.Integer({ minimum: 1 }),
  leaf_hash: Base64Hash,
  proof: Type.Array(Base64Hash, { description: 'Audit path, leaf side first (RFC 9162 §2.1.3)' }),
  checkpoint: Type.Union([Note, Type.Null()], { description: 'The checkpoint of tree_size, if one was published at exactly that size' }),
});

export const ConsistencyQuery = Type.Object({
  from: Size(0, 'The smaller tree size'),
  to: Type.Optional(Size(0, 'The larger tree size (default: the latest checkpoint)')),
}, { additionalProperties: false });

export const ConsistencyResponse = Type.Object({
  from: Type.Integer({ minimum: 0 }),
  to: Type.Integer({ minimum: 0 }),
  proof: Type.Array(Base64Hash, { description: 'RFC 9162 §2.1.4 consistency proof' }),
  checkpoint: Type.Union([Note, Type.Null()]),
});

/** Most entries one page returns. */
export const MAX_ENTRIES_PAGE = 1000;

export const EntriesQuery = Type.Object({
  start: Index,
  end: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, 'x-error-code': 'LOG_INDEX_OUT_OF_RANGE', description: `One past the last index wanted; at most ${MAX_ENTRIES_PAGE} entries are returned per page` }),
}, { additionalProperties: false });

export const EntriesResponse = Type.Object({
  tree_size: Type.Integer({ minimum: 0 }),
  entries: Type.Array(Type.Object({
    index: Type.Integer({ minimum: 0 }),
    entry: Type.String({ description: 'The RFC 8785 canonical JSON text; its UTF-8 bytes are the leaf data' }),
  })),
});

export const SubjectQueryBody = Type.Object({
  personal_id: Type.String({ pattern: '^[0-9]{12}$', 'x-error-code': 'PERSONAL_ID_MALFORMED', description: 'Số định danh cá nhân (12 chữ số): sent in the body, never in a URL' }),
  after_index: Type.Integer({ minimum: -1, maximum: Number.MAX_SAFE_INTEGER, default: -1, 'x-error-code': 'LOG_INDEX_OUT_OF_RANGE' }),
  limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
}, { additionalProperties: false });

const Nullable = Type.Union([Type.String(), Type.Null()]);

export const SubjectQueryResponse = Type.Object({
  checkpoint: Type.Object({ size: Type.Integer({ minimum: 0 }), root_hash: Base64Hash, note: Note }),
  key_ids: Type.Array(Type.String(), { description: 'Subject HMAC keys searched (current and retired)' }),
  items: Type.Array(Type.Object({
    index: Type.Integer({ minimum: 0 }),
    time: Time,
    consumer: Nullable,
    service: Nullable,
    purpose: Nullable,
    legal_basis: Nullable,
    grant_id: Nullable,
    status: Type.Integer(),
    error_code: Nullable,
    outcome: Type.Union([Type.Literal('released'), Type.Literal('refused'), Type.Literal('failed')]),
    fields: Type.Union([Type.Array(Type.String()), Type.Null()]),
    entry: Type.String({ description: 'Canonical entry text: SHA-256(0x00 ‖ UTF-8 bytes) is the leaf hash' }),
    proof: Type.Union([Type.Array(Base64Hash), Type.Null()], { description: 'Inclusion proof against checkpoint; null if the entry is newer than it' }),
  })),
  next_after_index: Type.Integer({ minimum: -1 }),
});

export const RotateKeyBody = Type.Object({
  overlap_seconds: Type.Optional(Type.Integer({ minimum: 0, maximum: 365 * 86_400, description: 'How long the old key keeps co-signing (default NDXP_LOG_KEY_OVERLAP_S)' })),
}, { additionalProperties: false });

export const RotateKeyResponse = Type.Object({
  key_id: Type.String(),
  verifier_key: Type.String(),
  retiring: Type.Array(Type.Object({ key_id: Type.String(), signs_until: Time })),
});
