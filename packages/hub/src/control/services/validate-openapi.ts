import { NdxpError, type FieldError } from '@ndxp/core';

/**
 * Structural check of an OpenAPI 3.x document (OpenAPI Specification 3.0.3 §4.7.1, 3.1.0 §4.8.1):
 * the `openapi` version, an `info` object with `title` and `version`, and `paths` whose keys are
 * templates starting with `/` (3.0 requires `paths`; 3.1 requires at least one of `paths`,
 * `components`, `webhooks`). The catalogue publishes this document to consumers, so it must at
 * least be one. Returns the path templates.
 */
export function validateOpenapi(doc: unknown): string[] {
  const errors: FieldError[] = [];
  const at = (pointer: string, message: string): void => void errors.push({ in: 'body', pointer: `/openapi${pointer}`, message });
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    at('', 'must be an OpenAPI 3.x object');
  } else {
    const d = doc as Record<string, unknown>;
    const version = d['openapi'];
    if (typeof version !== 'string' || !/^3\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) at('/openapi', 'must be an OpenAPI 3.x version such as "3.1.0"');
    const info = d['info'];
    if (typeof info !== 'object' || info === null || Array.isArray(info)) at('/info', 'is required');
    else {
      if (typeof (info as Record<string, unknown>)['title'] !== 'string') at('/info/title', 'is required');
      if (typeof (info as Record<string, unknown>)['version'] !== 'string') at('/info/version', 'is required');
    }
    const paths = d['paths'];
    if (paths === undefined) {
      const is30 = typeof version === 'string' && version.startsWith('3.0.');
      if (is30 || (d['components'] === undefined && d['webhooks'] === undefined)) at('/paths', 'is required');
    } else if (typeof paths !== 'object' || paths === null || Array.isArray(paths)) {
      at('/paths', 'must be an object');
    } else {
      for (const [template, item] of Object.entries(paths)) {
        const p = `/paths/${template.replaceAll('~', '~0').replaceAll('/', '~1')}`;
        if (!template.startsWith('/')) at(p, 'path templates must start with "/"');
        if (typeof item !== 'object' || item === null || Array.isArray(item)) at(p, 'must be a Path Item object');
      }
    }
  }
  if (errors.length > 0) throw new NdxpError('OPENAPI_INVALID', { detail: `openapi${errors[0]!.pointer.slice('/openapi'.length)}: ${errors[0]!.message}`, errors });
  const paths = (doc as { paths?: Record<string, unknown> }).paths;
  return paths === undefined ? [] : Object.keys(paths);
}
