import type { SourcePosition } from './adapter-config-error.ts';
import type { ConfigDocument, ConfigPath } from './config-document.ts';

/**
 * Position of character `offset` of the string value at `path`, so an error inside a multi-line
 * SQL query points at the exact line and column in the file, not at the start of the query.
 *
 * Literal block scalars (`sql: |`) keep lines one to one: value line k is file line (header + 1 + k)
 * shifted by the block's indentation (YAML 1.2 §8.1.1.1). Single-line plain and quoted scalars map
 * by offset. Folded and multi-line flow scalars change line breaks; they fall back to the start of
 * the scalar.
 */
export function locateInScalar(doc: ConfigDocument, path: ConfigPath, value: string, offset: number): SourcePosition {
  const span = doc.scalarAt(path);
  if (span === undefined) return doc.locate(path);
  const start = doc.positionOf(span.start);
  const before = value.slice(0, Math.max(0, offset));
  const line = (before.match(/\n/g) ?? []).length;
  const col = before.length - (before.lastIndexOf('\n') + 1);
  const raw = doc.text.slice(span.start, span.end);
  if (span.style === 'block' && /^\|/.test(raw)) {
    const contentLines = raw.split('\n').slice(1);
    const indent = Math.min(...contentLines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)?.[0].length ?? 0));
    return { file: doc.file, line: start.line + 1 + line, column: (Number.isFinite(indent) ? indent : 0) + col + 1 };
  }
  if (line === 0 && !raw.includes('\n')) {
    return { file: doc.file, line: start.line, column: start.column + col + (span.style === 'quoted' ? 1 : 0) };
  }
  return start;
}
