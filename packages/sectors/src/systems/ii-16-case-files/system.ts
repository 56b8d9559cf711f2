import { daysFromIso, hashWords, isoFromDays } from '@ndxp/synthetic';
import { dateBefore } from '../../population/person-facts.ts';
import { permuteDigits } from '../../population/identifiers.ts';
import { provinceName } from '../../population/places.ts';
import { inboundGet, lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const CIVIL_PROCEDURE = 'Bộ luật Tố tụng dân sự số 92/2015/QH13';
const TYPES = [['civil', 'DS'], ['marriage_family', 'HNGĐ'], ['business', 'KDTM'], ['labour', 'LĐ'], ['administrative', 'HC'], ['criminal', 'HS']] as const;

/**
 * II.16 — People's Court case file database, Supreme People's Court. Its service is a
 * declarative adapter configuration (services/cases-by-party.yaml). Reads parties' names and
 * residence from the NPDB to serve summonses (tống đạt), and answers the NPDB side with the cases
 * a person takes part in.
 */
export const caseFilesSystem: SectorSystem = {
  planItem: 'II.16',
  member: { code: 'TANDTC', name: 'Tòa án nhân dân tối cao', name_en: 'Supreme People\'s Court' },
  subsystem: { code: 'case-files', name: 'Cơ sở dữ liệu về hồ sơ vụ án của Tòa án nhân dân', name_en: 'People\'s Court case file database' },
  directory: new URL('./', import.meta.url),
  tables: {
    case_files: ['case_no', 'court', 'case_type', 'accepted_on', 'stage', 'next_hearing'],
    case_parties: ['case_no', 'personal_id', 'role'],
  },
  derive(person, { facts, rng, asOf, seed, ordinal }): Rows {
    if (!facts.alive || facts.age < 18 || !rng.chance(0.02)) return {};
    const [type, symbol] = rng.pick(TYPES);
    const accepted = dateBefore(rng, asOf, 1.5);
    const stage = rng.pick(['accepted', 'preparing', 'trial_scheduled', 'suspended', 'closed'] as const);
    const no = `${Number(permuteDigits(ordinal, 7, hashWords(seed, 'case-file')))}/${accepted.slice(0, 4)}/TLST-${symbol}`;
    return {
      case_files: [{ case_no: no, court: `Tòa án nhân dân khu vực ${provinceName(facts.province)}`, case_type: type, accepted_on: accepted, stage, next_hearing: stage === 'trial_scheduled' ? isoFromDays(daysFromIso(asOf) + 7 + rng.int(60)) : null }],
      case_parties: [{ case_no: no, personal_id: person.personalId, role: type === 'criminal' ? 'accused' : rng.pick(['plaintiff', 'defendant', 'related_party']) }],
    };
  },
  services: [{ kind: 'adapter', file: new URL('./services/cases-by-party.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/permanent_residence', '/current_residence'], purposes: ['summons-service'], legalBasis: `${CIVIL_PROCEDURE}, Chương X (cấp, tống đạt, thông báo văn bản tố tụng); ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'cases-by-party', version: 'v1', fields: ['/items/*/case_no', '/items/*/court', '/items/*/stage', '/items/*/role'], purposes: ['residence-management'], legalBasis: 'Luật Cư trú số 68/2020/QH14; Luật Tổ chức Tòa án nhân dân số 34/2024/QH15' }],
  enriches: [],
  links: () => [],
  isSubject: ({ rows }) => (rows['case_files'] ?? []).some((c) => c['stage'] !== 'closed'),
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/permanent_residence', '/current_residence'], 'summons-service', 'Tòa án lấy nơi cư trú của đương sự để tống đạt văn bản tố tụng / the court reads the party\'s residence to serve a summons')],
  inbound: ({ person }) => [inboundGet('cases-by-party/v1', `/v1/parties/${person.personalId}/cases`, 'residence-management', 'Phía CSDLQG về dân cư tra vụ án đang giải quyết khi xử lý thủ tục cư trú / the NPDB side checks cases in progress during a residence procedure')],
};
