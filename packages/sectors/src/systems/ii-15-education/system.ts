import { hashWords } from '@ndxp/synthetic';
import { addYears } from '../../population/person-facts.ts';
import { permuteDigits } from '../../population/identifiers.ts';
import { provinceName } from '../../population/places.ts';
import { inboundGet, lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const EDUCATION_LAW = 'Luật Giáo dục số 43/2019/QH14';
const UNIVERSITIES = ['Trường Đại học Kinh tế Quốc dân', 'Trường Đại học Bách khoa Hà Nội', 'Trường Đại học Sư phạm Hà Nội', 'Trường Đại học Y Hà Nội', 'Trường Đại học Kinh tế TP. Hồ Chí Minh', 'Trường Đại học Cần Thơ', 'Trường Đại học Đà Nẵng'];
const MAJORS = ['Kế toán', 'Công nghệ thông tin', 'Luật', 'Sư phạm Toán', 'Y đa khoa', 'Quản trị kinh doanh', 'Kỹ thuật xây dựng', 'Nông học'];

/**
 * II.15 — Education and training database, Ministry of Education and Training (Bộ Giáo dục và
 * Đào tạo). Its service is a declarative adapter configuration (services/diplomas.yaml). Reads
 * candidates' identity and place of birth from the NPDB for exam registration, and links the
 * highest diploma to the NPDB.
 */
export const educationSystem: SectorSystem = {
  planItem: 'II.15',
  member: { code: 'BGDDT', name: 'Bộ Giáo dục và Đào tạo', name_en: 'Ministry of Education and Training' },
  subsystem: { code: 'education', name: 'Cơ sở dữ liệu về giáo dục và đào tạo', name_en: 'Education and training database' },
  directory: new URL('./', import.meta.url),
  tables: {
    enrolments: ['student_code', 'personal_id', 'institution', 'level', 'grade', 'enrolled_on'],
    diplomas: ['diploma_no', 'personal_id', 'full_name', 'kind', 'institution', 'major', 'graduated_on', 'classification'],
  },
  derive(person, { facts, rng, seed, ordinal, asOf }): Rows {
    if (!facts.alive || facts.age < 6) return {};
    const province = provinceName(facts.province);
    const code = permuteDigits(ordinal, 8, hashWords(seed, 'student-code'));
    const enrolments: Record<string, string>[] = [];
    const year = Number(asOf.slice(0, 4));
    if (facts.occupation === 'pupil') {
      const grade = Math.min(12, facts.age - 5);
      const level = grade <= 5 ? 'primary' : grade <= 9 ? 'lower_secondary' : 'upper_secondary';
      enrolments.push({ student_code: `HS${code}`, personal_id: person.personalId, institution: `Trường ${level === 'primary' ? 'Tiểu học' : level === 'lower_secondary' ? 'THCS' : 'THPT'} ${province}`, level, grade: `Lớp ${grade}`, enrolled_on: `${year - 1}-09-05` });
    }
    if (facts.occupation === 'student') enrolments.push({ student_code: `SV${code}`, personal_id: person.personalId, institution: rng.pick(UNIVERSITIES), level: 'university', grade: `Năm ${1 + rng.int(4)}`, enrolled_on: `${year - 1 - rng.int(3)}-09-05` });
    const diplomas: Record<string, string | null>[] = [];
    const add = (kind: string, atAge: number, institution: string, major: string | null, classification: string | null) => {
      const graduated = `${addYears(person.dateOfBirth, atAge).slice(0, 4)}-06-30`;
      if (graduated <= asOf) diplomas.push({ diploma_no: `${kind === 'upper_secondary' ? 'TN' : 'DH'}${code}${diplomas.length + 1}`, personal_id: person.personalId, full_name: person.fullName, kind, institution, major, graduated_on: graduated, classification });
    };
    if (facts.age >= 18 && rng.chance(facts.age < 50 ? 0.8 : 0.5)) {
      add('upper_secondary', 18, `Sở Giáo dục và Đào tạo ${province}`, null, null);
      if (rng.chance(0.35)) {
        const major = rng.pick(MAJORS);
        add('bachelor', 22, rng.pick(UNIVERSITIES), major, rng.pick(['Giỏi', 'Khá', 'Trung bình khá', 'Xuất sắc']));
        if (rng.chance(0.15)) add('master', 26, rng.pick(UNIVERSITIES), major, null);
        if (rng.chance(0.03)) add('doctor', 31, rng.pick(UNIVERSITIES), major, null);
      }
    }
    return { enrolments, diplomas };
  },
  services: [{ kind: 'adapter', file: new URL('./services/diplomas.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/date_of_birth', '/place_of_birth', '/ethnicity'], purposes: ['exam-registration'], legalBasis: `${EDUCATION_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'diplomas', version: 'v1', fields: ['/items/*/diploma_no', '/items/*/kind', '/items/*/institution', '/items/*/graduated_on'], purposes: ['vneid-document-integration'], legalBasis: `${EDUCATION_LAW}; Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử` }],
  enriches: ['diploma'],
  links: ({ rows }) => {
    const all = rows['diplomas'] ?? [];
    const highest = all[all.length - 1];
    return highest === undefined ? [] : [{ doc_type: 'diploma', number: String(highest['diploma_no']), issued_by: String(highest['institution']), issued_on: String(highest['graduated_on']), expires_on: null }];
  },
  isSubject: ({ rows }) => (rows['diplomas']?.length ?? 0) >= 2,
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/date_of_birth', '/place_of_birth', '/ethnicity'], 'exam-registration', 'Ngành giáo dục lấy họ tên, ngày sinh, nơi sinh, dân tộc của thí sinh từ CSDLQG về dân cư / education takes the candidate\'s name, birth date, place of birth and ethnicity from the NPDB')],
  inbound: ({ person }) => [inboundGet('diplomas/v1', `/v1/graduates/${person.personalId}/diplomas`, 'vneid-document-integration', 'Phía CSDLQG về dân cư đọc văn bằng để tích hợp vào VNeID / the NPDB side reads diplomas for VNeID')],
};
