/**
 * Population of the 63 former provinces, in thousands, from the 2019 Population and Housing
 * Census (General Statistics Office, "Completed results of the 2019 Viet Nam population and
 * housing census", Table 1), rounded. Used as weights for where people were born and live; the
 * national total (~96.2 M in 2019) does not matter, only the shares.
 */
export const POPULATION_2019_THOUSANDS: Readonly<Record<string, number>> = {
  '001': 8054, '002': 854, '004': 530, '006': 314, '008': 785, '010': 731, '011': 599, '012': 460,
  '014': 1248, '015': 822, '017': 854, '019': 1287, '020': 782, '022': 1320, '024': 1804, '025': 1464,
  '026': 1152, '027': 1369, '030': 1893, '031': 2029, '033': 1253, '034': 1861, '035': 852, '036': 1781,
  '037': 983, '038': 3641, '040': 3328, '042': 1289, '044': 896, '045': 633, '046': 1129, '048': 1134,
  '049': 1496, '051': 1232, '052': 1487, '054': 873, '056': 1232, '058': 591, '060': 1231, '062': 541,
  '064': 1514, '066': 1870, '067': 623, '068': 1297, '070': 995, '072': 1170, '074': 2456, '075': 3097,
  '077': 1149, '079': 8993, '080': 1689, '082': 1765, '083': 1289, '084': 1010, '086': 1023, '087': 1600,
  '089': 1908, '091': 1723, '092': 1236, '093': 734, '094': 1200, '095': 907, '096': 1194,
};

/**
 * Net internal migration: the share of a province's residents born elsewhere. The big
 * destinations (Hồ Chí Minh City, Bình Dương, Đồng Nai, Hà Nội…) draw people from everywhere;
 * elsewhere most residents were born in the province. Rough figures after the 2019 census
 * migration tables; they shape the data, they are not statistics to quote.
 */
export const BORN_ELSEWHERE_SHARE: Readonly<Record<string, number>> = {
  '079': 0.35, '074': 0.5, '075': 0.3, '001': 0.2, '077': 0.2, '048': 0.2, '031': 0.1, '092': 0.1,
  '027': 0.12, '066': 0.12, '068': 0.12, '070': 0.15, '067': 0.25,
};
/** Share born elsewhere for the provinces not listed above. */
export const DEFAULT_BORN_ELSEWHERE = 0.05;

/**
 * Former provinces from Đà Nẵng southwards, where the surnames Hoàng and Vũ are mostly spoken and
 * written Huỳnh and Võ (a naming taboo of the Nguyễn lords), and where households are `ấp`
 * rather than `thôn` in rural addresses (the Mekong Delta and the South-East).
 */
export const SOUTHERN_FROM = 48;
export const MEKONG_AND_SOUTHEAST_FROM = 70;
