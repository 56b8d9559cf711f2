import { compileProjection, projectFields } from '@ndxp/core';

/**
 * Keep only the granted fields of a response, at the source (the provider receives the field list
 * in the hub assertion and returns no more: data minimisation, Law 91/2025/QH15). The same
 * projection the hub applies (`projectFields` in @ndxp/core: RFC 6901 pointers plus `*` for every
 * array element). The whole response when `granted` is undefined.
 */
export function projectResponse<T>(body: T, granted: readonly string[] | undefined): T | Record<string, unknown> {
  if (granted === undefined) return body;
  return projectFields(body, compileProjection(granted)) as Record<string, unknown>;
}
