import fc from 'fast-check';

/** A JSON Schema node as it appears in an OpenAPI 3.1 document (only what the generator reads). */
export type JsonSchema = Readonly<Record<string, unknown>>;

/**
 * Strings that have broken real systems: SQL injection in its common shapes, path traversal raw
 * and encoded, header and log injection (CRLF, NUL), markup, format strings, prototype keys,
 * Unicode that trips normalisers (combining marks, right-to-left override, lone surrogates,
 * homoglyphs, the BOM), numbers in disguise and very long input.
 */
export const HOSTILE_STRINGS: readonly string[] = [
  "' OR '1'='1", "' OR 1=1 --", "'; DROP TABLE audit_log; --", '"; DROP TABLE grants; --', "1; DELETE FROM users WHERE '1'='1",
  "' UNION SELECT username, password_hash FROM users --", "admin'--", "') OR ('x'='x", '1 OR pg_sleep(5) IS NULL', "$1", '$$; DROP TABLE members; $$',
  "'; COPY users TO PROGRAM 'id'; --", '%27%20OR%201%3D1', "\\'; DROP TABLE subsystems; --",
  '../../../../etc/passwd', '..%2f..%2f..%2fetc%2fpasswd', '%2e%2e%2f%2e%2e%2f', '%252e%252e%252f', '..\\..\\windows\\win.ini', '/etc/passwd%00.json',
  'a\r\nSet-Cookie: pwned=1', 'x\r\n\r\nHTTP/1.1 200 OK', 'nul\u0000byte', '\u0000', '%00', '%0d%0aX-Injected: 1',
  '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', 'javascript:alert(1)', '{{7*7}}', '${7*7}', '%s%s%s%n', '%x%x%x',
  '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty',
  'Nguyễn Văn An', 'Nguye\u0302\u0303n', '\u202Egnp.exe', '\uFEFFBOM', 'ＢＣＡ', 'ВСА', '🇻🇳🔥', '\uD800', '\uDFFF\uD800',
  '-1', '0', '1e309', 'NaN', 'Infinity', '9223372036854775808', '0x7fffffff', 'true', 'null', 'undefined', '[]', '{}',
  '', ' ', '\t', 'a'.repeat(5000), 'é'.repeat(3000),
];

/** Any JSON value a hostile client might put where something else was expected. */
export function hostileJson(): fc.Arbitrary<unknown> {
  const deep = (n: number): unknown => (n === 0 ? 'bottom' : { a: deep(n - 1) });
  const deepArray = (n: number): unknown => (n === 0 ? [] : [deepArray(n - 1)]);
  return fc.oneof(
    fc.constantFrom<unknown>(null, true, false, 0, -1, -0, 1e308, -1e308, 2 ** 53 + 1, 0.1, [], {}, [null], { __proto__: { admin: true } }, JSON.parse('{"__proto__":{"polluted":1}}'), { constructor: { prototype: { polluted: 1 } } }),
    fc.constantFrom(...HOSTILE_STRINGS),
    fc.constantFrom(deep(60), deepArray(60), deep(5)),
    fc.string({ maxLength: 40, unit: 'binary' }),
    fc.jsonValue({ maxDepth: 3 }),
  );
}

const MAX_GENERATED_STRING = 60;

/**
 * Valid values of `schema` (a best effort: patterns, formats, bounds, enums, required members).
 * `inner` makes the values of members and items: {@link fuzzValue} by default (hostile leaves),
 * or `validValue` itself for values that are valid all the way down.
 */
export function validValue(schema: JsonSchema, depth = 0, inner: (s: JsonSchema, depth: number) => fc.Arbitrary<unknown> = fuzzValue): fc.Arbitrary<unknown> {
  if (Array.isArray(schema['enum'])) return fc.constantFrom(...(schema['enum'] as unknown[]));
  if ('const' in schema) return fc.constant(schema['const']);
  const alternatives = (schema['anyOf'] ?? schema['oneOf']) as JsonSchema[] | undefined;
  if (Array.isArray(alternatives) && alternatives.length > 0) return fc.oneof(...alternatives.map((s) => validValue(s, depth, inner)));
  const type = Array.isArray(schema['type']) ? (schema['type'] as string[])[0] : (schema['type'] as string | undefined);
  switch (type) {
    case 'string': {
      const format = schema['format'];
      if (format === 'date-time') return fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString());
      if (format === 'date') return fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2030-01-01T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
      if (format === 'uuid') return fc.uuid();
      if (format === 'uri' || format === 'url') return fc.webUrl();
      const min = Number(schema['minLength'] ?? 0);
      const max = Math.max(min, Math.min(Number(schema['maxLength'] ?? MAX_GENERATED_STRING), MAX_GENERATED_STRING));
      if (typeof schema['pattern'] === 'string') {
        try {
          const re = new RegExp(schema['pattern']);
          return fc.stringMatching(re).filter((s) => s.length >= min && s.length <= Number(schema['maxLength'] ?? Infinity));
        } catch {
          // A pattern JavaScript cannot compile: fall back to plain strings.
        }
      }
      return fc.string({ minLength: min, maxLength: max });
    }
    case 'integer':
      return fc.integer({ min: Math.max(Number(schema['minimum'] ?? -1_000_000), -2_000_000_000), max: Math.min(Number(schema['maximum'] ?? 1_000_000), 2_000_000_000) });
    case 'number':
      return fc.double({ min: Number(schema['minimum'] ?? -1e6), max: Number(schema['maximum'] ?? 1e6), noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const items = (schema['items'] ?? {}) as JsonSchema;
      const minLength = Number(schema['minItems'] ?? 0);
      return fc.array(depth > 4 ? fc.constant(null) : inner(items, depth + 1), { minLength, maxLength: Math.max(minLength, Math.min(Number(schema['maxItems'] ?? 3), 3)) });
    }
    case 'object':
    default: {
      const props = (schema['properties'] ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema['required'] ?? []) as string[]);
      if (Object.keys(props).length === 0) return depth > 2 ? fc.constant({}) : fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 });
      const record = fc.record(Object.fromEntries(Object.entries(props).map(([k, s]) => [k, inner(s, depth + 1)])), { requiredKeys: [...required].filter((k) => k in props) });
      return record;
    }
  }
}

/** Values valid all the way down. */
export function strictValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return validValue(schema, depth, strictValue);
}

/**
 * Mostly valid values with hostile leaves: at every node, three times in four a valid value of
 * the schema, else something hostile. Most generated requests therefore get past validation and
 * reach the handlers and the database, carrying injection strings into every parameter.
 */
export function fuzzValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 3, arbitrary: validValue(schema, depth) }, { weight: 1, arbitrary: hostileJson() });
}

/**
 * Percent-encode every byte outside RFC 3986 `unreserved` (§2.3) of the UTF-8 of `s`. Unlike
 * `encodeURIComponent` it never throws: a lone surrogate becomes U+FFFD, as a real client sends it.
 */
export function percentEncode(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** A value as it travels in a path segment, query parameter or header: text. */
export function asText(v: unknown): string {
  return typeof v === 'string' ? v : JSON.stringify(v) ?? '';
}

/** One operation of an OpenAPI document. */
export interface Operation {
  readonly method: string;
  /** Path template, e.g. `/api/v1/grants/{id}`. */
  readonly path: string;
  readonly parameters: readonly { readonly in: string; readonly name: string; readonly required?: boolean; readonly schema?: JsonSchema }[];
  /** Request body media types and their schemas. */
  readonly body: Readonly<Record<string, JsonSchema>> | undefined;
}

/** Every operation of an OpenAPI 3.x document. */
export function operationsOf(doc: Record<string, unknown>): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries((doc['paths'] ?? {}) as Record<string, Record<string, unknown>>)) {
    for (const [method, op] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const o = op as { parameters?: Operation['parameters']; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } };
      const content = o.requestBody?.content;
      out.push({
        method: method.toUpperCase(),
        path,
        parameters: [...((item['parameters'] ?? []) as Operation['parameters']), ...(o.parameters ?? [])],
        body: content === undefined ? undefined : Object.fromEntries(Object.entries(content).map(([t, c]) => [t, c.schema ?? {}])),
      });
    }
  }
  return out;
}

/** One generated HTTP request. */
export interface GeneratedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: Record<string, string>;
  readonly payload: string | undefined;
}

const HEADER_NAME = fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/);
// Header values a client can actually send (visible ASCII and spaces); CRLF and NUL are refused by
// clients and tested over raw sockets instead.
const HEADER_VALUE = fc.oneof(fc.string({ maxLength: 60, unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), fc.constantFrom(...HOSTILE_STRINGS.filter((s) => /^[\x20-\x7e]*$/.test(s))));

const CONTENT_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x', 'application/xml', 'application/json; charset=utf-16', 'garbage', ''];

export interface RequestOptions {
  /** Values known to exist (ids, codes), mixed into path parameters so requests reach real records. */
  readonly known?: Readonly<Record<string, readonly string[]>>;
  /** `Authorization` header values to choose from (undefined = none). */
  readonly authorizations: readonly (string | undefined)[];
}

/**
 * Requests for `op`: path parameters from their schemas, known values or hostile strings
 * (percent-encoded, so the path stays one request target); query parameters likewise plus an
 * unknown one now and then; a body from the JSON or form schema, or raw garbage; random extra
 * headers, content types and authorisations.
 */
export function requestsFor(op: Operation, options: RequestOptions): fc.Arbitrary<GeneratedRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const pathArb = fc.tuple(...pathParams.map((p) => {
    const known = options.known?.[p.name] ?? [];
    const fromSchema = fuzzValue(p.schema ?? { type: 'string' }).map(asText);
    return (known.length > 0 ? fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...known) }, { weight: 2, arbitrary: fromSchema }) : fromSchema).map((s) => percentEncode(s));
  }));
  const queryArb = fc.tuple(
    ...queryParams.map((p) => fc.option(fuzzValue(p.schema ?? { type: 'string' }).map(asText), { nil: undefined, freq: p.required === true ? 10 : 2 }).map((v) => (v === undefined ? undefined : [p.name, v] as const))),
    fc.option(fc.tuple(fc.string({ maxLength: 10 }), fc.constantFrom(...HOSTILE_STRINGS)), { nil: undefined, freq: 4 }),
  );
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const headerParamArb = fc.tuple(...headerParams.map((p) => fc.option(fc.oneof(fuzzValue(p.schema ?? { type: 'string' }).map(asText).filter((v) => /^[\x20-\x7e]*$/.test(v)), HEADER_VALUE), { nil: undefined, freq: 2 }).map((v) => (v === undefined ? undefined : [p.name, v] as const))));
  const jsonSchema = op.body?.['application/json'];
  const formSchema = op.body?.['application/x-www-form-urlencoded'];
  const bodyArb: fc.Arbitrary<{ payload: string | undefined; type: string | undefined }> = fc.oneof(
    { weight: 6, arbitrary: jsonSchema !== undefined ? fuzzValue(jsonSchema).map((v) => ({ payload: JSON.stringify(v) ?? 'null', type: 'application/json' })) : formSchema !== undefined ? fuzzValue(formSchema).map((v) => ({ payload: new URLSearchParams(Object.entries(typeof v === 'object' && v !== null ? v : { v }).map(([k, x]) => [k, asText(x)])).toString(), type: 'application/x-www-form-urlencoded' })) : fc.constant({ payload: undefined, type: undefined }) },
    { weight: 1, arbitrary: fc.tuple(fc.oneof(fc.string({ maxLength: 200 }), fc.constantFrom('{', '{"a":', '[1,2', '{"a":1}}', 'null', '"x"', '\u0000', '{"__proto__":{"x":1}}', '{"a":1,"a":2}', '[' .repeat(5000), '{"a":'.repeat(2000))), fc.constantFrom(...CONTENT_TYPES)).map(([payload, type]) => ({ payload, type: type === '' ? undefined : type })) },
  );
  const headersArb = fc.dictionary(HEADER_NAME.filter((n) => !['content-length', 'transfer-encoding', 'host', 'connection', 'content-type', 'authorization', 'expect', 'upgrade', 'te', 'trailer'].includes(n)), HEADER_VALUE, { maxKeys: 3 });
  return fc.record({
    path: pathArb,
    query: queryArb,
    body: bodyArb,
    headers: headersArb,
    headerParams: headerParamArb,
    auth: fc.constantFrom(...options.authorizations),
    language: fc.constantFrom(undefined, 'en', 'vi', 'en-US,en;q=0.9', '*', 'x'.repeat(200)),
  }).map(({ path, query, body, headers, headerParams, auth, language }) => {
    let i = 0;
    const url = op.path.replace(/\{[^}]+\}/g, () => path[i++] ?? 'x');
    const qs = query.filter((q): q is readonly [string, string] => q !== undefined).map(([k, v]) => `${percentEncode(k)}=${percentEncode(v)}`).join('&');
    const h: Record<string, string> = { ...headers };
    for (const hp of headerParams) if (hp !== undefined) h[hp[0].toLowerCase()] = hp[1];
    if (auth !== undefined) h['authorization'] = auth;
    if (language !== undefined) h['accept-language'] = language;
    const hasBody = body.payload !== undefined && op.method !== 'GET' && op.method !== 'DELETE';
    if (hasBody && body.type !== undefined) h['content-type'] = body.type;
    return { method: op.method, url: qs === '' ? url : `${url}?${qs}`, headers: h, payload: hasBody ? body.payload : undefined };
  });
}
