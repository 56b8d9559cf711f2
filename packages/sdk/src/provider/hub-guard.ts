import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { NdxpError, sendProblem } from '@ndxp/core';
import { createReplayMemory } from './replay-memory.ts';
import { createHubAssertionVerifier, type HubAssertion, type HubAssertionOptions } from './verify-hub-assertion.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The exchange as the hub vouched for it; set by {@link hubGuard} before the handler runs. */
    ndxp?: HubAssertion;
  }
}

export type HubGuardOptions = HubAssertionOptions & {
  /**
   * Refuse an assertion seen before (same `jti`) while it is valid. On by default: the assertion
   * is bound to one method and path, and this also stops it being replayed on that path.
   * The memory is per process; keep it on unless a load balancer spreads one request's retries.
   */
  readonly rejectReplays?: boolean;
  /**
   * Largest number of remembered `jti`s (default 1 000 000: 97 MB of heap when full, measured with
   * `jti`s as they come out of a token). Must exceed the
   * provider's request rate × (assertion lifetime + skew tolerance), 90 s by default: 11,000 req/s
   * per process with the default. If it is exceeded the oldest still-valid `jti`s are forgotten
   * early and a warning is logged once.
   */
  readonly replayCacheSize?: number;
};

/**
 * A Fastify `onRequest` hook that lets through only requests forwarded by the hub: a valid
 * `x-ndxp-hub-assertion` for this provider, bound to this method and request target (`htm`,
 * `htu`), whose claims agree with the `x-ndxp-*` headers. Anything else is answered with
 * `HUB_ASSERTION_INVALID` (401, problem+json). The verified exchange is on `request.ndxp`:
 * consumer, service, purpose, grant, request id and the fields to return.
 *
 * ```ts
 * app.addHook('onRequest', hubGuard({ jwksUrl: `${hub}/.well-known/jwks.json`, issuer: hub, audience: 'BCA/npdb' }));
 * ```
 */
export function hubGuard(options: HubGuardOptions): onRequestAsyncHookHandler {
  const verify = createHubAssertionVerifier(options);
  const replays = options.rejectReplays ?? true;
  const toleranceMs = (options.clockToleranceSeconds ?? 30) * 1000;
  const capacity = options.replayCacheSize ?? 1_000_000;
  let overflowed = false;
  let warned = false;
  const memory = createReplayMemory({
    capacity,
    now: () => (options.clock ?? { now: Date.now }).now(),
    onEvictValid: () => void (overflowed = true),
  });

  return async function hubGuardHook(request: FastifyRequest, reply: FastifyReply) {
    try {
      const header = request.headers['x-ndxp-hub-assertion'];
      if (typeof header !== 'string' || header === '') throw new NdxpError('HUB_ASSERTION_INVALID', { detail: 'missing x-ndxp-hub-assertion: call this service through the hub' });
      const a = await verify(header);
      if (a.method !== request.method) throw new NdxpError('HUB_ASSERTION_INVALID', { detail: 'the hub assertion is for another method' });
      if (a.target !== (request.raw.url ?? request.url)) throw new NdxpError('HUB_ASSERTION_INVALID', { detail: 'the hub assertion is for another path' });
      const mismatch = (name: string, value: string): boolean => request.headers[name] !== undefined && request.headers[name] !== value;
      if (mismatch('x-ndxp-consumer', a.consumer) || mismatch('x-ndxp-purpose', a.purpose) || mismatch('x-ndxp-service', a.service) || mismatch('x-request-id', a.requestId) || mismatch('x-ndxp-fields', a.fields.join(','))) {
        throw new NdxpError('HUB_ASSERTION_INVALID', { detail: 'x-ndxp-* headers disagree with the hub assertion' });
      }
      if (replays && !memory.firstUse(a.jti, a.expMs + toleranceMs)) throw new NdxpError('HUB_ASSERTION_INVALID', { detail: 'this hub assertion was already used' });
      if (overflowed && !warned) {
        warned = true;
        request.log.warn({ replayCacheSize: capacity }, 'hub assertion replay memory is full of valid assertions; the oldest are forgotten early (raise replayCacheSize)');
      }
      request.ndxp = a;
    } catch (error) {
      const e = error instanceof NdxpError ? error : new NdxpError('HUB_ASSERTION_INVALID', { cause: error });
      return sendProblem(request, reply, e);
    }
  };
}
