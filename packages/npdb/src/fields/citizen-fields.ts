/**
 * The fields of the citizen lookup (`GET /v1/citizens/{personal_id}`), each a top-level member of
 * the response named in stable snake_case, with the article-9 field(s) of the Law on
 * Identification 2023 it carries. The hub catalogue registers them as JSON pointers
 * (`NPDB_CITIZEN_FIELDS`), grants name subsets of them, and the hub sends a consumer's granted
 * pointers in `x-ndxp-fields` so the NPDB can minimise at the source.
 */
export interface CitizenFieldSpec {
  /** Response member name, e.g. `full_name`. */
  readonly name: CitizenFieldName;
  /** Numbers of the fields of Art. 9 it carries. */
  readonly article9: readonly number[];
  readonly vi: string;
  readonly en: string;
}

export const CITIZEN_FIELD_NAMES = [
  'personal_id', 'full_name', 'other_names', 'date_of_birth', 'gender', 'place_of_birth', 'birth_registration_place',
  'hometown', 'ethnicity', 'religion', 'nationality', 'blood_type', 'old_id_number', 'id_card', 'father', 'mother',
  'spouse', 'children', 'legal_representative', 'represented_persons', 'permanent_residence', 'temporary_residence',
  'current_residence', 'temporary_absence', 'residence_file_number', 'marital_status', 'relationship_to_head',
  'household', 'date_of_death', 'date_of_disappearance', 'phone', 'email', 'linked_documents',
] as const;

export type CitizenFieldName = (typeof CITIZEN_FIELD_NAMES)[number];

export const CITIZEN_FIELD_SPECS: readonly CitizenFieldSpec[] = [
  { name: 'personal_id', article9: [3], vi: 'Số định danh cá nhân', en: 'Personal identification number' },
  { name: 'full_name', article9: [1], vi: 'Họ, chữ đệm và tên khai sinh', en: 'Birth name' },
  { name: 'other_names', article9: [2], vi: 'Tên gọi khác', en: 'Other names' },
  { name: 'date_of_birth', article9: [4], vi: 'Ngày, tháng, năm sinh', en: 'Date of birth' },
  { name: 'gender', article9: [5], vi: 'Giới tính', en: 'Gender' },
  { name: 'place_of_birth', article9: [6], vi: 'Nơi sinh', en: 'Place of birth' },
  { name: 'birth_registration_place', article9: [7], vi: 'Nơi đăng ký khai sinh', en: 'Place of birth registration' },
  { name: 'hometown', article9: [8], vi: 'Quê quán', en: 'Hometown' },
  { name: 'ethnicity', article9: [9], vi: 'Dân tộc', en: 'Ethnicity' },
  { name: 'religion', article9: [10], vi: 'Tôn giáo', en: 'Religion' },
  { name: 'nationality', article9: [11], vi: 'Quốc tịch', en: 'Nationality' },
  { name: 'blood_type', article9: [12], vi: 'Nhóm máu', en: 'Blood type' },
  { name: 'old_id_number', article9: [13], vi: 'Số chứng minh nhân dân 9 số', en: 'Old 9-digit ID number' },
  { name: 'id_card', article9: [14], vi: 'Ngày, tháng, năm cấp, nơi cấp, thời hạn sử dụng thẻ căn cước', en: 'Identity card issue date, place and validity' },
  { name: 'father', article9: [15], vi: 'Cha', en: 'Father' },
  { name: 'mother', article9: [15], vi: 'Mẹ', en: 'Mother' },
  { name: 'spouse', article9: [15], vi: 'Vợ hoặc chồng', en: 'Spouse' },
  { name: 'children', article9: [15], vi: 'Con', en: 'Children' },
  { name: 'legal_representative', article9: [15], vi: 'Người đại diện hợp pháp', en: 'Legal representative' },
  { name: 'represented_persons', article9: [15], vi: 'Người được đại diện', en: 'Represented persons' },
  { name: 'permanent_residence', article9: [16], vi: 'Nơi thường trú', en: 'Permanent residence' },
  { name: 'temporary_residence', article9: [17], vi: 'Nơi tạm trú', en: 'Temporary residence' },
  { name: 'current_residence', article9: [18], vi: 'Nơi ở hiện tại', en: 'Current residence' },
  { name: 'temporary_absence', article9: [19], vi: 'Tình trạng khai báo tạm vắng', en: 'Temporary absence' },
  { name: 'residence_file_number', article9: [20], vi: 'Số hồ sơ cư trú', en: 'Residence file number' },
  { name: 'marital_status', article9: [21], vi: 'Tình trạng hôn nhân', en: 'Marital status' },
  { name: 'relationship_to_head', article9: [22], vi: 'Quan hệ với chủ hộ', en: 'Relationship to the household head' },
  { name: 'household', article9: [23], vi: 'Chủ hộ và các thành viên hộ gia đình', en: 'Household head and members' },
  { name: 'date_of_death', article9: [24], vi: 'Ngày, tháng, năm chết', en: 'Date of death' },
  { name: 'date_of_disappearance', article9: [24], vi: 'Ngày, tháng, năm mất tích', en: 'Date of disappearance' },
  { name: 'phone', article9: [25], vi: 'Số điện thoại', en: 'Mobile number' },
  { name: 'email', article9: [25], vi: 'Địa chỉ thư điện tử', en: 'Email address' },
  { name: 'linked_documents', article9: [26], vi: 'Giấy tờ, số định danh do các cơ sở dữ liệu chuyên ngành liên kết', en: 'Documents and identifiers linked by sectoral databases' },
];

/** The lookup's fields as JSON pointers, for the hub catalogue: `/full_name`, `/date_of_birth`, … */
export const NPDB_CITIZEN_FIELDS: readonly string[] = CITIZEN_FIELD_NAMES.map((n) => `/${n}`);

const KNOWN = new Set<string>(CITIZEN_FIELD_NAMES);

export function isCitizenFieldName(name: string): name is CitizenFieldName {
  return KNOWN.has(name);
}
