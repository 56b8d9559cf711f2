import type { Db } from '@ndxp/db';
import { AdapterConfigError, type ConfigIssue } from './adapter-config-error.ts';
import { loadAdapter, type LoadedAdapter } from './load-adapter.ts';

export interface CheckAdapterFilesOptions {
  /** The database SQL sources are checked against (omit to check only the files themselves). */
  readonly db?: Db;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * Check several adapter configuration files at once (as `ndxp adapter check` does) and return
 * every issue of every file, positioned, instead of stopping at the first file that fails.
 */
export async function checkAdapterFiles(files: readonly (string | URL)[], options: CheckAdapterFilesOptions = {}): Promise<{ loaded: LoadedAdapter[]; issues: ConfigIssue[] }> {
  const loaded: LoadedAdapter[] = [];
  const issues: ConfigIssue[] = [];
  for (const file of files) {
    try {
      loaded.push(await loadAdapter({ file, ...(options.db === undefined ? {} : { db: options.db }), ...(options.env === undefined ? {} : { env: options.env }) }));
    } catch (error) {
      if (!(error instanceof AdapterConfigError)) throw error;
      issues.push(...error.issues);
    }
  }
  // Two files publishing the same service version would clash in the catalogue.
  const seen = new Map<string, string>();
  for (const a of loaded) {
    const key = `${a.descriptor.code}/${a.descriptor.version}`;
    const other = seen.get(key);
    if (other !== undefined) issues.push({ file: a.file, line: 1, column: 1, path: 'service', message: `${key} is also published by ${other}` });
    else seen.set(key, a.file);
  }
  return { loaded, issues };
}
