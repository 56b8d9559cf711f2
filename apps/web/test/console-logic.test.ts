import { describe, expect, it } from 'vitest';
import { mayPerformGrantAction, nextGrantState, type GrantAction, type GrantState } from '@ndxp/hub/control/grants/grant-transitions';
import { memberCode } from '@ndxp/hub/control/ids';
import { allowedActions } from '../src/pages/grants/allowed-actions.ts';
import { bucketsBy, histogramQuantile, parsePrometheus } from '../src/api/prometheus.ts';
import { operations, schemaRows, type Json } from '../src/components/openapi-model.ts';
import type { Role } from '../src/auth/session.ts';

describe('grant actions offered by the console', () => {
  const states: GrantState[] = ['requested', 'approved', 'active', 'rejected', 'revoked'];
  const actions: GrantAction[] = ['approve', 'reject', 'activate', 'revoke'];
  const users: { role: Role; member: string | null }[] = [
    { role: 'operator', member: null },
    { role: 'provider_admin', member: 'BCA' },
    { role: 'provider_admin', member: 'BTC' },
    { role: 'consumer_admin', member: 'BTC' },
    { role: 'consumer_admin', member: 'BCA' },
    { role: 'provider_admin', member: 'BYT' },
  ];

  it('are exactly those the hub would accept, for every role, member and state', () => {
    let offered = 0;
    for (const u of users) {
      for (const state of states) {
        const grant = { state, consumer_member: 'BTC', provider_member: 'BCA' };
        const hub = actions.filter((a) => nextGrantState(state, a) !== undefined && mayPerformGrantAction(
          { username: 'u', role: u.role, member: u.member === null ? null : memberCode(u.member) }, a, { consumerMember: 'BTC', providerMember: 'BCA' },
        ));
        const ui = allowedActions({ username: 'u', role: u.role, member_code: u.member }, grant);
        expect(ui.sort(), `${u.role}/${u.member} on ${state}`).toEqual(hub.sort());
        offered += ui.length;
      }
    }
    expect(offered).toBeGreaterThan(10);
  });
});

describe('Prometheus text in the browser', () => {
  const text = [
    '# HELP ndxp_exchange_duration_seconds Data-plane exchange latency',
    '# TYPE ndxp_exchange_duration_seconds histogram',
    'ndxp_exchange_duration_seconds_bucket{le="0.001",service="A/a/x/v1",status="200"} 10',
    'ndxp_exchange_duration_seconds_bucket{le="0.01",service="A/a/x/v1",status="200"} 90',
    'ndxp_exchange_duration_seconds_bucket{le="0.1",service="A/a/x/v1",status="200"} 100',
    'ndxp_exchange_duration_seconds_bucket{le="+Inf",service="A/a/x/v1",status="200"} 100',
    'ndxp_exchange_duration_seconds_bucket{le="0.001",service="A/a/x/v1",status="404"} 0',
    'ndxp_exchange_duration_seconds_bucket{le="0.01",service="A/a/x/v1",status="404"} 0',
    'ndxp_exchange_duration_seconds_bucket{le="0.1",service="A/a/x/v1",status="404"} 100',
    'ndxp_exchange_duration_seconds_bucket{le="+Inf",service="A/a/x/v1",status="404"} 100',
    'ndxp_exchange_denials_total{code="GRANT_MISSING"} 3',
    'ndxp_provider_circuit_state{provider="A/a \\"quoted\\""} 2',
  ].join('\n');

  it('parses samples with labels, escapes and +Inf', () => {
    const s = parsePrometheus(text);
    expect(s).toHaveLength(10);
    expect(s.find((x) => x.name === 'ndxp_exchange_denials_total')).toEqual({ name: 'ndxp_exchange_denials_total', labels: { code: 'GRANT_MISSING' }, value: 3 });
    expect(s.at(-1)?.labels['provider']).toBe('A/a "quoted"');
  });

  it('sums buckets across statuses and interpolates quantiles like histogram_quantile', () => {
    const b = bucketsBy(parsePrometheus(text), 'ndxp_exchange_duration_seconds', 'service').get('A/a/x/v1')!;
    // 200 observations: 10 ≤ 1 ms, 90 ≤ 10 ms, 200 ≤ 100 ms.
    expect(b.find((x) => x.le === 0.1)?.count).toBe(200);
    // p50 = rank 100: inside (0.01, 0.1], 10 of 110 → 0.01 + 0.09 × 10/110.
    expect(histogramQuantile(0.5, b)).toBeCloseTo(0.01 + 0.09 * (10 / 110), 10);
    // p95 = rank 190: 0.01 + 0.09 × 100/110.
    expect(histogramQuantile(0.95, b)).toBeCloseTo(0.01 + 0.09 * (100 / 110), 10);
    expect(histogramQuantile(0.95, [])).toBeUndefined();
    expect(histogramQuantile(0.99, [{ le: 0.5, count: 1 }, { le: Infinity, count: 100 }])).toBe(0.5);
  });
});

describe('OpenAPI rendering model', () => {
  const doc = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/people/{id}': {
        parameters: [{ $ref: '#/components/parameters/Id' }],
        get: {
          summary: 'One person',
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Person' } } } } },
        },
      },
    },
    components: {
      parameters: { Id: { name: 'id', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } } },
      schemas: {
        Person: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string', description: 'Họ tên' },
            'a/b': { type: 'integer' },
            kids: { type: 'array', items: { $ref: '#/components/schemas/Person' } },
            tags: { type: ['string', 'null'] },
          },
        },
      },
    },
  } satisfies Json;

  it('resolves references, escapes pointers (RFC 6901) and stops at cycles', () => {
    const ops = operations(doc);
    expect(ops).toHaveLength(1);
    expect(ops[0]?.parameters).toEqual([{ name: 'id', in: 'path', required: true, type: 'string (uuid)', description: undefined }]);
    const rows = ops[0]!.responses[0]!.schema;
    // Person refers to itself through kids: its recursive use is named ("array of Person"), not expanded again.
    expect(rows.map((r) => r.pointer)).toEqual(['/name', '/a~1b', '/kids', '/tags']);
    expect(rows.find((r) => r.pointer === '/name')).toMatchObject({ required: true, type: 'string', description: 'Họ tên' });
    expect(rows.find((r) => r.pointer === '/kids')?.type).toBe('array of Person');
    expect(rows.find((r) => r.pointer === '/tags')?.type).toBe('string | null');
  });

  it('copes with documents that are not OpenAPI at all', () => {
    expect(operations(null)).toEqual([]);
    expect(operations({ paths: { '/x': 'nonsense' } })).toEqual([]);
    expect(schemaRows({}, { $ref: '#/nowhere' })).toEqual([]);
  });
});
