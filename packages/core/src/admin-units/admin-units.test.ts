import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { renderDataModules } from './generate-data.ts';
import { getProvince2025, getWard2025, isProvinceCode2025, isWardCode2025, listProvinces2025, listWards2025 } from './admin-units-2025.ts';
import { getIdProvince, idProvinceCodeOf2025, isIdProvinceCode, listIdProvinces } from './id-provinces.ts';
import { PROVINCE_MERGERS_2025 } from './data/province-mergers-2025.ts';
import type { ProvinceCode } from '../brand.ts';

const data = (name: string) => readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8');

describe('2025 administrative units', () => {
  it('generated modules match the bundled CSV files', () => {
    const out = renderDataModules(data('admin-units-2025.csv'), data('id-number-province-codes.csv'));
    expect(data('admin-units-2025.generated.ts')).toBe(out.wards);
    expect(data('id-province-codes.generated.ts')).toBe(out.idCodes);
  });

  it('has 34 provinces and 3,321 wards with unique, well-formed codes', () => {
    const provinces = listProvinces2025();
    expect(provinces).toHaveLength(34);
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
    for (const p of provinces) expect(p.code).toMatch(/^\d{2}$/);
    const wards = listWards2025();
    expect(wards).toHaveLength(3321);
    expect(new Set(wards.map((w) => w.code)).size).toBe(3321);
    for (const w of wards) {
      expect(w.code).toMatch(/^\d{5}$/);
      expect(isProvinceCode2025(w.provinceCode)).toBe(true);
    }
    expect(provinces.reduce((n, p) => n + listWards2025(p.code).length, 0)).toBe(3321);
  });

  it('classifies wards, communes and special zones from their names', () => {
    const count = (k: string) => listWards2025().filter((w) => w.kind === k).length;
    expect(count('special_zone')).toBe(13);
    expect(count('ward')).toBe(697);
    expect(count('commune')).toBe(3321 - 13 - 697);
    expect(getWard2025('06325')).toMatchObject({ name: 'xã Bắc Sơn', kind: 'commune', provinceCode: '20' });
  });

  it('looks up by code and answers undefined for unknown codes', () => {
    expect(getProvince2025('79')?.name).toBe('Thành phố Hồ Chí Minh');
    expect(getWard2025('00004')).toEqual({ code: '00004', name: 'Phường Ba Đình', kind: 'ward', provinceCode: '01' });
    expect(getProvince2025('02')).toBeUndefined();
    expect(getWard2025('99999')).toBeUndefined();
    expect(isWardCode2025('0000')).toBe(false);
    expect(listWards2025('02')).toEqual([]);
  });
});

describe('personal-ID province codes and the 2025 mergers', () => {
  it('lists 63 codes, not contiguous', () => {
    const codes = listIdProvinces().map((p) => p.code);
    expect(codes).toHaveLength(63);
    expect(new Set(codes).size).toBe(63);
    expect(codes).toContain('001');
    expect(codes).not.toContain('003');
    expect(isIdProvinceCode('096')).toBe(true);
    expect(isIdProvinceCode('097')).toBe(false);
    expect(getIdProvince('002')).toEqual({ code: '002', name: 'Hà Giang', province2025: '08' });
  });

  it('maps each former province to exactly one 2025 province, whose code is one of the merged ones', () => {
    const former = Object.values(PROVINCE_MERGERS_2025).flat();
    expect(former.sort()).toEqual(listIdProvinces().map((p) => p.code).sort());
    expect(Object.keys(PROVINCE_MERGERS_2025).sort()).toEqual(listProvinces2025().map((p) => p.code).sort());
    for (const p of listProvinces2025()) {
      expect(p.formerIdCodes).toContain(`0${p.code}`);
      expect(idProvinceCodeOf2025(p.code)).toBe(`0${p.code}`);
    }
    expect(() => idProvinceCodeOf2025('02' as ProvinceCode)).toThrow();
  });
});
