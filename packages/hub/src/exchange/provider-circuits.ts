import type { Clock } from '@ndxp/core';
import { CircuitBreaker, type CircuitState } from './circuit-breaker.ts';

export interface ProviderCircuitOptions {
  readonly clock: Clock;
  readonly failureThreshold?: number;
  readonly cooldownMs?: number;
  readonly onStateChange?: (provider: string, state: CircuitState) => void;
}

/** One circuit breaker per provider subsystem, created on first use. */
export interface ProviderCircuits {
  get(provider: string): CircuitBreaker;
}

export function createProviderCircuits(options: ProviderCircuitOptions): ProviderCircuits {
  const breakers = new Map<string, CircuitBreaker>();
  return {
    get(provider) {
      let b = breakers.get(provider);
      if (b === undefined) {
        b = new CircuitBreaker({
          clock: options.clock,
          ...(options.failureThreshold === undefined ? {} : { failureThreshold: options.failureThreshold }),
          ...(options.cooldownMs === undefined ? {} : { cooldownMs: options.cooldownMs }),
          onStateChange: (s) => options.onStateChange?.(provider, s),
        });
        breakers.set(provider, b);
      }
      return b;
    },
  };
}
