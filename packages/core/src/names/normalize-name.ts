/** Any run of Unicode white space (including NBSP and the ideographic space). */
const SPACES = /[\s\u00a0\u2000-\u200b\u3000\ufeff]+/gu;

/**
 * Canonical display form of a Vietnamese name: Unicode NFC (so a name typed with combining
 * marks, as some Vietnamese keyboards and legacy converters produce, equals the precomposed
 * form), trimmed, with every run of white space collapsed to one ASCII space. Case and
 * diacritics are kept exactly.
 */
export function normalizeName(name: string): string {
  return name.normalize('NFC').replace(SPACES, ' ').trim();
}
