import type { Static, TObject } from 'typebox';
import { Value } from 'typebox/value';
import { NdxpError } from '../errors/index.ts';

/**
 * Parse configuration once, at start, against a schema, and fail fast (habit from opencrvs-core
 * `packages/auth/src/environment.ts`). Environment variables are strings; they are converted to
 * the schema's types (numbers, booleans) and defaults are applied. Unknown variables are ignored;
 * missing or ill-typed required ones throw `CONFIG_INVALID` naming every offending variable.
 *
 * Values of variables whose name looks secret are never echoed in the error.
 */
export function parseConfig<S extends TObject>(schema: S, source: Readonly<Record<string, string | undefined>>): Static<S> {
  const keys = Object.keys(schema.properties);
  const picked: Record<string, unknown> = {};
  for (const key of keys) {
    const raw = source[key];
    if (raw !== undefined && raw !== '') picked[key] = raw;
  }
  const withDefaults = Value.Default(schema, picked);
  const converted = Value.Convert(schema, withDefaults);
  if (Value.Check(schema, converted)) return converted as Static<S>;
  const problems = [...Value.Errors(schema, converted)].map((e) => {
    const name = e.instancePath.replace(/^\//, '') || '(root)';
    const shown = /SECRET|PASSWORD|KEY|KEK|TOKEN/i.test(name) ? '' : ` (got ${JSON.stringify(source[name] ?? null)})`;
    return `${name}: ${e.message}${shown}`;
  });
  throw new NdxpError('CONFIG_INVALID', { detail: `Invalid configuration: ${problems.join('; ')}` });
}

/** A setting that is acceptable for a demo but not for production. */
export interface InsecureSetting {
  readonly setting: string;
  readonly why: string;
}

/**
 * Print every insecure setting loudly at start (habit from oidc-provider `lib/helpers/defaults.js`
 * which warns on development-only keys). Written to stderr unconditionally, not through the
 * logger, so a log-level setting cannot hide it.
 */
export function warnInsecure(service: string, settings: readonly InsecureSetting[], write: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
  if (settings.length === 0) return;
  const bar = '!'.repeat(78);
  write(bar);
  write(`!! ${service}: INSECURE SETTINGS - do not use in production / CẤU HÌNH KHÔNG AN TOÀN`);
  for (const s of settings) write(`!!   - ${s.setting}: ${s.why}`);
  write(bar);
}
