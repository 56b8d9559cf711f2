import type { FastifyRequest } from 'fastify';
import { NdxpError } from '@ndxp/core';
import type { Principal } from './principal.ts';

/** Principals of authenticated requests, held beside (not on) the request objects. */
const principals = new WeakMap<FastifyRequest, Principal>();

export function setPrincipal(request: FastifyRequest, principal: Principal): void {
  principals.set(request, principal);
}

/** The authenticated user of a control-plane request (set by the session hook). */
export function principalOf(request: FastifyRequest): Principal {
  const p = principals.get(request);
  if (p === undefined) throw new NdxpError('AUTH_REQUIRED');
  return p;
}
