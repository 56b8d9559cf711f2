import { hashWords } from '@ndxp/synthetic';
import { permuteDigits } from '../../population/identifiers.ts';
import { inboundGet, NPDB_SERVICES, NPDB_USE_BASIS, VERIFY_FIELDS, verifyCall } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const SCIENCE_LAW = 'Luật Khoa học và Công nghệ số 29/2013/QH13';
const FIELDS = ['Khoa học tự nhiên', 'Khoa học kỹ thuật và công nghệ', 'Khoa học y, dược', 'Khoa học nông nghiệp', 'Khoa học xã hội', 'Khoa học nhân văn'];
const ORGS = ['Viện Hàn lâm Khoa học và Công nghệ Việt Nam', 'Đại học Quốc gia Hà Nội', 'Đại học Quốc gia TP. Hồ Chí Minh', 'Đại học Bách khoa Hà Nội', 'Viện Hàn lâm Khoa học xã hội Việt Nam', 'Đại học Cần Thơ', 'Đại học Huế'];

/**
 * II.7 — National science and technology database, Ministry of Science and Technology. Its
 * service is a declarative adapter configuration (services/researcher-profile.yaml). Verifies
 * researchers' identity with the NPDB when they register, and links the researcher id.
 */
export const scienceSystem: SectorSystem = {
  planItem: 'II.7',
  member: { code: 'BKHCN', name: 'Bộ Khoa học và Công nghệ', name_en: 'Ministry of Science and Technology' },
  subsystem: { code: 'science-tech', name: 'Cơ sở dữ liệu quốc gia về khoa học và công nghệ', name_en: 'National science and technology database' },
  directory: new URL('./', import.meta.url),
  tables: {
    researchers: ['researcher_id', 'personal_id', 'full_name', 'highest_degree', 'academic_title', 'field', 'organisation'],
    research_projects: ['project_code', 'chair_personal_id', 'title', 'level', 'start_year', 'end_year', 'status'],
  },
  derive(person, { facts, rng, seed, ordinal, asOf }): Rows {
    const eligible = facts.alive && facts.age >= 26 && facts.age <= 75 && (facts.occupation === 'civil_servant' || facts.occupation === 'employee' || facts.occupation === 'retired');
    if (!eligible || !rng.chance(0.06)) return {};
    const degree = rng.chance(0.45) ? 'doctor' : rng.chance(0.7) ? 'master' : 'bachelor';
    const title = degree === 'doctor' && facts.age >= 40 ? (rng.chance(0.1) ? 'professor' : rng.chance(0.3) ? 'associate_professor' : null) : null;
    const field = rng.pick(FIELDS);
    const projects = [];
    const year = Number(asOf.slice(0, 4));
    for (let i = 0; i < (degree === 'doctor' ? rng.int(3) : 0); i++) {
      const start = year - 1 - rng.int(8);
      const end = start + 1 + rng.int(3);
      projects.push({ project_code: `DT.${start}.${person.personalId}.${i + 1}`, chair_personal_id: person.personalId, title: `Nghiên cứu ${field.toLocaleLowerCase('vi')} ứng dụng tại Việt Nam, giai đoạn ${start}-${end}`, level: rng.pick(['national', 'ministerial', 'provincial', 'institutional']), start_year: start, end_year: end, status: end < year ? (rng.chance(0.9) ? 'accepted' : 'cancelled') : 'ongoing' });
    }
    return {
      researchers: [{ researcher_id: `NKH${permuteDigits(ordinal, 7, hashWords(seed, 'researcher'))}`, personal_id: person.personalId, full_name: person.fullName, highest_degree: degree, academic_title: title, field, organisation: rng.pick(ORGS) }],
      research_projects: projects,
    };
  },
  services: [{ kind: 'adapter', file: new URL('./services/researcher-profile.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.verify, fields: [...VERIFY_FIELDS], purposes: ['researcher-registration'], legalBasis: `${SCIENCE_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'researcher-profile', version: 'v1', fields: ['/researcher_id', '/highest_degree', '/academic_title', '/organisation'], purposes: ['vneid-document-integration'], legalBasis: `${SCIENCE_LAW}; Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử` }],
  enriches: ['researcher_id'],
  links: ({ rows }) => (rows['researchers'] ?? []).map((r) => ({ doc_type: 'researcher_id', number: String(r['researcher_id']), issued_by: 'Bộ Khoa học và Công nghệ', issued_on: null, expires_on: null })),
  isSubject: ({ rows }) => (rows['researchers']?.length ?? 0) > 0,
  outbound: ({ person }) => [verifyCall(person, 'researcher-registration', 'Bộ KH&CN xác thực danh tính nhà khoa học khi đăng ký hồ sơ / the ministry verifies a researcher registering a profile')],
  inbound: ({ person }) => [inboundGet('researcher-profile/v1', `/v1/researchers/${person.personalId}`, 'vneid-document-integration', 'Phía CSDLQG về dân cư đọc mã định danh nhà khoa học / the NPDB side reads the researcher id')],
};
