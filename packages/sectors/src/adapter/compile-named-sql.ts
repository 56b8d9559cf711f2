/**
 * Named parameters (`:personal_id`) are what people write; PostgreSQL's extended protocol takes
 * `$1…$n`. This translates one into the other by scanning the SQL lexically, so a `:name` inside a
 * string literal, a quoted identifier, a comment or a dollar-quoted body is left alone, and the
 * `::type` cast is not mistaken for a parameter. Values are always bound, never spliced
 * (non-negotiable: every statement parameterised).
 *
 * The scanner follows PostgreSQL's lexical rules (docs "4.1. Lexical Structure"): standard strings
 * with `''`, escape strings `E'…'` with backslashes, `"…"` identifiers, `--` and nested block
 * comments, and `$tag$…$tag$` dollar quoting.
 */

/** One `:name` occurrence in the source SQL. */
export interface NamedParameter {
  readonly name: string;
  /** Offset of the `:` in the source SQL. */
  readonly offset: number;
}

/** A problem found while scanning, at an offset in the source SQL. */
export interface SqlScanIssue {
  readonly offset: number;
  readonly message: string;
}

export interface CompiledSql {
  /** SQL with `$1…$n`. */
  readonly text: string;
  /** Parameter names in `$n` order (a name used twice binds the same `$n`). */
  readonly names: readonly string[];
  readonly occurrences: readonly NamedParameter[];
  /** Map an offset in `text` back to the source SQL (for PostgreSQL error positions). */
  sourceOffset(offset: number): number;
}

const NAME_START = /[A-Za-z_]/;
const NAME_PART = /[A-Za-z0-9_]/;

/** Translate named parameters to positional ones. Reports every lexical issue found. */
export function compileNamedSql(sql: string): { compiled: CompiledSql; issues: SqlScanIssue[] } {
  const issues: SqlScanIssue[] = [];
  const occurrences: NamedParameter[] = [];
  const names: string[] = [];
  // Segments of the output: [outputStart, sourceStart, length]; parameters map to their source start.
  const shifts: { out: number; src: number }[] = [{ out: 0, src: 0 }];
  let out = '';
  let i = 0;
  let statementEnd = -1;
  const n = sql.length;

  const copyUntil = (end: number) => {
    out += sql.slice(i, end);
    i = end;
  };

  while (i < n) {
    const c = sql[i] ?? '';
    const next = sql[i + 1] ?? '';
    if (statementEnd >= 0 && !/\s/.test(c) && !(c === '-' && next === '-')) {
      issues.push({ offset: statementEnd, message: 'only one statement is allowed (remove the ";" and what follows)' });
      statementEnd = -1;
    }
    if (c === "'") {
      const escape = i > 0 && /[eE]/.test(sql[i - 1] ?? '') && !NAME_PART.test(sql[i - 2] ?? '');
      let j = i + 1;
      for (;;) {
        if (j >= n) {
          issues.push({ offset: i, message: 'unterminated string literal' });
          break;
        }
        if (escape && sql[j] === '\\') j += 2;
        else if (sql[j] === "'" && sql[j + 1] === "'") j += 2;
        else if (sql[j] === "'") break;
        else j++;
      }
      copyUntil(Math.min(j + 1, n));
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && !(sql[j] === '"' && sql[j + 1] !== '"')) j += sql[j] === '"' ? 2 : 1;
      if (j >= n) issues.push({ offset: i, message: 'unterminated quoted identifier' });
      copyUntil(Math.min(j + 1, n));
    } else if (c === '-' && next === '-') {
      const j = sql.indexOf('\n', i);
      copyUntil(j < 0 ? n : j);
    } else if (c === '/' && next === '*') {
      let depth = 0;
      let j = i;
      while (j < n) {
        if (sql[j] === '/' && sql[j + 1] === '*') {
          depth++;
          j += 2;
        } else if (sql[j] === '*' && sql[j + 1] === '/') {
          depth--;
          j += 2;
          if (depth === 0) break;
        } else j++;
      }
      if (depth !== 0) issues.push({ offset: i, message: 'unterminated block comment' });
      copyUntil(j);
    } else if (c === '$' && /[0-9]/.test(next)) {
      issues.push({ offset: i, message: 'positional parameters ($1) are not allowed: use named parameters (:name)' });
      copyUntil(i + 1);
    } else if (c === '$' && !NAME_PART.test(sql[i - 1] ?? '')) {
      const m = /^\$([A-Za-z_][A-Za-z0-9_]*)?\$/.exec(sql.slice(i));
      if (m === null) copyUntil(i + 1);
      else {
        const close = sql.indexOf(m[0], i + m[0].length);
        if (close < 0) {
          issues.push({ offset: i, message: 'unterminated dollar-quoted string' });
          copyUntil(n);
        } else copyUntil(close + m[0].length);
      }
    } else if (c === ':' && next === ':') {
      copyUntil(i + 2);
    } else if (c === ':' && NAME_START.test(next) && sql[i - 1] !== ':') {
      let j = i + 1;
      while (j < n && NAME_PART.test(sql[j] ?? '')) j++;
      const name = sql.slice(i + 1, j);
      occurrences.push({ name, offset: i });
      let index = names.indexOf(name);
      if (index < 0) index = names.push(name) - 1;
      const placeholder = `$${index + 1}`;
      shifts.push({ out: out.length, src: i });
      out += placeholder;
      i = j;
      shifts.push({ out: out.length, src: j });
    } else if (c === ';') {
      statementEnd = i;
      i++; // a trailing ';' is dropped: the query is wrapped and must be a single expression
    } else {
      copyUntil(i + 1);
    }
  }

  const text = out;
  return {
    issues,
    compiled: {
      text,
      names,
      occurrences,
      sourceOffset(offset: number): number {
        let best = shifts[0] ?? { out: 0, src: 0 };
        for (const s of shifts) if (s.out <= offset) best = s;
        return best.src + (offset - best.out);
      },
    },
  };
}

/** The first keyword of the statement (after comments), lower-cased. */
export function leadingKeyword(sql: string): string {
  const stripped = sql.replace(/^(\s+|--[^\n]*\n?|\/\*[\s\S]*?\*\/)*/, '');
  return (/^[A-Za-z]+/.exec(stripped)?.[0] ?? '').toLowerCase();
}
