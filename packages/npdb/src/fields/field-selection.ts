import { compileProjection, JSON_POINTER, NdxpError, projectFields, WILDCARD, type Projection } from '@ndxp/core';
import { CITIZEN_FIELD_NAMES, isCitizenFieldName, type CitizenFieldName } from './citizen-fields.ts';

/**
 * A set of JSON pointers compiled to a trie of reference tokens, with the hub's conventions
 * (RFC 6901 pointers, plus `*` for every element): the same projection the hub applies.
 */
export type PointerTrie = Projection;

/** What to compute and release for one lookup. */
export interface FieldSelection {
  /** Top-level fields to compute (and so the queries to run). */
  readonly fields: ReadonlySet<CitizenFieldName>;
  /** When set, the response is projected to these pointers (the hub's grant). */
  readonly granted: PointerTrie | undefined;
}


/** Parse `?fields=full_name,date_of_birth`; absent means every field. Unknown names: FIELD_UNKNOWN. */
export function parseRequestedFields(query: string | undefined): Set<CitizenFieldName> {
  if (query === undefined) return new Set(CITIZEN_FIELD_NAMES);
  const names = query.split(',');
  const unknown = names.filter((n) => !isCitizenFieldName(n));
  if (unknown.length > 0) {
    throw new NdxpError('FIELD_UNKNOWN', {
      detail: `unknown field(s): ${unknown.join(', ')}`,
      errors: [{ in: 'query', pointer: '/fields', message: `unknown field(s): ${unknown.join(', ')}` }],
    });
  }
  return new Set(names as CitizenFieldName[]);
}

/** Compile pointers into a trie. Throws HEADER_INVALID for anything that is not a pointer. */
export function compilePointers(pointers: readonly string[]): PointerTrie {
  for (const p of pointers) {
    if (!JSON_POINTER.test(p)) {
      throw new NdxpError('HEADER_INVALID', {
        detail: `x-ndxp-fields: ${JSON.stringify(p.slice(0, 100))} is not a JSON pointer (RFC 6901)`,
        errors: [{ in: 'headers', pointer: '/x-ndxp-fields', message: 'not a list of JSON pointers' }],
      });
    }
  }
  return compileProjection(pointers);
}

/**
 * Intersect the requested fields with what the hub released (`x-ndxp-fields`: the consumer's
 * granted pointers, comma-separated), so data outside the grant is never even read: minimisation
 * at the source (Law 91/2025/QH15 on personal data protection). Without the header (a direct
 * call), the request alone decides. A header that is present but empty releases nothing.
 */
export function selectFields(requested: ReadonlySet<CitizenFieldName>, grantedHeader: string | undefined): FieldSelection {
  if (grantedHeader === undefined) return { fields: requested, granted: undefined };
  const granted = compilePointers(grantedHeader.split(',').map((p) => p.trim()).filter((p) => p !== ''));
  if (granted.all || granted.children.has(WILDCARD)) return { fields: requested, granted };
  const fields = new Set<CitizenFieldName>();
  for (const f of requested) if (granted.children.has(f)) fields.add(f);
  return { fields, granted };
}

/**
 * Project a value to a trie: selected members keep their whole subtree; `*` selects every
 * element or member; a pointer into a plain value grants nothing.
 */
export function projectValue(value: unknown, node: PointerTrie): unknown {
  return projectFields(value, node);
}
