import { NdxpError, validatePersonalId, type FieldError, type PersonalId } from '@ndxp/core';

/**
 * The schema checks the shape (12 digits); this checks the rest of the structure that makes a
 * number possible at all (digits 1–3 one of the 63 province codes). An impossible number is
 * PERSONAL_ID_MALFORMED, not CITIZEN_NOT_FOUND: it tells the caller to fix the input.
 */
export function checkPersonalId(value: string, where: FieldError['in'], pointer: string): PersonalId {
  const v = validatePersonalId(value);
  if (v.ok) return v.value;
  const message = v.reasons.map((r) => r.message).join('; ');
  throw new NdxpError('PERSONAL_ID_MALFORMED', { detail: `${pointer}: ${message}`, errors: v.reasons.map((r) => ({ in: where, pointer, message: r.message })) });
}
