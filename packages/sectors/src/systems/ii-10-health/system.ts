import { hashWords } from '@ndxp/synthetic';
import { dateBefore } from '../../population/person-facts.ts';
import { permuteDigits } from '../../population/identifiers.ts';
import { provinceName } from '../../population/places.ts';
import { inboundGet, lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const HEALTH_LAW = 'Luật Khám bệnh, chữa bệnh số 15/2023/QH15';
const CONDITIONS = ['Tăng huyết áp', 'Đái tháo đường type 2', 'Hen phế quản', 'Viêm gan B mạn'];

/**
 * II.10 — Electronic health book database, Ministry of Health. Its service is a declarative
 * adapter configuration (services/health-book.yaml). Fills the book's blood type and identity
 * from the NPDB, links the health book to the NPDB (it is shown in VNeID), and serves a summary
 * that leaves out chronic conditions unless a grant names them.
 */
export const healthSystem: SectorSystem = {
  planItem: 'II.10',
  member: { code: 'BYT', name: 'Bộ Y tế', name_en: 'Ministry of Health' },
  subsystem: { code: 'health-book', name: 'Cơ sở dữ liệu sổ sức khỏe điện tử', name_en: 'Electronic health book database' },
  directory: new URL('./', import.meta.url),
  tables: { health_books: ['book_id', 'personal_id', 'full_name', 'health_insurance_card', 'primary_care_facility', 'blood_type', 'last_checkup_on', 'vaccination_doses', 'chronic_conditions'] },
  derive(person, { facts, rng, seed, ordinal, asOf }): Rows {
    if (!facts.alive || !rng.chance(0.8)) return {};
    const conditions = facts.age >= 40 && rng.chance(0.25) ? rng.pick(CONDITIONS) : null;
    return {
      health_books: [{
        book_id: `SSK${permuteDigits(ordinal, 9, hashWords(seed, 'health-book'))}`,
        personal_id: person.personalId,
        full_name: person.fullName,
        health_insurance_card: facts.healthInsurance?.card ?? null,
        primary_care_facility: `Trạm Y tế ${provinceName(facts.province)}`,
        blood_type: person.bloodType,
        last_checkup_on: rng.chance(0.7) ? dateBefore(rng, asOf, 2, person.dateOfBirth) : null,
        vaccination_doses: facts.age < 6 ? 8 + rng.int(6) : 10 + rng.int(10),
        chronic_conditions: conditions,
      }],
    };
  },
  services: [{ kind: 'adapter', file: new URL('./services/health-book.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/date_of_birth', '/blood_type'], purposes: ['health-book-sync'], legalBasis: `${HEALTH_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'health-book', version: 'v1', fields: ['/book_id', '/primary_care_facility', '/health_insurance_card', '/last_checkup_on', '/vaccination_doses'], purposes: ['vneid-document-integration'], legalBasis: `${HEALTH_LAW}; Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử` }],
  enriches: ['health_book'],
  links: ({ rows }) => (rows['health_books'] ?? []).map((b) => ({ doc_type: 'health_book', number: String(b['book_id']), issued_by: 'Bộ Y tế', issued_on: null, expires_on: null })),
  isSubject: ({ rows }) => (rows['health_books']?.length ?? 0) > 0,
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/date_of_birth', '/blood_type'], 'health-book-sync', 'Sổ sức khỏe điện tử lấy họ tên, ngày sinh, nhóm máu từ CSDLQG về dân cư / the health book takes name, birth date and blood type from the NPDB')],
  inbound: ({ person }) => [inboundGet('health-book/v1', `/v1/health-books/${person.personalId}`, 'vneid-document-integration', 'Phía CSDLQG về dân cư đọc sổ sức khỏe điện tử để hiển thị trên VNeID / the NPDB side reads the health book to show it in VNeID')],
};
