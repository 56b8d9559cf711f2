/**
 * Religions as recorded (Law on Identification 2023 Art. 9, field 10), with their share of the
 * population in the 2019 census (percent): no religion 86.32, Catholicism 6.10, Buddhism 4.79,
 * Protestantism 1.00, Hòa Hảo Buddhism 1.02, Cao Đài 0.57, others ~0.2. Hòa Hảo and Cao Đài are
 * southern faiths (An Giang, Tây Ninh…), so the generator uses a southern and a northern table
 * whose population-weighted mix is close to the national one. Codes are our own stable slugs.
 */
export interface ReligionSpec {
  readonly code: string;
  readonly name: string;
  readonly nameEn: string;
}

export const RELIGIONS: readonly ReligionSpec[] = [
  { code: 'none', name: 'Không', nameEn: 'None' },
  { code: 'buddhism', name: 'Phật giáo', nameEn: 'Buddhism' },
  { code: 'catholicism', name: 'Công giáo', nameEn: 'Catholicism' },
  { code: 'protestantism', name: 'Tin Lành', nameEn: 'Protestantism' },
  { code: 'hoa_hao', name: 'Phật giáo Hòa Hảo', nameEn: 'Hòa Hảo Buddhism' },
  { code: 'cao_dai', name: 'Cao Đài', nameEn: 'Caodaism' },
  { code: 'islam', name: 'Hồi giáo', nameEn: 'Islam' },
  { code: 'brahmanism', name: 'Bà-la-môn', nameEn: 'Brahmanism' },
];

/** Shares for households in the northern and central former provinces. */
export const RELIGION_NORTH: readonly (readonly [string, number])[] = [
  ['none', 88.6], ['catholicism', 6.6], ['buddhism', 3.8], ['protestantism', 0.9], ['islam', 0.01],
];
/** Shares for households in the Mekong Delta and the South-East. */
export const RELIGION_SOUTH: readonly (readonly [string, number])[] = [
  ['none', 81.7], ['catholicism', 5.2], ['buddhism', 6.8], ['protestantism', 1.0], ['hoa_hao', 3.0], ['cao_dai', 1.7], ['islam', 0.1], ['brahmanism', 0.1],
];
