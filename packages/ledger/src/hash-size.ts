/** Size in bytes of every hash in the log: SHA-256 (RFC 9162 §2.1 with SHA-256, as in RFC 6962). */
export const HASH_SIZE = 32;
