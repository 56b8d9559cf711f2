import type { PersonalId } from '../brand.ts';
import { getIdProvince, type IdProvince } from '../admin-units/id-provinces.ts';
import { decodeCenturyGender, type Gender, type IdCentury } from './century-gender.ts';
import { parseIsoDate } from './iso-date.ts';

/** Shape of a personal identification number, for schemas: exactly 12 ASCII digits. */
export const PERSONAL_ID_PATTERN = '^[0-9]{12}$';

/** Why a personal identification number was rejected. A closed union: callers switch on it. */
export type PersonalIdReasonCode =
  /** Not exactly 12 characters. */
  | 'LENGTH'
  /** Contains something other than the ASCII digits 0–9. */
  | 'NOT_DIGITS'
  /** Digits 1–3 are not one of the 63 province codes. */
  | 'PROVINCE_UNKNOWN'
  /** Digit 4 encodes the other gender than the one stated. */
  | 'GENDER_MISMATCH'
  /** Digit 4 encodes another century than the stated year of birth. */
  | 'CENTURY_MISMATCH'
  /** Digits 5–6 are not the last two digits of the stated year of birth. */
  | 'BIRTH_YEAR_MISMATCH'
  /** The stated date of birth is not a real calendar date (YYYY-MM-DD). */
  | 'DATE_OF_BIRTH_INVALID';

export interface PersonalIdReason {
  readonly code: PersonalIdReasonCode;
  /** English explanation. */
  readonly message: string;
  /** Vietnamese explanation. */
  readonly messageVi: string;
}

export interface PersonalIdValid {
  readonly ok: true;
  readonly value: PersonalId;
  /** Province of birth registration (digits 1–3). */
  readonly province: IdProvince;
  /** Gender encoded in digit 4. */
  readonly gender: Gender;
  /** Century encoded in digit 4. */
  readonly century: IdCentury;
  /** Digits 5–6, e.g. `'05'`. */
  readonly birthYearSuffix: string;
  /** Full year of birth: century + digits 5–6. */
  readonly birthYear: number;
  /** Digits 7–12. */
  readonly serial: string;
}

export interface PersonalIdInvalid {
  readonly ok: false;
  /** Every problem found, structural ones first. Never empty. */
  readonly reasons: readonly PersonalIdReason[];
}

export type PersonalIdValidation = PersonalIdValid | PersonalIdInvalid;

/** What the caller claims about the person; each is checked against the number when given. */
export interface PersonalIdExpectation {
  readonly gender?: Gender | undefined;
  /** `YYYY-MM-DD`. */
  readonly dateOfBirth?: string | undefined;
  /** Year of birth, when only the year is known. Ignored if `dateOfBirth` is given. */
  readonly birthYear?: number | undefined;
}

const DIGITS = /^[0-9]*$/;

function reason(code: PersonalIdReasonCode, message: string, messageVi: string): PersonalIdReason {
  return { code, message, messageVi };
}

/**
 * Validate a 12-digit personal identification number (Decree 137/2015 Art. 13, Circular
 * 59/2021/TT-BCA). There is no check digit, so validity means: 12 digits; digits 1–3 one of the
 * 63 province codes; and, when the caller states them, digit 4 consistent with the gender and
 * century of birth and digits 5–6 equal to the last two digits of the year of birth.
 *
 * Returns every reason found (not only the first), so a form can show them all.
 */
export function validatePersonalId(id: string, expect: PersonalIdExpectation = {}): PersonalIdValidation {
  const reasons: PersonalIdReason[] = [];
  if (id.length !== 12) {
    reasons.push(reason('LENGTH', `must be 12 digits, got ${id.length} characters`, `phải gồm 12 chữ số, nhận được ${id.length} ký tự`));
  }
  if (!DIGITS.test(id)) {
    reasons.push(reason('NOT_DIGITS', 'must contain only the digits 0-9', 'chỉ được chứa các chữ số 0-9'));
  }
  if (reasons.length > 0) return { ok: false, reasons };

  const provinceCode = id.slice(0, 3);
  const province = getIdProvince(provinceCode);
  if (province === undefined) {
    reasons.push(reason('PROVINCE_UNKNOWN', `digits 1-3 (${provinceCode}) are not a province code`, `ba chữ số đầu (${provinceCode}) không phải mã tỉnh`));
  }
  const { century, gender } = decodeCenturyGender(Number(id[3]));
  const suffix = id.slice(4, 6);
  const birthYear = century + Number(suffix);

  if (expect.gender !== undefined && expect.gender !== gender) {
    reasons.push(reason('GENDER_MISMATCH', `digit 4 encodes ${gender}, stated gender is ${expect.gender}`, `chữ số thứ 4 mã hóa giới tính ${gender === 'male' ? 'nam' : 'nữ'}, khác giới tính đã khai`));
  }
  let statedYear = expect.birthYear;
  if (expect.dateOfBirth !== undefined) {
    statedYear = parseIsoDate(expect.dateOfBirth)?.year;
    if (statedYear === undefined) {
      reasons.push(reason('DATE_OF_BIRTH_INVALID', 'stated date of birth is not a valid YYYY-MM-DD date', 'ngày sinh đã khai không phải ngày hợp lệ dạng YYYY-MM-DD'));
    }
  }
  if (statedYear !== undefined) {
    const statedCentury = Math.floor(statedYear / 100) * 100;
    if (statedCentury !== century) {
      reasons.push(reason('CENTURY_MISMATCH', `digit 4 encodes the ${century}s, stated year of birth is ${statedYear}`, `chữ số thứ 4 mã hóa thế kỷ ${century}, khác năm sinh ${statedYear}`));
    }
    const statedSuffix = String(((statedYear % 100) + 100) % 100).padStart(2, '0');
    if (statedSuffix !== suffix) {
      reasons.push(reason('BIRTH_YEAR_MISMATCH', `digits 5-6 (${suffix}) differ from the year of birth ${statedYear}`, `chữ số thứ 5-6 (${suffix}) khác năm sinh ${statedYear}`));
    }
  }
  if (reasons.length > 0 || province === undefined) return { ok: false, reasons };
  return { ok: true, value: id as PersonalId, province, gender, century, birthYearSuffix: suffix, birthYear, serial: id.slice(6) };
}

/** Whether `id` is a well-formed personal identification number (shape and province code). */
export function isPersonalId(id: string): id is PersonalId {
  return validatePersonalId(id).ok;
}
