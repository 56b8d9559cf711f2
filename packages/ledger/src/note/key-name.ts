/**
 * Whether `name` is a valid note key name (c2sp.org/signed-note): non-empty, well-formed Unicode,
 * no Unicode white space (Go's unicode.IsSpace, plus U+FEFF) and no plus sign, because key strings
 * use `+` as a separator and signature lines use a space.
 */
export function isValidKeyName(name: string): boolean {
  return name.length > 0 && !INVALID.test(name);
}

// \s covers the Unicode space separators, tab, line breaks, U+00A0, U+1680, U+2000–U+200A,
// U+2028/9, U+202F, U+205F, U+3000 and U+FEFF; Go also counts U+0085. In /u mode a surrogate
// range only matches lone surrogates, which are not valid UTF-8. Control characters are banned
// from whole notes anyway, and here too.
// eslint-disable-next-line no-control-regex
const INVALID = /[\s\u0085+\u0000-\u001f\u007f]|[\ud800-\udfff]/u;
