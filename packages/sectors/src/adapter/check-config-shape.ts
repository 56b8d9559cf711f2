import { Value } from 'typebox/value';
import { AdapterConfigSchema, type AdapterConfig } from './adapter-config.ts';
import type { ConfigIssue } from './adapter-config-error.ts';
import type { ConfigDocument, ConfigPath } from './config-document.ts';

/** `/a/b~1c` → `['a', 'b/c']` (RFC 6901 unescaping). */
function pointerToPath(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** Dotted path as shown in messages: `service.title.vi`, `service.legal_bases[0]`. */
export function displayPath(path: ConfigPath): string {
  let out = '';
  for (const seg of path) out += typeof seg === 'number' || /^\d+$/.test(seg) ? `[${seg}]` : out === '' ? seg : `.${seg}`;
  return out;
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/**
 * Expand the shorthands an author may write before the strict schema check, so the schema needs
 * no unions (whose errors are unreadable):
 *  - `field_mapping./x: tax_code` → `{ column: tax_code }`, or `{ pointer: /a }` for an upstream;
 *  - `transform: trim` → `transform: [trim]`.
 */
export function expandShorthands(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const root = value as Record<string, unknown>;
  const mapping = root['field_mapping'];
  if (typeof mapping !== 'object' || mapping === null || Array.isArray(mapping)) return value;
  const source = root['source'] as Record<string, unknown> | undefined;
  const upstream = typeof source === 'object' && source !== null && source['upstream'] !== undefined && source['sql'] === undefined;
  const expanded: Record<string, unknown> = {};
  for (const [pointer, spec] of Object.entries(mapping as Record<string, unknown>)) {
    if (typeof spec === 'string') expanded[pointer] = upstream ? { pointer: spec } : { column: spec };
    else if (typeof spec === 'object' && spec !== null && !Array.isArray(spec) && typeof (spec as Record<string, unknown>)['transform'] === 'string') {
      expanded[pointer] = { ...spec, transform: [(spec as Record<string, unknown>)['transform']] };
    } else expanded[pointer] = spec;
  }
  return { ...root, field_mapping: expanded };
}

function valueAt(root: unknown, path: readonly string[]): unknown {
  let v = root;
  for (const seg of path) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[seg];
  }
  return v;
}

/**
 * Check the configuration against {@link AdapterConfigSchema} and turn each schema error into a
 * positioned, readable issue. One issue per offending value; unknown and missing keys are reported
 * one by one (a misspelt key is the most common mistake).
 */
export function checkConfigShape(doc: ConfigDocument): { config?: AdapterConfig; issues: ConfigIssue[] } {
  const value = expandShorthands(doc.value);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { issues: [{ ...doc.locate([]), path: '', message: `the configuration must be a mapping (got ${typeName(value)})` }] };
  }
  if (Value.Check(AdapterConfigSchema, value)) return { config: value as AdapterConfig, issues: [] };

  const issues: ConfigIssue[] = [];
  const seen = new Set<string>();
  const add = (path: string[], message: string, at: 'key' | 'value' = 'value') => {
    const id = `${path.join('\u0000')}|${message}`;
    if (seen.has(id)) return;
    seen.add(id);
    issues.push({ ...doc.locate(path, at), path: displayPath(path), message });
  };
  const valueReported = new Set<string>();
  for (const e of Value.Errors(AdapterConfigSchema, value)) {
    const path = pointerToPath(e.instancePath);
    const params = e.params as Record<string, unknown>;
    const got = valueAt(value, path);
    switch (e.keyword) {
      case 'additionalProperties':
        for (const k of (params['additionalProperties'] as string[] | undefined) ?? []) add([...path, k], `unknown key "${k}"`, 'key');
        continue;
      case 'required':
        for (const k of (params['requiredProperties'] as string[] | undefined) ?? []) add(path, `missing required key "${k}"`, 'key');
        continue;
      case 'boolean':
        continue; // the same unknown key, reported by `additionalProperties`
      default:
        break;
    }
    const id = path.join('\u0000');
    if (valueReported.has(id)) continue;
    valueReported.add(id);
    switch (e.keyword) {
      case 'type':
        add(path, `must be ${String(params['type'] ?? e.message.replace(/^must be /, ''))} (got ${typeName(got)})`);
        break;
      case 'enum':
        add(path, `must be one of ${((params['allowedValues'] as unknown[] | undefined) ?? []).join(', ')} (got ${JSON.stringify(got)})`);
        break;
      case 'pattern':
        add(path, `must match ${String(params['pattern'])} (got ${JSON.stringify(got)})`);
        break;
      case 'minLength':
        add(path, 'must not be empty');
        break;
      case 'minItems':
        add(path, `must have at least ${String(params['limit'])} item(s)`);
        break;
      case 'minProperties':
        add(path, `must have at least ${String(params['limit'])} entr${params['limit'] === 1 ? 'y' : 'ies'}`);
        break;
      default:
        add(path, `${e.message}${got === undefined || typeof got === 'object' ? '' : ` (got ${JSON.stringify(got)})`}`);
    }
  }
  return { issues };
}
