import { NdxpError, type FieldError } from '@ndxp/core';

/** An RFC 6901 JSON pointer to something inside the document (not the whole document). */
export const FIELD_POINTER = /^(\/([^~/]|~[01])*)+$/;

/**
 * Check a service's field list: non-empty RFC 6901 JSON pointers into the response body, each
 * once. The same rule applies to a grant's fields, which must also be a subset of the service's.
 */
export function validateFieldPointers(fields: readonly string[], pointerBase = '/fields'): void {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (!FIELD_POINTER.test(f)) errors.push({ in: 'body', pointer: `${pointerBase}/${i}`, message: 'must be an RFC 6901 JSON pointer such as /full_name (~0 and ~1 are the only escapes)' });
    else if (seen.has(f)) errors.push({ in: 'body', pointer: `${pointerBase}/${i}`, message: `duplicate field ${f}` });
    seen.add(f);
  });
  if (errors.length > 0) throw new NdxpError('VALIDATION_FAILED', { detail: `${errors[0]!.pointer}: ${errors[0]!.message}`, errors });
}
