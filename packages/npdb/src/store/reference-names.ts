import { getIdProvince, getProvince2025, getWard2025 } from '@ndxp/core';
import { ETHNICITIES, RELIGIONS } from '@ndxp/synthetic';

const ETHNICITY = new Map(ETHNICITIES.map((e) => [e.code, e.name]));
const RELIGION = new Map(RELIGIONS.map((r) => [r.code, r.name]));

/** A code with its Vietnamese name, as responses carry coded values. */
export interface Coded {
  readonly code: string;
  readonly name: string;
}

export const ethnicityOf = (code: string): Coded => ({ code, name: ETHNICITY.get(code) ?? code });
export const religionOf = (code: string): Coded => ({ code, name: RELIGION.get(code) ?? code });
export const idProvinceOf = (code: string): Coded => ({ code, name: getIdProvince(code)?.name ?? code });

/** An address on the 2025 units, with names resolved and the full one-line form. */
export interface AddressView {
  readonly ward_code: string;
  readonly ward_name: string;
  readonly province_code: string;
  readonly province_name: string;
  readonly address_line: string;
  readonly full_address: string;
}

export function addressOf(wardCode: string, line: string): AddressView {
  const ward = getWard2025(wardCode);
  const province = ward === undefined ? undefined : getProvince2025(ward.provinceCode);
  const wardName = ward?.name ?? '';
  const provinceName = province?.name ?? '';
  return {
    ward_code: wardCode,
    ward_name: wardName,
    province_code: ward?.provinceCode ?? '',
    province_name: provinceName,
    address_line: line,
    full_address: [line, wardName, provinceName].filter((s) => s !== '').join(', '),
  };
}
