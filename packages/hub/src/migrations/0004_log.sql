-- The transparency log over the audit entries (issue 4).
--
-- audit_log (0002) stays the store of the entries themselves: leaf i of the RFC 9162 Merkle tree
-- is SHA-256(0x00 || audit_log.entry of seq i). The tables below hold what the integrator derives
-- from those entries, off the request path: the leaf hashes, the perfect-subtree hashes at the
-- c2sp.org/tlog-tiles tile levels, the compact range needed to keep appending, the signed
-- checkpoints, and the log's Ed25519 note keys. Nothing here is read or written by the audit
-- append statement, so the hot path is unchanged.

-- The log's identity, fixed at the first start: the checkpoint origin line (c2sp.org/tlog-checkpoint)
-- and the key name. A log must never change its origin, so a later start with another configured
-- origin is refused.
CREATE TABLE log_meta (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  origin      text NOT NULL,
  created_at  timestamptz NOT NULL
);

-- Ed25519 note keys (c2sp.org/signed-note). The seed is sealed with the hub's key-encryption key
-- (AES-256-GCM, AAD = key_id; identity/seal-private-jwk.ts). A key signs checkpoints from
-- created_at until signs_until (NULL: until rotated out). During a rotation the old key's
-- signs_until lies in the future, so checkpoints carry both signatures (the overlap). Retired keys
-- are kept: their public halves verify old checkpoints.
CREATE TABLE log_keys (
  key_id         text PRIMARY KEY,            -- '<name>+<hex key ID>'
  verifier_key   text NOT NULL UNIQUE,        -- '<name>+<hex key ID>+<base64(0x01 || public key)>'
  signer_sealed  text NOT NULL,
  created_at     timestamptz NOT NULL,
  signs_until    timestamptz,
  CHECK (signs_until IS NULL OR signs_until >= created_at)
);

-- One row: how far the tree goes. `range_hashes` is the compact range of [0, size): one 32-byte
-- hash per set bit of size, largest subtree first, concatenated (at most 53 hashes), so appending
-- never reads the tree back. `checkpoint_size` is the size of the latest published checkpoint.
CREATE TABLE log_tree (
  id               boolean PRIMARY KEY DEFAULT true CHECK (id),
  size             bigint NOT NULL CHECK (size >= 0),
  root             bytea NOT NULL CHECK (length(root) = 32),
  range_hashes     bytea NOT NULL CHECK (length(range_hashes) % 32 = 0),
  checkpoint_size  bigint NOT NULL CHECK (checkpoint_size >= 0 AND checkpoint_size <= size),
  updated_at       timestamptz NOT NULL
);
-- The empty tree: root = SHA-256 of the empty string (RFC 9162 §2.1.1), no checkpoint yet (-> 0).
INSERT INTO log_tree (id, size, root, range_hashes, checkpoint_size, updated_at)
VALUES (true, 0, sha256(''::bytea), ''::bytea, 0, now());

-- Leaf hashes (tree level 0), one row per entry. Lookup by leaf hash uses a hash index: the key is
-- a uniformly random 32-byte string, for which a hash index is smaller than a B-tree and only
-- equality is ever asked.
CREATE TABLE log_leaves (
  seq        bigint PRIMARY KEY CHECK (seq >= 0),
  leaf_hash  bytea NOT NULL CHECK (length(leaf_hash) = 32)
);
CREATE INDEX log_leaves_hash ON log_leaves USING hash (leaf_hash);

-- Perfect-subtree hashes at tree levels 8, 16, 24, ... (the c2sp.org/tlog-tiles tile levels above
-- the leaves). Every other node of the tree is recomputed from these and the leaves, inside one
-- tile, so a proof reads a handful of tiles whatever the size.
CREATE TABLE log_nodes (
  level  smallint NOT NULL CHECK (level > 0 AND level % 8 = 0),
  idx    bigint NOT NULL CHECK (idx >= 0),
  hash   bytea NOT NULL CHECK (length(hash) = 32),
  PRIMARY KEY (level, idx)
);

-- Every published checkpoint, in publication order (sizes only grow), so consistency between any
-- two of them can be shown, and so a verifier can check the whole history of signatures.
CREATE TABLE log_checkpoints (
  size          bigint PRIMARY KEY CHECK (size >= 0),
  root          bytea NOT NULL CHECK (length(root) = 32),
  note          text NOT NULL,
  key_ids       text[] NOT NULL,
  published_at  timestamptz NOT NULL
);
