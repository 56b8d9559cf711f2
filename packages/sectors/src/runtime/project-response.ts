/**
 * Keep only the granted fields of a response, at the source (the provider receives the field list
 * in the hub assertion and returns no more: data minimisation, Law 91/2025/QH15). Pointers follow
 * RFC 6901 with the hub's `*` token for "every element of this array", so `/items/*\/tax_code`
 * keeps the tax code of every item. A pointer to an object keeps all of it.
 */
interface Node {
  all: boolean;
  readonly children: Map<string, Node>;
}

function compile(pointers: readonly string[]): Node {
  const root: Node = { all: false, children: new Map() };
  for (const p of pointers) {
    let node = root;
    for (const token of p.split('/').slice(1).map((t) => t.replaceAll('~1', '/').replaceAll('~0', '~'))) {
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

function pick(value: unknown, node: Node): unknown {
  if (node.all) return value;
  if (Array.isArray(value)) {
    const each = node.children.get('*');
    const out: unknown[] = [];
    value.forEach((v, i) => {
      const sel = node.children.get(String(i)) ?? each;
      if (sel === undefined) return;
      const p = pick(v, sel);
      if (p !== undefined) out.push(p);
    });
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      const sel = node.children.get(k) ?? node.children.get('*');
      if (sel === undefined) continue;
      const p = pick(v, sel);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return undefined;
}

/** The response reduced to `granted` pointers; the whole response when `granted` is undefined. */
export function projectResponse<T>(body: T, granted: readonly string[] | undefined): T | Record<string, unknown> {
  if (granted === undefined) return body;
  const out = pick(body, compile(granted));
  return (out ?? {}) as Record<string, unknown>;
}
