/**
 * A small reader for OpenAPI 3.0/3.1 documents as the catalogue stores them: walks paths and
 * operations and flattens schemas into rows (JSON pointer, type, required, description), resolving
 * local `$ref`s (`#/components/...`, RFC 6901 pointers) with a guard against cycles: a schema that
 * refers back to itself is expanded once, and its recursive use is shown by name. Pure; no I/O.
 */
export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

export interface SchemaRow {
  /** JSON pointer of the property in the instance (RFC 6901), e.g. `/address/province`. */
  readonly pointer: string;
  readonly depth: number;
  readonly type: string;
  readonly required: boolean;
  readonly description: string | undefined;
}

export interface ParameterRow {
  readonly name: string;
  readonly in: string;
  readonly required: boolean;
  readonly type: string;
  readonly description: string | undefined;
}

export interface OperationModel {
  readonly method: string;
  readonly path: string;
  readonly summary: string | undefined;
  readonly description: string | undefined;
  readonly parameters: ParameterRow[];
  readonly requestBody: SchemaRow[] | undefined;
  readonly responses: { readonly status: string; readonly description: string | undefined; readonly schema: SchemaRow[] }[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const MAX_DEPTH = 8;
const MAX_ROWS = 500;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** Resolve a local reference `#/a/b~1c` (RFC 6901 escaping). Remote references are not followed. */
export function resolveRef(doc: Obj, ref: string): Json | undefined {
  if (!ref.startsWith('#/')) return undefined;
  let node: Json | undefined = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObj(node)) return undefined;
    node = node[key];
  }
  return node;
}

function deref(doc: Obj, v: Json | undefined, seen: ReadonlySet<string>): { node: Obj | undefined; seen: ReadonlySet<string> } {
  let node = v;
  let s = seen;
  for (let i = 0; i < 16 && isObj(node) && typeof node['$ref'] === 'string'; i++) {
    const ref = node['$ref'];
    if (s.has(ref)) return { node: undefined, seen: s };
    s = new Set([...s, ref]);
    node = resolveRef(doc, ref);
  }
  return { node: isObj(node) ? node : undefined, seen: s };
}

/** A short type label: `string (date)`, `array of object`, `string | null`, `enum: A, B`. */
export function typeLabel(doc: Obj, schema: Json | undefined, seen: ReadonlySet<string> = new Set()): string {
  const { node } = deref(doc, schema, seen);
  if (node === undefined) return isObj(schema) && typeof schema['$ref'] === 'string' ? schema['$ref'].split('/').pop() ?? '?' : '?';
  if (Array.isArray(node['enum'])) return `enum: ${node['enum'].map((e) => JSON.stringify(e)).join(', ')}`;
  if (node['const'] !== undefined) return `= ${JSON.stringify(node['const'])}`;
  for (const k of ['oneOf', 'anyOf'] as const) {
    const alts = node[k];
    if (Array.isArray(alts)) return alts.map((a) => typeLabel(doc, a, seen)).join(' | ');
  }
  const t = node['type'];
  const base = Array.isArray(t) ? t.join(' | ') : str(t) ?? (isObj(node['properties']) ? 'object' : 'any');
  if (base === 'array') return `array of ${typeLabel(doc, node['items'], seen)}`;
  const format = str(node['format']);
  const nullable = node['nullable'] === true ? ' | null' : '';
  return `${base}${format === undefined ? '' : ` (${format})`}${nullable}`;
}

/** Flatten a schema into rows, one per property, depth first. Arrays descend with `/-`-free pointers into `items` as `/*`. */
export function schemaRows(doc: Obj, schema: Json | undefined): SchemaRow[] {
  const rows: SchemaRow[] = [];
  const walk = (s: Json | undefined, pointer: string, depth: number, seen: ReadonlySet<string>): void => {
    if (depth > MAX_DEPTH || rows.length >= MAX_ROWS) return;
    const { node, seen: seen2 } = deref(doc, s, seen);
    if (node === undefined) return;
    const all = Array.isArray(node['allOf']) ? node['allOf'] : [];
    for (const part of all) walk(part, pointer, depth, seen2);
    if (node['type'] === 'array' || isObj(node['items'])) {
      walk(node['items'], `${pointer}/*`, depth, seen2);
      return;
    }
    const props = node['properties'];
    if (!isObj(props)) return;
    const required = new Set(Array.isArray(node['required']) ? node['required'].filter((r): r is string => typeof r === 'string') : []);
    for (const [name, sub] of Object.entries(props)) {
      if (rows.length >= MAX_ROWS) return;
      const p = `${pointer}/${name.replaceAll('~', '~0').replaceAll('/', '~1')}`;
      const { node: subNode } = deref(doc, sub, seen2);
      rows.push({ pointer: p, depth, type: typeLabel(doc, sub, seen2), required: required.has(name), description: str(subNode?.['description']) ?? str(subNode?.['title']) });
      walk(sub, p, depth + 1, seen2);
    }
  };
  walk(schema, '', 0, new Set());
  return rows;
}

function jsonSchemaOf(doc: Obj, content: Json | undefined): Json | undefined {
  const { node } = deref(doc, content, new Set());
  if (node === undefined) return undefined;
  const media = Object.entries(node).find(([k]) => k.includes('json')) ?? Object.entries(node)[0];
  return media !== undefined && isObj(media[1]) ? media[1]['schema'] : undefined;
}

/** Every operation of the document, in document order. */
export function operations(doc: Json): OperationModel[] {
  if (!isObj(doc) || !isObj(doc['paths'])) return [];
  const out: OperationModel[] = [];
  for (const [path, rawItem] of Object.entries(doc['paths'])) {
    const { node: item } = deref(doc, rawItem, new Set());
    if (item === undefined) continue;
    const shared = Array.isArray(item['parameters']) ? item['parameters'] : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObj(op)) continue;
      const params = [...shared, ...(Array.isArray(op['parameters']) ? op['parameters'] : [])]
        .map((p) => deref(doc, p, new Set()).node)
        .filter((p): p is Obj => p !== undefined)
        .map((p) => ({ name: str(p['name']) ?? '?', in: str(p['in']) ?? '?', required: p['required'] === true, type: typeLabel(doc, p['schema']), description: str(p['description']) }));
      const body = deref(doc, op['requestBody'], new Set()).node;
      const responses = isObj(op['responses'])
        ? Object.entries(op['responses']).map(([status, r]) => {
          const resp = deref(doc, r, new Set()).node;
          return { status, description: str(resp?.['description']), schema: schemaRows(doc, jsonSchemaOf(doc, resp?.['content'])) };
        })
        : [];
      out.push({
        method: method.toUpperCase(),
        path,
        summary: str(op['summary']),
        description: str(op['description']),
        parameters: params,
        requestBody: body === undefined ? undefined : schemaRows(doc, jsonSchemaOf(doc, body['content'])),
        responses,
      });
    }
  }
  return out;
}
