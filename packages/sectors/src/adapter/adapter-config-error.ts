import { NdxpError } from '@ndxp/core';

/** A place in a configuration file: 1-based line and column, as editors and compilers show them. */
export interface SourcePosition {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** One mistake in a configuration file. `path` is the dotted key path, e.g. `field_mapping./tax_code`. */
export interface ConfigIssue extends SourcePosition {
  readonly path: string;
  readonly message: string;
}

/** `tax.yaml:12:5: field_mapping./tax_code: unknown column "tax_cod"`, the format compilers use. */
export function formatIssue(issue: ConfigIssue): string {
  return `${issue.file}:${issue.line}:${issue.column}: ${issue.path === '' ? '' : `${issue.path}: `}${issue.message}`;
}

/**
 * A configuration file was rejected at load. Carries every issue found (not only the first), each
 * positioned, so the author fixes them in one pass. It is a `CONFIG_INVALID` NdxpError, so a
 * process that fails to start reports it like any other configuration error.
 */
export class AdapterConfigError extends NdxpError {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super('CONFIG_INVALID', { detail: issues.map(formatIssue).join('\n') });
    this.name = 'AdapterConfigError';
    this.issues = issues;
  }
}
