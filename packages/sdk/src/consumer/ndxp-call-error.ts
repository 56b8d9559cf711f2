import type { ProblemDocument } from '@ndxp/core';

/**
 * A failed call through the hub, carrying the RFC 9457 problem document. Switch on `code` (stable,
 * see docs/errors.md); `origin` says whose fault it was (client, hub or provider).
 */
export class NdxpCallError extends Error {
  readonly status: number;
  readonly code: string;
  readonly origin: string;
  readonly problem: ProblemDocument;
  readonly requestId: string | undefined;
  /** Transparency-log index of the refused exchange, when the hub logged it. */
  readonly logIndex: number | undefined;

  constructor(status: number, problem: ProblemDocument, requestId: string | undefined, logIndex: number | undefined) {
    super(`${problem.code}: ${problem.detail ?? problem.title}`);
    this.name = 'NdxpCallError';
    this.status = status;
    this.code = problem.code;
    this.origin = problem.origin;
    this.problem = problem;
    this.requestId = requestId;
    this.logIndex = logIndex;
  }
}

/** Build a problem document from any error response (problem+json or not). */
export function problemFrom(status: number, body: unknown): ProblemDocument {
  if (body !== null && typeof body === 'object' && typeof (body as Record<string, unknown>)['code'] === 'string') {
    const b = body as Record<string, unknown>;
    return { ...b, type: String(b['type'] ?? 'about:blank'), title: String(b['title'] ?? ''), status: typeof b['status'] === 'number' ? b['status'] : status, code: b['code'] as string, origin: String(b['origin'] ?? 'hub') };
  }
  // OAuth 2.0 token errors (RFC 6749 §5.2) and anything else unexpected.
  const oauth = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)['error'] : undefined;
  return { type: 'about:blank', title: typeof oauth === 'string' ? oauth : `HTTP ${status}`, status, code: typeof oauth === 'string' ? oauth.toUpperCase() : 'UNEXPECTED_RESPONSE', origin: status >= 500 ? 'hub' : 'client' };
}
