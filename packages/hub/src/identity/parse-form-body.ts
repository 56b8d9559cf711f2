import { NdxpError } from '@ndxp/core';

/**
 * Parse an `application/x-www-form-urlencoded` body (the token endpoint's format, RFC 6749 §4.4.2,
 * RFC 7523 §2.2) into a plain record. A parameter sent twice is refused: RFC 6749 §3.2 says
 * request parameters MUST NOT be included more than once, and accepting the first or the last
 * copy would let two parsers disagree about what the request meant.
 */
export function parseFormBody(body: string): Record<string, string> {
  const out: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [name, value] of new URLSearchParams(body)) {
    if (Object.hasOwn(out, name)) {
      throw new NdxpError('VALIDATION_FAILED', { detail: `parameter "${name.slice(0, 64)}" is repeated (RFC 6749 §3.2)`, extensions: { error: 'invalid_request' } });
    }
    out[name] = value;
  }
  return { ...out };
}
