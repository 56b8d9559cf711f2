import { getProvince2025, getWard2025 } from '@ndxp/core';

/** Province name without its type: `Thành phố Hà Nội` → `Hà Nội`. */
export function provinceName(code: string): string {
  const name = getProvince2025(code)?.name ?? `Tỉnh ${code}`;
  return name.replace(/^(Thành phố|Tỉnh) /, '');
}

/** Ward name, e.g. `Phường Ba Đình`. */
export function wardName(code: string): string {
  return getWard2025(code)?.name ?? `Xã ${code}`;
}
