/**
 * Type parsing shared by both drivers so the same SQL yields the same JavaScript values on
 * PGlite and on PostgreSQL (their defaults differ).
 *  - int8 / bigint (20) → number: NDXP's bigints are sequence numbers and counts, far below 2^53.
 *  - date (1082) → 'YYYY-MM-DD' string: a date of birth has no time zone; a Date object would
 *    shift it by the server's offset.
 *  - numeric (1700) → string: exact.
 */
export const INT8_OID = 20;
export const DATE_OID = 1082;
export const NUMERIC_OID = 1700;

export const parseInt8 = (value: string): number => Number(value);
export const parseDate = (value: string): string => value;
export const parseNumeric = (value: string): string => value;
