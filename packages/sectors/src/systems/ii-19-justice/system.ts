import { hashWords } from '@ndxp/synthetic';
import { dateBefore } from '../../population/person-facts.ts';
import { permuteDigits } from '../../population/identifiers.ts';
import { provinceName } from '../../population/places.ts';
import { inboundGet, lookupCall, NPDB_SERVICES, NPDB_USE_BASIS } from '../../runtime/npdb-api.ts';
import type { Rows, SectorSystem } from '../../runtime/sector-system.ts';

const JUDICIAL_RECORDS_LAW = 'Luật Lý lịch tư pháp số 28/2009/QH12';
const VIOLATIONS = [['Không đội mũ bảo hiểm khi điều khiển xe mô tô', 400_000], ['Vượt đèn đỏ', 4_000_000], ['Gây mất trật tự công cộng', 750_000], ['Xây dựng không phép', 15_000_000]] as const;

/**
 * II.19 — Justice sector databases (judicial records, administrative violations, civil judgment
 * enforcement), Ministry of Justice. Its service is a declarative adapter configuration
 * (services/judicial-record-certificates.yaml). Reads the applicant's identity and parents from
 * the NPDB (the judicial record form needs them), and links issued certificates to the NPDB for
 * re-use.
 */
export const justiceSystem: SectorSystem = {
  planItem: 'II.19',
  member: { code: 'BTP', name: 'Bộ Tư pháp', name_en: 'Ministry of Justice' },
  subsystem: { code: 'justice-records', name: 'Các cơ sở dữ liệu ngành Tư pháp: lý lịch tư pháp, xử lý vi phạm hành chính, thi hành án dân sự', name_en: 'Justice sector databases' },
  directory: new URL('./', import.meta.url),
  tables: {
    judicial_record_certificates: ['certificate_no', 'personal_id', 'full_name', 'form', 'has_criminal_record', 'issued_on', 'issuing_office'],
    administrative_violations: ['decision_no', 'personal_id', 'violation', 'fine_vnd', 'decided_on', 'decided_by', 'executed'],
    enforcement_cases: ['case_no', 'obligor_personal_id', 'amount_vnd', 'opened_on', 'status'],
  },
  derive(person, { facts, rng, seed, ordinal, asOf }): Rows {
    if (!facts.alive || facts.age < 18) return {};
    const n = (label: string) => Number(permuteDigits(ordinal, 7, hashWords(seed, label)));
    const province = provinceName(facts.province);
    const certificates = rng.chance(0.08) ? [(() => {
      const issued = dateBefore(rng, asOf, 4);
      return { certificate_no: `${n('judicial-record')}/${issued.slice(0, 4)}/LLTP`, personal_id: person.personalId, full_name: person.fullName, form: rng.chance(0.8) ? 1 : 2, has_criminal_record: rng.chance(0.02), issued_on: issued, issuing_office: `Sở Tư pháp ${province}` };
    })()] : [];
    const violations = rng.chance(0.05) ? [(() => {
      const [what, fine] = rng.pick(VIOLATIONS);
      const on = dateBefore(rng, asOf, 3);
      return { decision_no: `${n('violation')}/${on.slice(0, 4)}/QĐ-XPHC`, personal_id: person.personalId, violation: what, fine_vnd: fine, decided_on: on, decided_by: `Công an ${province}`, executed: rng.chance(0.9) };
    })()] : [];
    const enforcement = rng.chance(0.005) ? [{ case_no: `${n('enforcement')}/THADS`, obligor_personal_id: person.personalId, amount_vnd: (5 + rng.int(500)) * 1_000_000, opened_on: dateBefore(rng, asOf, 3), status: rng.pick(['enforcing', 'postponed', 'completed']) }] : [];
    return { judicial_record_certificates: certificates, administrative_violations: violations, enforcement_cases: enforcement };
  },
  services: [{ kind: 'adapter', file: new URL('./services/judicial-record-certificates.yaml', import.meta.url) }],
  consumes: [{ service: NPDB_SERVICES.lookup, fields: ['/full_name', '/date_of_birth', '/place_of_birth', '/father', '/mother', '/permanent_residence'], purposes: ['judicial-record-issuance'], legalBasis: `${JUDICIAL_RECORDS_LAW}; ${NPDB_USE_BASIS}` }],
  exposes: [{ serviceCode: 'judicial-record-certificates', version: 'v1', fields: ['/items/*/certificate_no', '/items/*/form', '/items/*/issued_on'], purposes: ['vneid-document-integration'], legalBasis: `${JUDICIAL_RECORDS_LAW}; Nghị định 69/2024/NĐ-CP về định danh và xác thực điện tử` }],
  enriches: ['judicial_record_certificate'],
  links: ({ rows }) => (rows['judicial_record_certificates'] ?? []).map((c) => ({ doc_type: 'judicial_record_certificate', number: String(c['certificate_no']), issued_by: String(c['issuing_office']), issued_on: String(c['issued_on']), expires_on: null })),
  isSubject: ({ rows }) => (rows['judicial_record_certificates']?.length ?? 0) > 0,
  outbound: ({ person }) => [lookupCall(person.personalId, ['/full_name', '/date_of_birth', '/place_of_birth', '/father', '/mother', '/permanent_residence'], 'judicial-record-issuance', 'Sở Tư pháp lấy nhân thân, cha mẹ, nơi thường trú của người yêu cầu cấp phiếu lý lịch tư pháp / the justice department reads identity, parents and residence for a judicial record certificate')],
  inbound: ({ person }) => [inboundGet('judicial-record-certificates/v1', `/v1/people/${person.personalId}/judicial-record-certificates`, 'vneid-document-integration', 'Phía CSDLQG về dân cư đọc phiếu lý lịch tư pháp để tích hợp vào VNeID / the NPDB side reads judicial record certificates for VNeID')],
};
