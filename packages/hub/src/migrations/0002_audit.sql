-- Durable audit of every exchange through the data plane, denials included.
--
-- Each row is one entry. `entry` holds the RFC 8785 canonical JSON of the entry exactly as it
-- was hashed and as it will become a Merkle leaf (RFC 9162: leaf hash = SHA-256(0x00 || entry)),
-- so it is stored as text, never as jsonb (jsonb would reorder members and change the bytes).
-- The other columns are copies of members of `entry`, extracted by the append statement itself,
-- for indexing and queries; `entry` is the source of truth.
--
-- Raw personal IDs never appear here: only an HMAC-SHA256 of the subject's ID and the id of the
-- key that made it (Law 91/2025/QH15 on personal data protection: minimisation).

-- One row: the next sequence number to hand out. Every append statement locks this row
-- (UPDATE ... RETURNING), so concurrent appends from several hub processes are serialised and
-- sequence numbers are dense (0, 1, 2, ... without gaps) and follow commit order.
CREATE TABLE audit_log_state (
  id        boolean PRIMARY KEY DEFAULT true CHECK (id),
  next_seq  bigint NOT NULL CHECK (next_seq >= 0)
);
INSERT INTO audit_log_state (id, next_seq) VALUES (true, 0);

CREATE TABLE audit_log (
  seq              bigint PRIMARY KEY CHECK (seq >= 0),
  at               timestamptz NOT NULL,
  request_id       text NOT NULL,
  hub_instance     text NOT NULL,
  consumer_id      text,
  service_id       text,
  method           text NOT NULL,
  purpose          text,
  grant_id         uuid,
  status           smallint NOT NULL,
  error_code       text,
  latency_us       integer NOT NULL,
  request_sha256   text,
  response_sha256  text NOT NULL,
  subject_hmac     text,
  subject_key_id   text,
  entry            text NOT NULL
);
CREATE INDEX audit_log_subject ON audit_log (subject_hmac, seq) WHERE subject_hmac IS NOT NULL;
CREATE INDEX audit_log_consumer ON audit_log (consumer_id, seq);
CREATE INDEX audit_log_service ON audit_log (service_id, seq);

-- Per-grant quota usage per fixed one-minute window, shared by every hub process. Each audit
-- append statement adds the admissions a process made since its previous append and reads back
-- the totals, so every process learns what the others used (see exchange/quota-limiter.ts).
CREATE TABLE grant_quota_usage (
  grant_id      uuid NOT NULL,
  window_start  timestamptz NOT NULL,
  used          integer NOT NULL CHECK (used >= 0),
  PRIMARY KEY (grant_id, window_start)
);
CREATE INDEX grant_quota_usage_window ON grant_quota_usage (window_start);
