import type { PersonalId } from '../brand.ts';
import { isIdProvinceCode } from '../admin-units/id-provinces.ts';
import { encodeCenturyGender, type Gender } from './century-gender.ts';

export interface PersonalIdParts {
  /** 3-digit province code of birth registration (one of the 63). */
  readonly provinceCode: string;
  readonly gender: Gender;
  /** 1900–2399. */
  readonly birthYear: number;
  /** Digits 7–12 as a number 0–999,999 (zero-padded). */
  readonly serial: number;
}

/**
 * Assemble a personal identification number from its parts (the inverse of
 * `validatePersonalId`). Throws `RangeError` on parts that cannot form a valid number, so a
 * generator bug surfaces at once instead of as bad data.
 */
export function makePersonalId(parts: PersonalIdParts): PersonalId {
  if (!isIdProvinceCode(parts.provinceCode)) throw new RangeError(`unknown personal-ID province code ${JSON.stringify(parts.provinceCode)}`);
  if (!Number.isInteger(parts.serial) || parts.serial < 0 || parts.serial > 999_999) throw new RangeError(`serial must be 0-999999, got ${parts.serial}`);
  const digit = encodeCenturyGender(parts.birthYear, parts.gender);
  const suffix = String(parts.birthYear % 100).padStart(2, '0');
  return `${parts.provinceCode}${digit}${suffix}${String(parts.serial).padStart(6, '0')}` as PersonalId;
}
