import type { FastifyRequest } from 'fastify';
import { NdxpError, type HttpServer } from '@ndxp/core';
import { sqlState, type Db } from '@ndxp/db';
import type { AdapterConfig, FieldSourceConfig } from './adapter-config.ts';
import type { RequestPart } from './check-config-semantics.ts';
import type { CompiledSql } from './compile-named-sql.ts';
import { getAt, parsePointer, projectPointers, setAt } from './json-pointer.ts';
import { applyTransforms } from './transforms.ts';

/** How the route learns which fields the caller may receive. */
export type FieldsOf = (request: FastifyRequest) => readonly string[] | undefined;

export interface AdapterRuntime {
  readonly config: AdapterConfig;
  readonly compiledSql: CompiledSql | undefined;
  readonly bindings: ReadonlyMap<string, RequestPart>;
  readonly db: Db | undefined;
  /** Environment for `${ENV}` base URLs and `headers_from_env`. */
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly fetch: typeof fetch;
}

/**
 * Prefix of the catalogue fields of a `result: many` service: `/items/` then the wildcard token
 * `*` (every array element, as the hub's field projection understands it), then the field.
 */
export const MANY_PREFIX = '/items/*';

function requestValue(request: FastifyRequest, part: RequestPart, name: string): unknown {
  const source = part === 'params' ? request.params : part === 'query' ? request.query : request.body;
  const v = typeof source === 'object' && source !== null ? (source as Record<string, unknown>)[name] : undefined;
  return v === undefined ? null : v;
}

function mapRecord(mapping: Readonly<Record<string, FieldSourceConfig>>, read: (spec: FieldSourceConfig) => unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [pointer, spec] of Object.entries(mapping)) {
    setAt(out, pointer, applyTransforms(spec.transform, read(spec)));
  }
  return out;
}

async function fromSql(rt: AdapterRuntime, request: FastifyRequest, many: boolean, maxRows: number): Promise<Record<string, unknown>[]> {
  const sql = rt.compiledSql;
  const db = rt.db;
  if (sql === undefined || db === undefined) throw new NdxpError('INTERNAL', { detail: 'adapter has no SQL source' });
  const values: unknown[] = sql.names.map((n) => requestValue(request, rt.bindings.get(n) ?? 'params', n));
  // `result: one` fetches two rows so an ambiguous match is detected rather than hidden.
  const text = `SELECT * FROM (\n${sql.text}\n) AS ndxp_q LIMIT $${values.length + 1}`;
  values.push(many ? maxRows : 2);
  try {
    return await db.transaction(async (tx) => {
      // Read-only: the configured query can never write, whatever it says. A statement timeout
      // bounds it (set_config with is_local = true lasts until the end of this transaction).
      await tx.query('SET TRANSACTION READ ONLY');
      await tx.query("SELECT set_config('statement_timeout', $1, true)", [String(rt.config.service.timeout_ms ?? 5000)]);
      return (await tx.query<Record<string, unknown>>(text, values)).rows;
    });
  } catch (e) {
    if (sqlState(e) === '57014') throw new NdxpError('PROVIDER_TIMEOUT', { cause: e });
    // Never relay the database's message: it can quote SQL and values.
    throw new NdxpError('INTERNAL', { cause: e });
  }
}

function expandUrl(rt: AdapterRuntime, request: FastifyRequest, url: string): string {
  const withBase = url.replace(/^\$\{([A-Z_][A-Z0-9_]*)\}/, (_m, name: string) => (rt.env[name] ?? '').replace(/\/+$/, ''));
  return withBase.replace(/(?<!\$)\{([A-Za-z_][A-Za-z0-9_]*)\}/g, (_m, name: string) => encodeURIComponent(String(requestValue(request, rt.bindings.get(name) ?? 'params', name) ?? '')));
}

async function fromUpstream(rt: AdapterRuntime, request: FastifyRequest, many: boolean, maxRows: number): Promise<Record<string, unknown>[] | undefined> {
  const up = rt.config.source.upstream;
  if (up === undefined) throw new NdxpError('INTERNAL', { detail: 'adapter has no upstream source' });
  const method = up.method ?? 'GET';
  const headers: Record<string, string> = { accept: 'application/json', 'x-request-id': String(request.id) };
  for (const [name, env] of Object.entries(up.headers_from_env ?? {})) headers[name.toLowerCase()] = rt.env[env] ?? '';
  if (method === 'POST') headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await rt.fetch(expandUrl(rt, request, up.url), {
      method,
      headers,
      ...(method === 'POST' ? { body: JSON.stringify(request.body ?? {}) } : {}),
      signal: AbortSignal.timeout(rt.config.service.timeout_ms ?? 5000),
    });
  } catch (e) {
    const name = (e as { name?: string }).name;
    throw new NdxpError(name === 'TimeoutError' || name === 'AbortError' ? 'PROVIDER_TIMEOUT' : 'PROVIDER_UNAVAILABLE', { cause: e });
  }
  if (res.status === (up.not_found_status ?? 404)) {
    await res.body?.cancel();
    return undefined;
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new NdxpError('PROVIDER_BAD_RESPONSE', { detail: `upstream answered ${res.status}` });
  }
  let body: unknown;
  try {
    body = await res.json();
  } catch (e) {
    throw new NdxpError('PROVIDER_BAD_RESPONSE', { detail: 'upstream answer is not JSON', cause: e });
  }
  const record = up.record_pointer === undefined || up.record_pointer === '' ? body : getAt(body, up.record_pointer);
  if (many) {
    if (!Array.isArray(record)) throw new NdxpError('PROVIDER_BAD_RESPONSE', { detail: 'upstream answer has no list at record_pointer' });
    return record.slice(0, maxRows).filter((r): r is Record<string, unknown> => typeof r === 'object' && r !== null);
  }
  if (record === null || record === undefined) return [];
  if (typeof record !== 'object' || Array.isArray(record)) throw new NdxpError('PROVIDER_BAD_RESPONSE', { detail: 'upstream record is not an object' });
  return [record as Record<string, unknown>];
}

/**
 * The one route of an adapter service: validate (by the request schemas, through core's
 * validator), read the source, map each record through the field mapping, and keep only the
 * fields the caller was granted (minimisation at the source).
 */
export function registerAdapterRoute(app: HttpServer, rt: AdapterRuntime, fieldsOf: FieldsOf | undefined): void {
  const { config } = rt;
  const many = (config.result ?? 'one') === 'many';
  const maxRows = config.max_rows ?? 100;
  const schema: Record<string, unknown> = {};
  if (config.request.params !== undefined) schema['params'] = config.request.params;
  if (config.request.query !== undefined) schema['querystring'] = config.request.query;
  if (config.request.body !== undefined) schema['body'] = config.request.body;

  app.route({
    method: config.request.method,
    url: config.request.path,
    schema,
    handler: async (request) => {
      const rows = config.source.sql !== undefined ? await fromSql(rt, request, many, maxRows) : await fromUpstream(rt, request, many, maxRows);
      const read = config.source.sql !== undefined
        ? (row: Record<string, unknown>) => (spec: FieldSourceConfig) => row[spec.column ?? '']
        : (row: Record<string, unknown>) => (spec: FieldSourceConfig) => getAt(row, spec.pointer ?? '');
      const granted = fieldsOf?.(request);
      if (many) {
        const items = (rows ?? []).map((row) => mapRecord(config.field_mapping, read(row)));
        if (granted === undefined) return { items };
        if (granted.includes('/items') || granted.includes(MANY_PREFIX)) return { items };
        const inner = granted.filter((p) => p.startsWith(`${MANY_PREFIX}/`)).map((p) => p.slice(MANY_PREFIX.length));
        return { items: items.map((item) => projectPointers(item, inner)) };
      }
      if (rows === undefined || rows.length === 0) throw new NdxpError('RECORD_NOT_FOUND', { detail: `no record for ${config.service.code}/${config.service.version}` });
      if (rows.length > 1) throw new NdxpError('INTERNAL', { detail: `query of ${config.service.code} matched several records for result: one` });
      const record = mapRecord(config.field_mapping, read(rows[0] ?? {}));
      return granted === undefined ? record : projectPointers(record, granted);
    },
  });
}

/** Catalogue fields of an adapter service: the mapping's pointers, under `/items` for lists. */
export function adapterFields(config: AdapterConfig): string[] {
  const pointers = Object.keys(config.field_mapping).filter((p) => {
    try {
      parsePointer(p);
      return true;
    } catch {
      return false;
    }
  });
  return (config.result ?? 'one') === 'many' ? pointers.map((p) => MANY_PREFIX + p) : pointers;
}
