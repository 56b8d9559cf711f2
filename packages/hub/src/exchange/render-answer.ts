import { negotiateLanguage, toProblem, NdxpError, type ErrorCode } from '@ndxp/core';
import type { ProviderOutcome } from './interpret-provider-response.ts';
import { compileProjection, projectFields, type Projection } from '@ndxp/core';

/** An answer ready to be sent once its audit entry is durable. */
export interface Answer {
  readonly status: number;
  readonly contentType: string | null;
  readonly body: Buffer;
  /** Problem `code` for refusals (hub or relayed provider), null on success. */
  readonly errorCode: string | null;
  /** Fields released to the consumer; null when no provider data was released. */
  readonly fields: readonly string[] | null;
  readonly retryAfterSeconds?: number;
}

const JSON_CT = 'application/json; charset=utf-8';
const PROBLEM_CT = 'application/problem+json; charset=utf-8';
const CODE = /^[A-Z][A-Z0-9_]{0,63}$/;

const projections = new Map<string, Projection>();

function projectionFor(fields: readonly string[]): Projection {
  const key = fields.join('\n');
  let p = projections.get(key);
  if (p === undefined) {
    p = compileProjection(fields);
    if (projections.size >= 1000) projections.clear();
    projections.set(key, p);
  }
  return p;
}

/** RFC 9457 members (and NDXP's `code` and field `errors`) a provider problem may carry through the hub. */
const PROBLEM_MEMBERS = ['type', 'title', 'detail', 'instance', 'code'] as const;
const MAX_TEXT = 1000;

/**
 * The part of a provider's problem document relayed to the consumer: the standard members as
 * short strings and well-formed field errors. Extension members are dropped: a refusal must not
 * become a side channel around field projection.
 */
function relayable(problem: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const m of PROBLEM_MEMBERS) {
    const v = problem[m];
    if (typeof v === 'string') out[m] = v.slice(0, MAX_TEXT);
  }
  const errors = problem['errors'];
  if (Array.isArray(errors)) {
    out['errors'] = errors.slice(0, 50).filter((e): e is Record<string, unknown> => e !== null && typeof e === 'object')
      .map((e) => ({ in: String(e['in'] ?? '').slice(0, 20), pointer: String(e['pointer'] ?? '').slice(0, 200), message: String(e['message'] ?? '').slice(0, 200) }));
  }
  return out;
}

/**
 * Turn the provider's outcome into the consumer's answer: JSON data projected to exactly
 * `fields`; a provider problem relayed with `origin: provider` and the hub's request id.
 */
export function renderOutcome(outcome: ProviderOutcome, fields: readonly string[], requestId: string): Answer {
  switch (outcome.kind) {
    case 'data':
      return { status: outcome.status, contentType: JSON_CT, body: Buffer.from(JSON.stringify(projectFields(outcome.json, projectionFor(fields)))), errorCode: null, fields };
    case 'empty':
      return { status: outcome.status, contentType: null, body: Buffer.alloc(0), errorCode: null, fields: null };
    case 'problem': {
      const code = outcome.problem['code'];
      const doc = { ...relayable(outcome.problem), status: outcome.status, origin: 'provider', request_id: requestId };
      return { status: outcome.status, contentType: PROBLEM_CT, body: Buffer.from(JSON.stringify(doc)), errorCode: typeof code === 'string' && CODE.test(code) ? code : null, fields: null };
    }
  }
}

/** Render a refusal as RFC 9457 problem+json (5xx without detail: see core `toProblem`). */
export function renderProblem(error: NdxpError, instance: string, requestId: string, acceptLanguage: string | undefined): Answer {
  const problem = toProblem(error, { instance, requestId, lang: negotiateLanguage(acceptLanguage) });
  const retry = error.extensions?.['retry_after'];
  return {
    status: error.status,
    contentType: PROBLEM_CT,
    body: Buffer.from(JSON.stringify(problem)),
    errorCode: error.code satisfies ErrorCode,
    fields: null,
    ...(typeof retry === 'number' ? { retryAfterSeconds: retry } : {}),
  };
}
