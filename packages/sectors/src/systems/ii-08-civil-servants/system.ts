import { hashWords } from '@ndxp/synthetic';
import { dateBefore, addYears } from '../../population/person-facts.ts';
import { permuteDigits } from '../../population/identifiers.ts';
import { provinceName } from '../../population/places.ts';
import { inboundGet, lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const CIVIL_SERVICE_LAW = 'Luật Cán bộ, công chức số 22/2008/QH12, sửa đổi bởi Luật số 52/2019/QH14';
const RANKS = [['01.003', 'Chuyên viên'], ['01.002', 'Chuyên viên chính'], ['01.001', 'Chuyên viên cao cấp'], ['V.07.03.29', 'Giáo viên trung học cơ sở hạng II'], ['V.08.01.03', 'Bác sĩ']] as const;
const AGENCIES = ['Ủy ban nhân dân tỉnh', 'Sở Tài chính', 'Sở Nội vụ', 'Sở Giáo dục và Đào tạo', 'Sở Y tế', 'Ủy ban nhân dân xã'];

/**
 * II.8 — Database of cadres, civil servants and public employees, Ministry of Home Affairs. Its
 * service is a declarative adapter configuration (services/official-record.yaml). Standardises
 * officials' personal details from the NPDB (name, date of birth, hometown, residence) and links
 * the official code to the NPDB.
 */
export const civilServantsSystem: SectorSystem = {
  planItem: 'II.8',
  member: { code: 'BNV', name: 'Bộ Nội vụ', name_en: 'Ministry of Home Affairs' },
  subsystem: { code: 'civil-servants', name: 'Cơ sở dữ liệu về cán bộ, công chức, viên chức', name_en: 'Database of cadres, civil servants and public employees' },
  directory: new URL('./', import.meta.url),
  tables: { officials: ['official_code', 'personal_id', 'full_name', 'category', 'agency', 'position', 'rank_code', 'started_on', 'status'] },
  derive(person, { facts, rng, seed, ordinal, asOf }): Rows {
    if (!facts.alive || facts.occupation !== 'civil_servant') return {};
    const [rank, position] = rng.pick(RANKS);
    const category = rank.startsWith('V.') ? 'public_employee' : rng.chance(0.1) ? 'cadre' : 'civil_servant';
    return {
      officials: [{
        official_code: `CB${permuteDigits(ordinal, 8, hashWords(seed, 'official'))}`,
        personal_id: person.personalId,
        full_name: person.fullName,
        category,
        agency: `${rng.pick(AGENCIES)} ${provinceName(facts.province)}`,
        position,
        rank_code: rank,
        started_on: dateBefore(rng, asOf, 25, addYears(person.dateOfBirth, 22)),
        status: rng.chance(0.97) ? 'serving' : 'on_leave',
      }],
    };
  },
  services: [{ kind: 'adapter', file: new URL('./services/official-record.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/date_of_birth', '/hometown', '/permanent_residence'], purposes: ['personnel-record-standardisation'], legalBasis: `${CIVIL_SERVICE_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'official-record', version: 'v1', fields: ['/official_code', '/category', '/agency', '/position', '/status'], purposes: ['personnel-vetting'], legalBasis: `${CIVIL_SERVICE_LAW}; Luật Phòng, chống tham nhũng số 36/2018/QH14` }],
  enriches: ['civil_servant_code'],
  links: ({ rows }) => (rows['officials'] ?? []).map((o) => ({ doc_type: 'civil_servant_code', number: String(o['official_code']), issued_by: 'Bộ Nội vụ', issued_on: String(o['started_on']), expires_on: null })),
  isSubject: ({ rows }) => (rows['officials']?.length ?? 0) > 0,
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/date_of_birth', '/hometown', '/permanent_residence'], 'personnel-record-standardisation', 'Bộ Nội vụ chuẩn hóa lý lịch công chức theo CSDLQG về dân cư / the ministry standardises the official\'s record from the NPDB')],
  inbound: ({ person }) => [inboundGet('official-record/v1', `/v1/officials/${person.personalId}`, 'personnel-vetting', 'Phía CSDLQG về dân cư (cơ quan công an) đọc thông tin công chức khi thẩm định / the NPDB side reads the service record when vetting')],
};
