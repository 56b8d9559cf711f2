import { daysFromIso, hashWords, isoFromDays } from '@ndxp/synthetic';
import { permuteDigits } from '../../population/identifiers.ts';
import { provinceName } from '../../population/places.ts';
import { inboundGet, lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const CRIMINAL_PROCEDURE = 'Bộ luật Tố tụng hình sự số 101/2015/QH13';
const MEASURES = ['residence_ban', 'exit_ban', 'bail', 'guarantee', 'temporary_detention'] as const;

/**
 * II.17 — Prosecution databases, Supreme People's Procuracy (Viện kiểm sát nhân dân tối cao). Its
 * service is a declarative adapter configuration (services/preventive-measures.yaml). Reads the
 * suspect's identity and residence from the NPDB when approving a measure, and answers the NPDB
 * side (residence and exit management) with measures in force on a date.
 */
export const prosecutionSystem: SectorSystem = {
  planItem: 'II.17',
  member: { code: 'VKSNDTC', name: 'Viện kiểm sát nhân dân tối cao', name_en: 'Supreme People\'s Procuracy' },
  subsystem: { code: 'prosecution', name: 'Cơ sở dữ liệu thông tin quyết định thi hành biện pháp ngăn chặn', name_en: 'Preventive measures decisions database' },
  directory: new URL('./', import.meta.url),
  tables: {
    preventive_measures: ['decision_no', 'personal_id', 'measure', 'decided_on', 'valid_until', 'decided_by', 'approved_by', 'case_ref'],
  },
  derive(person, { facts, rng, asOf, seed, ordinal }): Rows {
    if (!facts.alive || facts.age < 18 || !rng.chance(0.01)) return {};
    const measure = rng.pick(MEASURES);
    const decided = isoFromDays(daysFromIso(asOf) - rng.int(120));
    // Investigation-stage measures last at most the investigation period (Art. 172): up to 4 months here.
    const until = isoFromDays(daysFromIso(decided) + 60 + rng.int(60));
    const province = provinceName(facts.province);
    return {
      preventive_measures: [{
        decision_no: `${Number(permuteDigits(ordinal, 7, hashWords(seed, 'preventive-measure')))}/${decided.slice(0, 4)}/QĐ-BPNC`,
        personal_id: person.personalId,
        measure,
        decided_on: decided,
        valid_until: until,
        decided_by: `Cơ quan Cảnh sát điều tra Công an ${province}`,
        approved_by: `Viện kiểm sát nhân dân ${province}`,
        case_ref: `VA-${decided.slice(0, 4)}-${rng.int(100000)}`,
      }],
    };
  },
  services: [{ kind: 'adapter', file: new URL('./services/preventive-measures.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/date_of_birth', '/permanent_residence', '/current_residence'], purposes: ['criminal-procedure'], legalBasis: `${CRIMINAL_PROCEDURE}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'preventive-measures', version: 'v1', fields: ['/items/*/decision_no', '/items/*/measure', '/items/*/valid_until'], purposes: ['residence-management'], legalBasis: `${CRIMINAL_PROCEDURE}, Điều 123-124; Luật Cư trú số 68/2020/QH14; Luật Xuất cảnh, nhập cảnh của công dân Việt Nam số 49/2019/QH14` }],
  enriches: [],
  links: () => [],
  isSubject: ({ rows }) => (rows['preventive_measures']?.length ?? 0) > 0,
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/date_of_birth', '/permanent_residence', '/current_residence'], 'criminal-procedure', 'Viện kiểm sát đối chiếu nhân thân, nơi cư trú của bị can khi phê chuẩn biện pháp ngăn chặn / the procuracy checks the suspect\'s identity and residence')],
  inbound: ({ person, rows }) => {
    const m = rows['preventive_measures']?.[0];
    const on = m === undefined ? '2026-01-01' : String(m['decided_on']);
    return [inboundGet('preventive-measures/v1', `/v1/subjects/${person.personalId}/preventive-measures?on=${on}`, 'residence-management', 'Phía CSDLQG về dân cư kiểm tra biện pháp ngăn chặn (cấm đi khỏi nơi cư trú, tạm hoãn xuất cảnh) / the NPDB side checks residence and exit bans')];
  },
};
