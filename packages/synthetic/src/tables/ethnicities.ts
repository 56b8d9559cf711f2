/**
 * The ethnic groups generated, with their codes in the national list of 54 groups (Decision
 * 121-TCTK/PPCĐ of 2 Mar 1979, used by the census and the population database) and their share of
 * the population in the 2019 census (percent, rounded; the small groups not listed total ~0.4%
 * and are folded into the others).
 *
 * `homeland` lists the former provinces (personal-ID codes) where the group mostly lives: a
 * minority household is placed there, so Hmông families live in the north-western mountains and
 * Khmer families in the Mekong Delta, as in reality. `surnames` are the group's common family
 * names; an empty list means Kinh-style surnames.
 *
 * The numeric codes are reproduced from the GSO list and should be checked against the current
 * code table before any production use (FACTS.md does not cover them): *unverified*.
 */
export interface EthnicitySpec {
  readonly code: string;
  readonly name: string;
  readonly share: number;
  readonly homeland: readonly string[];
  readonly surnames: readonly (readonly [string, number])[];
  /** Ê Đê naming: `Y` (men) or `H'` (women) before the given name, family name last. */
  readonly givenFirst?: boolean;
}

const s = (...names: string[]): (readonly [string, number])[] => names.map((n, i) => [n, names.length - i]);

export const ETHNICITIES: readonly EthnicitySpec[] = [
  { code: '01', name: 'Kinh', share: 85.32, homeland: [], surnames: [] },
  { code: '02', name: 'Tày', share: 1.92, homeland: ['004', '020', '006', '008', '002', '019', '010', '015', '024', '022'], surnames: s('Hoàng', 'Nông', 'Hà', 'Lương', 'Vi', 'Lục', 'Bế', 'Ma', 'Đàm', 'Triệu', 'Lý', 'Nguyễn') },
  { code: '03', name: 'Thái', share: 1.89, homeland: ['014', '040', '038', '011', '012', '015', '017'], surnames: s('Lò', 'Lường', 'Cầm', 'Quàng', 'Vi', 'Hà', 'Lù', 'Tòng', 'Điêu', 'Lê', 'Lương') },
  { code: '06', name: 'Mường', share: 1.52, homeland: ['017', '038', '025', '014', '037'], surnames: s('Bùi', 'Đinh', 'Quách', 'Hà', 'Xa', 'Nguyễn', 'Phạm', 'Trương') },
  { code: '08', name: 'Mông', share: 1.45, homeland: ['002', '011', '010', '014', '012', '015', '040', '004'], surnames: s('Giàng', 'Vàng', 'Sùng', 'Thào', 'Lý', 'Mùa', 'Hờ', 'Lầu', 'Vừ', 'Hạng', 'Cứ') },
  { code: '05', name: 'Khmer', share: 1.32, homeland: ['094', '084', '091', '089', '095', '096', '092', '086'], surnames: s('Thạch', 'Sơn', 'Kim', 'Danh', 'Lâm', 'Chau', 'Lý', 'Trần', 'Huỳnh') },
  { code: '07', name: 'Nùng', share: 1.16, homeland: ['020', '004', '024', '002', '019', '066'], surnames: s('Hoàng', 'Nông', 'Lăng', 'Vi', 'Lục', 'Mã', 'Chu', 'Triệu', 'Lý') },
  { code: '09', name: 'Dao', share: 0.92, homeland: ['002', '010', '015', '008', '022', '004', '020', '006'], surnames: s('Triệu', 'Bàn', 'Đặng', 'Lý', 'Phùng', 'Chảo', 'Tẩn', 'Lò') },
  { code: '04', name: 'Hoa', share: 0.78, homeland: ['079', '075', '094', '091', '095', '022'], surnames: s('Lý', 'Trương', 'Lâm', 'Quách', 'Châu', 'Hứa', 'Mã', 'Diệp', 'Tăng', 'Hồng', 'La', 'Trần') },
  { code: '10', name: 'Gia Rai', share: 0.54, homeland: ['064', '062', '066'], surnames: s('Ksor', 'Rơ Mah', 'Siu', 'Rah Lan', 'Nay', 'Kpă', 'Rơ Châm', 'Puih') },
  { code: '12', name: 'Ê Đê', share: 0.41, homeland: ['066', '054', '067'], surnames: s('Niê', 'Mlô', 'Êban', 'Byă', 'Adrơng', 'Ksơr', 'Buôn Yă', 'Ayun'), givenFirst: true },
  { code: '13', name: 'Ba Na', share: 0.3, homeland: ['064', '062', '052', '054'], surnames: s('Đinh', 'A', 'Y', 'Rơ', 'Hiao') },
  { code: '14', name: 'Xơ Đăng', share: 0.22, homeland: ['062', '049', '051'], surnames: s('A', 'Y', 'Đinh', 'Hồ') },
  { code: '15', name: 'Sán Chay', share: 0.21, homeland: ['008', '019', '024'], surnames: s('Hoàng', 'Lục', 'Dương', 'Lâm', 'Tằng') },
  { code: '16', name: 'Cơ Ho', share: 0.21, homeland: ['068'], surnames: s('K\'', 'Ka', 'Liêng', 'Cil', 'Kơ Să') },
  { code: '18', name: 'Sán Dìu', share: 0.19, homeland: ['019', '026', '024', '022', '008'], surnames: s('Diệp', 'Trương', 'Lam', 'Lục', 'Từ', 'Tạ') },
  { code: '17', name: 'Chăm', share: 0.18, homeland: ['058', '060', '089', '079'], surnames: s('Thành', 'Đàng', 'Quảng', 'Lộ', 'Châu', 'Kiều', 'Mohamad') },
  { code: '19', name: 'Hrê', share: 0.15, homeland: ['051'], surnames: s('Đinh', 'Phạm', 'Nguyễn') },
  { code: '21', name: 'Ra Glai', share: 0.15, homeland: ['058', '056'], surnames: s('Chamaléa', 'Katơr', 'Pi Năng', 'Mấu') },
  { code: '20', name: 'Mnông', share: 0.13, homeland: ['067', '066'], surnames: s('Điểu', 'Y', 'Thị', 'Lê') },
  { code: '23', name: 'Bru-Vân Kiều', share: 0.1, homeland: ['045', '044'], surnames: s('Hồ', 'Lê', 'Trần') },
  { code: '22', name: 'Xtiêng', share: 0.1, homeland: ['070'], surnames: s('Điểu', 'Thị') },
  { code: '24', name: 'Thổ', share: 0.09, homeland: ['040', '038'], surnames: s('Nguyễn', 'Lê', 'Trương', 'Hồ') },
  { code: '29', name: 'Khơ Mú', share: 0.09, homeland: ['040', '011', '014'], surnames: s('Vi', 'Lò', 'Quàng', 'Lường') },
  { code: '26', name: 'Cơ Tu', share: 0.08, homeland: ['049', '046'], surnames: s('Bríu', 'Alăng', 'Zơrâm', 'Bhríu') },
  { code: '25', name: 'Giáy', share: 0.07, homeland: ['010', '012', '002'], surnames: s('Lù', 'Vàng', 'Hoàng', 'Sần') },
  { code: '31', name: 'Tà Ôi', share: 0.06, homeland: ['046', '045'], surnames: s('Hồ', 'Kăn', 'Quỳnh') },
];
