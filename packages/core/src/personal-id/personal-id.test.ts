import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { validatePersonalId, isPersonalId, type PersonalIdReasonCode } from './validate-personal-id.ts';
import { makePersonalId } from './make-personal-id.ts';
import { decodeCenturyGender, encodeCenturyGender, type Gender } from './century-gender.ts';
import { parseIsoDate } from './iso-date.ts';
import { listIdProvinces } from '../admin-units/id-provinces.ts';

const CODES = listIdProvinces().map((p) => p.code as string);
const UNKNOWN = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, '0')).filter((c) => !CODES.includes(c));

const genderArb = fc.constantFrom<Gender>('male', 'female');
const partsArb = fc.record({
  provinceCode: fc.constantFrom(...CODES),
  gender: genderArb,
  birthYear: fc.integer({ min: 1900, max: 2399 }),
  serial: fc.integer({ min: 0, max: 999_999 }),
});
const codesOf = (r: ReturnType<typeof validatePersonalId>): PersonalIdReasonCode[] => (r.ok ? [] : r.reasons.map((x) => x.code));

describe('validatePersonalId', () => {
  it('accepts every number made from valid parts and decodes the parts back', () => {
    fc.assert(fc.property(partsArb, (parts) => {
      const id = makePersonalId(parts);
      const r = validatePersonalId(id, { gender: parts.gender, birthYear: parts.birthYear });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.value).toBe(id);
      expect(r.province.code).toBe(parts.provinceCode);
      expect(r.gender).toBe(parts.gender);
      expect(r.birthYear).toBe(parts.birthYear);
      expect(r.century).toBe(Math.floor(parts.birthYear / 100) * 100);
      expect(r.birthYearSuffix).toBe(String(parts.birthYear % 100).padStart(2, '0'));
      expect(Number(r.serial)).toBe(parts.serial);
    }));
  });

  it('decodes the example numbers of the circular', () => {
    // 001 Hà Nội, digit 0 = male 1900s, 89 → born 1989.
    expect(validatePersonalId('001089012345')).toMatchObject({ ok: true, gender: 'male', century: 1900, birthYear: 1989, birthYearSuffix: '89' });
    // 079 Hồ Chí Minh, digit 3 = female 2000s, 05 → born 2005.
    expect(validatePersonalId('079305000001')).toMatchObject({ ok: true, gender: 'female', century: 2000, birthYear: 2005, province: { name: 'Hồ Chí Minh' } });
  });

  it('rejects any length other than 12 with LENGTH', () => {
    fc.assert(fc.property(fc.stringMatching(/^[0-9]*$/).filter((s) => s.length !== 12), (s) => {
      expect(codesOf(validatePersonalId(s))).toEqual(['LENGTH']);
    }));
  });

  it('rejects anything but ASCII digits with NOT_DIGITS (full-width, Arabic-Indic, spaces, signs)', () => {
    for (const bad of ['00108901234a', '００１０８９０１２３４５', '001 89012345', '+01089012345', '٠٠١٠٨٩٠١٢٣٤٥', '00108901234\n']) {
      expect(codesOf(validatePersonalId(bad))).toContain('NOT_DIGITS');
    }
    expect(codesOf(validatePersonalId('abc'))).toEqual(['LENGTH', 'NOT_DIGITS']);
  });

  it('rejects every province code outside the 63 with PROVINCE_UNKNOWN', () => {
    fc.assert(fc.property(fc.constantFrom(...UNKNOWN), fc.stringMatching(/^[0-9]{9}$/), (code, rest) => {
      expect(codesOf(validatePersonalId(code + rest))).toEqual(['PROVINCE_UNKNOWN']);
      expect(isPersonalId(code + rest)).toBe(false);
    }));
  });

  it('flags a stated gender that contradicts digit 4', () => {
    fc.assert(fc.property(partsArb, (parts) => {
      const other: Gender = parts.gender === 'male' ? 'female' : 'male';
      expect(codesOf(validatePersonalId(makePersonalId(parts), { gender: other }))).toEqual(['GENDER_MISMATCH']);
    }));
  });

  it('flags a stated year of birth in another century, or with other last two digits', () => {
    fc.assert(fc.property(partsArb, fc.integer({ min: 1800, max: 2499 }), (parts, year) => {
      fc.pre(year !== parts.birthYear);
      const got = codesOf(validatePersonalId(makePersonalId(parts), { dateOfBirth: `${year}-06-15` }));
      const expected: PersonalIdReasonCode[] = [];
      if (Math.floor(year / 100) !== Math.floor(parts.birthYear / 100)) expected.push('CENTURY_MISMATCH');
      if (year % 100 !== parts.birthYear % 100) expected.push('BIRTH_YEAR_MISMATCH');
      expect(got).toEqual(expected);
    }));
  });

  it('reports every reason at once and rejects impossible dates of birth', () => {
    const id = makePersonalId({ provinceCode: '001', gender: 'male', birthYear: 1989, serial: 42 });
    expect(codesOf(validatePersonalId(id, { gender: 'female', dateOfBirth: '2089-01-01' }))).toEqual(['GENDER_MISMATCH', 'CENTURY_MISMATCH']);
    expect(codesOf(validatePersonalId(id, { dateOfBirth: '2090-01-01' }))).toEqual(['CENTURY_MISMATCH', 'BIRTH_YEAR_MISMATCH']);
    expect(codesOf(validatePersonalId(id, { dateOfBirth: '1989-02-30' }))).toEqual(['DATE_OF_BIRTH_INVALID']);
    expect(validatePersonalId(id, { dateOfBirth: '1989-12-31' }).ok).toBe(true);
    const bad = validatePersonalId('999189000000', { gender: 'female' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) for (const r of bad.reasons) expect(r.messageVi.length).toBeGreaterThan(0);
  });

  it('makePersonalId refuses parts that cannot form a valid number', () => {
    expect(() => makePersonalId({ provinceCode: '003', gender: 'male', birthYear: 1990, serial: 1 })).toThrow(RangeError);
    expect(() => makePersonalId({ provinceCode: '001', gender: 'male', birthYear: 1899, serial: 1 })).toThrow(RangeError);
    expect(() => makePersonalId({ provinceCode: '001', gender: 'male', birthYear: 2400, serial: 1 })).toThrow(RangeError);
    expect(() => makePersonalId({ provinceCode: '001', gender: 'male', birthYear: 1990, serial: 1_000_000 })).toThrow(RangeError);
    expect(() => makePersonalId({ provinceCode: '001', gender: 'male', birthYear: 1990, serial: 1.5 })).toThrow(RangeError);
  });

  it('century/gender digit round-trips for all ten digits', () => {
    for (let d = 0; d <= 9; d++) {
      const { century, gender } = decodeCenturyGender(d);
      expect(encodeCenturyGender(century + 37, gender)).toBe(d);
    }
  });
});

describe('parseIsoDate', () => {
  it('agrees with the calendar for every day of many years', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 9999 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), (y, m, d) => {
      const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const date = new Date(Date.UTC(2000, m - 1, d));
      date.setUTCFullYear(y);
      const real = date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
      expect(parseIsoDate(text) !== undefined).toBe(real);
    }));
    expect(parseIsoDate('2001-02-30')).toBeUndefined();
    expect(parseIsoDate('2000-02-29')).toEqual({ year: 2000, month: 2, day: 29 });
    expect(parseIsoDate('1900-02-29')).toBeUndefined();
    expect(parseIsoDate('2001-1-01')).toBeUndefined();
    expect(parseIsoDate('2001-13-01')).toBeUndefined();
  });
});
