import type { Transform } from './adapter-config.ts';

/** JSON Schema type a transform produces, for the generated OpenAPI document. */
export const TRANSFORM_OUTPUT: Readonly<Record<Transform, Record<string, unknown> | undefined>> = {
  trim: { type: 'string' },
  upper: { type: 'string' },
  lower: { type: 'string' },
  date: { type: 'string', format: 'date' },
  string: { type: 'string' },
  number: { type: 'number' },
  boolean: { type: 'boolean' },
  null_if_empty: undefined,
};

function isoDate(value: unknown): unknown {
  if (value instanceof Date) {
    // A date of birth has no time zone: take the calendar date as stored, not shifted to UTC.
    const y = value.getFullYear();
    return `${String(y).padStart(4, '0')}-${String(value.getMonth() + 1).padStart(2, '0')}-${String(value.getDate()).padStart(2, '0')}`;
  }
  if (typeof value === 'string') {
    const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
    if (m !== null) return m[1];
    // Legacy systems often hold dd/mm/yyyy (the Vietnamese convention).
    const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(value);
    if (vn !== null) return `${vn[3]}-${vn[2]?.padStart(2, '0')}-${vn[1]?.padStart(2, '0')}`;
  }
  return value;
}

/**
 * Apply one transform. `null` stays `null` for every transform (a missing value is not invented),
 * and a value a transform cannot handle passes through unchanged rather than failing the request.
 */
export function applyTransform(name: Transform, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (name) {
    case 'trim':
      return typeof value === 'string' ? value.trim() : value;
    case 'upper':
      return typeof value === 'string' ? value.toLocaleUpperCase('vi') : value;
    case 'lower':
      return typeof value === 'string' ? value.toLocaleLowerCase('vi') : value;
    case 'date':
      return isoDate(value);
    case 'string':
      return value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
    case 'number': {
      const n = typeof value === 'number' ? value : Number(value);
      return Number.isFinite(n) ? n : null;
    }
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string') return ['1', 'true', 't', 'yes', 'y', 'có'].includes(value.trim().toLowerCase());
      return Boolean(value);
    case 'null_if_empty':
      return typeof value === 'string' && value.trim() === '' ? null : value;
  }
}

/** Apply transforms left to right. */
export function applyTransforms(names: readonly Transform[] | undefined, value: unknown): unknown {
  let v: unknown = value === undefined ? null : value;
  for (const t of names ?? []) v = applyTransform(t, v);
  // Timestamps leave as RFC 3339 strings, whichever driver produced them.
  return v instanceof Date ? v.toISOString() : v;
}
