import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';

// ajv-formats is CommonJS; its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsImport as unknown as { default?: typeof addFormatsImport }).default ?? addFormatsImport);

/** Schema annotation naming the error code to use when this (sub)schema rejects a value. */
export const ERROR_CODE_KEYWORD = 'x-error-code';

function makeAjv(coerce: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: false,
    // Reject unknown members rather than silently dropping them: a caller who misspells a field
    // deserves an error, not a request that quietly means something else.
    removeAdditional: false,
    useDefaults: true,
    // Only querystring, params and headers arrive as strings and need coercion; bodies are JSON
    // and must already have the right types.
    coerceTypes: coerce ? 'array' : false,
    // Keep the failing schema on each error so the handler can read its `x-error-code`.
    verbose: true,
    strict: false,
    keywords: [ERROR_CODE_KEYWORD, 'example'],
  });
  addFormats(ajv);
  return ajv;
}

const bodyAjv = makeAjv(false);
const stringAjv = makeAjv(true);

/**
 * Fastify validator compiler with two Ajv instances: strict typing for bodies, coercion for the
 * string-typed parts of the request.
 */
export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : stringAjv;
  const validate: ValidateFunction = ajv.compile(schema as object);
  return (data: unknown) => (validate(data) ? { value: data } : { error: toValidationError(validate.errors ?? []) });
};

function toValidationError(errors: readonly ErrorObject[]): Error & { validation: readonly ErrorObject[] } {
  return Object.assign(new Error('validation failed'), { validation: errors });
}
