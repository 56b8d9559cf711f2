import type { ProvinceCode, WardCode } from '../brand.ts';
import { PROVINCE_ROWS_2025, WARD_ROWS_2025 } from './data/admin-units-2025.generated.ts';
import { PROVINCE_MERGERS_2025 } from './data/province-mergers-2025.ts';

/** Kind of a 2025 grassroots unit, read from its name: phường, xã or đặc khu. */
export type WardKind = 'ward' | 'commune' | 'special_zone';

/** A province or centrally-run city in force since 1 Jul 2025 (34 in all). */
export interface Province2025 {
  readonly code: ProvinceCode;
  /** Official name with its type, e.g. `Thành phố Hà Nội`, `Tỉnh Cao Bằng`. */
  readonly name: string;
  /** 3-digit personal-ID province codes of the former provinces it absorbed (Resolution 202/2025/QH15). */
  readonly formerIdCodes: readonly string[];
}

/** A ward, commune or special zone in force since 1 Jul 2025 (3,321 in all; no district level). */
export interface Ward2025 {
  readonly code: WardCode;
  readonly name: string;
  readonly kind: WardKind;
  readonly provinceCode: ProvinceCode;
}

interface Index {
  readonly provinces: readonly Province2025[];
  readonly provinceByCode: ReadonlyMap<string, Province2025>;
  readonly wards: readonly Ward2025[];
  readonly wardByCode: ReadonlyMap<string, Ward2025>;
  readonly wardsByProvince: ReadonlyMap<string, readonly Ward2025[]>;
}

let index: Index | undefined;

function wardKind(name: string): WardKind {
  const lower = name.toLocaleLowerCase('vi');
  if (lower.startsWith('phường ')) return 'ward';
  if (lower.startsWith('đặc khu ')) return 'special_zone';
  return 'commune';
}

/** Built on first use and kept: the tables are immutable reference data. */
function build(): Index {
  if (index !== undefined) return index;
  const provinces = PROVINCE_ROWS_2025.map(([code, name]): Province2025 => Object.freeze({
    code: code as ProvinceCode,
    name,
    formerIdCodes: Object.freeze([...(PROVINCE_MERGERS_2025[code] ?? [])]),
  }));
  const wards = WARD_ROWS_2025.map(([provinceCode, code, name]): Ward2025 => Object.freeze({
    code: code as WardCode,
    name,
    kind: wardKind(name),
    provinceCode: provinceCode as ProvinceCode,
  }));
  const wardsByProvince = new Map<string, Ward2025[]>();
  for (const w of wards) {
    const list = wardsByProvince.get(w.provinceCode);
    if (list === undefined) wardsByProvince.set(w.provinceCode, [w]);
    else list.push(w);
  }
  index = {
    provinces: Object.freeze(provinces),
    provinceByCode: new Map(provinces.map((p) => [p.code, p])),
    wards: Object.freeze(wards),
    wardByCode: new Map(wards.map((w) => [w.code, w])),
    wardsByProvince,
  };
  return index;
}

/** The 34 provinces and cities in force since 1 Jul 2025, in code order. */
export function listProvinces2025(): readonly Province2025[] {
  return build().provinces;
}

/** A 2025 province by its 2-digit code, or `undefined`. */
export function getProvince2025(code: string): Province2025 | undefined {
  return build().provinceByCode.get(code);
}

/** A 2025 ward, commune or special zone by its 5-digit code, or `undefined`. */
export function getWard2025(code: string): Ward2025 | undefined {
  return build().wardByCode.get(code);
}

/** All 3,321 grassroots units, or those of one province (empty for an unknown province). */
export function listWards2025(provinceCode?: string): readonly Ward2025[] {
  const i = build();
  if (provinceCode === undefined) return i.wards;
  return i.wardsByProvince.get(provinceCode) ?? [];
}

/** Whether `code` is a 2025 province code. */
export function isProvinceCode2025(code: string): code is ProvinceCode {
  return build().provinceByCode.has(code);
}

/** Whether `code` is a 2025 ward code. */
export function isWardCode2025(code: string): code is WardCode {
  return build().wardByCode.has(code);
}
