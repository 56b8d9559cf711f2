import { createSubjectHasher, type SubjectHasher } from '../audit/subject-hasher.ts';

/**
 * Every subject HMAC key the hub knows: the current one (which the data plane hashes new entries
 * with) first, then the retired ones. Each entry records the id of the key that hashed it, so after
 * a rotation a query hashes the personal ID under each key and matches (key id, hash) pairs: old
 * entries stay findable, and no stored hash ever has to be recomputed.
 */
export function subjectHashers(current: Buffer, retired: readonly Buffer[]): SubjectHasher[] {
  const all = [current, ...retired].map(createSubjectHasher);
  return all.filter((h, i) => all.findIndex((o) => o.keyId === h.keyId) === i);
}
