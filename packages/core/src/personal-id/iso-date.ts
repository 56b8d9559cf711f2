const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/** Whether `year` is a Gregorian leap year. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Parse a calendar date `YYYY-MM-DD` (RFC 3339 `full-date`), rejecting impossible ones such as
 * `2001-02-30` or `2023-02-29`. Returns `undefined` for anything that is not a real date.
 */
export function parseIsoDate(text: string): { readonly year: number; readonly month: number; readonly day: number } | undefined {
  const m = ISO_DATE.exec(text);
  if (m === null) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return undefined;
  const max = month === 2 && isLeapYear(year) ? 29 : MONTH_DAYS[month - 1] ?? 0;
  return day <= max ? { year, month, day } : undefined;
}
