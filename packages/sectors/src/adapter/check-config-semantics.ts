import { isErrorCode, validatorCompiler } from '@ndxp/core';
import type { AdapterConfig } from './adapter-config.ts';
import type { ConfigIssue } from './adapter-config-error.ts';
import { displayPath } from './check-config-shape.ts';
import { compileNamedSql, leadingKeyword, type CompiledSql } from './compile-named-sql.ts';
import type { ConfigDocument, ConfigPath } from './config-document.ts';
import { isPointer, parsePointer, pointersConflict } from './json-pointer.ts';
import { locateInScalar } from './locate-in-scalar.ts';

/** Which part of the request a named value comes from. */
export type RequestPart = 'params' | 'query' | 'body';

/** A `{name}` placeholder in an upstream URL template. */
export interface UrlTemplateVar {
  readonly name: string;
  readonly offset: number;
}

/** What the checks learnt, for the later stages. */
export interface CheckedConfig {
  readonly compiledSql: CompiledSql | undefined;
  /** Named parameter / template variable → the request part it is read from. */
  readonly bindings: ReadonlyMap<string, RequestPart>;
}

const PART_KEY: Readonly<Record<RequestPart, 'params' | 'query' | 'body'>> = { params: 'params', query: 'query', body: 'body' };
const HTTP_PART: Readonly<Record<RequestPart, string>> = { params: 'params', query: 'querystring', body: 'body' };

function propertiesOf(schema: Record<string, unknown> | undefined): Record<string, Record<string, unknown>> {
  const props = schema?.['properties'];
  return typeof props === 'object' && props !== null && !Array.isArray(props) ? (props as Record<string, Record<string, unknown>>) : {};
}

function* errorCodeAnnotations(schema: unknown, path: (string | number)[] = []): Generator<{ path: (string | number)[]; code: unknown }> {
  if (Array.isArray(schema)) {
    for (const [i, s] of schema.entries()) yield* errorCodeAnnotations(s, [...path, i]);
    return;
  }
  if (typeof schema !== 'object' || schema === null) return;
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'x-error-code') yield { path: [...path, k], code: v };
    else yield* errorCodeAnnotations(v, [...path, k]);
  }
}

/** `{name}` placeholders of a URL template, with their offsets. */
export function urlTemplateVars(url: string): UrlTemplateVar[] {
  return [...url.matchAll(/(?<!\$)\{([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => ({ name: m[1] ?? '', offset: m.index }));
}

/**
 * The checks a schema cannot express: request schemas compile; route parameters, named SQL
 * parameters, URL template variables and the subject locator all refer to declared request
 * values; field pointers are valid and do not overlap; the source is exactly one of SQL and
 * upstream, and the SQL is a single read query. Every issue is positioned in the file.
 */
export function checkConfigSemantics(doc: ConfigDocument, config: AdapterConfig): { checked: CheckedConfig; issues: ConfigIssue[] } {
  const issues: ConfigIssue[] = [];
  const at = (path: ConfigPath, message: string, where: 'key' | 'value' = 'value') => issues.push({ ...doc.locate(path, where), path: displayPath(path), message });
  const { request, source } = config;

  // ---- request schemas compile, with catalogue error codes -----------------------------------
  const parts: RequestPart[] = ['params', 'query', 'body'];
  for (const part of parts) {
    const schema = request[PART_KEY[part]];
    if (schema === undefined) continue;
    if (schema['type'] !== 'object') {
      at(['request', part], `must be an object schema (type: object) describing the request ${part}`);
      continue;
    }
    try {
      validatorCompiler({ schema, httpPart: HTTP_PART[part], method: request.method, url: request.path });
    } catch (e) {
      at(['request', part], `is not a valid JSON Schema: ${(e as Error).message.split('\n')[0] ?? ''}`);
    }
    for (const a of errorCodeAnnotations(schema)) {
      if (typeof a.code !== 'string' || !isErrorCode(a.code)) at(['request', part, ...a.path], `unknown error code ${JSON.stringify(a.code)} (see docs/errors.md)`);
    }
  }
  if (request.method === 'GET' && request.body !== undefined) at(['request', 'body'], 'a GET request has no body: use method POST or move the values to query');

  // ---- route path parameters ↔ params schema ---------------------------------------------------
  const pathParams = [...request.path.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] ?? '');
  const paramProps = propertiesOf(request.params);
  for (const p of pathParams) {
    if (!Object.hasOwn(paramProps, p)) at(['request', request.params === undefined ? 'path' : 'params'], `path parameter ":${p}" is not declared in request.params.properties`, request.params === undefined ? 'value' : 'key');
  }
  for (const p of Object.keys(paramProps)) {
    if (!pathParams.includes(p)) at(['request', 'params', 'properties', p], `"${p}" is not a parameter of request.path ${JSON.stringify(request.path)}`, 'key');
  }

  // ---- where each named value comes from -----------------------------------------------------
  const bindings = new Map<string, RequestPart>();
  const declaredIn = (name: string): RequestPart[] => parts.filter((part) => Object.hasOwn(propertiesOf(request[PART_KEY[part]]), name));
  for (const part of parts) {
    for (const name of Object.keys(propertiesOf(request[PART_KEY[part]]))) {
      const where = declaredIn(name);
      if (where.length > 1 && where[0] === part) at(['request', where[1] ?? part, 'properties', name], `"${name}" is declared in both request.${where[0]} and request.${where[1]}: a named parameter must be unambiguous`, 'key');
      if (where[0] === part) bindings.set(name, part);
    }
  }

  // ---- source: exactly one of sql / upstream ------------------------------------------------------
  let compiledSql: CompiledSql | undefined;
  if ((source.sql === undefined) === (source.upstream === undefined)) {
    at(['source'], source.sql === undefined ? 'give either source.sql or source.upstream' : 'give either source.sql or source.upstream, not both');
  } else if (source.sql !== undefined) {
    const sql = source.sql;
    const sqlAt = (offset: number, message: string) => issues.push({ ...locateInScalar(doc, ['source', 'sql'], sql, offset), path: 'source.sql', message });
    const keyword = leadingKeyword(sql);
    if (keyword !== 'select' && keyword !== 'with') sqlAt(0, `must be a read query starting with SELECT or WITH (got ${keyword === '' ? 'nothing' : keyword.toUpperCase()})`);
    const { compiled, issues: scan } = compileNamedSql(sql);
    for (const s of scan) sqlAt(s.offset, s.message);
    for (const occ of compiled.occurrences) {
      if (!bindings.has(occ.name)) sqlAt(occ.offset, `unknown parameter ":${occ.name}": declare it in request.params, request.query or request.body`);
    }
    compiledSql = compiled;
  } else if (source.upstream !== undefined) {
    const url = source.upstream.url;
    if (!/^(https?:\/\/[^/\s{}]+|\$\{[A-Z_][A-Z0-9_]*\})/.test(url)) at(['source', 'upstream', 'url'], 'must start with http:// or https:// and a host, or with ${ENV_VARIABLE} holding the base URL');
    for (const v of urlTemplateVars(url)) {
      if (!bindings.has(v.name)) issues.push({ ...locateInScalar(doc, ['source', 'upstream', 'url'], url, v.offset), path: 'source.upstream.url', message: `unknown template variable "{${v.name}}": declare it in request.params, request.query or request.body` });
    }
    if ((source.upstream.method ?? 'GET') === 'GET' && request.body !== undefined) at(['source', 'upstream', 'method'], 'the request has a body: the upstream method must be POST to forward it');
  }

  // ---- subject locator ------------------------------------------------------------------------
  const locator = config.subject_locator;
  if (locator === undefined) {
    // Personal data must be attributable to its subject: the hub hashes the subject's personal ID
    // into the transparency log (and the citizen view depends on it).
    if (config.service.data_class === 'private') at(['service', 'data_class'], 'a service of private data must declare subject_locator (where the personal ID sits in the request)');
  } else if (locator.in === 'path' || locator.in === 'query') {
    const part: RequestPart = locator.in === 'path' ? 'params' : 'query';
    if (locator.pointer !== undefined) at(['subject_locator', 'pointer'], `a ${locator.in} locator names a parameter: use name, not pointer`);
    if (locator.name === undefined) at(['subject_locator'], `missing required key "name" (the ${locator.in} parameter holding the personal ID)`, 'key');
    else if (!Object.hasOwn(propertiesOf(request[part]), locator.name)) at(['subject_locator', 'name'], `"${locator.name}" is not declared in request.${part}.properties`);
  } else if (locator.pointer === undefined) {
    at(['subject_locator'], 'missing required key "pointer" (JSON pointer to the personal ID in the body)', 'key');
  } else {
    if (locator.name !== undefined) at(['subject_locator', 'name'], 'a body locator is a JSON pointer: use pointer, not name');
    let schema: Record<string, unknown> | undefined = request.body;
    for (const seg of parsePointer(locator.pointer)) {
      const props = propertiesOf(schema);
      if (!Object.hasOwn(props, seg)) {
        at(['subject_locator', 'pointer'], `${locator.pointer} does not exist in request.body`);
        break;
      }
      schema = props[seg];
    }
  }

  // ---- field mapping ------------------------------------------------------------------------------
  const pointers = Object.keys(config.field_mapping);
  for (const [pointer, spec] of Object.entries(config.field_mapping)) {
    const key: ConfigPath = ['field_mapping', pointer];
    if (!isPointer(pointer)) {
      at(key, `${JSON.stringify(pointer)} is not a JSON pointer (RFC 6901): it must start with "/"`, 'key');
      continue;
    }
    const other = pointers.find((p) => p < pointer && pointersConflict(p, pointer));
    if (other !== undefined) at(key, `overlaps ${other}: a field cannot be both a value and an object`, 'key');
    if (source.sql !== undefined && source.upstream === undefined && spec.column === undefined) at(key, spec.pointer === undefined ? 'give the column to read' : 'a SQL source maps columns: use column, not pointer');
    if (source.upstream !== undefined && source.sql === undefined && spec.pointer === undefined) at(key, spec.column === undefined ? 'give the upstream JSON pointer to read' : 'an upstream source maps JSON pointers: use pointer, not column');
    if (spec.column !== undefined && spec.pointer !== undefined) at(key, 'give column or pointer, not both');
  }
  if (config.max_rows !== undefined && (config.result ?? 'one') !== 'many') at(['max_rows'], 'only applies to result: many');

  return { checked: { compiledSql, bindings }, issues };
}
