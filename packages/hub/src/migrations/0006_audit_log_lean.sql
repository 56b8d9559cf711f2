-- Less work per audit append: every exchange inserts one row into audit_log, on the path each
-- answer waits for (no data without a durable log entry), so every index on it and every byte of
-- it is paid millions of times a day.
--
-- 1. Indexes match the queries that exist. Nothing selects by consumer alone or by service alone
--    ordered by sequence number: audit_log_consumer (consumer_id, seq) and audit_log_service
--    (service_id, seq) were maintained on every append and read by no query. The plan's traffic
--    figures (plan/read-link-traffic.ts) select one (service, consumer) pair over a time range,
--    which audit_log_service_at (service_id, at) answered by filtering the consumer row by row;
--    one index on (service_id, consumer_id, at) answers them exactly. Five indexes become three.
-- 2. The subject HMAC is stored as its 32 bytes, not 64 hexadecimal characters: the subject index
--    takes a key per citizen in random order (10^8 of them at national scale) and was the largest
--    audit index (66 MB against 14 MB for the primary key after a 10-minute soak, bench/soak.md).
--    The canonical entry keeps the hexadecimal form (it is what is hashed and published); the
--    column is a copy for lookup, decoded by the append statement.
--
-- Both changes rewrite nothing the Merkle log depends on: `entry` is untouched. On an existing log
-- the type change rewrites audit_log's partitions under an exclusive lock, so it is applied while
-- the hubs are stopped, like every migration.

DROP INDEX audit_log_consumer;
DROP INDEX audit_log_service;
DROP INDEX audit_log_service_at;
CREATE INDEX audit_log_link ON audit_log (service_id, consumer_id, at);

ALTER TABLE audit_log ALTER COLUMN subject_hmac TYPE bytea USING decode(subject_hmac, 'hex');
