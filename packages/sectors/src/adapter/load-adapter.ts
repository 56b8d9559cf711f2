import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HttpServer } from '@ndxp/core';
import type { Db } from '@ndxp/db';
import type { AdapterConfig } from './adapter-config.ts';
import { AdapterConfigError, type ConfigIssue } from './adapter-config-error.ts';
import { checkConfigSemantics } from './check-config-semantics.ts';
import { checkConfigShape, displayPath } from './check-config-shape.ts';
import { parseConfigDocument } from './config-document.ts';
import { locateInScalar } from './locate-in-scalar.ts';
import { jsonSchemaForPgType, probeSqlColumns, type ProbedColumn } from './probe-sql.ts';
import { adapterFields, registerAdapterRoute, type AdapterRuntime, type FieldsOf } from './register-adapter-route.ts';
import { TRANSFORM_OUTPUT } from './transforms.ts';
import { buildServiceOpenApi, objectSchemaFromPointers } from '../openapi/build-service-openapi.ts';
import type { ServiceDescriptor, SubjectLocator } from '../service-descriptor.ts';

export interface LoadAdapterOptions {
  /** Path or `file:` URL of the configuration (`.yaml`, `.yml` or `.json`). */
  readonly file: string | URL;
  /** The text, when it is not to be read from `file` (then `file` only names it in errors). */
  readonly text?: string;
  /** The agency database a SQL source runs against (and is checked against at load). */
  readonly db?: Db;
  /** Environment for upstream `${ENV}` base URLs and header secrets (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** HTTP client for upstream sources (default global `fetch`). */
  readonly fetch?: typeof fetch;
}

/** A configuration that passed every check: the catalogue entry, and the route to serve it. */
export interface LoadedAdapter {
  readonly file: string;
  readonly config: AdapterConfig;
  /** Result columns of the SQL query (empty for an upstream source). */
  readonly columns: readonly ProbedColumn[];
  /** What the hub needs to register the service. */
  readonly descriptor: ServiceDescriptor;
  /** Add the service's route to a server made by `createServer` (from @ndxp/core). */
  register(app: HttpServer, options?: { readonly fieldsOf?: FieldsOf }): void;
}

function closest(name: string, candidates: readonly string[]): string | undefined {
  const distance = (a: string, b: string): number => {
    const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
    for (let i = 1; i <= a.length; i++) {
      for (let j = 1; j <= b.length; j++) {
        const row = d[i] as number[];
        const prev = d[i - 1] as number[];
        row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
      }
    }
    return (d[a.length] as number[])[b.length] ?? Infinity;
  };
  let best: string | undefined;
  let bestD = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const dist = distance(name, c);
    if (dist < bestD) {
      best = c;
      bestD = dist;
    }
  }
  return best;
}

/**
 * Load a declarative adapter configuration: parse (YAML or JSON), check its shape and meaning,
 * and, for a SQL source, check the query and every mapped column against the live database.
 * Throws {@link AdapterConfigError} listing every problem as `file:line:column: path: message`.
 */
export async function loadAdapter(options: LoadAdapterOptions): Promise<LoadedAdapter> {
  const path = options.file instanceof URL ? fileURLToPath(options.file) : options.file;
  const name = basename(path);
  const text = options.text ?? (await readFile(path, 'utf8'));
  const env = options.env ?? process.env;
  const doc = parseConfigDocument(name, text);
  if (doc.syntaxIssues.length > 0) throw new AdapterConfigError(doc.syntaxIssues);

  const shape = checkConfigShape(doc);
  if (shape.config === undefined) throw new AdapterConfigError(shape.issues);
  const config = shape.config;
  const { checked, issues } = checkConfigSemantics(doc, config);
  const push = (p: (string | number)[], message: string, at: 'key' | 'value' = 'value') => issues.push({ ...doc.locate(p, at), path: displayPath(p), message });

  const upstream = config.source.upstream;
  if (upstream !== undefined) {
    const base = /^\$\{([A-Z_][A-Z0-9_]*)\}/.exec(upstream.url)?.[1];
    if (base !== undefined && !env[base]) push(['source', 'upstream', 'url'], `environment variable ${base} is not set`);
    for (const [header, variable] of Object.entries(upstream.headers_from_env ?? {})) {
      if (!env[variable]) push(['source', 'upstream', 'headers_from_env', header], `environment variable ${variable} is not set`);
    }
  }

  let columns: ProbedColumn[] = [];
  if (config.source.sql !== undefined && checked.compiledSql !== undefined && issues.length === 0) {
    if (options.db === undefined) {
      push(['source', 'sql'], 'a SQL source needs a database connection to be checked and served');
    } else {
      const probe = await probeSqlColumns(options.db, checked.compiledSql);
      if ('failure' in probe) {
        const sql = config.source.sql;
        const offset = probe.failure.offset === undefined ? 0 : checked.compiledSql.sourceOffset(probe.failure.offset);
        issues.push({ ...locateInScalar(doc, ['source', 'sql'], sql, offset), path: 'source.sql', message: `PostgreSQL rejected the query: ${probe.failure.message}` });
      } else {
        columns = probe.columns;
        const names = columns.map((c) => c.name);
        for (const [pointer, spec] of Object.entries(config.field_mapping)) {
          if (spec.column === undefined || names.includes(spec.column)) continue;
          const hint = closest(spec.column, names);
          const where = typeof doc.value === 'object' && typeof (doc.value as { field_mapping?: Record<string, unknown> }).field_mapping?.[pointer] === 'string' ? ['field_mapping', pointer] : ['field_mapping', pointer, 'column'];
          push(where, `unknown column "${spec.column}"${hint === undefined ? '' : ` (did you mean "${hint}"?)`}; the query returns: ${names.join(', ')}`);
        }
      }
    }
  }
  if (issues.length > 0) throw new AdapterConfigError(sortIssues(issues));

  const descriptor = describe(config, columns);
  const runtime: AdapterRuntime = {
    config,
    compiledSql: checked.compiledSql,
    bindings: checked.bindings,
    db: options.db,
    env,
    fetch: options.fetch ?? fetch,
  };
  return {
    file: name,
    config,
    columns,
    descriptor,
    register(app, registerOptions = {}) {
      registerAdapterRoute(app, runtime, registerOptions.fieldsOf);
    },
  };
}

function sortIssues(issues: ConfigIssue[]): ConfigIssue[] {
  return [...issues].sort((a, b) => a.line - b.line || a.column - b.column);
}

/** The catalogue entry: fields, subject locator and an OpenAPI 3.1 document. */
function describe(config: AdapterConfig, columns: readonly ProbedColumn[]): ServiceDescriptor {
  const types = new Map(columns.map((c) => [c.name, c.type]));
  const leaves = new Map<string, Record<string, unknown>>();
  for (const [pointer, spec] of Object.entries(config.field_mapping)) {
    const transforms = spec.transform ?? [];
    let schema: Record<string, unknown> = spec.column !== undefined ? jsonSchemaForPgType(types.get(spec.column)) : {};
    for (const t of transforms) schema = TRANSFORM_OUTPUT[t] ?? schema;
    // Every mapped value may be absent in a source row: null is always allowed.
    const typed = typeof schema['type'] === 'string' ? { ...schema, type: [schema['type'], 'null'] } : schema;
    leaves.set(pointer, spec.description === undefined ? typed : { ...typed, description: spec.description });
  }
  const record = objectSchemaFromPointers(leaves);
  const many = (config.result ?? 'one') === 'many';
  const response = many ? { type: 'object', required: ['items'], properties: { items: { type: 'array', items: record, maxItems: config.max_rows ?? 100 } } } : record;
  const s = config.service;
  const description = s.description?.vi ?? s.description?.en;
  const openapi = buildServiceOpenApi({
    serviceCode: s.code,
    version: s.version,
    title: s.title.vi,
    titleEn: s.title.en,
    ...(description === undefined ? {} : { description }),
    method: config.request.method,
    path: config.request.path,
    ...(config.request.params === undefined ? {} : { params: config.request.params }),
    ...(config.request.query === undefined ? {} : { query: config.request.query }),
    ...(config.request.body === undefined ? {} : { body: config.request.body }),
    response,
    legalBases: s.legal_bases,
    dataClass: s.data_class,
    errors: many ? [] : [404],
  });
  return {
    code: s.code,
    version: s.version,
    title: s.title.vi,
    title_en: s.title.en,
    ...(description === undefined ? {} : { description }),
    data_class: s.data_class,
    legal_bases: [...s.legal_bases],
    fields: adapterFields(config),
    subject_locator: toSubjectLocator(config),
    openapi,
    ...(s.timeout_ms === undefined ? {} : { timeout_ms: s.timeout_ms }),
  };
}

function toSubjectLocator(config: AdapterConfig): SubjectLocator | null {
  const l = config.subject_locator;
  if (l === undefined) return null;
  // The semantic checks guarantee name for path/query and pointer for body.
  return l.in === 'body' ? { in: 'body', pointer: l.pointer ?? '' } : { in: l.in, name: l.name ?? '' };
}
