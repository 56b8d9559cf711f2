/** Render a timestamp column as RFC 3339 UTC text (`2026-03-01T08:00:00.000Z`). */
export function toIso(value: Date | string): string {
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/** Like {@link toIso} for nullable columns. */
export function toIsoOrNull(value: Date | string | null): string | null {
  return value === null ? null : toIso(value);
}

/** A clock reading as a timestamptz parameter. */
export const isoAt = (ms: number): string => new Date(ms).toISOString();
