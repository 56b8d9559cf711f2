import { NdxpError, exceedsJsonDepth } from '@ndxp/core';
import type { ProviderResponse } from './forward-to-provider.ts';

/** What the hub makes of a provider's answer. */
export type ProviderOutcome =
  /** 2xx with a JSON body: to be projected and released. */
  | { readonly kind: 'data'; readonly status: number; readonly json: unknown }
  /** 2xx without a body (204, or an empty 200/201/202). */
  | { readonly kind: 'empty'; readonly status: number }
  /** A 4xx problem+json from the provider, relayed to the consumer with origin=provider. */
  | { readonly kind: 'problem'; readonly status: number; readonly problem: Record<string, unknown> };

const JSON_TYPE = /^application\/(?:[a-z0-9.+-]*\+)?json\s*(?:;|$)/i;
const PROBLEM_TYPE = /^application\/problem\+json\s*(?:;|$)/i;

function parseJson(body: Buffer | string): unknown {
  try {
    return JSON.parse(typeof body === 'string' ? body : body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Classify a provider response. Whether it counts against the provider's circuit is returned
 * with it: 5xx and malformed 2xx are the provider failing; 4xx are the provider working (it
 * refused a request).
 *
 * - 2xx JSON (`application/json` or `application/*+json`) → data, unless nested deeper than
 *   core's MAX_JSON_DEPTH; 2xx anything else → 502
 *   PROVIDER_BAD_RESPONSE: every NDXP service speaks JSON, and releasing bytes the hub cannot
 *   project would bypass field-level minimisation.
 * - 4xx `application/problem+json` (RFC 9457) → relayed as is, with origin=provider.
 * - 4xx of another kind, 1xx/3xx → 502 PROVIDER_BAD_RESPONSE (redirects are never followed).
 * - 503 → PROVIDER_UNAVAILABLE, 504 → PROVIDER_TIMEOUT, other 5xx → PROVIDER_BAD_RESPONSE; no
 *   provider detail is passed on (5xx reveal nothing).
 */
export function interpretProviderResponse(res: ProviderResponse): { outcome: ProviderOutcome; providerFailed: false } | { error: NdxpError; providerFailed: boolean } {
  const s = res.status;
  const ct = res.contentType ?? '';
  if (s >= 200 && s < 300) {
    if (res.body.length === 0 && (s === 204 || s === 202 || s === 201 || s === 200)) return { outcome: { kind: 'empty', status: s }, providerFailed: false };
    if (!JSON_TYPE.test(ct)) return { error: new NdxpError('PROVIDER_BAD_RESPONSE', { detail: 'the provider did not answer with JSON' }), providerFailed: true };
    const text = res.body.toString('utf8');
    // Nesting beyond any real document would overflow the recursive projection and
    // serialisation that follow (a 500 from the hub); it is the provider's bad answer.
    if (exceedsJsonDepth(text)) return { error: new NdxpError('PROVIDER_BAD_RESPONSE', { detail: 'the provider answered with JSON nested too deeply' }), providerFailed: true };
    const json = parseJson(text);
    if (json === undefined) return { error: new NdxpError('PROVIDER_BAD_RESPONSE', { detail: 'the provider answered with malformed JSON' }), providerFailed: true };
    return { outcome: { kind: 'data', status: s, json }, providerFailed: false };
  }
  if (s >= 400 && s < 500) {
    const doc = PROBLEM_TYPE.test(ct) ? parseJson(res.body) : undefined;
    if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
      return { outcome: { kind: 'problem', status: s, problem: doc as Record<string, unknown> }, providerFailed: false };
    }
    return { error: new NdxpError('PROVIDER_BAD_RESPONSE', { detail: `the provider answered ${s} without a problem document` }), providerFailed: false };
  }
  if (s === 503) return { error: new NdxpError('PROVIDER_UNAVAILABLE'), providerFailed: true };
  if (s === 504) return { error: new NdxpError('PROVIDER_TIMEOUT'), providerFailed: true };
  return { error: new NdxpError('PROVIDER_BAD_RESPONSE', { detail: `the provider answered ${s}` }), providerFailed: s >= 500 };
}
