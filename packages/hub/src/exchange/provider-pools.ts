import { Pool } from 'undici';

export interface ProviderPoolOptions {
  /** Keep-alive connections per provider origin (default 64). */
  readonly connections?: number;
  /** Idle keep-alive time of a pooled connection, ms (default 30 000). */
  readonly keepAliveTimeoutMs?: number;
}

/**
 * One pooled keep-alive undici `Pool` per provider origin (scheme, host and port), created on
 * first use: every call to a provider reuses warm connections instead of paying a TCP (and TLS)
 * handshake per request. The base path of a provider's `base_url` is not part of the pool key.
 */
export interface ProviderPools {
  pool(origin: string): Pool;
  close(): Promise<void>;
}

export function createProviderPools(options: ProviderPoolOptions = {}): ProviderPools {
  const pools = new Map<string, Pool>();
  return {
    pool(origin) {
      let p = pools.get(origin);
      if (p === undefined) {
        p = new Pool(origin, {
          connections: options.connections ?? 64,
          keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
          // The hub never pipelines: one slow provider response must not delay others behind it.
          pipelining: 1,
        });
        pools.set(origin, p);
      }
      return p;
    },
    async close() {
      const all = [...pools.values()];
      pools.clear();
      await Promise.all(all.map((p) => p.close().catch(() => p.destroy())));
    },
  };
}
