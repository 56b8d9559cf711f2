import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isErrorCode } from '@ndxp/core';

/** Circuit states as a gauge value: 0 closed, 1 half-open, 2 open. */
const CIRCUIT_VALUE = { closed: 0, 'half-open': 1, open: 2 } as const;

/**
 * The hub's Prometheus metrics, in a registry of its own (not prom-client's global default), so
 * several hubs can live in one process (tests) without colliding.
 */
export interface HubMetrics {
  readonly registry: Registry;
  /** One data-plane exchange finished: `service` is a catalogued id or null (unknown / not reached). */
  exchange(service: string | null, status: number, seconds: number): void;
  /** One exchange was refused with `code` (client, hub or provider side). */
  denial(code: string): void;
  /** One audit flush: batch size, its duration, whether it committed. */
  auditFlush(batchSize: number, seconds: number, ok: boolean): void;
  /** A provider's circuit changed state. */
  circuit(provider: string, state: keyof typeof CIRCUIT_VALUE): void;
  /** Prometheus text exposition. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface HubMetricsOptions {
  /** Also export Node.js process metrics (CPU, memory, event loop lag). Default true. */
  readonly processMetrics?: boolean;
}

// Latency buckets from 0.5 ms: the hub's own overhead target is < 2 ms at p99 (issue 3).
const LATENCY_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createHubMetrics(options: HubMetricsOptions = {}): HubMetrics {
  const registry = new Registry();
  if (options.processMetrics ?? true) collectDefaultMetrics({ register: registry, prefix: 'ndxp_hub_' });
  const requests = new Counter({ name: 'ndxp_exchange_requests_total', help: 'Data-plane exchanges by service and HTTP status', labelNames: ['service', 'status'] as const, registers: [registry] });
  const latency = new Histogram({ name: 'ndxp_exchange_duration_seconds', help: 'Data-plane exchange latency (hub + provider + audit) by service and status', labelNames: ['service', 'status'] as const, buckets: LATENCY_BUCKETS, registers: [registry] });
  const denials = new Counter({ name: 'ndxp_exchange_denials_total', help: 'Refused exchanges by error code', labelNames: ['code'] as const, registers: [registry] });
  const batch = new Histogram({ name: 'ndxp_audit_batch_size', help: 'Entries per audit group commit', buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512], registers: [registry] });
  const flush = new Histogram({ name: 'ndxp_audit_flush_duration_seconds', help: 'Duration of one audit group commit', labelNames: ['outcome'] as const, buckets: LATENCY_BUCKETS, registers: [registry] });
  const circuits = new Gauge({ name: 'ndxp_provider_circuit_state', help: 'Provider circuit breaker state: 0 closed, 1 half-open, 2 open', labelNames: ['provider'] as const, registers: [registry] });

  // Label children are cached: prom-client hashes label values on every call otherwise.
  const children = new Map<string, { count: Counter.Internal; time: Histogram.Internal<'service' | 'status'> }>();
  return {
    registry,
    exchange(service, status, seconds) {
      const key = `${service ?? ''}\u0000${status}`;
      let c = children.get(key);
      if (c === undefined) {
        const labels = { service: service ?? 'unknown', status: String(status) };
        c = { count: requests.labels(labels), time: latency.labels(labels) };
        children.set(key, c);
      }
      c.count.inc();
      c.time.observe(seconds);
    },
    // Only catalogued codes become label values: a provider relaying codes of its own must not be
    // able to grow the label set without bound.
    denial: (code) => denials.inc({ code: isErrorCode(code) ? code : 'OTHER' }),
    auditFlush(size, seconds, ok) {
      if (ok) batch.observe(size);
      flush.observe({ outcome: ok ? 'ok' : 'error' }, seconds);
    },
    circuit: (provider, state) => circuits.set({ provider }, CIRCUIT_VALUE[state]),
    render: () => registry.metrics(),
    contentType: registry.contentType,
  };
}
