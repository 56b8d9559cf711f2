import { LineCounter, isMap, isPair, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import type { ConfigIssue, SourcePosition } from './adapter-config-error.ts';

/** A path into the configuration: object keys and array indexes. */
export type ConfigPath = readonly (string | number)[];

/**
 * A parsed configuration file that remembers where each value came from, so any later check can
 * report `file:line:column`. YAML 1.2 is a superset of JSON, so one parser (eemeli/yaml, which
 * tracks source ranges) serves both formats.
 */
export interface ConfigDocument {
  readonly file: string;
  readonly text: string;
  /** The plain value (undefined when the file did not parse). */
  readonly value: unknown;
  /** Syntax errors, already positioned. */
  readonly syntaxIssues: readonly ConfigIssue[];
  /** Position of the value at `path` (or of its key with `'key'`); falls back to the nearest ancestor. */
  locate(path: ConfigPath, at?: 'key' | 'value'): SourcePosition;
  /** Position of a character offset inside the source text. */
  positionOf(offset: number): SourcePosition;
  /** Source offsets of the scalar at `path`, with its style, so errors inside it can be pinpointed. */
  scalarAt(path: ConfigPath): ScalarSpan | undefined;
}

/** Where a scalar's text sits in the file. */
export interface ScalarSpan {
  readonly start: number;
  readonly end: number;
  readonly style: 'plain' | 'quoted' | 'block';
}

function childOf(node: unknown, segment: string | number): { key: Node | undefined; value: Node | undefined } | undefined {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const k = isScalar(pair.key) ? pair.key.value : pair.key;
      if (String(k) === String(segment)) return { key: pair.key as Node | undefined, value: (pair.value ?? undefined) as Node | undefined };
    }
    return undefined;
  }
  if (isSeq(node) && /^\d+$/.test(String(segment))) {
    const item = node.items[Number(segment)];
    return item === undefined ? undefined : { key: undefined, value: item as Node };
  }
  return undefined;
}

/** Parse YAML or JSON text, keeping source positions. Never throws on bad syntax. */
export function parseConfigDocument(file: string, text: string): ConfigDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const positionOf = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(Math.max(0, Math.min(offset, text.length)));
    return { file, line, column: col };
  };
  // Only the first syntax error is reported: the parser's later complaints are mostly its
  // consequences (one tab yields four messages), and would send the author to the wrong line.
  const syntaxIssues: ConfigIssue[] = doc.errors.slice(0, 1).map((e) => ({
    ...positionOf(e.pos[0]),
    path: '',
    message: e.message.split('\n')[0] ?? e.message,
  }));
  const value = syntaxIssues.length === 0 ? doc.toJS({ maxAliasCount: 50 }) : undefined;

  const walk = (path: ConfigPath): { node: Node | undefined; key: Node | undefined; depth: number; parent: Node | undefined } => {
    let node: Node | undefined = doc.contents ?? undefined;
    let key: Node | undefined;
    let parent: Node | undefined;
    let depth = 0;
    for (const segment of path) {
      const next = childOf(node, segment);
      if (next === undefined) break;
      parent = node;
      node = next.value;
      key = next.key;
      depth++;
      if (node === undefined) break;
    }
    return { node, key, depth, parent };
  };

  return {
    file,
    text,
    value,
    syntaxIssues,
    positionOf,
    locate(path, at = 'value') {
      const { node, key, depth, parent } = walk(path);
      const complete = depth === path.length;
      const target = complete && at === 'key' && key !== undefined ? key : complete ? (node ?? key) : (node ?? key ?? parent);
      const range = target?.range;
      return positionOf(range ? range[0] : 0);
    },
    scalarAt(path) {
      const { node, depth } = walk(path);
      if (depth !== path.length || !isScalar(node) || node.range === undefined || node.range === null) return undefined;
      const style = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED' ? 'block' : node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 'quoted' : 'plain';
      return { start: node.range[0], end: node.range[1], style };
    },
  };
}
