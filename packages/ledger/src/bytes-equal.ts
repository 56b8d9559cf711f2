/**
 * Whether two byte strings are identical. Not constant-time: everything the ledger compares
 * (hashes, roots) is public, so timing reveals nothing secret.
 */
export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
