/**
 * RFC 6901 JSON pointers, the way fields are named in the catalogue and in grants. Only what the
 * adapter needs: split, read, write, and keep-only-these-fields.
 */

/** `/a/b~1c` → `['a', 'b/c']`; `''` → `[]`. Throws on a pointer that does not start with `/`. */
export function parsePointer(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`not a JSON pointer: ${JSON.stringify(pointer)}`);
  return pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Whether `text` is a syntactically valid, non-empty RFC 6901 pointer. */
export function isPointer(text: string): boolean {
  return /^(\/([^~/]|~[01])*)+$/.test(text);
}

/** Read the value at `pointer` (undefined when absent). */
export function getAt(doc: unknown, pointer: string): unknown {
  let v = doc;
  for (const seg of parsePointer(pointer)) {
    if (Array.isArray(v)) v = /^(0|[1-9][0-9]*)$/.test(seg) ? v[Number(seg)] : undefined;
    else if (typeof v === 'object' && v !== null && Object.hasOwn(v, seg)) v = (v as Record<string, unknown>)[seg];
    else return undefined;
  }
  return v;
}

/** Write `value` at `pointer`, creating intermediate objects. */
export function setAt(doc: Record<string, unknown>, pointer: string, value: unknown): void {
  const segs = parsePointer(pointer);
  let node: Record<string, unknown> = doc;
  segs.forEach((seg, i) => {
    if (i === segs.length - 1) {
      node[seg] = value;
      return;
    }
    const next = node[seg];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[seg] = {};
    node = node[seg] as Record<string, unknown>;
  });
}

/**
 * Keep only the members named by `pointers` (data minimisation at the source, Law 91/2025/QH15
 * principle of minimisation). A pointer to an object keeps the whole object.
 */
export function projectPointers(doc: Record<string, unknown>, pointers: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const p of pointers) {
    const v = getAt(doc, p);
    if (v !== undefined) setAt(out, p, v);
  }
  return out;
}

/** Two pointers conflict when one is a proper prefix of the other (`/a` and `/a/b`). */
export function pointersConflict(a: string, b: string): boolean {
  return a !== b && (b.startsWith(`${a}/`) || a.startsWith(`${b}/`));
}
