import { createHash } from 'node:crypto';

/** Hex SHA-256 of a body (empty input hashes the empty string). */
export function sha256Hex(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}
