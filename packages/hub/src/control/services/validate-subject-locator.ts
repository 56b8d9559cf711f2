import { NdxpError } from '@ndxp/core';
import { FIELD_POINTER } from './validate-fields.ts';

/**
 * Where the data subject's personal ID sits in a request, so the hub can put a keyed hash of it in
 * the audit log: a path parameter of the OpenAPI path templates, a query parameter, a header, or
 * a JSON pointer into the request body.
 */
export type SubjectLocator =
  | { readonly in: 'path'; readonly name: string }
  | { readonly in: 'query'; readonly name: string }
  | { readonly in: 'header'; readonly name: string }
  | { readonly in: 'body'; readonly pointer: string };

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const HEADER = /^[A-Za-z0-9-]{1,64}$/;

const fail = (pointer: string, message: string): never => {
  throw new NdxpError('VALIDATION_FAILED', { detail: `subject_locator${pointer}: ${message}`, errors: [{ in: 'body', pointer: `/subject_locator${pointer}`, message }] });
};

/** Check a subject locator against the service's OpenAPI path templates; returns it normalised. */
export function validateSubjectLocator(input: Record<string, unknown>, pathTemplates: readonly string[]): SubjectLocator {
  const name = input['name'];
  switch (input['in']) {
    case 'path':
      if (typeof name !== 'string' || !NAME.test(name)) return fail('/name', 'must be a parameter name');
      if (!pathTemplates.some((t) => t.split('/').includes(`{${name}}`))) return fail('/name', `no OpenAPI path has the parameter {${name}}`);
      return { in: 'path', name };
    case 'query':
      if (typeof name !== 'string' || !NAME.test(name)) return fail('/name', 'must be a parameter name');
      return { in: 'query', name };
    case 'header':
      if (typeof name !== 'string' || !HEADER.test(name)) return fail('/name', 'must be a header name');
      return { in: 'header', name: name.toLowerCase() };
    case 'body': {
      const pointer = input['pointer'];
      if (typeof pointer !== 'string' || !FIELD_POINTER.test(pointer)) return fail('/pointer', 'must be an RFC 6901 JSON pointer into the request body');
      return { in: 'body', pointer };
    }
    default:
      return fail('/in', 'must be one of path, query, header, body');
  }
}
