import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServer, type HttpServer } from '@ndxp/core';
import { openTestDatabase, testBackends, type Db } from '@ndxp/db';
import { AdapterConfigError, formatIssue } from './adapter-config-error.ts';
import { loadAdapter } from './load-adapter.ts';

/** A valid configuration. Line numbers below refer to this text (line 1 is the comment). */
const BASE = `# Tax register (test fixture)
service:
  code: taxpayer-lookup
  version: v1
  title:
    vi: Tra cứu người nộp thuế
    en: Taxpayer lookup
  data_class: private
  legal_bases:
    - Luật Quản lý thuế số 38/2019/QH14
request:
  method: GET
  path: /taxpayers/:personal_id
  params:
    type: object
    required: [personal_id]
    properties:
      personal_id: { type: string, pattern: '^[0-9]{12}$', x-error-code: PERSONAL_ID_MALFORMED }
subject_locator: { in: path, name: personal_id }
source:
  sql: |
    SELECT tax_code, full_name, registered_on, status
    FROM taxpayers
    WHERE personal_id = :personal_id
field_mapping:
  /tax_code: tax_code
  /name: { column: full_name, transform: trim }
  /registered_on: { column: registered_on, transform: date }
  /status/active: { column: status, transform: boolean }
`;

const SCHEMA = `CREATE TABLE taxpayers (
  personal_id text PRIMARY KEY,
  tax_code text NOT NULL,
  full_name text NOT NULL,
  registered_on date NOT NULL,
  status text NOT NULL
);
INSERT INTO taxpayers VALUES ('001090000001', '8012345678', '  Nguyễn Văn An ', '2015-03-02', 'true'),
  ('079190000002', '0312345679', 'Trần Thị Bình', '2019-11-20', 'false');`;

/** Replace exactly one occurrence (a typo in a test fixture must not pass silently). */
function edit(text: string, from: string, to: string): string {
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`fixture edit not unique: ${from}`);
  return text.slice(0, at) + to + text.slice(at + from.length);
}

describe.each(testBackends())('declarative adapter on %s', (kind) => {
  let db: Db;
  beforeAll(async () => {
    db = await openTestDatabase(kind);
    await db.exec(SCHEMA);
  });
  afterAll(async () => {
    await db.close();
  });

  /** Load `text` and return its issues formatted as the author sees them. */
  async function issuesOf(text: string, file = 'tax.yaml'): Promise<string[]> {
    try {
      await loadAdapter({ file, text, db, env: {} });
    } catch (e) {
      expect(e).toBeInstanceOf(AdapterConfigError);
      expect((e as AdapterConfigError).code).toBe('CONFIG_INVALID');
      return (e as AdapterConfigError).issues.map(formatIssue);
    }
    return [];
  }

  describe('a valid configuration', () => {
    let app: HttpServer;
    let granted: readonly string[] | undefined;
    beforeAll(async () => {
      const adapter = await loadAdapter({ file: 'tax.yaml', text: BASE, db });
      app = createServer({ name: 'adapter-test', logger: false });
      adapter.register(app, { fieldsOf: () => granted });
      await app.ready();
    });
    afterAll(async () => {
      await app.close();
    });

    it('describes the service for the catalogue, with column types in the OpenAPI document', async () => {
      const { descriptor, columns } = await loadAdapter({ file: 'tax.yaml', text: BASE, db });
      expect(columns.map((c) => [c.name, c.type])).toEqual([
        ['tax_code', 'text'],
        ['full_name', 'text'],
        ['registered_on', 'date'],
        ['status', 'text'],
      ]);
      expect(descriptor).toMatchObject({
        code: 'taxpayer-lookup',
        version: 'v1',
        title: 'Tra cứu người nộp thuế',
        title_en: 'Taxpayer lookup',
        data_class: 'private',
        legal_bases: ['Luật Quản lý thuế số 38/2019/QH14'],
        fields: ['/tax_code', '/name', '/registered_on', '/status/active'],
        subject_locator: { in: 'path', name: 'personal_id' },
      });
      const op = (descriptor.openapi['paths'] as Record<string, Record<string, Record<string, unknown>>>)['/taxpayers/{personal_id}']?.['get'];
      expect(descriptor.openapi['openapi']).toBe('3.1.0');
      expect(op?.['parameters']).toContainEqual(expect.objectContaining({ name: 'personal_id', in: 'path', required: true }));
      const schema = ((op?.['responses'] as Record<string, { content: Record<string, { schema: Record<string, unknown> }> }>)['200']?.content['application/json']?.schema) as Record<string, Record<string, Record<string, unknown>>>;
      expect(schema['properties']?.['registered_on']).toEqual({ type: ['string', 'null'], format: 'date' });
      expect(schema['properties']?.['status']).toMatchObject({ type: 'object', properties: { active: { type: ['boolean', 'null'] } } });
    });

    it('serves mapped, transformed records and 404 for an unknown subject', async () => {
      granted = undefined;
      const ok = await app.inject({ method: 'GET', url: '/taxpayers/001090000001' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toEqual({ tax_code: '8012345678', name: 'Nguyễn Văn An', registered_on: '2015-03-02', status: { active: true } });
      const none = await app.inject({ method: 'GET', url: '/taxpayers/001090000009' });
      expect(none.statusCode).toBe(404);
      expect(none.json()).toMatchObject({ code: 'RECORD_NOT_FOUND' });
    });

    it('validates the request with the configured schema and its error code', async () => {
      const bad = await app.inject({ method: 'GET', url: "/taxpayers/1'%20OR%20'1'='1" });
      expect(bad.statusCode).toBe(400);
      expect(bad.json()).toMatchObject({ code: 'PERSONAL_ID_MALFORMED' });
    });

    it('returns only the granted fields (minimisation at the source)', async () => {
      granted = ['/tax_code', '/status/active'];
      const res = await app.inject({ method: 'GET', url: '/taxpayers/079190000002' });
      expect(res.json()).toEqual({ tax_code: '0312345679', status: { active: false } });
    });
  });

  it('serves lists with result: many, bounded by max_rows', async () => {
    const many = edit(edit(edit(BASE, 'WHERE personal_id = :personal_id', 'WHERE personal_id <> :personal_id ORDER BY personal_id'), 'field_mapping:', 'result: many\nmax_rows: 1\nfield_mapping:'), 'data_class: private', 'data_class: shared');
    const adapter = await loadAdapter({ file: 'tax.yaml', text: many, db });
    expect(adapter.descriptor.fields).toContain('/items/*/tax_code');
    const app = createServer({ name: 't', logger: false });
    adapter.register(app, { fieldsOf: () => ['/items/*/name'] });
    const res = await app.inject({ method: 'GET', url: '/taxpayers/000000000000' });
    expect(res.json()).toEqual({ items: [{ name: 'Nguyễn Văn An' }] });
    await app.close();
  });

  it('serves an upstream REST API: template, secret header from the environment, 404 and bad answers', async () => {
    const upstream = createServer({ name: 'legacy', logger: false });
    const seen: string[] = [];
    upstream.get('/api/nnt/:id', async (request, reply) => {
      seen.push(String(request.headers['x-api-key']));
      const id = (request.params as { id: string }).id;
      if (id === '001090000001') return { data: { mst: '8012345678', ten: ' Nguyễn Văn An ', ngay_cap: '02/03/2015', con_hieu_luc: 1 } };
      if (id === '001090000002') return reply.code(500).send({ oops: 'stack trace here' });
      return reply.code(404).send({});
    });
    const base = await upstream.listen({ host: '127.0.0.1', port: 0 });
    const up = edit(edit(BASE, '  sql: |\n    SELECT tax_code, full_name, registered_on, status\n    FROM taxpayers\n    WHERE personal_id = :personal_id\n', '  upstream:\n    url: ${TAX_API}/api/nnt/{personal_id}\n    headers_from_env: { x-api-key: TAX_API_KEY }\n    record_pointer: /data\n'),
      'field_mapping:\n  /tax_code: tax_code\n  /name: { column: full_name, transform: trim }\n  /registered_on: { column: registered_on, transform: date }\n  /status/active: { column: status, transform: boolean }',
      'field_mapping:\n  /tax_code: /mst\n  /name: { pointer: /ten, transform: trim }\n  /registered_on: { pointer: /ngay_cap, transform: date }\n  /status/active: { pointer: /con_hieu_luc, transform: boolean }');
    const adapter = await loadAdapter({ file: 'tax.yaml', text: up, env: { TAX_API: base, TAX_API_KEY: 'k-123' } });
    expect(adapter.descriptor.fields).toEqual(['/tax_code', '/name', '/registered_on', '/status/active']);
    const app = createServer({ name: 't', logger: false });
    adapter.register(app);
    const ok = await app.inject({ method: 'GET', url: '/taxpayers/001090000001' });
    expect(ok.json()).toEqual({ tax_code: '8012345678', name: 'Nguyễn Văn An', registered_on: '2015-03-02', status: { active: true } });
    expect(seen).toEqual(['k-123']);
    expect((await app.inject({ method: 'GET', url: '/taxpayers/001090000003' })).json()).toMatchObject({ code: 'RECORD_NOT_FOUND' });
    const bad = await app.inject({ method: 'GET', url: '/taxpayers/001090000002' });
    expect(bad.statusCode).toBe(502);
    expect(bad.json()).toMatchObject({ code: 'PROVIDER_BAD_RESPONSE', origin: 'provider' });
    expect(bad.body).not.toContain('stack trace');
    await upstream.close();
    const down = await app.inject({ method: 'GET', url: '/taxpayers/001090000001' });
    expect(down.json()).toMatchObject({ code: 'PROVIDER_UNAVAILABLE' });
    await app.close();
  });

  it('accepts JSON and positions its errors too', async () => {
    const json = JSON.stringify({ service: { code: 'x', version: 'v1', title: { vi: 'a', en: 'b' }, data_class: 'open', legal_bases: ['L'] }, request: { method: 'GET', path: '/x' }, source: { sql: 'SELECT 1 AS one' }, field_mapping: { '/one': 'one' } }, null, 2);
    await expect(loadAdapter({ file: 'x.json', text: json, db })).resolves.toMatchObject({ descriptor: { fields: ['/one'] } });
    expect(await issuesOf(edit(json, '"open"', '"public"'), 'x.json')).toEqual(['x.json:9:19: service.data_class: must be one of open, shared, private (got "public")']);
  });

  describe('rejects each kind of mistake at its line and column', () => {
    it('YAML syntax and duplicate keys', async () => {
      expect(await issuesOf(edit(BASE, '  method: GET', '  method: GET: POST'))).toEqual(['tax.yaml:12:11: Nested mappings are not allowed in compact mappings']);
      expect(await issuesOf(edit(BASE, '    en: Taxpayer lookup', '\ten: Taxpayer lookup'))).toEqual(['tax.yaml:7:1: Tabs are not allowed as indentation']);
      const dup = await issuesOf(edit(BASE, '  version: v1', '  version: v1\n  code: other'));
      expect(dup).toEqual([expect.stringMatching(/^tax\.yaml:5:3: .*unique/)]);
    });

    it('unknown and missing keys', async () => {
      expect(await issuesOf(edit(BASE, 'field_mapping:', 'feild_mapping:'))).toEqual([
        'tax.yaml:2:1: missing required key "field_mapping"',
        'tax.yaml:25:1: feild_mapping: unknown key "feild_mapping"',
      ]);
      expect(await issuesOf(edit(BASE, '  version: v1\n', ''))).toEqual(['tax.yaml:2:1: service: missing required key "version"']);
    });

    it('wrong values: enum, pattern, type, empty list', async () => {
      expect(await issuesOf(edit(BASE, 'data_class: private', 'data_class: secret'))).toEqual(['tax.yaml:8:15: service.data_class: must be one of open, shared, private (got "secret")']);
      expect(await issuesOf(edit(BASE, 'code: taxpayer-lookup', 'code: Taxpayer_Lookup'))).toEqual(['tax.yaml:3:9: service.code: must match ^[a-z0-9][a-z0-9-]{0,62}$ (got "Taxpayer_Lookup")']);
      expect(await issuesOf(edit(BASE, 'version: v1', 'version: 1'))).toEqual([expect.stringMatching(/^tax\.yaml:4:12: service\.version: must be string \(got number\)$/)]);
      expect(await issuesOf(edit(BASE, '  legal_bases:\n    - Luật Quản lý thuế số 38/2019/QH14', '  legal_bases: []'))).toEqual(['tax.yaml:9:16: service.legal_bases: must have at least 1 item(s)']);
    });

    it('an unknown column, with a suggestion', async () => {
      expect(await issuesOf(edit(BASE, '/tax_code: tax_code', '/tax_code: tax_cod'))).toEqual([
        'tax.yaml:26:14: field_mapping./tax_code: unknown column "tax_cod" (did you mean "tax_code"?); the query returns: tax_code, full_name, registered_on, status',
      ]);
      expect(await issuesOf(edit(BASE, '{ column: full_name, transform: trim }', '{ column: fullname, transform: trim }'))).toEqual([
        expect.stringMatching(/^tax\.yaml:27:20: field_mapping\.\/name\.column: unknown column "fullname" \(did you mean "full_name"\?\)/),
      ]);
    });

    it('an unknown named parameter, pointed at inside the query', async () => {
      expect(await issuesOf(edit(BASE, '= :personal_id', '= :personal_idd'))).toEqual([
        'tax.yaml:24:25: source.sql: unknown parameter ":personal_idd": declare it in request.params, request.query or request.body',
      ]);
    });

    it('what PostgreSQL rejects, at the offending token', async () => {
      expect(await issuesOf(edit(BASE, 'FROM taxpayers', 'FROM taxpayer'))).toEqual([
        'tax.yaml:23:10: source.sql: PostgreSQL rejected the query: relation "taxpayer" does not exist',
      ]);
      expect(await issuesOf(edit(BASE, 'SELECT tax_code, full_name', 'SELECT tax_code, fullname'))).toEqual([
        'tax.yaml:22:22: source.sql: PostgreSQL rejected the query: column "fullname" does not exist',
      ]);
    });

    it('anything but one read query', async () => {
      expect(await issuesOf(edit(BASE, '    SELECT tax_code, full_name, registered_on, status\n    FROM taxpayers\n', '    DELETE FROM taxpayers\n'))).toEqual([
        'tax.yaml:22:5: source.sql: must be a read query starting with SELECT or WITH (got DELETE)',
      ]);
      expect(await issuesOf(edit(BASE, 'WHERE personal_id = :personal_id', 'WHERE personal_id = :personal_id; DROP TABLE taxpayers'))).toEqual([
        'tax.yaml:24:37: source.sql: only one statement is allowed (remove the ";" and what follows)',
      ]);
      expect(await issuesOf(edit(BASE, '= :personal_id', '= $1'))).toEqual([
        'tax.yaml:24:25: source.sql: positional parameters ($1) are not allowed: use named parameters (:name)',
      ]);
      const cte = edit(BASE, '    SELECT tax_code, full_name, registered_on, status\n    FROM taxpayers\n    WHERE personal_id = :personal_id', '    WITH gone AS (DELETE FROM taxpayers WHERE personal_id = :personal_id RETURNING *)\n    SELECT tax_code, full_name, registered_on, status FROM gone');
      // Wrapped as a subquery (at load and at run time), a data-modifying WITH is refused outright.
      expect(await issuesOf(cte)).toEqual(['tax.yaml:22:10: source.sql: PostgreSQL rejected the query: WITH clause containing a data-modifying statement must be at the top level']);
      const { rows } = await db.query<{ n: number }>('SELECT count(*)::int8 AS n FROM taxpayers');
      expect(rows[0]?.n).toBe(2);
    });

    it('route parameters, subject locator and data class', async () => {
      expect(await issuesOf(edit(BASE, 'path: /taxpayers/:personal_id', 'path: /taxpayers/:personal_id/:year'))).toEqual([
        'tax.yaml:14:3: request.params: path parameter ":year" is not declared in request.params.properties',
      ]);
      expect(await issuesOf(edit(BASE, 'name: personal_id }', 'name: cccd }'))).toEqual(['tax.yaml:19:36: subject_locator.name: "cccd" is not declared in request.params.properties']);
      expect(await issuesOf(edit(BASE, 'subject_locator: { in: path, name: personal_id }\n', ''))).toEqual([
        'tax.yaml:8:15: service.data_class: a service of private data must declare subject_locator (where the personal ID sits in the request)',
      ]);
      expect(await issuesOf(edit(BASE, '{ in: path, name: personal_id }', '{ in: body, pointer: /personal_id }'))).toEqual([
        'tax.yaml:19:39: subject_locator.pointer: /personal_id does not exist in request.body',
      ]);
    });

    it('field pointers, overlaps and transforms', async () => {
      expect(await issuesOf(edit(BASE, '  /tax_code: tax_code', '  tax_code: tax_code'))).toEqual([
        'tax.yaml:26:3: field_mapping.tax_code: "tax_code" is not a JSON pointer (RFC 6901): it must start with "/"',
      ]);
      expect(await issuesOf(edit(BASE, '  /tax_code: tax_code', '  /status: tax_code'))).toEqual(['tax.yaml:29:3: field_mapping./status/active: overlaps /status: a field cannot be both a value and an object']);
      expect(await issuesOf(edit(BASE, 'transform: trim', 'transform: strip'))).toEqual([
        'tax.yaml:27:42: field_mapping./name.transform[0]: must be one of trim, upper, lower, date, string, number, boolean, null_if_empty (got "strip")',
      ]);
    });

    it('request schemas that are invalid or name an unknown error code', async () => {
      expect(await issuesOf(edit(BASE, 'PERSONAL_ID_MALFORMED', 'PERSONAL_ID_WRONG'))).toEqual([
        'tax.yaml:18:74: request.params.properties.personal_id.x-error-code: unknown error code "PERSONAL_ID_WRONG" (see docs/errors.md)',
      ]);
      expect(await issuesOf(edit(BASE, '{ type: string,', '{ type: strin,'))).toEqual([expect.stringMatching(/^tax\.yaml:15:5: request\.params: is not a valid JSON Schema: /)]);
      expect(await issuesOf(edit(BASE, 'method: GET', 'method: GET\n  body: { type: object }'))).toEqual(['tax.yaml:13:9: request.body: a GET request has no body: use method POST or move the values to query']);
    });

    it('a source that is both or neither SQL and upstream; upstream templates and environment', async () => {
      expect(await issuesOf(edit(BASE, 'source:\n', 'source:\n  upstream: { url: "http://tax.internal/x" }\n'))).toEqual([
        'tax.yaml:21:3: source: give either source.sql or source.upstream, not both',
      ]);
      const up = edit(edit(BASE, '  sql: |\n    SELECT tax_code, full_name, registered_on, status\n    FROM taxpayers\n    WHERE personal_id = :personal_id\n', '  upstream:\n    url: ${TAX_API}/nnt/{personal_idd}\n    headers_from_env: { x-api-key: TAX_API_KEY }\n'), 'field_mapping:\n  /tax_code: tax_code', 'field_mapping:\n  /tax_code: /mst');
      expect(await issuesOf(up)).toEqual([
        'tax.yaml:22:10: source.upstream.url: environment variable TAX_API is not set',
        'tax.yaml:22:25: source.upstream.url: unknown template variable "{personal_idd}": declare it in request.params, request.query or request.body',
        'tax.yaml:23:36: source.upstream.headers_from_env.x-api-key: environment variable TAX_API_KEY is not set',
        'tax.yaml:26:10: field_mapping./name: an upstream source maps JSON pointers: use pointer, not column',
        'tax.yaml:27:19: field_mapping./registered_on: an upstream source maps JSON pointers: use pointer, not column',
        'tax.yaml:28:19: field_mapping./status/active: an upstream source maps JSON pointers: use pointer, not column',
      ]);
    });

    it('reports every issue at once, in file order', async () => {
      const many = edit(edit(BASE, 'data_class: private', 'data_class: secret'), 'code: taxpayer-lookup', 'code: Bad');
      expect((await issuesOf(many)).map((l) => l.split(':').slice(0, 3).join(':'))).toEqual(['tax.yaml:3:9', 'tax.yaml:8:15']);
    });
  });
});
