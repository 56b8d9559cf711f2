import type { Rng } from '@ndxp/synthetic';

/**
 * Identifier formats of the sectoral databases, as far as they are public. Where only the length
 * is public, the layout below it is synthetic and says so.
 */

/**
 * A bijection of 0…10^width−1 (an affine map x ↦ a·x + b mod 10^width with a coprime to 10),
 * keyed by `key`. Registry numbers are built from a person's position in the population through
 * it, so they are unique by construction (no collisions to detect at load) yet look random.
 */
export function permuteDigits(ordinal: number, width: number, key: number): string {
  const m = 10n ** BigInt(width);
  if (!Number.isSafeInteger(ordinal) || ordinal < 0 || BigInt(ordinal) >= m) throw new RangeError(`ordinal ${ordinal} does not fit ${width} digits`);
  let a = BigInt(((key >>> 0) | 1) >>> 0);
  if (a % 5n === 0n) a += 2n;
  const b = BigInt(Math.imul(key, 0x9e3779b1) >>> 0) % m;
  return ((a * BigInt(ordinal) + b) % m).toString().padStart(width, '0');
}

const digits = (rng: Rng, n: number): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(rng.int(10));
  return s;
};

/** Weights of the tax-code check digit (Decision 75/1998/QĐ-TCT, structure of the tax code). */
const TAX_WEIGHTS = [31, 29, 23, 19, 17, 13, 7, 5, 3] as const;

/**
 * Check digit N10 of a 10-digit tax code: 10 − (Σ Nᵢ·wᵢ mod 11). A remainder of 0 would give 10,
 * which is not a digit: such numbers are never issued (`null`). Checked against public codes,
 * e.g. Viettel 0100109106 and Vinamilk 0300588569.
 */
export function taxCheckDigit(first9: string): number | null {
  if (!/^[0-9]{9}$/.test(first9)) throw new Error('tax code body must be 9 digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(first9[i]) * (TAX_WEIGHTS[i] ?? 0);
  const check = 10 - (sum % 11);
  return check === 10 ? null : check === 11 ? 0 : check;
}

/** Whether a 10-digit tax / enterprise code has a valid check digit. */
export function isValidTaxCode(code: string): boolean {
  return /^[0-9]{10}$/.test(code) && taxCheckDigit(code.slice(0, 9)) === Number(code[9]);
}

/**
 * Tax-office prefixes (N1N2) of the tax code for the four largest cities, as seen on public codes
 * (Hà Nội 01, Hải Phòng 02, TP Hồ Chí Minh 03, Đà Nẵng 04). The full table is set by the tax
 * authority and not published in one place: other provinces get a synthetic prefix from 05–99.
 */
const TAX_PREFIX: Readonly<Record<string, string>> = { '01': '01', '31': '02', '79': '03', '48': '04' };

export function taxPrefixOf(provinceCode2025: string): string {
  const known = TAX_PREFIX[provinceCode2025];
  if (known !== undefined) return known;
  return String(5 + (Number(provinceCode2025) % 95)).padStart(2, '0');
}

/**
 * A 10-digit tax code (mã số thuế) or enterprise code (mã số doanh nghiệp, which is the enterprise's
 * tax code: Law on Enterprises 2020 Art. 29): 2-digit prefix, 7 serial digits, check digit. The
 * first 6 serial digits are unique per `ordinal` (up to 1 million); the 7th is the smallest that
 * makes the check digit valid, so codes never collide and always validate.
 */
export function makeTaxCode(ordinal: number, key: number, provinceCode2025: string): string {
  const head = taxPrefixOf(provinceCode2025) + permuteDigits(ordinal, 6, key);
  for (let d = 0; d < 10; d++) {
    const check = taxCheckDigit(head + String(d));
    if (check !== null) return head + String(d) + String(check);
  }
  throw new Error('unreachable: some last digit always gives a valid check digit');
}

/**
 * 10-digit social insurance number (mã số bảo hiểm xã hội). Public: 10 digits. Synthetic layout:
 * the 2-digit province code where it was first issued, then 8 digits. (Since the Law on Social
 * Insurance 2024 the personal ID serves as the number for citizens; the 10-digit numbers stay in use.)
 */
export function makeSocialInsuranceNumber(ordinal: number, key: number, provinceCode2025: string): string {
  return provinceCode2025 + permuteDigits(ordinal, 8, key);
}

/** Beneficiary groups (mã đối tượng) of the health insurance card, Decision 1351/QĐ-BHXH (2015). */
export type HealthInsuranceGroup = 'DN' | 'HC' | 'HT' | 'TE' | 'HS' | 'SV' | 'GD' | 'HN' | 'BT' | 'CN';

/**
 * 15-character health insurance card number (Decision 1351/QĐ-BHXH, 2015): 2 letters for the
 * beneficiary group, 1 digit for the benefit level (1–5), 2 digits for the province, and the
 * 10-digit social insurance number.
 */
export function makeHealthInsuranceCard(group: HealthInsuranceGroup, level: number, provinceCode2025: string, socialInsuranceNumber: string): string {
  if (!/^[1-5]$/.test(String(level))) throw new Error('benefit level must be 1-5');
  return `${group}${level}${provinceCode2025}${socialInsuranceNumber}`;
}

/**
 * Benefit level (mức hưởng) by group, Decision 1351/QĐ-BHXH: 1 = 100% without cap (people with
 * meritorious service, CN here), 2 = 100% (children under 6, the poor, social protection),
 * 3 = 95% (retirees), 4 = 80% (everyone else).
 */
export function benefitLevelOf(group: HealthInsuranceGroup): number {
  if (group === 'CN') return 1;
  if (group === 'TE' || group === 'HN' || group === 'BT') return 2;
  if (group === 'HT') return 3;
  return 4;
}

/**
 * 12-digit driving licence number (PET cards since 2013). Public: 12 digits. Synthetic layout: the
 * 2-digit issuing province code, then 10 digits.
 */
export function makeDrivingLicenceNumber(ordinal: number, key: number, provinceCode2025: string): string {
  return provinceCode2025 + permuteDigits(ordinal, 10, key);
}

/**
 * Vietnamese car licence plate, e.g. `30A-123.45` (province series, letter, 5 digits; Circular
 * 24/2023/TT-BCA); unique per ordinal (up to 1 million).
 */
export function makePlate(ordinal: number, key: number, plateProvince: string): string {
  const n = permuteDigits(ordinal, 6, key);
  const letter = 'ABCDEFGHKL'[Number(n[0])] ?? 'A';
  return `${plateProvince}${letter}-${n.slice(1, 4)}.${n.slice(4)}`;
}

/** Serial of a land use right certificate (sổ đỏ/sổ hồng): 2 letters and 6 digits, e.g. `DB 123456`; unique per ordinal. */
export function makeLandCertificateSerial(ordinal: number, key: number): string {
  const a = 'ABCDEFGHKLMNPQRSTUVXY';
  const n = Number(permuteDigits(ordinal, 8, key)) % (a.length * a.length * 1_000_000);
  const letters = Math.floor(n / 1_000_000);
  return `${a[Math.floor(letters / a.length)] ?? 'A'}${a[letters % a.length] ?? 'A'} ${String(n % 1_000_000).padStart(6, '0')}`;
}

/** `n` random digits, for registry numbers without a published structure. */
export function makeDigits(rng: Rng, n: number): string {
  return digits(rng, n);
}
