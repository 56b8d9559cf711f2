import { pointerTokens } from './json-pointer.ts';

/** A compiled set of JSON pointers: a trie of reference tokens. */
export interface Projection {
  /** The whole value at this node is selected. */
  all: boolean;
  readonly children: Map<string, Projection>;
}

/** The wildcard token: every element of an array (or member of an object) at that level. */
export const WILDCARD = '*';

/** Compile JSON pointers (RFC 6901, plus the `*` wildcard token) into a selection trie. */
export function compileProjection(pointers: readonly string[]): Projection {
  const root: Projection = { all: false, children: new Map() };
  for (const p of pointers) {
    let node = root;
    for (const token of pointerTokens(p)) {
      let next = node.children.get(token);
      if (next === undefined) {
        next = { all: false, children: new Map() };
        node.children.set(token, next);
      }
      node = next;
    }
    node.all = true;
  }
  return root;
}

function project(value: unknown, node: Projection): unknown {
  if (node.all) return value;
  if (Array.isArray(value)) {
    const each = node.children.get(WILDCARD);
    const out: unknown[] = [];
    for (let i = 0; i < value.length; i++) {
      const sel = node.children.get(String(i)) ?? each;
      if (sel === undefined) continue;
      const v = project(value[i], sel);
      if (v !== undefined) out.push(v);
    }
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const src = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    const each = node.children.get(WILDCARD);
    for (const key of Object.keys(src)) {
      const sel = node.children.get(key) ?? each;
      if (sel === undefined) continue;
      const v = project(src[key], sel);
      if (v !== undefined) {
        out[key] = v;
      }
    }
    return out;
  }
  // A scalar where the selection expects structure: nothing selected below it.
  return undefined;
}

/**
 * Project a provider's JSON response to exactly the selected fields (the data-minimisation rule
 * of the grant, Law 91/2025/QH15 Art. 3: only the data needed for the purpose). Members and
 * elements outside the selection are dropped; a selected pointer keeps its whole subtree;
 * missing fields stay missing (never invented). Selected members keep their position so the
 * result reads like the original. For arrays, `*` selects every element and a decimal token one
 * element (the result array is compacted).
 *
 * The root itself is always an object or array in the result when it was one in the input.
 */
export function projectFields(doc: unknown, selection: Projection): unknown {
  const out = project(doc, selection);
  if (out === undefined) return Array.isArray(doc) ? [] : doc !== null && typeof doc === 'object' ? {} : null;
  return out;
}
