import { hashWords } from '@ndxp/synthetic';
import { dateBefore } from '../../population/person-facts.ts';
import { permuteDigits } from '../../population/identifiers.ts';
import { inboundGet, lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const CROP_LAW = 'Luật Trồng trọt số 31/2018/QH14';
const CROPS = ['Lúa', 'Ngô', 'Cà phê', 'Hồ tiêu', 'Cao su', 'Chè', 'Rau màu', 'Cây ăn quả'];
const PROGRAMMES = ['Chương trình mục tiêu quốc gia xây dựng nông thôn mới', 'Hỗ trợ giống cây trồng sau thiên tai', 'Hỗ trợ chuyển đổi cơ cấu cây trồng'];

/**
 * II.18 — Agriculture and rural development databases, Ministry of Agriculture and Rural
 * Development (Bộ Nông nghiệp và Phát triển nông thôn). Its service is a declarative adapter
 * configuration (services/farm-household.yaml). Reads household composition from the NPDB to
 * decide support, and answers the NPDB side with the farm record.
 */
export const agricultureSystem: SectorSystem = {
  planItem: 'II.18',
  member: { code: 'BNNPTNT', name: 'Bộ Nông nghiệp và Phát triển nông thôn', name_en: 'Ministry of Agriculture and Rural Development' },
  subsystem: { code: 'agriculture', name: 'Cơ sở dữ liệu chuyên ngành nông nghiệp và phát triển nông thôn', name_en: 'Agriculture and rural development database' },
  directory: new URL('./', import.meta.url),
  tables: { farm_households: ['farm_id', 'head_personal_id', 'head_name', 'ward_code', 'cultivated_area_m2', 'main_crop', 'livestock_heads', 'support_programme', 'registered_on'] },
  derive(person, { facts, rng, seed, ordinal, asOf }): Rows {
    if (!facts.alive || facts.occupation !== 'farmer' || (person.relationshipToHead !== 'head' && !rng.chance(0.3))) return {};
    return {
      farm_households: [{
        farm_id: `NH${permuteDigits(ordinal, 8, hashWords(seed, 'farm'))}`,
        head_personal_id: person.personalId,
        head_name: person.fullName,
        ward_code: person.permanentResidence.wardCode,
        cultivated_area_m2: 500 + rng.int(20000),
        main_crop: rng.pick(CROPS),
        livestock_heads: rng.chance(0.6) ? rng.int(60) : 0,
        support_programme: rng.chance(0.3) ? rng.pick(PROGRAMMES) : null,
        registered_on: dateBefore(rng, asOf, 10),
      }],
    };
  },
  services: [{ kind: 'adapter', file: new URL('./services/farm-household.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/household'], purposes: ['agricultural-support'], legalBasis: `${CROP_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'farm-household', version: 'v1', fields: ['/farm_id', '/cultivated_area_m2', '/main_crop', '/support_programme'], purposes: ['public-service-processing'], legalBasis: `${CROP_LAW}; Nghị định 47/2020/NĐ-CP về quản lý, kết nối và chia sẻ dữ liệu số` }],
  enriches: [],
  links: () => [],
  isSubject: ({ rows }) => (rows['farm_households']?.length ?? 0) > 0,
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/household'], 'agricultural-support', 'Ngành nông nghiệp lấy thông tin hộ gia đình để xét hỗ trợ sản xuất / agriculture reads the household to decide production support')],
  inbound: ({ person }) => [inboundGet('farm-household/v1', `/v1/farmers/${person.personalId}/farm`, 'public-service-processing', 'Phía CSDLQG về dân cư đọc thông tin hộ sản xuất khi giải quyết thủ tục / the NPDB side reads the farm record during a procedure')],
};
