/** RFC 6901 JSON pointer syntax: `/`-separated tokens with `~0` (~) and `~1` (/) escapes. */
export const JSON_POINTER = /^(\/([^~/]|~[01])*)+$/;

/** Split a JSON pointer into its unescaped reference tokens (RFC 6901 §4: ~1 before ~0). */
export function pointerTokens(pointer: string): string[] {
  return pointer.split('/').slice(1).map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value at `pointer` in `doc`, or undefined. Arrays accept decimal indexes only. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const token of pointerTokens(pointer)) {
    if (Array.isArray(cur)) {
      if (!/^(0|[1-9][0-9]*)$/.test(token)) return undefined;
      cur = cur[Number(token)];
    } else if (cur !== null && typeof cur === 'object' && Object.hasOwn(cur, token)) {
      cur = (cur as Record<string, unknown>)[token];
    } else {
      return undefined;
    }
  }
  return cur;
}
