import canonicalize from 'canonicalize';

/**
 * One audit entry: what the hub did with one exchange, denials included.
 *
 * It is designed to become a leaf of the RFC 9162 Merkle transparency log (issue 4) unchanged:
 * the stored bytes are the RFC 8785 (JCS) canonical JSON of this object, so anyone can re-derive
 * the leaf hash `SHA-256(0x00 || entry)` from the members alone. The sequence number is *not* a
 * member: in a Merkle log a leaf's index is its position in the tree, assigned at append time.
 *
 * Serialisable parameters only, never request or token objects (habit from opencrvs-core
 * `storage/postgres/events/auditLog.ts`). Raw personal IDs never appear: the subject is a keyed
 * hash (HMAC-SHA256) and the key id that made it. Paths and query strings are not recorded
 * because they can carry a personal ID.
 */
export interface AuditEntry {
  /** Entry format version. */
  readonly v: 1;
  /** When the hub received the request: RFC 3339 UTC with milliseconds. */
  readonly time: string;
  readonly request_id: string;
  /** Which hub process handled the exchange. */
  readonly hub_instance: string;
  /** Authenticated consumer subsystem (`member/subsystem`); null when authentication failed. */
  readonly consumer: string | null;
  /** Catalogued service id; null when the path named no known service. */
  readonly service: string | null;
  readonly method: string;
  /** Purpose code as asked; null when absent or not a well-formed purpose code. */
  readonly purpose: string | null;
  readonly grant_id: string | null;
  /** Legal basis of the grant used (the citizen view shows it). */
  readonly legal_basis: string | null;
  /** JSON pointers released to the consumer (after projection); null when nothing was released. */
  readonly fields: readonly string[] | null;
  /** HTTP status returned to the consumer. */
  readonly status: number;
  /** HTTP status the provider answered with; null when the request was not forwarded or got no answer. */
  readonly provider_status: number | null;
  /** NDXP error code (problem `code`) when the exchange failed; null on success. */
  readonly error_code: string | null;
  /** Time spent in the hub and the provider until the entry was made, microseconds. */
  readonly latency_us: number;
  /** Hex SHA-256 of the request body as received; null when the body was never read (early denial). */
  readonly request_sha256: string | null;
  /** Hex SHA-256 of the response body released to the consumer. */
  readonly response_sha256: string;
  /** Hex HMAC-SHA256 of the data subject's personal ID; null when the request names no subject. */
  readonly subject_hmac: string | null;
  /** Id of the HMAC key that made `subject_hmac` (keys rotate). */
  readonly subject_key_id: string | null;
}

/**
 * The RFC 8785 canonical JSON of an entry: the exact bytes stored, hashed and, in issue 4,
 * placed in the Merkle tree.
 */
export function canonicalEntry(entry: AuditEntry): string {
  const text = canonicalize(entry);
  // canonicalize returns undefined only for undefined input; an AuditEntry is always an object.
  if (text === undefined) throw new TypeError('audit entry is not serialisable');
  return text;
}
