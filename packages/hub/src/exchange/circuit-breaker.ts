import type { Clock } from '@ndxp/core';

export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  readonly clock: Clock;
  /** Consecutive failures that open the circuit (default 5). */
  readonly failureThreshold?: number;
  /** How long an open circuit refuses calls before letting one probe through, ms (default 30 000). */
  readonly cooldownMs?: number;
  /** Told of every state change (metrics, logs). */
  readonly onStateChange?: (state: CircuitState) => void;
}

/** The answer of {@link CircuitBreaker.acquire}. */
export type CircuitPermit = { readonly ok: true; readonly probe: boolean } | { readonly ok: false; readonly retryAfterSeconds: number };

/**
 * A circuit breaker for one provider (Nygard, "Release It!", ch. 5): after `failureThreshold`
 * consecutive failures (timeouts, connection errors, 5xx, garbage) it opens and the hub answers
 * PROVIDER_CIRCUIT_OPEN at once instead of piling requests onto a sick system. After the
 * cool-down, measured with the injected clock, it half-opens: exactly one probe call goes
 * through; its success closes the circuit, its failure re-opens it for another cool-down.
 */
export class CircuitBreaker {
  #state: CircuitState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #probing = false;
  readonly #clock: Clock;
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #onChange: ((s: CircuitState) => void) | undefined;

  constructor(options: CircuitBreakerOptions) {
    this.#clock = options.clock;
    this.#threshold = options.failureThreshold ?? 5;
    this.#cooldownMs = options.cooldownMs ?? 30_000;
    this.#onChange = options.onStateChange;
  }

  get state(): CircuitState {
    return this.#state;
  }

  /** Ask to call the provider. A granted probe must be followed by `success()` or `failure()`. */
  acquire(): CircuitPermit {
    if (this.#state === 'closed') return { ok: true, probe: false };
    const waited = this.#clock.now() - this.#openedAt;
    if (this.#state === 'open' && waited >= this.#cooldownMs) this.#set('half-open');
    if (this.#state === 'half-open' && !this.#probing) {
      this.#probing = true;
      return { ok: true, probe: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((this.#cooldownMs - waited) / 1000)) };
  }

  success(): void {
    this.#failures = 0;
    this.#probing = false;
    if (this.#state !== 'closed') this.#set('closed');
  }

  failure(): void {
    this.#failures++;
    if (this.#state === 'half-open' || (this.#state === 'closed' && this.#failures >= this.#threshold)) {
      this.#probing = false;
      this.#openedAt = this.#clock.now();
      this.#set('open');
    }
  }

  /** The call did not reach a verdict about the provider (e.g. the hub refused it first). */
  release(): void {
    this.#probing = false;
  }

  #set(state: CircuitState): void {
    this.#state = state;
    this.#onChange?.(state);
  }
}
