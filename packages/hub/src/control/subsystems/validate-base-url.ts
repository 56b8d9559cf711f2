import { NdxpError } from '@ndxp/core';

/**
 * Check a provider's base URL and return it without a trailing slash. The hub appends the
 * service path to it, so it must be plain http(s) with no credentials (they would end up in logs),
 * query or fragment (they would silently change every forwarded request).
 */
export function validateBaseUrl(input: string): string {
  const fail = (why: string): never => {
    throw new NdxpError('VALIDATION_FAILED', { detail: `base_url ${why}`, errors: [{ in: 'body', pointer: '/base_url', message: why }] });
  };
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return fail('is not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') fail('must use http or https');
  if (url.username !== '' || url.password !== '') fail('must not contain credentials');
  if (url.search !== '' || url.hash !== '' || input.includes('?') || input.includes('#')) fail('must not have a query or fragment');
  return url.toString().replace(/\/+$/, '');
}
