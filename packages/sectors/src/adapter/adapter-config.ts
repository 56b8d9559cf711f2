import { Type, type Static, type TSchema } from 'typebox';

/**
 * The configuration file of the declarative adapter: everything an agency writes to publish an
 * existing PostgreSQL database (or an upstream REST API) as a hub service without code. The file
 * is YAML (or JSON, which is YAML 1.2) and is checked against this schema at load; every error
 * names the file, line and column (see `load-adapter.ts`).
 *
 * The shape mirrors the hub's catalogue entry (`services` table of migration 0001): code, version,
 * titles, data class (Data Law 2024, Art. 18: open / shared / private), legal bases, fields as JSON
 * pointers into the response, and where the data subject's personal ID sits in a request.
 */

/** `a-z0-9-`, as the hub's `services.code` check requires. */
const SERVICE_CODE = '^[a-z0-9][a-z0-9-]{0,62}$';
const SERVICE_VERSION = '^v[0-9]+$';
/** A route path: literal segments and `:name` parameters, as Fastify writes them. */
const ROUTE_PATH = '^(/([A-Za-z0-9._~-]+|:[A-Za-z_][A-Za-z0-9_]*))+$|^/$';
/** RFC 6901 JSON pointer, non-empty (the whole document is not a field). */
const JSON_POINTER = '^(/([^~/]|~[01])*)+$';

const text = (description: string, extra: Record<string, unknown> = {}) => Type.String({ minLength: 1, description, ...extra });

/** JSON Schema, kept as written: checked by compiling it with Ajv at load. */
const JsonSchema = Type.Unsafe<Record<string, unknown>>(Type.Object({}, { additionalProperties: true, description: 'JSON Schema (draft 2020-12 subset accepted by Ajv)' }));

export const TRANSFORMS = ['trim', 'upper', 'lower', 'date', 'string', 'number', 'boolean', 'null_if_empty'] as const;
/** A simple value transform applied after reading a column or upstream value. */
export type Transform = (typeof TRANSFORMS)[number];

/**
 * Where a response field comes from. Authors may write the shorthand `/x: column_name` (or
 * `/x: /upstream/pointer`) and `transform: trim`; both are expanded before this check (see
 * `expandShorthands`), so the schema needs no unions, whose errors are unreadable.
 */
const FieldSource = Type.Object(
  {
    column: Type.Optional(Type.String({ minLength: 1 })),
    pointer: Type.Optional(Type.String({ pattern: '^(/([^~/]|~[01])*)*$' })),
    transform: Type.Optional(Type.Array(Type.Enum([...TRANSFORMS]), { minItems: 1 })),
    description: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/** `{ in: path|query, name }` or `{ in: body, pointer }` (checked further in check-config-semantics). */
const SubjectLocator = Type.Object(
  {
    in: Type.Enum(['path', 'query', 'body']),
    name: Type.Optional(Type.String({ minLength: 1 })),
    pointer: Type.Optional(Type.String({ pattern: JSON_POINTER })),
  },
  { additionalProperties: false },
);

const Upstream = Type.Object(
  {
    method: Type.Optional(Type.Enum(['GET', 'POST'])),
    /**
     * `http(s)://host/path/{name}?q={other}`: `{name}` takes a request value, percent-encoded.
     * `${ENV}` at the start takes the base URL from the environment (the configuration file names no host).
     */
    url: text('URL template of the upstream endpoint'),
    /** Header name → environment variable holding its value (API keys never sit in the file). */
    headers_from_env: Type.Optional(Type.Record(Type.String({ pattern: '^[A-Za-z0-9-]+$' }), Type.String({ pattern: '^[A-Z_][A-Z0-9_]*$' }))),
    /** Where the record sits in the upstream response (JSON pointer); default: the whole body. */
    record_pointer: Type.Optional(Type.String({ pattern: '^(/([^~/]|~[01])*)*$' })),
    /** Upstream status that means "no such record" (default 404). */
    not_found_status: Type.Optional(Type.Integer({ minimum: 400, maximum: 499 })),
  },
  { additionalProperties: false },
);

const Source = Type.Object(
  {
    /** One SELECT (or WITH … SELECT) with named parameters `:name`; run read-only. */
    sql: Type.Optional(text('SQL query with :named parameters')),
    upstream: Type.Optional(Upstream),
  },
  { additionalProperties: false },
);

export const AdapterConfigSchema = Type.Object(
  {
    service: Type.Object(
      {
        code: Type.String({ pattern: SERVICE_CODE }),
        version: Type.String({ pattern: SERVICE_VERSION }),
        title: Type.Object({ vi: text('Vietnamese title'), en: text('English title') }, { additionalProperties: false }),
        description: Type.Optional(Type.Object({ vi: Type.Optional(Type.String()), en: Type.Optional(Type.String()) }, { additionalProperties: false })),
        data_class: Type.Enum(['open', 'shared', 'private']),
        legal_bases: Type.Array(text('legal basis'), { minItems: 1 }),
        timeout_ms: Type.Optional(Type.Integer({ minimum: 100, maximum: 60000 })),
      },
      { additionalProperties: false },
    ),
    request: Type.Object(
      {
        method: Type.Enum(['GET', 'POST']),
        path: Type.String({ pattern: ROUTE_PATH }),
        params: Type.Optional(JsonSchema),
        query: Type.Optional(JsonSchema),
        body: Type.Optional(JsonSchema),
      },
      { additionalProperties: false },
    ),
    subject_locator: Type.Optional(SubjectLocator),
    source: Source,
    /** `one`: the response is one record (404 when none); `many`: `{ items: [...] }`. */
    result: Type.Optional(Type.Enum(['one', 'many'])),
    /** Upper bound on records returned for `result: many` (default 100). */
    max_rows: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    /** Response JSON pointer ← column (SQL) or upstream JSON pointer, with optional transforms. */
    field_mapping: Type.Record(Type.String(), FieldSource, { minProperties: 1 }),
  },
  { additionalProperties: false },
);

/** A configuration file as written, after the schema check. */
export type AdapterConfig = Static<typeof AdapterConfigSchema>;
export type FieldSourceConfig = Static<typeof FieldSource>;
export type SubjectLocatorConfig = Static<typeof SubjectLocator>;
export type UpstreamConfig = Static<typeof Upstream>;

/** Re-exported so tests can assert the schema is a plain JSON Schema. */
export const adapterConfigJsonSchema: TSchema = AdapterConfigSchema;
