import { NdxpError } from '@ndxp/core';

/**
 * Decode a leaf hash given in a URL: 64 hex digits, or 32 bytes in base64 or base64url (the schema
 * has already checked the shape).
 *
 * @throws NdxpError `LOG_HASH_MALFORMED` if it does not decode to 32 bytes.
 */
export function parseLeafHash(text: string): Uint8Array {
  const bytes = /^[0-9a-fA-F]{64}$/.test(text)
    ? Buffer.from(text, 'hex')
    : Buffer.from(text.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
  if (bytes.length !== 32) throw new NdxpError('LOG_HASH_MALFORMED', { detail: 'a leaf hash is 32 bytes: 64 hex digits or 44 base64 characters' });
  return new Uint8Array(bytes);
}
