import { NdxpError } from '@ndxp/core';
import { JSON_POINTER } from '@ndxp/core';

/** A requested pointer is covered by a granted one if it is that field or lies inside it. */
function covered(requested: string, granted: readonly string[]): boolean {
  for (const g of granted) if (requested === g || requested.startsWith(g + '/')) return true;
  return false;
}

/**
 * The fields to release for this call. The consumer may narrow the grant with
 * `X-Ndxp-Fields: /a,/b` (comma-separated JSON pointers); without the header every granted field
 * is released. Asking for anything the grant does not cover is refused (`FIELD_NOT_GRANTED`)
 * rather than silently dropped, so a consumer learns at once that its grant is too narrow.
 */
export function selectFields(granted: readonly string[], header: string | string[] | undefined): readonly string[] {
  if (header === undefined) return granted;
  const text = Array.isArray(header) ? header.join(',') : header;
  const asked = [...new Set(text.split(',').map((s) => s.trim()).filter((s) => s !== ''))];
  if (asked.length === 0) return granted;
  for (const f of asked) {
    if (!JSON_POINTER.test(f)) throw new NdxpError('HEADER_INVALID', { detail: `X-Ndxp-Fields: ${JSON.stringify(f.slice(0, 100))} is not a JSON pointer (RFC 6901)` });
  }
  const outside = asked.filter((f) => !covered(f, granted));
  if (outside.length > 0) throw new NdxpError('FIELD_NOT_GRANTED', { detail: `not covered by the grant: ${outside.slice(0, 10).join(', ')}`, extensions: { fields: outside.slice(0, 50) } });
  return asked;
}
