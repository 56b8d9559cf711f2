import { NdxpError, unsafeBrand, type ServiceId } from '@ndxp/core';

/** The service a data-plane URL names, and the part to forward to the provider. */
export interface ExchangeTarget {
  readonly serviceId: ServiceId;
  /** Path below the service, as received (percent-encoding kept), always starting with `/`. */
  readonly tail: string;
  /** `tail` split into decoded segments (for locating path parameters). */
  readonly segments: readonly string[];
  /** Raw query string without `?`, or '' when absent. */
  readonly query: string;
}

/** The data-plane prefix: `/x/{member}/{subsystem}/{service}/{version}`. */
export const DATA_PLANE_PREFIX = '/x/';

// Same shapes as the CHECK constraints of 0001_identity_catalogue_grants.sql.
const MEMBER = /^[A-Z0-9][A-Z0-9.]{1,31}$/;
const CODE = /^[a-z0-9][a-z0-9-]{0,62}$/;
const VERSION = /^v[0-9]+$/;
// Anything a path could use to climb out of the provider's base path, or to smuggle a byte that
// different parsers read differently: backslashes, NUL and other controls, raw or encoded.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_DECODED = /[\\/\u0000-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const CONTROL_IN_QUERY = /[\u0000-\u001f\u007f]|%00/i;

function isTraversalOnceMore(decoded: string): boolean {
  let again: string;
  try {
    again = decodeURIComponent(decoded);
  } catch {
    return false; // a literal `%` that is not an escape: not an encoding of anything
  }
  return again === '.' || again === '..' || FORBIDDEN_DECODED.test(again);
}

function invalid(detail: string): NdxpError {
  return new NdxpError('PATH_INVALID', { detail });
}

/**
 * Parse the request target of a data-plane call. The raw URL is parsed here, not the router's
 * decoded parameters, so that what is checked is exactly what is forwarded.
 *
 * Path tricks are refused with `PATH_INVALID` rather than normalised (RFC 3986 §5.2.4 dot-segment
 * removal would silently change which resource is asked for): `.` and `..` segments raw or
 * percent-encoded (`%2e%2e`) or double-encoded (`%252e%252e`), encoded slashes (`%2f`, `%252f`), backslashes, NUL and control characters,
 * empty segments (`//`) and malformed percent-encoding. Since every forwarded segment is then a
 * plain name, the forwarded path always stays below the provider's base path.
 */
export function parseExchangePath(rawUrl: string): ExchangeTarget {
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const query = q < 0 ? '' : rawUrl.slice(q + 1);
  if (!path.startsWith(DATA_PLANE_PREFIX)) throw invalid('not a data-plane path');
  if (path.includes('\\')) throw invalid('backslash in path');
  if (query.includes('#')) throw invalid('fragment in request target');
  const parts = path.slice(DATA_PLANE_PREFIX.length).split('/');
  const [member, subsystem, service, version] = parts;
  if (member === undefined || subsystem === undefined || service === undefined || version === undefined || !MEMBER.test(member) || !CODE.test(subsystem) || !CODE.test(service) || !VERSION.test(version)) {
    throw new NdxpError('SERVICE_NOT_FOUND', { detail: 'expected /x/{member}/{subsystem}/{service}/{version}/{path}' });
  }
  const rawSegments = parts.slice(4);
  const segments: string[] = [];
  for (let i = 0; i < rawSegments.length; i++) {
    const raw = rawSegments[i]!;
    // One empty segment at the end is a trailing slash (`/v1/things/`); anywhere else it is `//`.
    if (raw === '') {
      if (i === rawSegments.length - 1 && i > 0) {
        segments.push('');
        continue;
      }
      if (rawSegments.length === 1) continue; // `/x/A/b/c/v1/` = the service root
      throw invalid('empty path segment');
    }
    let decoded: string;
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      throw invalid('malformed percent-encoding');
    }
    if (decoded === '.' || decoded === '..') throw invalid('dot segment');
    if (FORBIDDEN_DECODED.test(decoded)) throw invalid('encoded slash, backslash or control character');
    // Double encoding (`%252e%252e`, `%252f`): harmless to a provider that decodes once, a
    // traversal for one that decodes twice (CWE-174). No legitimate segment needs it; refuse.
    if (decoded.includes('%') && isTraversalOnceMore(decoded)) throw invalid('double-encoded dot segment, slash, backslash or control character');
    segments.push(decoded);
  }
  if (CONTROL_IN_QUERY.test(query)) throw invalid('control character in query');
  const tail = rawSegments.length === 0 ? '/' : '/' + rawSegments.join('/');
  return { serviceId: unsafeBrand<'ServiceId'>(`${member}/${subsystem}/${service}/${version}`) as ServiceId, tail, segments, query };
}
