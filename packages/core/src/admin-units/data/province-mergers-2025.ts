/**
 * Which former provinces (3-digit codes of the personal identification number, Circular
 * 59/2021/TT-BCA) each of the 34 provinces and cities in force since 1 Jul 2025 absorbed, per
 * Resolution 202/2025/QH15 of the National Assembly (12 Jun 2025) on arranging provincial-level
 * administrative units. The new 2-digit code is always that of one of the merged provinces (the
 * one whose seat became the new seat); it is listed first.
 *
 * Hand-written from the resolution; `admin-units.test.ts` checks that it covers each of the 63
 * former codes exactly once and each of the 34 new provinces.
 */
export const PROVINCE_MERGERS_2025: Readonly<Record<string, readonly string[]>> = {
  '01': ['001'], // Hà Nội
  '04': ['004'], // Cao Bằng
  '08': ['008', '002'], // Tuyên Quang + Hà Giang
  '11': ['011'], // Điện Biên
  '12': ['012'], // Lai Châu
  '14': ['014'], // Sơn La
  '15': ['015', '010'], // Lào Cai = Yên Bái (seat) + Lào Cai
  '19': ['019', '006'], // Thái Nguyên + Bắc Kạn
  '20': ['020'], // Lạng Sơn
  '22': ['022'], // Quảng Ninh
  '24': ['024', '027'], // Bắc Ninh = Bắc Giang (seat) + Bắc Ninh
  '25': ['025', '026', '017'], // Phú Thọ + Vĩnh Phúc + Hòa Bình
  '31': ['031', '030'], // Hải Phòng + Hải Dương
  '33': ['033', '034'], // Hưng Yên + Thái Bình
  '37': ['037', '035', '036'], // Ninh Bình + Hà Nam + Nam Định
  '38': ['038'], // Thanh Hóa
  '40': ['040'], // Nghệ An
  '42': ['042'], // Hà Tĩnh
  '44': ['044', '045'], // Quảng Trị = Quảng Bình (seat) + Quảng Trị
  '46': ['046'], // Huế
  '48': ['048', '049'], // Đà Nẵng + Quảng Nam
  '51': ['051', '062'], // Quảng Ngãi + Kon Tum
  '52': ['052', '064'], // Gia Lai = Bình Định (seat) + Gia Lai
  '56': ['056', '058'], // Khánh Hòa + Ninh Thuận
  '66': ['066', '054'], // Đắk Lắk + Phú Yên
  '68': ['068', '067', '060'], // Lâm Đồng + Đắk Nông + Bình Thuận
  '75': ['075', '070'], // Đồng Nai + Bình Phước
  '79': ['079', '074', '077'], // Hồ Chí Minh + Bình Dương + Bà Rịa - Vũng Tàu
  '80': ['080', '072'], // Tây Ninh = Long An (seat) + Tây Ninh
  '82': ['082', '087'], // Đồng Tháp = Tiền Giang (seat) + Đồng Tháp
  '86': ['086', '083', '084'], // Vĩnh Long + Bến Tre + Trà Vinh
  '91': ['091', '089'], // An Giang = Kiên Giang (seat) + An Giang
  '92': ['092', '093', '094'], // Cần Thơ + Hậu Giang + Sóc Trăng
  '96': ['096', '095'], // Cà Mau + Bạc Liêu
};
