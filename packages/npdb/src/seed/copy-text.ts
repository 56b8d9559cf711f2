/**
 * One value in PostgreSQL's COPY text format: `\N` for NULL; backslash, tab, newline and carriage
 * return escaped (PostgreSQL docs, COPY, "Text Format"). Values never reach SQL text: COPY data is
 * data, so this is the whole of the escaping needed.
 */
export function copyValue(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '\\N';
  const s = typeof value === 'number' ? String(value) : value;
  return /[\\\t\n\r]/.test(s) ? s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r')) : s;
}

/** A COPY text line (tab-separated, newline-terminated). */
export function copyLine(values: readonly (string | number | null | undefined)[]): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i === 0 ? '' : '\t') + copyValue(values[i]);
  return line + '\n';
}
