-- The audit log and the leaf hashes, partitioned by sequence-number range (DESIGN.md, "Scale-out
-- path", step 3).
--
-- Why: both tables carry an index on a key that arrives in random order: audit_log_subject
-- (subject HMACs, one per citizen: 10^8 of them) and log_leaves_hash (SHA-256 leaf hashes). An
-- insert into such an index touches a random page; after each checkpoint the first change to a
-- page writes the whole page into the WAL (full_page_writes), so one unpartitioned index of 10^9
-- entries would log gigabytes of full-page images per checkpoint, on the same WAL flush every
-- audit commit waits for (the soak measured the count growing run over run: bench/soak.md). With
-- ranges of `size` entries, inserts land only in the newest partition, whose indexes stay small
-- and cached whatever the log's age; lookups by subject or leaf hash probe each partition's index.
--
-- Partitions of both tables share the same bounds, recorded in log_partitions. They are made
-- ahead of need by ndxp_ensure_log_partitions (called by the audit writer: audit/ensure-log-partitions.ts).
-- An append that finds no partition for its rows creates one and retries; if that fails, the
-- exchange is refused (fail closed), as for any other audit failure.
--
-- Existing entries stay where they are: the old tables become the first partition, [0, next_seq).

CREATE TABLE log_partitions (
  lower  bigint PRIMARY KEY CHECK (lower >= 0),
  upper  bigint NOT NULL UNIQUE,
  CHECK (upper > lower)
);

-- The old tables give up their names (index names are schema-wide).
ALTER TABLE audit_log RENAME TO audit_log_0;
ALTER INDEX audit_log_pkey RENAME TO audit_log_0_pkey;
ALTER INDEX audit_log_subject RENAME TO audit_log_0_subject;
ALTER INDEX audit_log_consumer RENAME TO audit_log_0_consumer;
ALTER INDEX audit_log_service RENAME TO audit_log_0_service;
ALTER INDEX audit_log_service_at RENAME TO audit_log_0_service_at;
ALTER TABLE log_leaves RENAME TO log_leaves_0;
ALTER INDEX log_leaves_pkey RENAME TO log_leaves_0_pkey;
ALTER INDEX log_leaves_hash RENAME TO log_leaves_0_hash;

-- The same columns and checks, partitioned; the indexes of 0002, 0003 and 0004 on the parents.
CREATE TABLE audit_log (LIKE audit_log_0 INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (seq);
ALTER TABLE audit_log ADD PRIMARY KEY (seq);
CREATE INDEX audit_log_subject ON audit_log (subject_hmac, seq) WHERE subject_hmac IS NOT NULL;
CREATE INDEX audit_log_consumer ON audit_log (consumer_id, seq);
CREATE INDEX audit_log_service ON audit_log (service_id, seq);
CREATE INDEX audit_log_service_at ON audit_log (service_id, at);

CREATE TABLE log_leaves (LIKE log_leaves_0 INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY RANGE (seq);
ALTER TABLE log_leaves ADD PRIMARY KEY (seq);
CREATE INDEX log_leaves_hash ON log_leaves USING hash (leaf_hash);

-- Entries written so far become partition [0, next_seq) of each table (their indexes are equal
-- to the parents' and are attached, not rebuilt); an empty log starts with no partition.
DO $$
DECLARE
  n bigint;
BEGIN
  SELECT next_seq INTO n FROM audit_log_state;
  IF n > 0 THEN
    EXECUTE format('ALTER TABLE audit_log ATTACH PARTITION audit_log_0 FOR VALUES FROM (0) TO (%s)', n);
    EXECUTE format('ALTER TABLE log_leaves ATTACH PARTITION log_leaves_0 FOR VALUES FROM (0) TO (%s)', n);
    INSERT INTO log_partitions (lower, upper) VALUES (0, n);
  ELSE
    DROP TABLE audit_log_0;
    DROP TABLE log_leaves_0;
  END IF;
END
$$;

-- Make partitions of `p_size` entries until sequence numbers below next_seq + p_ahead are covered;
-- returns the first sequence number not covered. Callers may race (several hub processes): the
-- advisory lock serialises them and the second finds the work done. A partition is created as a
-- table of its own and then attached, which takes only a SHARE UPDATE EXCLUSIVE lock on the parent,
-- so appends and reads go on meanwhile (PostgreSQL manual, "Partition Maintenance").
CREATE FUNCTION ndxp_ensure_log_partitions(p_ahead bigint, p_size bigint) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  target bigint;
  hi bigint;
BEGIN
  IF p_size < 1 OR p_ahead < 0 THEN
    RAISE EXCEPTION 'partition size must be positive and lookahead not negative';
  END IF;
  PERFORM pg_advisory_xact_lock(1313102928); -- the bytes of 'NDXP'
  SELECT next_seq + p_ahead INTO target FROM audit_log_state;
  SELECT coalesce(max(upper), 0) INTO hi FROM log_partitions;
  WHILE hi < target LOOP
    EXECUTE format('CREATE TABLE %I (LIKE audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', 'audit_log_' || hi);
    EXECUTE format('ALTER TABLE audit_log ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)', 'audit_log_' || hi, hi, hi + p_size);
    EXECUTE format('CREATE TABLE %I (LIKE log_leaves INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', 'log_leaves_' || hi);
    EXECUTE format('ALTER TABLE log_leaves ATTACH PARTITION %I FOR VALUES FROM (%s) TO (%s)', 'log_leaves_' || hi, hi, hi + p_size);
    INSERT INTO log_partitions (lower, upper) VALUES (hi, hi + p_size);
    hi := hi + p_size;
  END LOOP;
  RETURN hi;
END
$$;
