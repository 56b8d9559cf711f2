/** Gender as recorded in the population database. */
export type Gender = 'male' | 'female';

/** First year of each century a personal identification number can encode. */
export type IdCentury = 1900 | 2000 | 2100 | 2200 | 2300;

const CENTURIES: readonly IdCentury[] = [1900, 2000, 2100, 2200, 2300];

/**
 * Digit 4 of a personal identification number encodes century and gender together (Decree
 * 137/2015 Art. 13 ¶2; Circular 59/2021/TT-BCA): 1900s male 0 / female 1, 2000s 2/3, 2100s 4/5,
 * 2200s 6/7, 2300s 8/9. Every digit 0–9 is meaningful.
 */
export function decodeCenturyGender(digit: number): { readonly century: IdCentury; readonly gender: Gender } {
  if (!Number.isInteger(digit) || digit < 0 || digit > 9) throw new RangeError(`century/gender digit must be 0-9, got ${digit}`);
  return { century: CENTURIES[digit >> 1] as IdCentury, gender: digit % 2 === 0 ? 'male' : 'female' };
}

/** The digit for a birth year (1900–2399) and gender; throws outside that range. */
export function encodeCenturyGender(birthYear: number, gender: Gender): number {
  if (!Number.isInteger(birthYear) || birthYear < 1900 || birthYear > 2399) {
    throw new RangeError(`birth year must be 1900-2399 to fit a personal identification number, got ${birthYear}`);
  }
  return Math.floor((birthYear - 1900) / 100) * 2 + (gender === 'female' ? 1 : 0);
}
