import { dateBefore } from '../../population/person-facts.ts';
import { provinceName } from '../../population/places.ts';
import { inboundGet, NPDB_SERVICES, NPDB_USE_BASIS, VERIFY_FIELDS, verifyCall } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const ANTI_CORRUPTION_LAW = 'Luật Phòng, chống tham nhũng số 36/2018/QH14';
const PETITION_LAWS = 'Luật Khiếu nại số 02/2011/QH13; Luật Tố cáo số 25/2018/QH14';

/**
 * II.6 — National databases on complaints and denunciations, anti-corruption and asset and
 * income control, Government Inspectorate (Thanh tra Chính phủ). Its service is a declarative
 * adapter configuration (services/asset-declarations.yaml). Verifies petitioners' identity with the
 * NPDB before handling a petition (a denunciation must state the denouncer's identity).
 */
export const integritySystem: SectorSystem = {
  planItem: 'II.6',
  member: { code: 'TTCP', name: 'Thanh tra Chính phủ', name_en: 'Government Inspectorate' },
  subsystem: { code: 'integrity', name: 'CSDL quốc gia về khiếu nại, tố cáo, phòng chống tham nhũng và kiểm soát tài sản, thu nhập', name_en: 'National complaints, anti-corruption and asset declaration databases' },
  directory: new URL('./', import.meta.url),
  tables: {
    petitions: ['petition_no', 'petitioner_personal_id', 'kind', 'received_on', 'handling_agency', 'status'],
    asset_declarations: ['declaration_id', 'declarant_personal_id', 'declaration_year', 'kind', 'controlling_agency', 'submitted_on', 'published_at_workplace'],
  },
  derive(person, { facts, rng, asOf }): Rows {
    if (!facts.alive || facts.age < 18) return {};
    const province = provinceName(facts.province);
    const petitions = rng.chance(0.02) ? [{
      petition_no: `DT-${person.personalId}-1`,
      petitioner_personal_id: person.personalId,
      kind: rng.pick(['complaint', 'denunciation', 'recommendation']),
      received_on: dateBefore(rng, asOf, 3),
      handling_agency: `Thanh tra tỉnh ${province}`,
      status: rng.pick(['received', 'handling', 'resolved']),
    }] : [];
    const declarations = [];
    // Officials holding positions must declare yearly (Law on Anti-corruption 2018, Art. 34, 36).
    if (facts.occupation === 'civil_servant' && rng.chance(0.4)) {
      const year = Number(asOf.slice(0, 4));
      for (let y = year - 3; y < year; y++) {
        declarations.push({ declaration_id: `KK-${y}-${person.personalId}`, declarant_personal_id: person.personalId, declaration_year: y, kind: y === year - 3 ? 'first' : 'annual', controlling_agency: `Thanh tra tỉnh ${province}`, submitted_on: `${y}-12-${String(10 + rng.int(20))}`, published_at_workplace: true });
      }
    }
    return { petitions, asset_declarations: declarations };
  },
  services: [{ kind: 'adapter', file: new URL('./services/asset-declarations.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.verify, fields: [...VERIFY_FIELDS], purposes: ['petitioner-verification'], legalBasis: `${PETITION_LAWS}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'asset-declarations', version: 'v1', fields: ['/items/*/year', '/items/*/kind', '/items/*/controlling_agency'], purposes: ['personnel-vetting'], legalBasis: `${ANTI_CORRUPTION_LAW}; Nghị định 130/2020/NĐ-CP` }],
  enriches: [],
  links: () => [],
  isSubject: ({ rows }) => (rows['asset_declarations']?.length ?? 0) > 0,
  outbound: ({ person }) => [verifyCall(person, 'petitioner-verification', 'Cơ quan thanh tra xác thực danh tính người khiếu nại, tố cáo / the inspectorate verifies the petitioner\'s identity')],
  inbound: ({ person }) => [inboundGet('asset-declarations/v1', `/v1/declarants/${person.personalId}/declarations`, 'personnel-vetting', 'Phía CSDLQG về dân cư (cơ quan công an) kiểm tra việc kê khai tài sản khi thẩm định cán bộ / the NPDB side (police) checks declarations when vetting an official')],
};
