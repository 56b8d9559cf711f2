import type { Brand, ProvinceCode } from '../brand.ts';
import { ID_PROVINCE_ROWS } from './data/id-province-codes.generated.ts';
import { PROVINCE_MERGERS_2025 } from './data/province-mergers-2025.ts';
import { isProvinceCode2025 } from './admin-units-2025.ts';

/**
 * 3-digit province code of birth registration, digits 1–3 of a personal identification number
 * (Decree 137/2015 Art. 13; codes in Circular 59/2021/TT-BCA). These keep the 63 pre-2025
 * provinces even after the 2025 mergers.
 */
export type IdProvinceCode = Brand<string, 'IdProvinceCode'>;

/** One of the 63 personal-ID province codes. */
export interface IdProvince {
  readonly code: IdProvinceCode;
  /** Province name at the time of registration, e.g. `Hà Giang`. */
  readonly name: string;
  /** The 2025 province that absorbed it (Resolution 202/2025/QH15). */
  readonly province2025: ProvinceCode;
}

let cache: { list: readonly IdProvince[]; byCode: ReadonlyMap<string, IdProvince> } | undefined;

function build(): NonNullable<typeof cache> {
  if (cache !== undefined) return cache;
  const successor = new Map<string, string>();
  for (const [newCode, former] of Object.entries(PROVINCE_MERGERS_2025)) for (const c of former) successor.set(c, newCode);
  const list = ID_PROVINCE_ROWS.map(([code, name]): IdProvince => {
    const to = successor.get(code);
    if (to === undefined) throw new Error(`personal-ID province ${code} has no 2025 successor`);
    return Object.freeze({ code: code as IdProvinceCode, name, province2025: to as ProvinceCode });
  });
  cache = { list: Object.freeze(list), byCode: new Map(list.map((p) => [p.code, p])) };
  return cache;
}

/** The 63 personal-ID province codes, in code order. */
export function listIdProvinces(): readonly IdProvince[] {
  return build().list;
}

/** A personal-ID province by its 3-digit code, or `undefined` (the codes are not contiguous). */
export function getIdProvince(code: string): IdProvince | undefined {
  return build().byCode.get(code);
}

/** Whether `code` is one of the 63 personal-ID province codes. */
export function isIdProvinceCode(code: string): code is IdProvinceCode {
  return build().byCode.has(code);
}

/**
 * The personal-ID province code used for a birth registered in a 2025 province. The 2025 codes
 * reuse one former province's code, so its 3-digit form (`79` → `079`) is always among the 63.
 * Which code registrations made after 1 Jul 2025 actually carry is *unverified* (FACTS.md); the
 * synthetic generator uses this rule for births after the merger.
 */
export function idProvinceCodeOf2025(provinceCode: ProvinceCode): IdProvinceCode {
  const code = `0${provinceCode}`;
  if (!isProvinceCode2025(provinceCode) || !build().byCode.has(code)) throw new Error(`no personal-ID province code for 2025 province ${provinceCode}`);
  return code as IdProvinceCode;
}
