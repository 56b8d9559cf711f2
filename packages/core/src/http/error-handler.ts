import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { NdxpError, isErrorCode, isNdxpError, negotiateLanguage, toProblem, type FieldError, type ErrorCode } from '../errors/index.ts';
import { ERROR_CODE_KEYWORD } from './validator-compiler.ts';

type ValidationContext = 'body' | 'querystring' | 'params' | 'headers';

/** Map Fastify's own error codes to ours. Anything unlisted is an internal error. */
const FASTIFY_CODES: Readonly<Record<string, ErrorCode>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'MALFORMED_JSON',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'HEADER_INVALID',
  FST_ERR_CTP_INVALID_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_BAD_URL: 'PATH_INVALID',
  FST_ERR_MAX_PARAM_LENGTH: 'PATH_INVALID',
  FST_ERR_ASYNC_CONSTRAINT: 'HEADER_INVALID',
};

/**
 * Turn a failed validation into an NdxpError. The first failing schema that carries an
 * `x-error-code` annotation decides the code (so a malformed personal ID is
 * `PERSONAL_ID_MALFORMED`, not a generic `VALIDATION_FAILED`).
 */
export function validationToError(validation: readonly ErrorObject[], context: ValidationContext): NdxpError {
  const part = context === 'querystring' ? 'query' : context;
  let code: ErrorCode = 'VALIDATION_FAILED';
  const errors: FieldError[] = [];
  for (const v of validation) {
    const annotated = (v.parentSchema as Record<string, unknown> | undefined)?.[ERROR_CODE_KEYWORD];
    if (code === 'VALIDATION_FAILED' && typeof annotated === 'string' && isErrorCode(annotated)) code = annotated;
    const pointer = v.keyword === 'required' || v.keyword === 'additionalProperties'
      ? `${v.instancePath}/${String((v.params as Record<string, unknown>)['missingProperty'] ?? (v.params as Record<string, unknown>)['additionalProperty'] ?? '')}`
      : v.instancePath || '/';
    const message = v.keyword === 'additionalProperties' ? 'unknown property' : v.message ?? 'invalid';
    errors.push({ in: part, pointer, message });
  }
  const first = errors[0];
  return new NdxpError(code, { detail: first ? `${part} ${first.pointer}: ${first.message}` : undefined, errors });
}

/** Normalise anything thrown inside a route into an NdxpError. */
export function toNdxpError(error: unknown): NdxpError {
  if (isNdxpError(error)) return error;
  const fe = error as Partial<FastifyError> & { validation?: readonly ErrorObject[]; validationContext?: ValidationContext };
  if (fe.validation !== undefined) return validationToError(fe.validation, fe.validationContext ?? 'body');
  if (typeof fe.code === 'string') {
    const mapped = FASTIFY_CODES[fe.code];
    if (mapped !== undefined) return new NdxpError(mapped, { detail: fe.message, cause: error });
  }
  // Errors from other libraries that carry a 4xx (e.g. a plugin) are still client errors, but
  // their message is not ours to trust: keep the status class, drop the text.
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new NdxpError(fe.statusCode === 413 ? 'BODY_TOO_LARGE' : fe.statusCode === 415 ? 'UNSUPPORTED_MEDIA_TYPE' : 'VALIDATION_FAILED', { cause: error });
  }
  return new NdxpError('INTERNAL', { cause: error });
}

/** Send an NdxpError as RFC 9457 problem+json. */
export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: NdxpError): FastifyReply {
  const problem = toProblem(error, {
    instance: request.url.split('?')[0],
    requestId: String(request.id),
    lang: negotiateLanguage(request.headers['accept-language']),
  });
  const retryAfter = error.extensions?.['retry_after'];
  if (typeof retryAfter === 'number') void reply.header('retry-after', String(Math.max(1, Math.ceil(retryAfter))));
  return reply.code(error.status).type('application/problem+json; charset=utf-8').send(problem);
}

/** Fastify error handler: log 5xx with their cause (server side only), answer with problem+json. */
export function problemErrorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const ndxp = toNdxpError(error);
  if (ndxp.status >= 500) request.log.error({ err: error, code: ndxp.code }, 'request failed');
  else request.log.info({ code: ndxp.code }, 'request rejected');
  return sendProblem(request, reply, ndxp);
}
