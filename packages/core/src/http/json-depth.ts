/**
 * Deepest nesting of objects and arrays NDXP accepts in a JSON document, from a client or from a
 * provider. Real documents stay far below it (an OpenAPI document of the NPDB nests 19 levels); a
 * few kilobytes of `[[[[...` nested 100,000 deep would otherwise pass every size limit and then
 * overflow the stack of any recursive walk (JSON.stringify, RFC 8785 canonicalisation, projection),
 * a denial of service (CWE-674).
 */
export const MAX_JSON_DEPTH = 100;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when `text` (JSON, not necessarily valid) nests objects and arrays more than `maxDepth`
 * deep. One pass over the characters, no allocation: brackets inside strings are skipped, so it is
 * safe to run before parsing anything.
 */
export function exceedsJsonDepth(text: string, maxDepth: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) {
      inString = true;
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > maxDepth) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
      depth--;
    }
  }
  return false;
}
