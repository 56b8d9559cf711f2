import type { BloodType } from '../types.ts';

/**
 * Household sizes, percent of households. Shaped on the 2019 census (average 3.5 people per
 * household; two to four people most common, one in ten living alone). Mean of this table: 3.49.
 */
export const HOUSEHOLD_SIZES: readonly (readonly [number, number])[] = [
  [1, 10], [2, 19], [3, 21], [4, 27], [5, 13], [6, 6], [7, 3], [8, 1],
];

/**
 * Blood types among Vietnamese (percent): O ~42%, B ~30%, A ~21%, AB ~6.5%; Rh-negative is rare
 * (about 0.1%).
 */
export const BLOOD_TYPES: readonly (readonly [BloodType, number])[] = [
  ['O+', 41.8], ['B+', 30.1], ['A+', 21.3], ['AB+', 6.5], ['O-', 0.1], ['B-', 0.08], ['A-', 0.06], ['AB-', 0.02],
];

/** Mobile prefixes of the Vietnamese operators (10-digit numbers since the 2018 renumbering). */
export const MOBILE_PREFIXES: readonly string[] = [
  '032', '033', '034', '035', '036', '037', '038', '039', '086', '096', '097', '098', // Viettel
  '070', '076', '077', '078', '079', '089', '090', '093', // MobiFone
  '081', '082', '083', '084', '085', '088', '091', '094', // VinaPhone
  '052', '056', '058', '092', // Vietnamobile
  '059', '099', // Gmobile
];

/** Reasons recorded with a temporary absence (tạm vắng). */
export const ABSENCE_REASONS: readonly string[] = ['Đi làm việc ở nước ngoài', 'Đi học ở tỉnh khác', 'Đi làm ăn xa', 'Đi nghĩa vụ quân sự'];

/** Where people with a temporary residence elsewhere live now (2025 province codes, weights). */
export const MIGRATION_DESTINATIONS: readonly (readonly [string, number])[] = [
  ['79', 45], ['01', 25], ['75', 10], ['48', 5], ['24', 5], ['31', 4], ['92', 3], ['56', 3],
];
