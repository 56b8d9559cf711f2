/**
 * Build the OpenAPI 3.1 document of one service operation from the same JSON Schemas that
 * validate its requests, so the catalogue can never drift from what the service accepts
 * (OpenAPI 3.1 uses JSON Schema 2020-12 as is: the request schemas are reused unchanged).
 */
export interface OperationSpec {
  readonly serviceCode: string;
  readonly version: string;
  readonly title: string;
  readonly titleEn: string;
  readonly description?: string;
  readonly method: 'GET' | 'POST';
  /** Fastify-style path, `:name` for parameters. */
  readonly path: string;
  readonly params?: Record<string, unknown>;
  readonly query?: Record<string, unknown>;
  readonly body?: Record<string, unknown>;
  readonly response: Record<string, unknown>;
  readonly legalBases: readonly string[];
  readonly dataClass: string;
  /** Status codes the operation may answer besides 200 (problem+json). */
  readonly errors?: readonly number[];
}

const PROBLEM_SCHEMA = {
  type: 'object',
  description: 'RFC 9457 problem details with NDXP extension members',
  required: ['type', 'title', 'status', 'code', 'origin'],
  properties: {
    type: { type: 'string', format: 'uri' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    instance: { type: 'string' },
    code: { type: 'string' },
    origin: { type: 'string', enum: ['client', 'hub', 'provider'] },
    request_id: { type: 'string' },
  },
};

function parametersOf(schema: Record<string, unknown> | undefined, where: 'path' | 'query'): Record<string, unknown>[] {
  const props = (schema?.['properties'] ?? {}) as Record<string, Record<string, unknown>>;
  const required = new Set((schema?.['required'] as string[] | undefined) ?? []);
  return Object.entries(props).map(([name, s]) => ({
    name,
    in: where,
    required: where === 'path' ? true : required.has(name),
    schema: s,
    ...(typeof s['description'] === 'string' ? { description: s['description'] } : {}),
  }));
}

/** Response schema for a set of JSON pointers with their leaf schemas: nested objects. */
export function objectSchemaFromPointers(leaves: ReadonlyMap<string, Record<string, unknown>>): Record<string, unknown> {
  const root: Record<string, unknown> = { type: 'object', properties: {} };
  for (const [pointer, leaf] of leaves) {
    const segs = pointer.slice(1).split('/').map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
    let node = root;
    segs.forEach((seg, i) => {
      const props = node['properties'] as Record<string, Record<string, unknown>>;
      if (i === segs.length - 1) props[seg] = { ...leaf };
      else {
        props[seg] ??= { type: 'object', properties: {} };
        node = props[seg];
      }
    });
  }
  return root;
}

/** The OpenAPI 3.1 document (one path, one operation). */
export function buildServiceOpenApi(spec: OperationSpec): Record<string, unknown> {
  const path = spec.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, '{$1}');
  const problem = { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } };
  const responses: Record<string, unknown> = {
    '200': { description: 'OK', content: { 'application/json': { schema: spec.response } } },
  };
  for (const status of [400, 401, 403, ...(spec.errors ?? []), 502, 503, 504]) {
    responses[String(status)] ??= { description: 'problem', content: problem };
  }
  const operation: Record<string, unknown> = {
    operationId: `${spec.serviceCode}-${spec.version}`,
    summary: spec.title,
    'x-summary-en': spec.titleEn,
    parameters: [...parametersOf(spec.params, 'path'), ...parametersOf(spec.query, 'query'), { name: 'X-Ndxp-Purpose', in: 'header', required: true, schema: { type: 'string' }, description: 'Mục đích sử dụng dữ liệu / purpose code (must be covered by the grant)' }],
    responses,
  };
  if (spec.description !== undefined) operation['description'] = spec.description;
  if (spec.body !== undefined) operation['requestBody'] = { required: true, content: { 'application/json': { schema: spec.body } } };
  return {
    openapi: '3.1.0',
    info: {
      title: spec.title,
      'x-title-en': spec.titleEn,
      version: spec.version,
      ...(spec.description === undefined ? {} : { description: spec.description }),
      'x-data-class': spec.dataClass,
      'x-legal-bases': [...spec.legalBases],
    },
    paths: { [path]: { [spec.method.toLowerCase()]: operation } },
    components: {
      schemas: { Problem: PROBLEM_SCHEMA },
      securitySchemes: { hub: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'RFC 9068 access token from the hub (POST /oauth/token)' } },
    },
    security: [{ hub: [] }],
  };
}
