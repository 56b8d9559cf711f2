/**
 * Name tables. Shares of Kinh family names follow the commonly cited survey figures (Nguyễn
 * ~38%, Trần ~11%, Lê ~9.5%, Phạm ~7%, Hoàng/Huỳnh ~5.1%, Phan ~4.5%, Vũ/Võ ~3.9%, Đặng 2.1%,
 * Bùi 2%, Đỗ 1.4%, Hồ 1.3%, Ngô 1.3%, Dương 1%, Lý 0.5%; the rest share the remaining ~11%).
 * Given and middle names are weighted by how common they are (relative weights, not surveys).
 */

/** Kinh family names (percent). `Hoàng`/`Vũ` are split regionally into `Huỳnh`/`Võ` by the generator. */
export const KINH_SURNAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38.4], ['Trần', 11.0], ['Lê', 9.5], ['Phạm', 7.0], ['Hoàng', 5.1], ['Phan', 4.5], ['Vũ', 3.9],
  ['Đặng', 2.1], ['Bùi', 2.0], ['Đỗ', 1.4], ['Hồ', 1.3], ['Ngô', 1.3], ['Dương', 1.0], ['Lý', 0.5],
  ['Đinh', 0.9], ['Trương', 0.8], ['Đào', 0.7], ['Trịnh', 0.6], ['Mai', 0.6], ['Đoàn', 0.6], ['Hà', 0.6],
  ['Lương', 0.5], ['Lâm', 0.5], ['Cao', 0.5], ['Phùng', 0.3], ['Chu', 0.3], ['Tạ', 0.3], ['Tô', 0.3],
  ['Châu', 0.3], ['Lưu', 0.3], ['Kiều', 0.2], ['Thái', 0.2], ['Quách', 0.2], ['Văn', 0.2], ['Tăng', 0.2],
  ['Vương', 0.2], ['Triệu', 0.2], ['Lại', 0.2], ['Đàm', 0.2], ['Nghiêm', 0.1], ['La', 0.1], ['Tống', 0.1],
  ['Từ', 0.1], ['Khúc', 0.1], ['Hứa', 0.1], ['Mạc', 0.1], ['Giang', 0.1], ['Doãn', 0.1], ['Thân', 0.1],
  ['Âu', 0.1], ['Ninh', 0.1], ['Lục', 0.1], ['Tôn', 0.1], ['Kim', 0.1], ['Ông', 0.1],
];

/** Male given names (relative weights). */
export const MALE_GIVEN: readonly (readonly [string, number])[] = [
  ['Anh', 5], ['Minh', 4], ['Hùng', 4], ['Tuấn', 4], ['Dũng', 3], ['Hải', 3], ['Nam', 3], ['Long', 3], ['Huy', 3],
  ['Đức', 3], ['Thành', 3], ['Trung', 2], ['Quang', 2], ['Sơn', 2.5], ['Hoàng', 2], ['Cường', 2], ['Phong', 2],
  ['Khánh', 1.5], ['Việt', 1.5], ['Tùng', 1.5], ['Hiếu', 1.5], ['Bình', 1.5], ['Đạt', 1.5], ['Duy', 1.5],
  ['Thắng', 1.5], ['Hưng', 1.5], ['Bảo', 1.5], ['An', 1.5], ['Quân', 1.5], ['Vinh', 1.2], ['Phúc', 1.2],
  ['Khoa', 1.2], ['Nghĩa', 1.2], ['Lâm', 1], ['Khang', 1], ['Kiên', 1], ['Tài', 1], ['Toàn', 1], ['Trí', 1],
  ['Lộc', 1], ['Tâm', 1], ['Thịnh', 1], ['Mạnh', 1], ['Hòa', 1], ['Tiến', 1], ['Thái', 0.8], ['Tú', 0.8],
  ['Vũ', 0.8], ['Nhân', 0.8], ['Thanh', 0.8], ['Chiến', 0.8], ['Khôi', 0.8], ['Đông', 0.6], ['Lợi', 0.6],
  ['Hậu', 0.6], ['Kiệt', 0.6], ['Quý', 0.6], ['Sang', 0.6], ['Trọng', 0.6], ['Dương', 0.6], ['Phát', 0.6],
  ['Hiển', 0.5], ['Cảnh', 0.5], ['Công', 0.5], ['Hào', 0.5], ['Lực', 0.5], ['Tín', 0.5], ['Hiệp', 0.5],
  ['Quyết', 0.5], ['Vương', 0.4], ['Tuệ', 0.3], ['Tuyên', 0.3], ['Hội', 0.3], ['Thuận', 0.5], ['Định', 0.4],
];

/** Female given names (relative weights). */
export const FEMALE_GIVEN: readonly (readonly [string, number])[] = [
  ['Linh', 5], ['Anh', 4], ['Trang', 4], ['Hương', 4], ['Huyền', 3], ['Hằng', 3], ['Hà', 3], ['Lan', 3],
  ['Thảo', 3], ['Phương', 3], ['Ngọc', 2.5], ['Mai', 2.5], ['Hoa', 2.5], ['Thủy', 2.5], ['Hạnh', 2], ['Nga', 2],
  ['Nhung', 2], ['Dung', 2], ['Yến', 2], ['Vân', 2], ['Hiền', 2], ['Hồng', 2], ['Loan', 1.5], ['Oanh', 1.5],
  ['Chi', 1.5], ['Giang', 1.5], ['Quỳnh', 1.5], ['My', 1.5], ['Vy', 1.5], ['Nhi', 1.5], ['Ngân', 1.5],
  ['Thư', 1.5], ['Thu', 1.2], ['Trâm', 1], ['Uyên', 1], ['Tâm', 1], ['Tuyết', 1], ['Xuân', 1], ['Liên', 1],
  ['Hân', 1], ['An', 1], ['Ly', 1], ['Thúy', 1], ['Trinh', 1], ['Duyên', 1], ['Phượng', 1], ['Lệ', 0.8],
  ['Châu', 0.8], ['Khánh', 0.8], ['Nguyệt', 0.8], ['Nhàn', 0.8], ['Quyên', 0.8], ['Thanh', 0.8], ['Kim', 0.6],
  ['Hậu', 0.6], ['Diễm', 0.6], ['Thắm', 0.6], ['Trúc', 0.6], ['Diệp', 0.5], ['Sen', 0.5], ['Tú', 0.5],
  ['Vi', 0.5], ['Thơ', 0.5], ['Mến', 0.4], ['Hoài', 0.5], ['Hòa', 0.5], ['Lụa', 0.3], ['Gấm', 0.3],
];

/** Male middle names other than `Văn` (relative weights; `modern` ones gain weight for later births). */
export const MALE_MIDDLE: readonly (readonly [string, number, boolean])[] = [
  ['Đức', 8, false], ['Minh', 8, true], ['Quang', 6, false], ['Hữu', 6, false], ['Công', 5, false], ['Thanh', 5, false],
  ['Đình', 5, false], ['Ngọc', 4, false], ['Xuân', 4, false], ['Hoàng', 4, true], ['Quốc', 4, false], ['Gia', 5, true],
  ['Anh', 3, true], ['Trung', 3, false], ['Tuấn', 3, false], ['Thành', 3, false], ['Việt', 3, false], ['Duy', 3, true],
  ['Bảo', 3, true], ['Thế', 3, false], ['Mạnh', 2, false], ['Nhật', 2, true], ['Khánh', 2, true], ['Trọng', 2, false],
  ['Tiến', 2, false], ['Đăng', 2, true], ['Phúc', 1, true], ['Tấn', 2, false], ['Chí', 2, false],
];

/** Female middle names other than `Thị`. */
export const FEMALE_MIDDLE: readonly (readonly [string, number, boolean])[] = [
  ['Ngọc', 8, false], ['Thu', 6, false], ['Thanh', 6, false], ['Hồng', 5, false], ['Minh', 4, true], ['Phương', 4, true],
  ['Kim', 4, false], ['Thùy', 4, false], ['Bảo', 3, true], ['Khánh', 3, true], ['Mai', 3, false], ['Bích', 3, false],
  ['Mỹ', 3, false], ['Diệu', 2, true], ['Hoài', 2, false], ['Quỳnh', 2, true], ['Hải', 2, false], ['Lan', 2, false],
  ['Ánh', 2, false], ['Thảo', 2, true], ['Hà', 2, false], ['Như', 2, true], ['Gia', 2, true], ['Cẩm', 2, false],
  ['Hoàng', 2, false], ['Xuân', 2, false], ['Tuyết', 1, false], ['Yến', 1, false], ['Tường', 1, true], ['An', 1, true],
];

/** Ê Đê given names (without the `Y`/`H'` prefix). */
export const EDE_GIVEN: readonly string[] = ['Bih', 'Blô', 'Điêng', 'Hen', 'Ngun', 'Nuê', 'Dăm', 'Kông', 'Thu', 'Mai', 'Jen', 'Sơn', 'Khuê', 'Lan', 'Ni'];

/** Street names for urban addresses (national heroes and events, found in most cities). */
export const STREETS: readonly string[] = [
  'Trần Hưng Đạo', 'Lê Lợi', 'Nguyễn Huệ', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Quang Trung', 'Hùng Vương',
  'Nguyễn Trãi', 'Lê Duẩn', 'Trần Phú', 'Điện Biên Phủ', 'Nguyễn Du', 'Phan Đình Phùng', 'Lý Thái Tổ',
  'Nguyễn Văn Cừ', 'Lê Thánh Tông', 'Ngô Quyền', 'Bà Triệu', 'Phan Chu Trinh', 'Võ Thị Sáu', 'Nguyễn Thị Minh Khai',
  'Cách Mạng Tháng Tám', 'Hoàng Văn Thụ', 'Trường Chinh', 'Lê Hồng Phong', 'Nguyễn Chí Thanh', 'Tôn Đức Thắng',
  'Phạm Văn Đồng', 'Võ Nguyên Giáp', 'Nguyễn Tất Thành', '30 Tháng 4', 'Độc Lập', 'Thống Nhất', 'Hòa Bình',
];
