import type { SubjectLocator, TemplateSegment } from './types.ts';

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const HEADER = /^[A-Za-z0-9-]{1,64}$/;
const POINTER = /^(\/([^~/]|~[01])*)+$/;

/** Split an OpenAPI path template (`/v1/citizens/{personal_id}`) into segments. */
export function compileTemplate(template: string): TemplateSegment[] {
  return template.split('/').slice(1).map((s) => {
    const m = /^\{([^{}]+)\}$/.exec(s);
    return m?.[1] !== undefined ? { param: m[1] } : { literal: s };
  });
}

/**
 * Turn a catalogue `subject_locator` (jsonb) into a locator the hot path can apply without
 * parsing anything. `openapiPaths` are the keys of the service's OpenAPI `paths` object; for a
 * path parameter, only the templates that contain it are kept. An unrecognised locator yields
 * null (the request is then recorded without a subject hash) and is reported by `onInvalid`.
 */
export function compileSubjectLocator(raw: unknown, openapiPaths: readonly string[], onInvalid: (why: string) => void = () => undefined): SubjectLocator | null {
  if (raw === null || raw === undefined) return null;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    onInvalid('subject_locator is not an object');
    return null;
  }
  const r = raw as Record<string, unknown>;
  const name = typeof r['name'] === 'string' ? r['name'] : undefined;
  switch (r['in']) {
    case 'path': {
      if (name === undefined || !NAME.test(name)) break;
      const templates = openapiPaths.map(compileTemplate).filter((t) => t.some((s) => 'param' in s && s.param === name));
      if (templates.length === 0) {
        onInvalid(`no OpenAPI path has the parameter {${name}}`);
        return null;
      }
      return { in: 'path', name, templates };
    }
    case 'query':
      if (name === undefined || !NAME.test(name)) break;
      return { in: 'query', name };
    case 'header':
      if (name === undefined || !HEADER.test(name)) break;
      return { in: 'header', name: name.toLowerCase() };
    case 'body': {
      const pointer = r['pointer'];
      if (typeof pointer !== 'string' || !POINTER.test(pointer)) break;
      return { in: 'body', pointer };
    }
    default:
      break;
  }
  onInvalid(`unrecognised subject_locator ${JSON.stringify(raw).slice(0, 200)}`);
  return null;
}
