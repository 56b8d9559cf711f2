import { NdxpError } from '@ndxp/core';
import type { ProviderCircuits } from './provider-circuits.ts';
import type { ProviderPools } from './provider-pools.ts';
import { forwardToProvider, type ForwardRequest } from './forward-to-provider.ts';
import { interpretProviderResponse, type ProviderOutcome } from './interpret-provider-response.ts';

/**
 * Forward the call through the provider's circuit breaker and classify the answer.
 * `onStatus` learns the provider's HTTP status as soon as there is one (for the audit entry),
 * even when the answer is then refused as malformed.
 */
export async function callProvider(pools: ProviderPools, circuits: ProviderCircuits, providerId: string, req: ForwardRequest, onStatus: (status: number) => void): Promise<ProviderOutcome> {
  const breaker = circuits.get(providerId);
  const permit = breaker.acquire();
  if (!permit.ok) {
    throw new NdxpError('PROVIDER_CIRCUIT_OPEN', { detail: 'the provider failed repeatedly; calls are paused', extensions: { retry_after: permit.retryAfterSeconds } });
  }
  let res;
  try {
    res = await forwardToProvider(pools, req, onStatus);
  } catch (error) {
    breaker.failure();
    throw error;
  }
  const verdict = interpretProviderResponse(res);
  if ('outcome' in verdict) {
    breaker.success();
    return verdict.outcome;
  }
  if (verdict.providerFailed) breaker.failure();
  else breaker.success();
  throw verdict.error;
}
