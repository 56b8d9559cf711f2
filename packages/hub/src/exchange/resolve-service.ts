import { NdxpError } from '@ndxp/core';
import type { HubState } from '../state/hub-state.ts';
import type { CachedService, CachedSubsystem } from '../state/types.ts';

/** A service that can be called now, and the provider subsystem behind it. */
export interface ResolvedService {
  readonly service: CachedService;
  readonly provider: CachedSubsystem & { readonly baseUrl: string };
}

/**
 * Look the service up in the in-memory catalogue. A disabled service is treated as absent
 * (SERVICE_NOT_FOUND); a provider that is disabled or has no base URL cannot be reached
 * (PROVIDER_UNAVAILABLE, origin provider). Deprecated services still answer.
 */
export function resolveService(state: HubState, serviceId: string): ResolvedService {
  const service = state.service(serviceId);
  if (service === undefined || service.status === 'disabled') throw new NdxpError('SERVICE_NOT_FOUND', { detail: `no service ${serviceId}` });
  const provider = state.subsystem(service.subsystemId);
  if (provider === undefined || provider.status !== 'active' || provider.baseUrl === null) {
    throw new NdxpError('PROVIDER_UNAVAILABLE', { detail: 'the provider subsystem is not reachable through the hub' });
  }
  return { service, provider: provider as ResolvedService['provider'] };
}

/** The authenticated consumer must still be a registered, active subsystem. */
export function checkConsumer(state: HubState, consumerId: string): void {
  const s = state.subsystem(consumerId);
  if (s === undefined) throw new NdxpError('TOKEN_INVALID', { detail: 'the token names an unknown subsystem' });
  if (s.status !== 'active') throw new NdxpError('TOKEN_INVALID', { detail: 'the subsystem is disabled' });
}
