import { ERROR_CATALOG } from './catalog.ts';
import type { NdxpError, FieldError } from './ndxp-error.ts';

/** Base URI of problem types; each code gets its own documented type (RFC 9457 §3.1.1). */
export const PROBLEM_TYPE_BASE = 'https://ndxp.gov.vn/problems/';

export type Language = 'vi' | 'en';

/** RFC 9457 problem details, with NDXP's extension members `code`, `origin` and `request_id`. */
export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  origin: string;
  request_id?: string;
  errors?: readonly FieldError[];
  [extension: string]: unknown;
}

/**
 * Render an error as problem+json. 5xx details are dropped (they could reveal internals);
 * the request id lets an operator find the full story in the logs.
 */
export function toProblem(
  error: NdxpError,
  context: { readonly instance?: string; readonly requestId?: string; readonly lang?: Language } = {},
): ProblemDocument {
  const spec = ERROR_CATALOG[error.code];
  const problem: ProblemDocument = {
    ...(error.extensions ?? {}),
    type: PROBLEM_TYPE_BASE + error.code.toLowerCase().replaceAll('_', '-'),
    title: context.lang === 'en' ? spec.en : spec.vi,
    status: error.status,
    code: error.code,
    origin: error.origin,
  };
  if (error.expose && error.detail !== undefined) problem.detail = error.detail;
  if (error.expose && error.errors !== undefined && error.errors.length > 0) problem.errors = error.errors;
  if (context.instance !== undefined) problem.instance = context.instance;
  if (context.requestId !== undefined) problem.request_id = context.requestId;
  return problem;
}

/** Pick the problem language from an Accept-Language header: Vietnamese unless English is preferred. */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  if (acceptLanguage === undefined) return 'vi';
  const first = acceptLanguage.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'vi';
}
