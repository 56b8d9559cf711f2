import { describe, expect, it } from 'vitest';
import { createHubMetrics } from './hub-metrics.ts';

describe('hub metrics', () => {
  it('keeps one registry per hub and renders Prometheus text', async () => {
    const a = createHubMetrics({ processMetrics: false });
    const b = createHubMetrics({ processMetrics: false });
    a.exchange('BCA/npdb/citizen-lookup/v1', 200, 0.0012);
    a.exchange('BCA/npdb/citizen-lookup/v1', 200, 0.003);
    a.exchange(null, 401, 0.0001);
    a.denial('AUTH_REQUIRED');
    a.denial('SOMETHING_A_PROVIDER_MADE_UP');
    a.auditFlush(16, 0.002, true);
    a.auditFlush(4, 0.5, false);
    a.circuit('BCA/down', 'open');
    const text = await a.render();
    expect(text).toContain('ndxp_exchange_requests_total{service="BCA/npdb/citizen-lookup/v1",status="200"} 2');
    expect(text).toContain('ndxp_exchange_requests_total{service="unknown",status="401"} 1');
    expect(text).toContain('ndxp_exchange_duration_seconds_bucket{le="0.002",service="BCA/npdb/citizen-lookup/v1",status="200"} 1');
    expect(text).toContain('ndxp_exchange_denials_total{code="AUTH_REQUIRED"} 1');
    expect(text).toContain('ndxp_exchange_denials_total{code="OTHER"} 1');
    expect(text).not.toContain('SOMETHING_A_PROVIDER_MADE_UP');
    expect(text).toContain('ndxp_audit_batch_size_sum 16');
    expect(text).toContain('ndxp_audit_flush_duration_seconds_count{outcome="error"} 1');
    expect(text).toContain('ndxp_provider_circuit_state{provider="BCA/down"} 2');
    expect(a.contentType).toMatch(/^text\/plain/);
    // The other hub's registry is untouched.
    expect(await b.render()).not.toContain('BCA/npdb');
  });
});
