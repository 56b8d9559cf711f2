import { daysFromIso, hashWords, isoFromDays } from '@ndxp/synthetic';
import { permuteDigits } from '../../population/identifiers.ts';
import { dateBefore } from '../../population/person-facts.ts';
import { provinceName } from '../../population/places.ts';
import { inboundGet, NPDB_SERVICES, NPDB_USE_BASIS, VERIFY_FIELDS, verifyCall } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const COURTS_LAW = 'Luật Tổ chức Tòa án nhân dân số 34/2024/QH15';
const PROCEDURE = 'Bộ luật Tố tụng dân sự số 92/2015/QH13';
/** Case-type symbols in judgment numbers (e.g. 125/2024/DS-ST: civil, first instance). */
const TYPES = [['civil', 'DS'], ['marriage_family', 'HNGĐ'], ['business', 'KDTM'], ['labour', 'LĐ'], ['administrative', 'HC'], ['criminal', 'HS']] as const;

/**
 * II.14 — Database of published court judgments and decisions, Supreme People's Court (Tòa án
 * nhân dân tối cao). Its service is a declarative adapter configuration
 * (services/judgments-by-party.yaml). Verifies parties' identity against the NPDB.
 */
export const judgmentsSystem: SectorSystem = {
  planItem: 'II.14',
  member: { code: 'TANDTC', name: 'Tòa án nhân dân tối cao', name_en: 'Supreme People\'s Court' },
  subsystem: { code: 'judgments', name: 'Cơ sở dữ liệu công bố bản án, quyết định của Tòa án', name_en: 'Published court judgments database' },
  directory: new URL('./', import.meta.url),
  tables: {
    judgments: ['judgment_no', 'court', 'case_type', 'instance', 'decided_on', 'published_on', 'summary'],
    judgment_parties: ['judgment_no', 'personal_id', 'role'],
  },
  derive(person, { facts, rng, asOf, seed, ordinal }): Rows {
    if (!facts.alive || facts.age < 18 || !rng.chance(0.03)) return {};
    const [type, symbol] = rng.pick(TYPES);
    const decided = dateBefore(rng, asOf, 5);
    const instance = rng.chance(0.8) ? 'first_instance' : 'appeal';
    // One party per judgment here; the number is unique by the party's position in the population.
    const no = `${Number(permuteDigits(ordinal, 7, hashWords(seed, 'judgment')))}/${decided.slice(0, 4)}/${symbol}-${instance === 'appeal' ? 'PT' : 'ST'}`;
    const published = rng.chance(0.85) ? isoFromDays(daysFromIso(decided) + 30 + rng.int(60)) : null;
    return {
      judgments: [{ judgment_no: no, court: `Tòa án nhân dân ${instance === 'appeal' ? 'tỉnh' : 'khu vực'} ${provinceName(facts.province)}`, case_type: type, instance, decided_on: decided, published_on: published !== null && published <= asOf ? published : null, summary: `Bản án ${type === 'criminal' ? 'hình sự' : 'dân sự'} (đã ẩn danh đương sự)` }],
      judgment_parties: [{ judgment_no: no, personal_id: person.personalId, role: type === 'criminal' ? 'accused' : rng.pick(['plaintiff', 'defendant', 'related_party']) }],
    };
  },
  services: [{ kind: 'adapter', file: new URL('./services/judgments-by-party.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.verify, fields: [...VERIFY_FIELDS], purposes: ['party-identification'], legalBasis: `${PROCEDURE}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'judgments-by-party', version: 'v1', fields: ['/items/*/judgment_no', '/items/*/court', '/items/*/case_type', '/items/*/decided_on', '/items/*/role'], purposes: ['judicial-record-verification'], legalBasis: `${COURTS_LAW}; Luật Lý lịch tư pháp số 28/2009/QH12` }],
  enriches: [],
  links: () => [],
  isSubject: ({ rows }) => (rows['judgments'] ?? []).some((j) => j['published_on'] !== null),
  outbound: ({ person }) => [verifyCall(person, 'party-identification', 'Tòa án xác thực nhân thân đương sự với CSDLQG về dân cư / the court verifies a party\'s identity against the NPDB')],
  inbound: ({ person }) => [inboundGet('judgments-by-party/v1', `/v1/parties/${person.personalId}/judgments`, 'judicial-record-verification', 'Phía CSDLQG về dân cư tra bản án liên quan đến công dân / the NPDB side looks up judgments concerning the citizen')],
};
