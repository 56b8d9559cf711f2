import type { SubjectLocator } from '../state/types.ts';
import { resolvePointer } from '@ndxp/core';

/** Where to look for the subject in one request. */
export interface SubjectSources {
  /** Decoded path segments below the service. */
  readonly segments: readonly string[];
  readonly query: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The request body, if it was read; parsed as JSON only for a body locator. */
  readonly body: Buffer | null;
}

const MAX_SUBJECT = 64;

/**
 * Find the data subject's personal ID in a request, as the service's catalogue entry says
 * (path parameter via the OpenAPI template, query parameter, header, or JSON pointer into the
 * body). Returns null when the request names no subject. The value is only ever passed on to the
 * keyed hash; it is never logged or stored.
 */
export function locateSubject(locator: SubjectLocator | null, src: SubjectSources): string | null {
  if (locator === null) return null;
  let value: unknown;
  switch (locator.in) {
    case 'path':
      for (const t of locator.templates) {
        if (t.length !== src.segments.length) continue;
        let found: string | undefined;
        let match = true;
        for (let i = 0; i < t.length && match; i++) {
          const seg = t[i]!;
          const actual = src.segments[i]!;
          if ('literal' in seg) match = seg.literal === actual;
          else if (seg.param === locator.name) found = actual;
        }
        if (match && found !== undefined) {
          value = found;
          break;
        }
      }
      break;
    case 'query':
      if (src.query !== '') value = new URLSearchParams(src.query).get(locator.name) ?? undefined;
      break;
    case 'header': {
      const h = src.headers[locator.name];
      value = Array.isArray(h) ? h[0] : h;
      break;
    }
    case 'body':
      if (src.body !== null && src.body.length > 0) {
        try {
          value = resolvePointer(JSON.parse(src.body.toString('utf8')), locator.pointer);
        } catch {
          value = undefined;
        }
      }
      break;
  }
  if (typeof value === 'number' && Number.isSafeInteger(value)) value = String(value);
  if (typeof value !== 'string') return null;
  const v = value.trim();
  return v === '' || v.length > MAX_SUBJECT ? null : v;
}
