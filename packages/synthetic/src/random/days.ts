/**
 * Dates as integer day numbers (days since 1970-01-01, UTC), converted to `YYYY-MM-DD` with
 * Howard Hinnant's civil-from-days algorithm ("chrono-Compatible Low-Level Date Algorithms").
 * The generator does date arithmetic for every person; going through `Date` and `toISOString`
 * would dominate its cost at ten million people.
 */

/** Day number of a civil date. */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Civil date of a day number. */
export function civilFromDays(z: number): { y: number; m: number; d: number } {
  z += 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `YYYY-MM-DD` of a day number (years 1000–9999). */
export function isoFromDays(z: number): string {
  const { y, m, d } = civilFromDays(z);
  return `${y}-${pad2(m)}-${pad2(d)}`;
}

/** Day number of a `YYYY-MM-DD` string (assumed valid). */
export function daysFromIso(iso: string): number {
  return daysFromCivil(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)), Number(iso.slice(8, 10)));
}

/** Year of a day number. */
export function yearOfDays(z: number): number {
  return civilFromDays(z).y;
}

/** The day a person born on day `birth` turns `age` (29 Feb birthdays fall on 1 Mar in common years). */
export function birthdayAt(birth: number, age: number): number {
  const { y, m, d } = civilFromDays(birth);
  return daysFromCivil(y + age, m, 1) + d - 1;
}

/** Completed years of age on day `on` of a person born on day `birth`. */
export function ageOn(birth: number, on: number): number {
  const b = civilFromDays(birth);
  const t = civilFromDays(on);
  return t.y - b.y - (t.m < b.m || (t.m === b.m && t.d < b.d) ? 1 : 0);
}
